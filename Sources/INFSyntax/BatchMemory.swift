#if canImport(Glibc)
import Glibc
#endif

/// Process-wide allocator settings for programs that read many INF files in one run (`drvkit`,
/// the benchmarks). Call once, first thing in `main`; a library never changes them on its own.
///
/// A file's text, nodes and tables are a few large blocks, freed together when the file is done.
/// With its defaults, glibc's malloc hands the top of the heap back to the kernel whenever a free
/// leaves more than 128 KB there (a little more once it has adapted), so a run that alternates
/// large and small INFs grows the heap, faults its pages in again, and trims it, file after
/// file. Measured with `drvkit-bench` on the corpus: about a tenth of parse+resolve time, nearly
/// all of it the page faults of one 92 KB INF, and 13% fewer page faults for `drvkit lint` over a
/// folder of 4,000 INFs.
public enum BatchMemory {
    /// Freed heap kept for the next file instead of returned to the kernel.
    public static let keptBytes: Int32 = 64 << 20
    /// Extra heap taken each time it grows, so that growing is rare.
    public static let growthPadBytes: Int32 = 1 << 20

    /// Keeps up to ``keptBytes`` of freed heap (glibc's `M_TRIM_THRESHOLD`) and grows it by at
    /// least ``growthPadBytes`` (`M_TOP_PAD`). Nothing elsewhere; memory still goes back when the
    /// process ends, and peak use does not change (the kept memory was in use at the peak).
    public static func keepFreedHeap() {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module does not bring in: look it
        // up (it is absent from other C libraries, where this does nothing).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(trimThreshold, keptBytes)
        _ = mallopt(topPad, growthPadBytes)
        #endif
    }

    /// `M_TRIM_THRESHOLD` and `M_TOP_PAD` of glibc's <malloc.h>.
    static let trimThreshold: Int32 = -1, topPad: Int32 = -2
}
