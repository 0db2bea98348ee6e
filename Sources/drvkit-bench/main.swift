import Foundation
import Synchronization
import INFModel
import INFSyntax
import Authenticode

/// Throughput benchmark: parse and resolve the INF corpus, next to `wc -l` on the same bytes.
///
///     swift run -c release drvkit-bench [CORPUS_DIR] [--megabytes N] [--runs N] [--glibc-trimming]
///
/// The corpus is read into memory and repeated to at least N MB (default 100); each run decodes,
/// parses and resolves every file (SyntaxTree + INFDocument, every field substituted). The best
/// run is reported, and `wc -l` is timed on a file holding the same bytes in the same process run.
/// The process keeps freed heap as `drvkit` does (``BatchMemory``) unless `--glibc-trimming` is given.
struct Options {
    var corpus = "../shared/corpus"
    var megabytes = 100
    var runs = 3
    /// `--glibc-trimming`: leave glibc's heap trimming as it is, instead of `drvkit`'s setting.
    var keepFreedHeap = true

    init(_ arguments: [String]) {
        var i = 0
        while i < arguments.count {
            switch arguments[i] {
            case "--megabytes": i += 1; megabytes = Int(arguments[i]) ?? megabytes
            case "--runs": i += 1; runs = max(1, Int(arguments[i]) ?? runs)
            case "--parse-resolve-only": break
            case "--glibc-trimming": keepFreedHeap = false
            default: corpus = arguments[i]
            }
            i += 1
        }
    }
}

func corpusFiles(_ root: String) -> [[UInt8]] {
    let url = URL(fileURLWithPath: root)
    var files: [[UInt8]] = []
    let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
    while let file = enumerator?.nextObject() as? URL {
        let name = file.lastPathComponent.lowercased()
        guard name.hasSuffix(".inf") || name.hasSuffix(".inx") || name.hasSuffix(".inf.in") else { continue }
        if let data = try? Data(contentsOf: file) { files.append([UInt8](data)) }
    }
    return files
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

if CommandLine.arguments.dropFirst().first == "sandbox-measure" {
    try SandboxBenchmark.measure(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}

if CommandLine.arguments.dropFirst().first == "sandbox" {
    try SandboxBenchmark.run(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}

if CommandLine.arguments.dropFirst().first == "catalog" {
    try CatalogBenchmark.run(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
if options.keepFreedHeap { BatchMemory.keepFreedHeap() }
let base = corpusFiles(options.corpus)
guard !base.isEmpty else {
    FileHandle.standardError.write(Data("drvkit-bench: no INF files under \(options.corpus)\n".utf8))
    exit(3)
}
var inputs: [[UInt8]] = []
var total = 0
while total < options.megabytes * 1_000_000 {
    for file in base { inputs.append(file); total += file.count }
}
let megabytes = Double(total) / 1e6

/// The best time of `options.runs` runs of `body` and the count it returned, which must not be 0
/// (the count keeps the work from being optimised away).
func bestOfRuns(_ what: String, _ body: () -> Int) -> (seconds: Double, count: Int) {
    var best = Double.infinity, count = 0
    for _ in 0..<options.runs {
        let t = seconds { count = body() }
        if count == 0 { print("no \(what)") }
        best = min(best, t)
    }
    return (best, count)
}

let (best, checksum) = bestOfRuns("lines") { ParseWork.parseAndResolve(inputs) }
if CommandLine.arguments.contains("--parse-resolve-only") {
    print(String(format: "parse+resolve: %.3f s  %8.1f MB/s", best, megabytes / best))
    exit(0)
}
// The same work on every core, files in parallel (as `drvkit lint` works through a folder). For
// reference only: the goal compares one core with `wc -l`, which uses one.
let cores = ProcessInfo.processInfo.activeProcessorCount
let files = inputs
let parallel = bestOfRuns("lines") {
    let total = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: cores) { worker in
        let count = ParseWork.parseAndResolve(files, first: worker, step: cores)
        total.withLock { $0 &+= count }
    }
    return total.withLock { $0 }
}
let parseOnly = bestOfRuns("lines") { inputs.reduce(0) { $0 + SyntaxTree(bytes: $1).lines.count } }.seconds
let decodeOnly = bestOfRuns("units") { inputs.reduce(0) { $0 + SourceText(bytes: $1).units.count } }.seconds
let trees = inputs.prefix(inputs.count / 4).map { SyntaxTree(bytes: $0) }
let resolveOnly = 4 * bestOfRuns("sections") { trees.reduce(0) { $0 + INFDocument(tree: $1).sections.count } }.seconds

// wc -l on the same bytes, from a file in the page cache.
let temp = FileManager.default.temporaryDirectory.appendingPathComponent("drvkit-bench-\(getpid()).txt")
_ = FileManager.default.createFile(atPath: temp.path, contents: nil)
let handle = try FileHandle(forWritingTo: temp)
for bytes in inputs { handle.write(Data(bytes)) }
try handle.close()
defer { try? FileManager.default.removeItem(at: temp) }
var wcBest = Double.infinity
for _ in 0..<(options.runs + 1) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["wc", "-l", temp.path]
    process.standardOutput = FileHandle.nullDevice
    let t = try seconds { try process.run(); process.waitUntilExit() }
    wcBest = min(wcBest, t)
}

let rate = megabytes / best
let wcRate = megabytes / wcBest
print(String(format: "input: %d corpus files repeated to %.1f MB (%d files)", base.count, megabytes, inputs.count))
print(options.keepFreedHeap ? "allocator: freed heap kept between files, as drvkit runs (--glibc-trimming for glibc's default)"
                            : "allocator: glibc's default trimming (--glibc-trimming)")
print(String(format: "drvkit parse+resolve: %.3f s  %8.1f MB/s  (best of %d; %d lines+fields)", best, rate, options.runs, checksum))
print(String(format: "  of which decode:    %.3f s  %8.1f MB/s", decodeOnly, megabytes / decodeOnly))
print(String(format: "  of which parse:     %.3f s  %8.1f MB/s  (decode + lossless tree)", parseOnly, megabytes / parseOnly))
print(String(format: "  of which resolve:   %.3f s  %8.1f MB/s  (INFDocument on parsed trees; a quarter of the input, scaled)", resolveOnly, megabytes / resolveOnly))
print(String(format: "wc -l:                %.3f s  %8.1f MB/s  (best of %d, process start included)", wcBest, wcRate, options.runs + 1))
print(String(format: "ratio: %.1f%% of wc -l (goal: at least 30%%)", 100 * rate / wcRate))
print(String(format: "on %d cores, files in parallel: %.3f s  %8.1f MB/s  (%.1f%% of wc -l on one core; for reference, not the goal's comparison)",
             cores, parallel.seconds, megabytes / parallel.seconds, 100 * megabytes / parallel.seconds / wcRate))
