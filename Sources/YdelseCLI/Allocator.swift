import CJemallocConf
#if os(Linux)
import CJemalloc
import Glibc
#endif

/// The process's memory allocator: on Linux jemalloc (`libjemalloc`), linked in place of
/// glibc's malloc, keeping freed pages for a while to use them again, in huge pages.
///
/// A run builds and drops tables of hundreds of megabytes stage after stage. glibc's malloc maps
/// each such block fresh and unmaps it when freed (its threshold for that stops at 32 MB; held
/// at 1 MB until session 13 so that freed tables went back to the system), and the kernel zeroes
/// every fresh page on first touch: at 1,000,000 persons a fifth of a nightly run's CPU was
/// `clear_page_erms`. jemalloc gives a freed block's pages back only after they have stayed
/// unused for about 60 s (`dirty_decay_ms`; `muzzy_decay_ms` 0: pages given back go at once),
/// so a later stage's tables take the pages of an earlier stage's instead of fresh ones, and
/// with size-class arenas per thread its peak memory was no higher (NOTES.md, session 13).
///
/// `thp:always` has jemalloc ask for transparent huge pages (`madvise(MADV_HUGEPAGE)`, which
/// the kernel honours in its default `madvise` mode) on the memory it maps: one fault per 2 MiB
/// instead of per 4 KiB. The memory a run touches first (every decoded table) still has to be
/// zeroed, but on a virtual machine each fresh 4 KiB page can also cost the host a fault: at
/// 1,000,000 persons minor faults went 2.7 M -> 0.3 M (nightly) and 5.5 M -> 0.7 M (cold), system
/// time 20-22 -> 12-15 s and 36 -> 27 s, peak RSS +0.2 GB (NOTES.md, session 17).
///
/// The settings are jemalloc's start-up string `malloc_conf` (C target `CJemallocConf`):
/// `thp` cannot be changed once jemalloc runs. `MALLOC_CONF` (jemalloc's environment variable)
/// wins option by option.
enum Allocator {
    /// The start-up settings this binary gives jemalloc (`malloc_conf`); empty off Linux.
    static var configured: String { String(cString: ydelse_malloc_conf()) }

    /// The allocator and the settings in force, for `run --verbose`: `jemalloc 5.3.0,
    /// dirty_decay_ms=60000, muzzy_decay_ms=0, thp=always (built in: …)`; `system malloc` off
    /// Linux, where jemalloc is not linked.
    static var summary: String {
        #if os(Linux)
        var version: UnsafePointer<CChar>?
        var size = MemoryLayout<UnsafePointer<CChar>?>.size
        guard mallctl("version", &version, &size, nil, 0) == 0, let version else { return "unknown" }
        func read(_ key: String) -> String {
            var v = 0, n = MemoryLayout<Int>.size
            return mallctl(key, &v, &n, nil, 0) == 0 ? String(v) : "?"
        }
        var thp: UnsafePointer<CChar>?
        var thpSize = MemoryLayout<UnsafePointer<CChar>?>.size
        let hugePages = mallctl("opt.thp", &thp, &thpSize, nil, 0) == 0 ? thp.map { String(cString: $0) } ?? "?" : "?"
        let release = String(cString: version).prefix { $0 != "-" }
        return "jemalloc \(release), dirty_decay_ms=\(read("arenas.dirty_decay_ms")), muzzy_decay_ms=\(read("arenas.muzzy_decay_ms")), thp=\(hugePages) (built in: \(configured))"
        #else
        return "system malloc"
        #endif
    }
}
