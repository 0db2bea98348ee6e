import Authenticode
import Crypto
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import X509

/// The deny rules of a WDAC (App Control for Business) policy XML (`urn:schemas-microsoft-com:sipolicy`),
/// such as Microsoft's vulnerable driver blocklist, as they apply to kernel-mode files (signing scenario 131):
/// file hashes (Authenticode SHA-1/SHA-256), file names with version ranges, and denied signers.
public struct WDACPolicy: Sendable {
    public struct FileRule: Sendable {
        public var id: String
        public var friendlyName: String
        public var isDeny: Bool
        public var hash: String?
        public var fileName: String?
        public var minimumVersion: [UInt16]?
        public var maximumVersion: [UInt16]?
    }

    public struct Signer: Sendable {
        public var id: String
        public var name: String
        /// Hex hash of the issuing CA's TBSCertificate (`CertRoot Type="TBS"`).
        public var certRoot: String?
        /// The leaf certificate's CN (`CertPublisher`).
        public var publisher: String?
        /// Only files matching these FileAttrib rules (none: every file the signer signed).
        public var fileAttributeRules: [String]
    }

    public var fileRules: [String: FileRule] = [:]
    public var signers: [String: Signer] = [:]
    /// Rule IDs and signer IDs referenced by the kernel-mode scenario.
    public var kernelFileRules: [String] = []
    public var kernelDeniedSigners: [String] = []
    /// `Enabled:Audit Mode`: matches are logged, nothing is blocked.
    public var auditMode = false

    public struct ParseError: Error, CustomStringConvertible, Sendable { public var description: String }

    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw ParseError(description: "cannot read the file") }
        try self.init(data: data)
    }

    public init(data: Data) throws {
        try WellFormedXML.check(data)
        let document: XMLDocument
        do { document = try XMLDocument(data: data) } catch { throw ParseError(description: "not XML: \(error.localizedDescription)") }
        guard let root = document.rootElement(), root.localName == "SiPolicy" else {
            throw ParseError(description: "not a WDAC policy (no SiPolicy root element)")
        }
        func children(_ e: XMLElement?, _ name: String) -> [XMLElement] { (e?.children ?? []).compactMap { $0 as? XMLElement }.filter { $0.localName == name } }
        // (swift-corelibs-foundation's attribute(forName:) misses attributes of elements in a default
        // namespace, which every policy has: look them up by name.)
        func attribute(_ e: XMLElement, _ name: String) -> String? { e.attributes?.first { $0.name == name }?.stringValue }
        for rules in children(root, "Rules") {
            for rule in children(rules, "Rule") where children(rule, "Option").contains(where: { $0.stringValue == "Enabled:Audit Mode" }) {
                auditMode = true
            }
        }
        for container in children(root, "FileRules") {
            for e in (container.children ?? []).compactMap({ $0 as? XMLElement }) where ["Deny", "FileAttrib", "Allow"].contains(e.localName ?? "") {
                guard let id = attribute(e, "ID") else { throw ParseError(description: "a \(e.localName ?? "file rule") has no ID") }
                fileRules[id] = FileRule(id: id, friendlyName: attribute(e, "FriendlyName") ?? id, isDeny: e.localName == "Deny",
                                         hash: attribute(e, "Hash")?.uppercased(), fileName: attribute(e, "FileName"),
                                         minimumVersion: attribute(e, "MinimumFileVersion").flatMap(Self.version),
                                         maximumVersion: attribute(e, "MaximumFileVersion").flatMap(Self.version))
            }
        }
        for container in children(root, "Signers") {
            for e in children(container, "Signer") {
                guard let id = attribute(e, "ID") else { throw ParseError(description: "a Signer has no ID") }
                signers[id] = Signer(id: id, name: attribute(e, "Name") ?? id,
                                     certRoot: children(e, "CertRoot").first.flatMap { attribute($0, "Value") }?.uppercased(),
                                     publisher: children(e, "CertPublisher").first.flatMap { attribute($0, "Value") },
                                     fileAttributeRules: children(e, "FileAttribRef").compactMap { attribute($0, "RuleID") })
            }
        }
        for scenarios in children(root, "SigningScenarios") {
            for scenario in children(scenarios, "SigningScenario") where attribute(scenario, "Value") == "131" {
                for product in children(scenario, "ProductSigners") {
                    kernelFileRules += children(product, "FileRulesRef").flatMap { children($0, "FileRuleRef") }.compactMap { attribute($0, "RuleID") }
                    kernelDeniedSigners += children(product, "DeniedSigners").flatMap { children($0, "DeniedSigner") }.compactMap { attribute($0, "SignerId") }
                }
            }
        }
    }

    static func version(_ text: String) -> [UInt16]? {
        let parts = text.split(separator: ".").map { UInt16($0) }
        guard parts.count == 4, parts.allSatisfy({ $0 != nil }) else { return nil }
        return parts.map { $0! }
    }

    /// The deny rules that match a kernel-mode file (its name, bytes and, when signed through a
    /// catalog, that catalog's chain, signer first), each as "rule name (why)". Empty in audit mode.
    public func denials(forKernelFile path: String, bytes: [UInt8], catalogChain: [Certificate] = []) -> [String] {
        guard !auditMode else { return [] }
        let pe = try? PEFile(bytes: bytes)
        let name = (path as NSString).lastPathComponent
        let version = pe?.fileVersion.map { v in [v.mostSignificant >> 16, v.mostSignificant & 0xFFFF, v.leastSignificant >> 16, v.leastSignificant & 0xFFFF].map { UInt16($0) } }
        var hashes: Set<String> = []
        if let pe {
            hashes.insert(pe.authenticodeDigest(.sha1).hexUppercase)
            hashes.insert(pe.authenticodeDigest(.sha256).hexUppercase)
        }
        var found: [String] = []
        for id in kernelFileRules {
            guard let rule = fileRules[id], rule.isDeny else { continue }
            if let hash = rule.hash, hashes.contains(hash) {
                found.append("\(rule.friendlyName) (file hash of \(name))")
            } else if rule.hash == nil, matches(rule, name: name, version: version) {
                found.append("\(rule.friendlyName) (\(name)\(version.map { " version " + $0.map(String.init).joined(separator: ".") } ?? ""))")
            }
        }
        let chains = [catalogChain] + embeddedChain(bytes)
        for id in kernelDeniedSigners {
            guard let signer = signers[id] else { continue }
            for chain in chains where signerMatches(signer, chain) {
                let attributes = signer.fileAttributeRules.compactMap { fileRules[$0] }
                if attributes.isEmpty || attributes.contains(where: { matches($0, name: name, version: version) }) {
                    found.append("\(signer.name) (signer of \(name))")
                    break
                }
            }
        }
        return found
    }

    /// A file-name rule: the name (case-insensitive) and the version within [minimum, maximum].
    func matches(_ rule: FileRule, name: String, version: [UInt16]?) -> Bool {
        guard let fileName = rule.fileName, fileName.caseInsensitiveCompare(name) == .orderedSame else { return false }
        guard rule.minimumVersion != nil || rule.maximumVersion != nil else { return true }
        guard let version else { return false }
        if let min = rule.minimumVersion, version.lexicographicallyPrecedes(min) { return false }
        if let max = rule.maximumVersion, max.lexicographicallyPrecedes(version) { return false }
        return true
    }

    /// A chain (signer first) matches when the certificate that issued the signer has the rule's TBS
    /// hash and, if the rule names a publisher, the signer's CN is that publisher.
    func signerMatches(_ signer: Signer, _ chain: [Certificate]) -> Bool {
        guard let leaf = chain.first else { return false }
        if let publisher = signer.publisher, SignerClassifier.commonName(leaf.subject) != publisher { return false }
        guard let root = signer.certRoot else { return signer.publisher != nil }
        let issuers = chain.dropFirst().filter { $0.subject == leaf.issuer } + (leaf.issuer == leaf.subject ? [leaf] : [])
        return issuers.contains { Self.tbsHash($0, length: root.count) == root }
    }

    /// The hex hash of a certificate's TBSCertificate, SHA-1, SHA-256 or SHA-384 by the rule's length.
    static func tbsHash(_ certificate: Certificate, length: Int) -> String {
        let tbs = Array(certificate.tbsCertificateBytes)
        switch length {
        case 40: return Array(Insecure.SHA1.hash(data: tbs)).hexUppercase
        case 96: return Array(SHA384.hash(data: tbs)).hexUppercase
        default: return Array(SHA256.hash(data: tbs)).hexUppercase
        }
    }

    /// The chain of a PE's embedded signature (signer first), if it has one.
    func embeddedChain(_ bytes: [UInt8]) -> [[Certificate]] {
        guard let signed = AuthenticodeSigner.embeddedSignedData(of: bytes),
              let leaf = try? signed.verify(trusted: signed.certificates) else { return [] }
        return [SignerClassifier.chain(from: leaf, in: signed.certificates)]
    }
}
