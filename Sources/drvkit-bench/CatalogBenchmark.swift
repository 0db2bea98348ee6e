import Authenticode
import Foundation

/// `drvkit-bench catalog [--megabytes 200] [--runs 3]`: catalog generation (read every file, hash it
/// as Inf2Cat does: Authenticode SHA-1 for PE images, flat SHA-1 otherwise, build the CTL) over a
/// package of that size, next to `sha256sum` on the same files.
enum CatalogBenchmark {
    static func run(_ arguments: [String]) throws {
        var megabytes = 200, runs = 3
        var i = 0
        while i < arguments.count {
            if arguments[i] == "--megabytes" { i += 1; megabytes = Int(arguments[i]) ?? megabytes }
            if arguments[i] == "--runs" { i += 1; runs = max(1, Int(arguments[i]) ?? runs) }
            i += 1
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("drvkit-catalog-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Half PE images (drivers, DLLs), half flat files (firmware blobs, INFs), 4 MB each.
        let fileSize = 4 << 20
        let count = max(2, (megabytes * 1_000_000 + fileSize - 1) / fileSize)
        var paths: [String] = []
        var seed: UInt64 = 0x1234_5678
        for n in 0..<count {
            var bytes = [UInt8](repeating: 0, count: fileSize)
            for j in stride(from: 0, to: fileSize, by: 8) {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                withUnsafeBytes(of: seed) { for k in 0..<8 where j + k < fileSize { bytes[j + k] = $0[k] } }
            }
            if n % 2 == 0 { bytes = peImage(payload: bytes) }
            let path = dir.appendingPathComponent("file\(n).\(n % 2 == 0 ? "sys" : "bin")").path
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            paths.append(path)
        }
        let total = paths.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        let mb = Double(total) / 1e6
        var best = Double.infinity
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            let inputs = paths.map { CatalogInput(name: URL(fileURLWithPath: $0).lastPathComponent, bytes: [UInt8](FileManager.default.contents(atPath: $0)!)) }
            let catalog = try AuthenticodeSigner.unsignedCatalog(files: inputs, osAttributes: "2:10.0", attributes: [("OS", "_v100_X64")])
            precondition(catalog.count > 0)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        var shaBest = Double.infinity
        for _ in 0..<runs {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["sha256sum"] + paths
            process.standardOutput = FileHandle.nullDevice
            let start = DispatchTime.now().uptimeNanoseconds
            try process.run()
            process.waitUntilExit()
            shaBest = min(shaBest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        print(String(format: "catalog of %d files, %.1f MB: %.3f s  %7.1f MB/s (best of %d; read + hash + CTL)", count, mb, best, mb / best, runs))
        print(String(format: "sha256sum, same files:      %.3f s  %7.1f MB/s", shaBest, mb / shaBest))
        print(String(format: "ratio: %.0f%% of sha256sum (goal: at least 80%%)", 100 * shaBest / best))
    }

    /// A one-section PE32+ image around `payload`.
    static func peImage(payload: [UInt8]) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 0x400)
        func put16(_ v: Int, _ o: Int) { header[o] = UInt8(v & 0xFF); header[o + 1] = UInt8(v >> 8 & 0xFF) }
        func put32(_ v: Int, _ o: Int) { for k in 0..<4 { header[o + k] = UInt8(v >> (8 * k) & 0xFF) } }
        header[0] = 0x4D; header[1] = 0x5A; put32(0x40, 0x3C)
        header[0x40] = 0x50; header[0x41] = 0x45
        put16(0x8664, 0x44); put16(1, 0x46); put16(240, 0x54); put16(0x22, 0x56)
        let opt = 0x58
        put16(0x20B, opt); put32(0x200, opt + 36); put32(0x1000, opt + 32); put32(0x400, opt + 60); put16(1, opt + 68); put32(16, opt + 108)
        let section = opt + 240
        for (k, c) in ".text".utf8.enumerated() { header[section + k] = c }
        put32(payload.count, section + 8); put32(0x1000, section + 12); put32(payload.count, section + 16); put32(0x400, section + 20)
        return header + payload
    }
}
