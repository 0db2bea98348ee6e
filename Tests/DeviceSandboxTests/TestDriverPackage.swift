import Authenticode
import DriverPackage
import Foundation
import INFModel
import TestSupport
import X509

/// Small driver packages built for the driver store tests: an INF with one models line, a kernel
/// driver written by the test PE writer, and a catalog (signed with `signer` when given).
@dynamicMemberLookup
struct TestDriverPackage {
    var inf = DriverINF()
    var architecture: Architecture = .amd64
    /// An INF text of its own instead of `inf`'s (named `inf.name`.inf all the same).
    var text: String?

    subscript<T>(dynamicMember path: WritableKeyPath<DriverINF, T>) -> T {
        get { inf[keyPath: path] }
        set { inf[keyPath: path] = newValue }
    }

    /// Writes the source and builds the package into `dir/<folder>`; returns the package's INF path.
    func build(in dir: URL, folder: String, signer: (chain: [Certificate], key: AuthenticodeRSAKey)?) throws -> String {
        let name = inf.name
        let source = dir.appendingPathComponent(folder + "-src")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try (text ?? inf.text).write(to: source.appendingPathComponent(name + ".inf"), atomically: true, encoding: .utf8)
        var writer = PEWriter()
        writer.subsystem = 1
        writer.machine = architecture == .x86 ? 0x14C : architecture == .arm64 ? 0xAA64 : 0x8664
        var sys = writer.bytes()
        // A boot-start driver needs an embedded signature as well as the catalog's.
        if let signer, inf.startType == 0 { sys = try AuthenticodeSigner.signPE(sys, chain: signer.chain, privateKey: signer.key) }
        try Data(sys).write(to: source.appendingPathComponent(name + ".sys"))
        let out = dir.appendingPathComponent(folder).path
        _ = try PackageBuilder(infPath: source.appendingPathComponent(name + ".inf").path, architecture: architecture, signer: signer).build(into: out)
        return out + "/" + name + ".inf"
    }

    /// An extension INF (`Class = Extension`) for Root\Toaster: its DDInstall writes `settingName` in the
    /// driver key, its `.HW` `Calibration` in the hardware key, and `services` lines go to `.Services`.
    static func extensionINF(id: String, driverVer: String, setting: Int, settingName: String = "Setting", services: String = "") -> TestDriverPackage {
        var inf = ExtensionINF(extensionID: id)
        inf.driverVer = driverVer
        inf.softwareAddReg = ["HKR,,\(settingName),0x10001,\(setting)"]
        inf.services = services
        var package = TestDriverPackage()
        package.inf.name = "toasterext"
        package.text = inf.text
        return package
    }

    /// One test signing certificate per process (key generation is slow).
    static let signer: (chain: [Certificate], key: AuthenticodeRSAKey) = {
        let (cert, key) = try! TestCertificate.create(subject: "CN=Contoso Test Signing, O=Contoso", days: 7, keyBits: 2048)
        return ([cert], key)
    }()

    /// The signer's certificate as PEM, for the sandbox's trust store.
    static func signerPEM(in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("signer.pem").path
        try signer.chain[0].serializeAsPEM().pemString.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
