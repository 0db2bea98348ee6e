import Foundation
import Testing
import TestSupport

/// install-section is all or nothing even when killed, and concurrent installs are serialised.
struct SandboxSafetyTests {
    /// An INF whose install takes a little while: many values and several files.
    static func writeINF(in dir: URL, tag: String, files: Int = 12) throws -> URL {
        let src = dir.appendingPathComponent("src-\(tag)")
        try FileManager.default.createDirectory(at: src, withIntermediateDirectories: true)
        var reg = "", copy = "", disks = ""
        for i in 0..<300 { reg += "HKLM,Software\\Kill\\\(tag),Value\(i),0x00010001,\(i)\r\n" }
        for i in 0..<files {
            try Data(repeating: UInt8(i), count: 64 * 1024).write(to: src.appendingPathComponent("f\(i).bin"))
            copy += "f\(i).bin\r\n"; disks += "f\(i).bin = 1\r\n"
        }
        let inf = src.appendingPathComponent("kill.inf")
        try ("[Version]\r\nSignature=\"$Windows NT$\"\r\n[SourceDisksNames]\r\n1 = \"d\"\r\n[SourceDisksFiles]\r\n\(disks)"
             + "[DestinationDirs]\r\nDefaultDestDir = 11,Kill\\\(tag)\r\n[DefaultInstall]\r\nCopyFiles = Files\r\nAddReg = R\r\n"
             + "[Files]\r\n\(copy)[R]\r\n\(reg)").write(to: inf, atomically: true, encoding: .utf8)
        return inf
    }

    /// Untouched, or fully installed: nothing in between.
    static func state(_ sandbox: URL, tag: String, files: Int = 12) throws -> String {
        let opened = try CommandRunner.run(["reg", "export", "HKLM\\Software\\Kill\\\(tag)", "--json", "--sandbox", sandbox.path])
        let folder = sandbox.appendingPathComponent("C/Windows/System32/Kill/\(tag)")
        let present = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".bin") }.count ?? 0
        let staging = FileManager.default.fileExists(atPath: sandbox.appendingPathComponent(".staging").path)
        if opened.exitCode != 0 && present == 0 && !staging { return "untouched" }
        let values = opened.stdout.components(separatedBy: "\"type\":\"REG_DWORD\"").count - 1
        if values == 300 && present == files && !staging {
            for i in 0..<files {
                let data = try Data(contentsOf: folder.appendingPathComponent("f\(i).bin"))
                if data != Data(repeating: UInt8(i), count: 64 * 1024) { return "corrupt f\(i).bin" }
            }
            return "installed"
        }
        return "half: \(values) values, \(present) files, staging \(staging)"
    }

    @Test func killedInstallsLeaveTheSandboxUntouchedOrComplete() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let template = dir.appendingPathComponent("template")
        #expect(try CommandRunner.run(["sandbox", "init", template.path]).exitCode == 0)
        let inf = try Self.writeINF(in: dir, tag: "k")
        let binary = CommandRunner.productsDirectory.appendingPathComponent("drvkit")
        // Time one complete install, then kill at random points across that span (and a little past it).
        let calibration = dir.appendingPathComponent("calibrate")
        try FileManager.default.copyItem(at: template, to: calibration)
        let start = Date()
        _ = try CommandRunner.run(["install-section", inf.path, "DefaultInstall", "--sandbox", calibration.path])
        let span = UInt32(min(max(Date().timeIntervalSince(start) * 1.3, 0.02), 2.0) * 1_000_000)
        var outcomes: [String: Int] = [:]
        var generator = SeededGenerator(seed: 77)
        for run in 0..<200 {
            let sandbox = dir.appendingPathComponent("run\(run)")
            try FileManager.default.copyItem(at: template, to: sandbox)
            let process = try Self.startInstall(binary, inf: inf, sandbox: sandbox)
            usleep(UInt32.random(in: 0...span, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let state = try Self.state(sandbox, tag: "k")
            #expect(state == "untouched" || state == "installed", "run \(run): \(state)")
            outcomes[state, default: 0] += 1
            try FileManager.default.removeItem(at: sandbox)
        }
        print("SIGKILL outcomes over 200 runs: \(outcomes)")
        #expect(outcomes["untouched", default: 0] > 0 && outcomes["installed", default: 0] > 0, "the timings should cover both outcomes: \(outcomes)")
    }

    @Test func eightConcurrentInstallsAreAllKept() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sandbox = dir.appendingPathComponent("sb")
        _ = try CommandRunner.run(["sandbox", "init", sandbox.path])
        let infs = try (0..<8).map { try Self.writeINF(in: dir, tag: "c\($0)", files: 2) }
        let binary = CommandRunner.productsDirectory.appendingPathComponent("drvkit")
        let processes = try infs.map { try Self.startInstall(binary, inf: $0, sandbox: sandbox) }
        for p in processes { p.waitUntilExit(); #expect(p.terminationStatus == 0) }
        for i in 0..<8 { #expect(try Self.state(sandbox, tag: "c\(i)", files: 2) == "installed", "install \(i)") }
    }

    /// Starts `drvkit install-section INF DefaultInstall --sandbox SANDBOX`, its output discarded.
    static func startInstall(_ binary: URL, inf: URL, sandbox: URL) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["install-section", inf.path, "DefaultInstall", "--sandbox", sandbox.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
