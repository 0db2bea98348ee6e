import Foundation
import TestSupport

/// Packages for the pnputil and devcon tests, built once per test run through the executables:
/// echo 1.0 and a boot-start echo 1.1, signed with a test certificate.
enum ToolFixtures {
    struct Built: Sendable {
        var dir: URL
        var cert: String
        var v1: String
        var bootV2: String
    }

    static let built: Built = {
        let dir = try! CommandRunner.temporaryDirectory()
        let signer = try! EchoPackage.certificate(dir)
        let v1 = try! EchoPackage.build(try! EchoPackage.source(dir.appendingPathComponent("v1")), into: dir, name: "pkg1", signer: signer)
        let bootSource = try! EchoPackage.source(dir.appendingPathComponent("v2")) {
            $0.replacingOccurrences(of: "11/20/2026,1.0.0.0", with: "11/24/2026,1.1.0.0")
                .replacingOccurrences(of: "StartType     = 3 ", with: "StartType     = 0 ")
        }
        let v2 = try! EchoPackage.build(bootSource, into: dir, name: "pkg2", signer: signer)
        return Built(dir: dir, cert: signer.cert, v1: v1, bootV2: v2)
    }()

    /// A new sandbox with one Root\Echo device, optionally trusting the test certificate.
    static func sandbox(trusted: Bool = true) throws -> (dir: URL, path: String) {
        let dir = try CommandRunner.temporaryDirectory()
        let path = dir.appendingPathComponent("sb").path
        _ = try CommandRunner.run(["sandbox", "init", path])
        _ = try CommandRunner.run(["sandbox", "device", "add", "--sandbox", path, "--hardware-id", "Root\\Echo", "--description", "Echo device"])
        if trusted { _ = try CommandRunner.run(["sandbox", "trust", "--sandbox", path, built.cert]) }
        return (dir, path)
    }
}
