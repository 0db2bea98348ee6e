import Foundation
import Testing
import TestSupport

/// `drvkit new` → `stamp` → `lint --mode windows-driver` (the strictest mode) is clean for every template; the KMDF one also
/// builds, signs and verifies as a package.
struct NewCommandTests {
    static let templates = ["kmdf-function", "wdm-function", "umdf2-function", "filter", "software-component"]

    @Test(arguments: templates)
    func stampedTemplateLintsCleanInWindowsDriverMode(_ template: String) throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let created = try CommandRunner.run(["new", template, "Widget", "--provider", "Fabrikam", "--hardware-id", "PCI\\VEN_1234&DEV_5678"], in: dir)
        #expect(created.exitCode == 0, "\(created.stderr)")
        let inx = dir.appendingPathComponent("Widget/Widget.inx").path
        let stamp = try CommandRunner.run(["stamp", inx, "--arch", "amd64", "--driver-ver", "01/15/2025,1.2.0.0", "--kmdf-version", "1.23", "--umdf-version", "2.23"])
        #expect(stamp.exitCode == 0, "\(stamp.stderr)")
        let lint = try CommandRunner.run(["lint", dir.appendingPathComponent("Widget/Widget.inf").path, "--mode", "windows-driver", "--format", "json"])
        #expect(lint.stdout.hasSuffix("\"summary\":{\"files\":1,\"errors\":0,\"warnings\":0,\"infos\":0}}\n"), "\(lint.stdout)")
        #expect(lint.exitCode == 0)
    }

    @Test func listAndBadNames() throws {
        let list = try CommandRunner.run(["new", "--list"])
        for t in Self.templates { #expect(list.stdout.contains(t)) }
        #expect(try CommandRunner.run(["new", "nope", "X"]).exitCode == 2)
        #expect(try CommandRunner.run(["new", "kmdf-function", "bad name"]).exitCode == 2)
    }

    @Test func kmdfTemplateBuildsSignsAndVerifies() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try CommandRunner.run(["new", "kmdf-function", "Widget"], in: dir)
        let src = dir.appendingPathComponent("Widget")
        _ = try CommandRunner.run(["stamp", src.appendingPathComponent("Widget.inx").path, "--arch", "amd64", "--driver-ver", "*", "--kmdf-version", "1.23"])
        try Data(PEWriter().bytes()).write(to: src.appendingPathComponent("Widget.sys"))
        let cert = dir.appendingPathComponent("c.pem").path, key = dir.appendingPathComponent("k.pem").path
        _ = try CommandRunner.run(["cert", "create", "--subject", "CN=Widget Test", "--cert-out", cert, "--key-out", key, "--key-bits", "2048"])
        let build = try CommandRunner.run(["package", "build", src.appendingPathComponent("Widget.inf").path, "--arch", "amd64",
                                           "-o", dir.appendingPathComponent("out").path, "--sign", "--cert", cert, "--key", key])
        #expect(build.exitCode == 0, "\(build.stderr)")
        #expect(try CommandRunner.run(["verify", dir.appendingPathComponent("out").path, "--trust", cert]).exitCode == 0)
    }
}
