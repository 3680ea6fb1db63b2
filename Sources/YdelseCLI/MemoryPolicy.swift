/// How the process asks the C allocator to handle the large column buffers.
///
/// A run allocates and frees gigabytes of short-lived buffers (parse buffers,
/// sort keys, the source table a stage replaces). By default glibc maps every
/// buffer above its threshold fresh from the kernel and returns it on free, so
/// each reuse pays a page fault and a zeroed page per 4 KiB. Keeping freed
/// memory in the heap lets later buffers reuse those pages: on the 100,000-
/// person benchmark this cut page faults by about 30 % and system time by a
/// fifth, at the same peak RSS (`make bench`; NOTES.md).
enum MemoryPolicy {
    /// Serve every allocation from the heap and never trim it back.
    static func apply() {
        #if os(Linux)
        _ = glibcMallopt(-4 /* M_MMAP_MAX */, 0)
        _ = glibcMallopt(-1 /* M_TRIM_THRESHOLD */, Int32.max)
        #endif
    }
}

#if os(Linux)
/// glibc's `mallopt` (declared in `<malloc.h>`, which the Glibc module does not import).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
