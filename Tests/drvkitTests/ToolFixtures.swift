import Foundation
import TestSupport

/// Packages for the pnputil and devcon tests, built once per test run through the executables:
/// echo 1.0, a boot-start echo 1.1 and an echo 1.0 with two device interfaces, signed with a test
/// certificate.
enum ToolFixtures {
    struct Built: Sendable {
        var dir: URL
        var cert: String
        var v1: String
        var bootV2: String
        var interfaced: String
        var extensionV1: String
    }

    /// The ExtensionId of the echo extension package.
    static let extensionID = "{3846ad8c-dd27-433d-ab89-453654cd542a}"

    /// The interface class the interfaced package registers, with and without a reference string.
    static let interfaceClass = "{6f8c1a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b}"

    static let built: Built = {
        let dir = try! CommandRunner.temporaryDirectory()
        let signer = try! EchoPackage.certificate(dir)
        let v1 = try! EchoPackage.build(try! EchoPackage.source(dir.appendingPathComponent("v1")), into: dir, name: "pkg1", signer: signer)
        let bootSource = try! EchoPackage.source(dir.appendingPathComponent("v2")) {
            $0.replacingOccurrences(of: "11/20/2026,1.0.0.0", with: "11/24/2026,1.1.0.0")
                .replacingOccurrences(of: "StartType     = 3 ", with: "StartType     = 0 ")
        }
        // A boot-start driver needs an embedded signature besides the catalog's.
        _ = try! CommandRunner.run(["sign", bootSource.deletingLastPathComponent().appendingPathComponent("echo.sys").path,
                                    "--cert", signer.cert, "--key", signer.key])
        let v2 = try! EchoPackage.build(bootSource, into: dir, name: "pkg2", signer: signer)
        let interfacedSource = try! EchoPackage.source(dir.appendingPathComponent("v3")) {
            $0 + """

                [Echo_Device.NT.Interfaces]
                AddInterface = \(interfaceClass),,Echo_Interface
                AddInterface = \(interfaceClass),Control

                [Echo_Interface]
                AddReg = Echo_Interface.AddReg

                [Echo_Interface.AddReg]
                HKR,,FriendlyName,,"Echo data interface"

                """
        }
        let v3 = try! EchoPackage.build(interfacedSource, into: dir, name: "pkg3", signer: signer)
        // An extension INF for Root\Echo ("Using an Extension INF File"): a setting in the hardware key.
        var extensionINF = ExtensionINF(extensionID: extensionID)
        extensionINF.hardwareID = "Root\\Echo"
        extensionINF.catalogFile = "echo.cat"
        extensionINF.description = "Contoso Echo Extension"
        let extensionSource = try! EchoPackage.source(dir.appendingPathComponent("ext")) { _ in extensionINF.text }
        let ext = try! EchoPackage.build(extensionSource, into: dir, name: "pkgext", signer: signer)
        return Built(dir: dir, cert: signer.cert, v1: v1, bootV2: v2, interfaced: v3, extensionV1: ext)
    }()

    /// A new sandbox with one Root\Echo device; `trusted`: the test certificate in Root and
    /// TrustedPublisher and the machine in Test Mode (Secure Boot off, testsigning on, rebooted).
    static func sandbox(trusted: Bool = true) throws -> (dir: URL, path: String) {
        let dir = try CommandRunner.temporaryDirectory()
        let path = dir.appendingPathComponent("sb").path
        _ = try CommandRunner.run(["sandbox", "init", path])
        _ = try CommandRunner.run(["sandbox", "device", "add", "--sandbox", path, "--hardware-id", "Root\\Echo", "--description", "Echo device"])
        if trusted {
            for store in ["Root", "TrustedPublisher"] { _ = try CommandRunner.run(["sandbox", "trust", "--sandbox", path, built.cert, "--store", store]) }
            _ = try CommandRunner.run(["sandbox", "machine", "--sandbox", path, "--secure-boot", "off"])
            _ = try CommandRunner.run(["sandbox", "bcdedit", "--sandbox", path, "/set", "testsigning", "on"])
            _ = try CommandRunner.run(["sandbox", "reboot", "--sandbox", path])
        }
        return (dir, path)
    }
}
