import Authenticode
import DeviceSandbox
import DriverPackage
import Foundation
import TestSupport
import X509

/// The driver store at scale: a sandbox with 10,000 devices and 1,000 staged packages (every device
/// driven), then the `pnputil` executable timed on `/add-driver X.inf /install` and `/enum-drivers`.
///
///     swift build -c release --product pnputil
///     swift run -c release drvkit-bench sandbox [--devices N] [--packages N] [--runs N] [--keep DIR]
///
/// Goals (issue 7): add+install under 100 ms, enum-drivers under 200 ms, peak memory under 100 MB.
enum SandboxBenchmark {
    static func run(_ arguments: [String]) throws {
        var devices = 10_000, packages = 1_000, runs = 5
        var keep: String?
        var i = 0
        while i < arguments.count {
            switch arguments[i] {
            case "--devices": i += 1; devices = Int(arguments[i]) ?? devices
            case "--packages": i += 1; packages = Int(arguments[i]) ?? packages
            case "--runs": i += 1; runs = max(1, Int(arguments[i]) ?? runs)
            case "--keep": i += 1; keep = arguments[i]
            default: break
            }
            i += 1
        }
        let work = URL(fileURLWithPath: keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("drvkit-sandbox-bench-\(getpid())").path)
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: work) } }

        let sandbox = try Sandbox.create(at: work.appendingPathComponent("sb").path, machine: "win11-24h2-x64")
        // Test-signed packages on a machine in Test Mode that trusts their certificate, as a lab machine is set up.
        let (certificate, key) = try TestCertificate.create(subject: "CN=Contoso Bench Signing", days: 30, keyBits: 2048)
        let pem = work.appendingPathComponent("bench.pem").path
        try certificate.serializeAsPEM().pemString.write(toFile: pem, atomically: true, encoding: .utf8)
        for store in ["Root", "TrustedPublisher"] { try TrustStore.add(file: pem, store: store, sandbox: sandbox) }
        try BootConfiguration.set([.secureBoot: false], sandbox: sandbox)
        _ = try BootConfiguration.bcdedit(set: "testsigning", "on", sandbox: sandbox)
        _ = try BootConfiguration.reboot(sandbox: sandbox)
        let signer = (chain: [certificate], key: key)
        // Packages 0..<packages are staged now; `runs` more are kept for the timed /add-driver runs.
        var built: [String] = []
        let buildTime = try seconds {
            for n in 0..<(packages + runs) { built.append(try buildPackage(n, in: work, signer: signer)) }
        }
        let stageTime = try seconds { for inf in built.prefix(packages) { _ = try DriverStore.add(infPath: inf, sandbox: sandbox) } }
        // Devices spread over every package's hardware ID, the timed packages' included (10 each).
        let specs = (0..<devices).map { Devices.DeviceSpec(hardwareIDs: ["ROOT\\BENCH\($0 % (packages + runs))"], description: "Bench device \($0)") }
        let addTime = try seconds { _ = try Devices.add(specs, sandbox: sandbox) }
        var installed = 0
        let installTime = try seconds { installed = try Devices.installDrivers(sandbox: sandbox).installed.count }
        print(String(format: "setup: %d packages built in %.1f s, staged in %.1f s; %d devices added in %.1f s; %d driven in %.1f s",
                     packages + runs, buildTime, stageTime, devices, addTime, installed, installTime))
        let size = (try? FileManager.default.attributesOfItem(atPath: sandbox.root.appendingPathComponent(Sandbox.databaseName).path)[.size] as? Int) ?? 0
        print(String(format: "sandbox database: %.1f MB", Double(size) / 1e6))

        // Measured from a fresh, small process: on Linux a spawned child's peak memory starts at its
        // parent's (the address space it was spawned from), so timing from this big process would
        // report this process's size instead of pnputil's.
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let timedPackages = Array(built[packages...])
        let (_, _, report) = try timed(me, ["sandbox-measure", sandbox.root.path, "oem\(packages).inf"] + timedPackages)
        print(report, terminator: "")
    }

    /// `drvkit-bench sandbox-measure SANDBOX EXPECTED-NAME INF…`: one timed `/add-driver INF /install`
    /// per INF, then as many `/enum-drivers`.
    static func measure(_ arguments: [String]) throws {
        let (sandbox, expected, infs) = (arguments[0], arguments[1], Array(arguments.dropFirst(2)))
        // `swift run drvkit-bench` builds only itself: build pnputil first (README), or an older one is timed.
        let pnputil = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("pnputil")
        var addTimes: [Double] = [], enumTimes: [Double] = []
        var addPeak = 0.0, enumPeak = 0.0, installedPerRun: [Int] = []
        for inf in infs {
            let (t, peak, out) = try timed(pnputil, ["--sandbox", sandbox, "/add-driver", inf, "/install"])
            installedPerRun.append(out.components(separatedBy: "Driver package installed on device:").count - 1)
            if installedPerRun.last == 0 { print("warning: \(inf) installed nothing:\n\(out)") }
            addTimes.append(t)
            addPeak = max(addPeak, peak)
        }
        for _ in infs {
            let (t, peak, out) = try timed(pnputil, ["--sandbox", sandbox, "/enum-drivers"])
            if !out.contains(expected) { print("warning: enum-drivers output lacks \(expected)") }
            enumTimes.append(t)
            enumPeak = max(enumPeak, peak)
        }
        func report(_ name: String, _ times: [Double], goal: Double) {
            let sorted = times.sorted()
            print(name.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: " median %6.1f ms  best %6.1f ms  worst %6.1f ms  (goal < %.0f ms, %d runs)",
                         1000 * sorted[sorted.count / 2], 1000 * sorted[0], 1000 * sorted[sorted.count - 1], goal, sorted.count))
        }
        report("pnputil /add-driver X.inf /install", addTimes, goal: 100)
        print("  (devices installed per run: \(installedPerRun.map(String.init).joined(separator: ", ")))")
        report("pnputil /enum-drivers", enumTimes, goal: 200)
        print(String(format: "peak memory: /add-driver %.1f MB, /enum-drivers %.1f MB (goal < 100 MB; a run never shows less than the measuring process's own %.1f MB)",
                     addPeak, enumPeak, selfPeakMB()))
    }

    /// This process's peak resident memory (VmHWM), in MB.
    static func selfPeakMB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }

    /// Package `n`: an INF whose one models line matches `ROOT\BENCH<n>`, a kernel driver, a signed catalog.
    static func buildPackage(_ n: Int, in work: URL, signer: (chain: [Certificate], key: AuthenticodeRSAKey)) throws -> String {
        let source = work.appendingPathComponent("src/\(n)")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        var inf = DriverINF()
        inf.name = "bench\(n)"
        inf.hardwareIDs = ["ROOT\\BENCH\(n)"]
        inf.driverVer = "11/01/2026,1.0.\(n / 1000).\(n % 1000)"
        inf.description = "Bench device \(n)"
        try inf.text.write(to: source.appendingPathComponent("bench\(n).inf"), atomically: true, encoding: .utf8)
        var writer = PEWriter()
        writer.subsystem = 1
        try Data(writer.bytes()).write(to: source.appendingPathComponent("bench\(n).sys"))
        let out = work.appendingPathComponent("pkg/\(n)").path
        _ = try PackageBuilder(infPath: source.appendingPathComponent("bench\(n).inf").path, architecture: .amd64, signer: signer).build(into: out)
        return out + "/bench\(n).inf"
    }

    /// Runs `executable` with its output in a file; returns its wall time (process start included),
    /// its peak resident memory in MB (from `wait4`) and its output.
    static func timed(_ executable: URL, _ arguments: [String]) throws -> (seconds: Double, peakMB: Double, output: String) {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("drvkit-bench-out-\(getpid())").path
        defer { unlink(outPath) }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        var usage = rusage()
        var status: Int32 = 0
        let t = try seconds {
            guard posix_spawn(&pid, executable.path, &actions, nil, argv, environ) == 0 else { throw CocoaError(.executableLoad) }
            _ = wait4(pid, &status, 0, &usage)
        }
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        return (t, Double(usage.ru_maxrss) / 1024, output)
    }
}
