import Authenticode
import DriverPackage
import Foundation
import INFModel
import INFSyntax
import SigningPolicy
import X509

/// What the signing policy needs from a driver package folder: the catalog's signer, whether the
/// driver is kernel mode or boot start (from the INF), and the binaries code integrity checks.
public struct PackagePolicyInput: Sendable {
    public var inf: String
    public var signature: PackageSignature
    public var kind: DriverKind
    /// The package's PE binaries (path inside the folder, bytes), for WDAC rules.
    public var binaries: [(path: String, bytes: [UInt8])]

    /// Reads the package of `infPath` (the folder around it) for `architecture`; `roots` and
    /// `trustedPublishers` are the machine's certificate stores.
    public static func read(infPath: String, architecture: Architecture, roots: [Certificate], trustedPublishers: [Certificate]) throws -> PackagePolicyInput {
        let root = URL(fileURLWithPath: infPath).deletingLastPathComponent()
        let document = INFDocument(tree: try INFInput.load(path: infPath))
        let resolver = PackageResolver(document: document, infPath: infPath, architecture: architecture)
        // The signature counts only when the catalog is intact and covers every file.
        var signed: SignedData?
        if let name = document.version.catalogFile(for: architecture)?.file.value.trimmingCharacters(in: .whitespaces),
           let data = FileManager.default.contents(atPath: root.appendingPathComponent(name).path),
           let catalog = try? Catalog(derEncoded: [UInt8](data)) {
            let verification = try PackageVerifier.verify(inf: infPath, root: root, trusted: [])
            if verification.files.allSatisfy({ $0.status == .ok || $0.status == .badSignature }) { signed = catalog.signedData }
        }
        var signature = SignerClassifier.classify(signed, roots: roots, trustedPublishers: trustedPublishers)
        // Kernel mode and boot start from the services the INF installs on this architecture.
        var kernel = false, boot = false, bootBinaries: [String] = []
        for section in resolver.installSections() {
            for service in document.addServices(in: section) {
                guard let name = service.installSection, let install = document.serviceInstallSection(name), install.isKernelDriver else { continue }
                kernel = true
                if install.isBootStart {
                    boot = true
                    if let binary = install.serviceBinary?.value { bootBinaries.append((binary as NSString).lastPathComponent.lowercased()) }
                }
            }
        }
        var binaries: [(String, [UInt8])] = []
        for file in resolver.files().files {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(file.relativePath).path),
                  (try? PEFile(bytes: [UInt8](data))) != nil else { continue }
            binaries.append((file.relativePath, [UInt8](data)))
        }
        // A boot-start driver needs its own embedded signature (a catalog is not read at boot).
        signature.embeddedSignature = !bootBinaries.isEmpty && bootBinaries.allSatisfy { name in
            guard let binary = binaries.first(where: { ($0.0 as NSString).lastPathComponent.lowercased() == name }),
                  let pe = try? PEFile(bytes: binary.1),
                  let entry = (try? pe.embeddedSignatures())?.first(where: { $0.certificateType == WinCertificate.pkcsSignedData }),
                  let embedded = try? SignedData(derEncoded: entry.content) else { return false }
            // Intact and signed: whether the kernel trusts the signer is the catalog's classification's job.
            return (try? AuthenticodeSigner.verifyPE(binary.1, trusted: embedded.certificates)) != nil
        }
        return PackagePolicyInput(inf: infPath, signature: signature, kind: DriverKind(kernelMode: kernel, bootStart: boot), binaries: binaries)
    }
}
