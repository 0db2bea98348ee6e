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
        // The signature counts only when the catalog is intact and covers every file.
        var signed: Catalog?
        if let name = document.version.catalogFile(for: architecture)?.fileName,
           let catalog = SignerClassifier.catalog(at: root.appendingPathComponent(name)) {
            let verification = try PackageVerifier.verify(inf: infPath, root: root, trusted: [])
            if verification.files.allSatisfy({ $0.status == .ok || $0.status == .badSignature }) { signed = catalog }
        }
        let files = PackageResolver(document: document, infPath: infPath, architecture: architecture).files().files.compactMap { file in
            FileManager.default.contents(atPath: root.appendingPathComponent(file.relativePath).path).map { (file.relativePath, [UInt8]($0)) }
        }
        return read(document: document, infPath: infPath, architecture: architecture, signedCatalog: signed, files: files,
                    roots: roots, trustedPublishers: trustedPublishers)
    }

    /// The same from what a caller already read: the INF, the catalog when it is intact and covers
    /// every file (nil otherwise), and the package's files with their bytes.
    static func read(document: INFDocument, infPath: String, architecture: Architecture, signedCatalog: Catalog?,
                     files: [(path: String, bytes: [UInt8])], roots: [Certificate], trustedPublishers: [Certificate]) -> PackagePolicyInput {
        var signature = SignerClassifier.classify(catalog: signedCatalog, roots: roots, trustedPublishers: trustedPublishers)
        // Kernel mode and boot start from the services the INF installs on this architecture.
        let resolver = PackageResolver(document: document, infPath: infPath, architecture: architecture)
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
        let binaries = files.filter { (try? PEFile(bytes: $0.bytes)) != nil }
        // A boot-start driver needs its own embedded signature (a catalog is not read at boot); whether
        // the kernel trusts its signer is the catalog classification's job.
        signature.embeddedSignature = !bootBinaries.isEmpty && bootBinaries.allSatisfy { name in
            guard let binary = binaries.first(where: { ($0.path as NSString).lastPathComponent.lowercased() == name }) else { return false }
            return AuthenticodeSigner.hasIntactEmbeddedSignature(binary.bytes)
        }
        return PackagePolicyInput(inf: infPath, signature: signature, kind: DriverKind(kernelMode: kernel, bootStart: boot), binaries: binaries)
    }
}
