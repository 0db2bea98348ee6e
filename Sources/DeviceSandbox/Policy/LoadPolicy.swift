import Authenticode
import Foundation
import INFModel
import SigningPolicy
import X509

/// Whether installed drivers install and load in the current boot, decided by the signing policy
/// model from the sandbox's boot state, certificate stores and active code integrity policies.
/// Built inside a transaction; package signatures are classified once per package.
final class LoadPolicy {
    let state: MachineState
    let sandboxRoot: URL
    let platform: TargetPlatform
    let roots: [Certificate]
    let publishers: [Certificate]
    let codeIntegrity: [WDACPolicy]
    private var signatures: [Int64: PackageSignature] = [:]
    /// The last decision made (its reasons go to the setup log).
    private(set) var lastDecision: PolicyDecision?

    /// Active policies: `CodeIntegrity\CiPolicies\Active\*.xml` always, the vulnerable driver
    /// blocklist's folder when the blocklist is enforced (HVCI, or on by default).
    static let activePolicies = "C/Windows/System32/CodeIntegrity/CiPolicies/Active"
    static let blocklistPolicies = "C/Windows/System32/CodeIntegrity/VulnerableDriverBlocklist"

    init(registry: RegistryStore, sandbox: Sandbox) throws {
        let profile = try sandbox.profile()
        state = try BootConfiguration.currentState(registry.db, profile: profile)
        sandboxRoot = sandbox.root
        platform = profile.platform
        roots = try TrustStore.certificates(registry.db, store: "Root")
        publishers = try TrustStore.certificates(registry.db, store: "TrustedPublisher")
        var folders = [Self.activePolicies]
        if state.blocklistEnforced { folders.append(Self.blocklistPolicies) }
        codeIntegrity = folders.flatMap { folder -> [WDACPolicy] in
            let url = sandbox.root.appendingPathComponent(folder)
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { $0.lowercased().hasSuffix(".xml") }.sorted()
            return names.compactMap { try? WDACPolicy(contentsOf: url.appendingPathComponent($0).path) }
        }
    }

    /// The package's catalog signature, classified against the machine's stores.
    func signature(of package: DriverPackageRecord) -> PackageSignature {
        if let known = signatures[package.id] { return known }
        let catalog = SignerClassifier.catalog(at: sandboxRoot.appendingPathComponent(package.storeRelativePath + "/" + package.catalog))
        let signature = SignerClassifier.classify(catalog: catalog, roots: roots, trustedPublishers: publishers)
        signatures[package.id] = signature
        return signature
    }

    /// The decision for a package's driver, whose image is `image` (bytes of the `.sys`, if present).
    func decide(package: DriverPackageRecord, image: (name: String, bytes: [UInt8])?, kernel: Bool, bootStart: Bool) -> PolicyDecision {
        var signature = self.signature(of: package)
        var denials: [String] = [], hvciProblems: [String] = []
        if let image {
            hvciProblems = (try? PEFile(bytes: image.bytes))?.memoryIntegrityProblems ?? []
            if bootStart { signature.embeddedSignature = AuthenticodeSigner.hasIntactEmbeddedSignature(image.bytes) }
            denials = codeIntegrity.flatMap { $0.denials(forKernelFile: image.name, bytes: image.bytes) }
        }
        let decision = SigningPolicyEngine.decide(machine: state, signature: signature, kind: DriverKind(kernelMode: kernel, bootStart: bootStart),
                                                  deniedBy: kernel ? denials : [], memoryIntegrityProblems: kernel ? hvciProblems : [])
        lastDecision = decision
        return decision
    }
}
