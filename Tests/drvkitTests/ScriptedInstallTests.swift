import Foundation
import Testing
import TestSupport

/// pnputil and devcon on a sandbox, end to end through the executables.
struct ScriptedInstallTests {
    @Test func explore() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let signer = try EchoPackage.certificate(dir)
        let inf = try EchoPackage.build(try EchoPackage.source(dir), into: dir, name: "pkg", signer: signer)
        let sb = dir.appendingPathComponent("sb").path
        for args in [["sandbox", "init", sb], ["sandbox", "device", "add", "--sandbox", sb, "--hardware-id", "Root\\Echo"],
                     ["pnputil", "--sandbox", sb, "/add-driver", inf, "/install"], ["pnputil", "--sandbox", sb, "/enum-drivers"],
                     ["pnputil", "--sandbox", sb, "/enum-devices", "/ids"], ["devcon", "--sandbox", sb, "status", "*"],
                     ["devcon", "--sandbox", sb, "drivernodes", "*"], ["devcon", "--sandbox", sb, "driverfiles", "*"],
                     ["sandbox", "trust", "--sandbox", sb, signer.cert], ["pnputil", "--sandbox", sb, "/restart-device", "ROOT\\ECHO\\0000"],
                     ["devcon", "--sandbox", sb, "status", "*"], ["devcon", "--sandbox", sb, "drivernodes", "*"],
                     ["pnputil", "--sandbox", sb, "/delete-driver", "oem0.inf"], ["pnputil", "--sandbox", sb, "/delete-driver", "oem0.inf", "/uninstall"],
                     ["devcon", "--sandbox", sb, "status", "*"], ["reg", "query", "--sandbox", sb, "HKLM\\SYSTEM\\CurrentControlSet\\Enum", "/s"]] {
            let r = try CommandRunner.run(args)
            print("$ \(args.joined(separator: " "))\n\(r.stdout)\(r.stderr)[exit \(r.exitCode)]")
        }
    }
}
