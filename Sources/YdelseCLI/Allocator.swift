#if canImport(Glibc)
import CMalloc
import Glibc
#endif

/// How the process asks glibc's malloc to give freed memory back, and to map its large blocks
/// with transparent huge pages.
///
/// By default glibc raises its mmap threshold each time a large block is freed (up to 32 MB):
/// after the first tables are freed, the column buffers of later stages come from the heap, and
/// freed ones stay with the process, so its resident memory keeps the high-water mark of every
/// stage. A fixed threshold (which turns that adjustment off) and a trim threshold let freed
/// tables go back to the system. Measured on a 200,000-person cold run: peak RSS 2.59 -> 1.98 GB
/// at the same CPU time (NOTES.md, session 5). The `MALLOC_MMAP_THRESHOLD_` and
/// `MALLOC_TRIM_THRESHOLD_` environment variables, when set, win.
///
/// Every block of a megabyte or more is therefore mapped fresh, and the kernel zeroes it page by
/// page on first touch: at 1,000,000 persons that was 26 % of a nightly `normalise` stage's CPU
/// (`clear_page_erms`). With glibc's tunable `glibc.malloc.hugetlb=1` those mappings are advised
/// for transparent huge pages (2 MiB at a time instead of 4 KiB); it saved about a third of the
/// run's system time at the same peak memory (NOTES.md, session 12). glibc reads tunables only
/// from `GLIBC_TUNABLES` when a process starts and `mallopt` has no counterpart, so
/// ``startWithHugePages()`` starts the process again with the tunable added, unless
/// `GLIBC_TUNABLES` already names it (`glibc.malloc.hugetlb=0` turns it off).
enum MallocTuning {
    /// Blocks this large or larger are mapped on their own and unmapped when freed.
    static let mmapThreshold: Int32 = 1 << 20
    /// Free memory above this much at the top of the heap is returned to the system.
    static let trimThreshold: Int32 = 4 << 20
    /// glibc's tunable that advises malloc's own mappings for transparent huge pages.
    static let hugePages = Tunable(name: "glibc.malloc.hugetlb", value: "1")

    /// One `name=value` setting of `GLIBC_TUNABLES`.
    struct Tunable: Equatable {
        var name: String
        var value: String
    }

    static func apply() {
        #if canImport(Glibc)
        if getenv("MALLOC_MMAP_THRESHOLD_") == nil { _ = mallopt(M_MMAP_THRESHOLD, mmapThreshold) }
        if getenv("MALLOC_TRIM_THRESHOLD_") == nil { _ = mallopt(M_TRIM_THRESHOLD, trimThreshold) }
        #endif
    }

    /// The `GLIBC_TUNABLES` value with `tunable` added, or `nil` when `current` already sets a
    /// value for it (a setting of the user's wins, and a process started again does not loop).
    static func tunables(adding tunable: Tunable, to current: String?) -> String? {
        let setting = "\(tunable.name)=\(tunable.value)"
        guard let current, !current.isEmpty else { return setting }
        let names = current.split(separator: ":").map { $0.prefix { $0 != "=" } }
        if names.contains(where: { $0 == tunable.name }) { return nil }
        return current + ":" + setting
    }

    /// Replaces the process by the same executable with the same arguments and
    /// ``hugePages`` added to `GLIBC_TUNABLES` (Linux; before anything else has run). Returns
    /// when the variable already names it, or when the executable cannot be started again (the
    /// run then goes on with 4 KiB pages).
    static func startWithHugePages() {
        #if os(Linux)
        let current = getenv("GLIBC_TUNABLES").map { String(cString: $0) }
        guard let value = tunables(adding: hugePages, to: current) else { return }
        setenv("GLIBC_TUNABLES", value, 1)
        _ = execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Not started again: leave the environment as it was for anything this process starts.
        if let current { setenv("GLIBC_TUNABLES", current, 1) } else { unsetenv("GLIBC_TUNABLES") }
        #endif
    }
}
