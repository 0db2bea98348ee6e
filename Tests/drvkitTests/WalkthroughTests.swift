import Foundation
import Testing
import TestSupport

/// examples/scripted-install/walkthrough.sh, run with the built drvkit, pnputil and devcon; its output
/// (with the driver store's hashes and the work folder masked) must match expected-output.txt.
struct WalkthroughTests {
    static let example = TestPaths.packageRoot.appendingPathComponent("examples/scripted-install")

    /// Masks what differs between runs: store folder hashes, the work folder.
    static func normalised(_ text: String, work: String) -> String {
        text.replacingOccurrences(of: work, with: "WORK")
            .replacingOccurrences(of: #"_[0-9a-f]{16}"#, with: "_<hash>", options: .regularExpression)
    }

    @Test func theScriptedInstallWalkthroughPrintsWhatItDocuments() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var writer = PEWriter()
        writer.subsystem = 1
        let sys = dir.appendingPathComponent("echo.sys")
        try Data(writer.bytes()).write(to: sys)
        let products = CommandRunner.productsDirectory
        let work = dir.appendingPathComponent("work").path
        let result = try CommandRunner.run([Self.example.appendingPathComponent("walkthrough.sh").path, work, sys.path], executable: "/bin/sh",
                                           environment: ["DRVKIT": products.appendingPathComponent("drvkit").path,
                                                         "PNPUTIL": products.appendingPathComponent("pnputil").path,
                                                         "DEVCON": products.appendingPathComponent("devcon").path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let output = Self.normalised(result.stdout, work: work)
        let expectedURL = Self.example.appendingPathComponent("expected-output.txt")
        if ProcessInfo.processInfo.environment["DRVKIT_UPDATE_EXPECTED"] != nil { try output.write(to: expectedURL, atomically: true, encoding: .utf8) }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(output == expected)
        if output != expected {
            for (a, b) in zip(output.split(separator: "\n", omittingEmptySubsequences: false), expected.split(separator: "\n", omittingEmptySubsequences: false)) where a != b {
                Issue.record("first difference:\n got: \(a)\nwant: \(b)")
                break
            }
        }
    }
}
