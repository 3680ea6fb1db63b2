// jemalloc (libjemalloc-dev), linked in place of glibc's malloc; see
// Sources/YdelseCLI/Allocator.swift. Only its control interface is declared here: the
// allocation functions keep their <stdlib.h> declarations, which jemalloc's replace.
#include <stddef.h>

int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen);
