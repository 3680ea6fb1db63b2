// jemalloc's start-up settings for the `ydelse` binary; see jemalloc_conf.c and
// Sources/YdelseCLI/Allocator.swift.
#ifndef CJEMALLOCCONF_H
#define CJEMALLOCCONF_H

/// The settings this binary gives jemalloc at start-up (its `malloc_conf`), or "" where
/// jemalloc is not linked.
const char *ydelse_malloc_conf(void);

#endif
