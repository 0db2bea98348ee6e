import Authenticode
import DriverPackage
import Foundation
import INFModel
import TestSupport
import X509

/// Small driver packages built for the driver store tests: an INF with one models line, a kernel
/// driver written by the test PE writer, and a catalog (signed with `signer` when given).
struct TestDriverPackage {
    var name = "toaster"
    var hardwareIDs = ["Root\\Toaster"]
    var driverVer = "11/01/2026,1.0.0.0"
    /// `.NT` or "" (an undecorated DDInstall ranks lower when unsigned).
    var decoration = ".NT"
    var featureScore: String?
    var startType = 3
    /// The service binary's name; a different name than the copied file makes the image missing.
    var serviceBinary: String?
    var description = "Contoso Toaster"
    /// The [Manufacturer] decoration (TargetOSVersion) of the models section.
    var modelsDecoration = "NTamd64"
    var architecture: Architecture = .amd64

    var inf: String {
        let ids = hardwareIDs.joined(separator: ", ")
        return """
            [Version]
            Signature   = "$Windows NT$"
            Class       = System
            ClassGuid   = {4d36e97d-e325-11ce-bfc1-08002be10318}
            Provider    = %Provider%
            CatalogFile = \(name).cat
            DriverVer   = \(driverVer)
            PnpLockdown = 1

            [DestinationDirs]
            DefaultDestDir = 13

            [SourceDisksNames]
            1 = %Disk%

            [SourceDisksFiles]
            \(name).sys = 1

            [Manufacturer]
            %Mfg% = Models, \(modelsDecoration)

            [Models.\(modelsDecoration)]
            %Desc% = Dev, \(ids)

            [Dev\(decoration)]
            CopyFiles = Dev.Files
            \(featureScore.map { "FeatureScore = \($0)" } ?? "")

            [Dev.Files]
            \(name).sys

            [Dev\(decoration).HW]
            AddReg = Dev.HW.AddReg

            [Dev.HW.AddReg]
            HKR,,DeviceType,0x10001,0x22

            [Dev\(decoration).Services]
            AddService = \(name), 0x00000002, Svc

            [Svc]
            DisplayName   = %Desc%
            ServiceType   = 1
            StartType     = \(startType)
            ErrorControl  = 1
            ServiceBinary = %13%\\\(serviceBinary ?? name + ".sys")

            [Strings]
            Provider = "Contoso"
            Mfg      = "Contoso"
            Disk     = "Disk"
            Desc     = "\(description)"

            """
    }

    /// Writes the source and builds the package into `dir/<folder>`; returns the package's INF path.
    func build(in dir: URL, folder: String, signer: (chain: [Certificate], key: AuthenticodeRSAKey)?) throws -> String {
        let source = dir.appendingPathComponent(folder + "-src")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try inf.write(to: source.appendingPathComponent(name + ".inf"), atomically: true, encoding: .utf8)
        var writer = PEWriter()
        writer.subsystem = 1
        writer.machine = architecture == .x86 ? 0x14C : architecture == .arm64 ? 0xAA64 : 0x8664
        try Data(writer.bytes()).write(to: source.appendingPathComponent(name + ".sys"))
        let out = dir.appendingPathComponent(folder).path
        _ = try PackageBuilder(infPath: source.appendingPathComponent(name + ".inf").path, architecture: architecture, signer: signer).build(into: out)
        return out + "/" + name + ".inf"
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
