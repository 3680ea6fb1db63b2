// glibc's malloc tuning (mallopt); see Sources/YdelseCLI/MallocTuning.swift.
#if defined(__linux__)
#include <malloc.h>
#endif
