#if os(Linux)
import CJemalloc
import Glibc
#endif

/// The process's memory allocator: on Linux jemalloc (`libjemalloc`), linked in place of
/// glibc's malloc, keeping freed pages for a while to use them again.
///
/// A run builds and drops tables of hundreds of megabytes stage after stage. glibc's malloc maps
/// each such block fresh and unmaps it when freed (its threshold for that stops at 32 MB; held
/// at 1 MB until session 13 so that freed tables went back to the system), and the kernel zeroes
/// every fresh page on first touch: at 1,000,000 persons a fifth of a nightly run's CPU was
/// `clear_page_erms`, also with transparent huge pages. jemalloc gives a freed block's pages
/// back only after they have stayed unused for about ``dirtyDecay`` milliseconds, so a later
/// stage's tables take the pages of an earlier stage's instead of fresh ones, and with
/// size-class arenas per thread its peak memory was no higher (NOTES.md, session 13).
///
/// `MALLOC_CONF` (jemalloc's own settings), when set, wins over ``configure()``.
enum Allocator {
    /// Milliseconds that freed ("dirty") pages are kept for reuse before they go back to the
    /// system (jemalloc's default is 10 s, shorter than some stages).
    static let dirtyDecay = 60_000
    /// Milliseconds that pages given back lazily ("muzzy") are kept: none, they go at once.
    static let muzzyDecay = 0

    /// Sets ``dirtyDecay`` and ``muzzyDecay`` for every arena (existing and later ones), unless
    /// `MALLOC_CONF` is set. Call first thing in `main`.
    static func configure() {
        #if os(Linux)
        guard getenv("MALLOC_CONF") == nil else { return }
        for (name, value) in [("dirty_decay_ms", dirtyDecay), ("muzzy_decay_ms", muzzyDecay)] {
            // `arenas.*` is the value for arenas made later, `arena.<all>.*` for the existing ones.
            for key in ["arenas.\(name)", "arena.\(allArenas).\(name)"] {
                var v = value
                _ = mallctl(key, nil, nil, &v, MemoryLayout<Int>.size)
            }
        }
        #endif
    }

    /// `arena.<i>` index that stands for every arena (jemalloc's `MALLCTL_ARENAS_ALL`).
    static let allArenas = 4096

    /// The allocator and its settings, for `run --verbose`: `jemalloc 5.3.0, dirty_decay_ms=60000,
    /// muzzy_decay_ms=0`; `system malloc` off Linux, where jemalloc is not linked.
    static var summary: String {
        #if os(Linux)
        var version: UnsafePointer<CChar>?
        var size = MemoryLayout<UnsafePointer<CChar>?>.size
        guard mallctl("version", &version, &size, nil, 0) == 0, let version else { return "unknown" }
        func read(_ key: String) -> String {
            var v = 0, n = MemoryLayout<Int>.size
            return mallctl(key, &v, &n, nil, 0) == 0 ? String(v) : "?"
        }
        let release = String(cString: version).prefix { $0 != "-" }
        return "jemalloc \(release), dirty_decay_ms=\(read("arenas.dirty_decay_ms")), muzzy_decay_ms=\(read("arenas.muzzy_decay_ms"))"
        #else
        return "system malloc"
        #endif
    }
}
