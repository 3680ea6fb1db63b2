#if canImport(Glibc)
import CMalloc
import Glibc
#endif

/// How the process asks glibc's malloc to give freed memory back.
///
/// By default glibc raises its mmap threshold each time a large block is freed (up to 32 MB):
/// after the first tables are freed, the column buffers of later stages come from the heap, and
/// freed ones stay with the process, so its resident memory keeps the high-water mark of every
/// stage. A fixed threshold (which turns that adjustment off) and a trim threshold let freed
/// tables go back to the system. Measured on a 200,000-person cold run: peak RSS 2.59 -> 1.98 GB
/// at the same CPU time (NOTES.md, session 5). The `MALLOC_MMAP_THRESHOLD_` and
/// `MALLOC_TRIM_THRESHOLD_` environment variables, when set, win.
enum MallocTuning {
    /// Blocks this large or larger are mapped on their own and unmapped when freed.
    static let mmapThreshold: Int32 = 1 << 20
    /// Free memory above this much at the top of the heap is returned to the system.
    static let trimThreshold: Int32 = 4 << 20

    static func apply() {
        #if canImport(Glibc)
        if getenv("MALLOC_MMAP_THRESHOLD_") == nil { _ = mallopt(M_MMAP_THRESHOLD, mmapThreshold) }
        if getenv("MALLOC_TRIM_THRESHOLD_") == nil { _ = mallopt(M_TRIM_THRESHOLD, trimThreshold) }
        #endif
    }
}
