// jemalloc reads the application's `malloc_conf` string once, when it initialises (before
// `main`), then the MALLOC_CONF environment variable, whose options win one by one. Options
// such as `thp` exist only at start-up, which is why they are set here and not with `mallctl`
// from Swift. What each one is for: Sources/YdelseCLI/Allocator.swift.
#include "CJemallocConf.h"

#ifdef __linux__
const char *malloc_conf = "thp:always,dirty_decay_ms:60000,muzzy_decay_ms:0";

const char *ydelse_malloc_conf(void) { return malloc_conf; }
#else
const char *ydelse_malloc_conf(void) { return ""; }
#endif
