import Authenticode
import Foundation
import SwiftASN1
import X509

/// Tells signers apart from a catalog's (or a binary's) signature: EKUs, issuer names and the chain
/// (signing.md §5, first match). drvkit ships no Microsoft keys, so a "Microsoft" chain is recognised by
/// its names and EKUs, as the spec says; trust in a test root comes from the machine's stores.
public enum SignerClassifier {
    static let attestationEKU = "1.3.6.1.4.1.311.10.3.5.1"
    static let whqlEKU = "1.3.6.1.4.1.311.10.3.5"
    static let windowsEKU = "1.3.6.1.4.1.311.10.3.6"
    static let codeSigningEKU = "1.3.6.1.5.5.7.3.3"
    static let codeVerificationRoot = "Microsoft Code Verification Root"
    /// Issuing CAs of public code-signing certificates (a commercial signer); anything else is a test signer.
    static let publicCAs = ["DigiCert", "Sectigo", "COMODO", "GlobalSign", "Entrust", "SSL.com", "Certum", "VeriSign", "Symantec",
                            "thawte", "GoDaddy", "Go Daddy", "Starfield", "IdenTrust", "QuoVadis", "HARICA", "Microsoft ID Verified"]

    /// The signature of `signedData` (nil: none), checked against the machine's Root and TrustedPublisher certificates.
    public static func classify(_ signedData: SignedData?, roots: [Certificate], trustedPublishers: [Certificate]) -> PackageSignature {
        guard let signed = signedData, signed.isSigned,
              let leaf = try? signed.verify(trusted: signed.certificates) else {
            return PackageSignature(signer: .unsigned)
        }
        let ekus = Set(((try? leaf.extensions.extendedKeyUsage) ?? nil).map { $0.map { String(describing: ASN1ObjectIdentifier($0)) } } ?? [])
        let subject = commonName(leaf.subject), issuer = commonName(leaf.issuer)
        let chain = self.chain(from: leaf, in: signed.certificates)
        let signer: SignerClass
        if ekus.contains(attestationEKU) {
            signer = .attestation
        } else if ekus.contains(whqlEKU) && (subject.contains("Hardware Compatibility Publisher") || issuer.contains("Compatibility PCA") || issuer.contains("Third Party Component CA")) {
            signer = .whql
        } else if ekus.contains(windowsEKU) && issuer.contains("Microsoft Windows Production PCA") {
            signer = .microsoft
        } else if ekus.contains(codeSigningEKU) && chain.contains(where: { commonName($0.issuer) == codeVerificationRoot }) {
            signer = .crossSigned
        } else if chain.contains(where: { cert in publicCAs.contains { commonName(cert.issuer).localizedCaseInsensitiveContains($0) } }) {
            signer = .commercial
        } else {
            signer = .test
        }
        let microsoft = [.whql, .attestation, .microsoft].contains(signer)
        let rootTrusted = signer == .test ? (try? signed.verify(trusted: roots + trustedPublishers)) != nil : true
        let publisher = microsoft || trustedPublishers.contains(leaf)
        let sha256Only = signed.signers.allSatisfy { $0.digestAlgorithm == .sha256 }
        let stamp = signed.timestamp
        let crossCertificate = signer == .crossSigned ? chain.first { commonName($0.issuer) == codeVerificationRoot } : nil
        return PackageSignature(signer: signer, leafIssued: leaf.notValidBefore, signerName: subject, trustedRoot: rootTrusted,
                                trustedPublisher: publisher, sha256Only: sha256Only, leafExpires: leaf.notValidAfter,
                                timestamped: stamp?.problem == nil ? stamp?.time : nil, crossCertificateExpires: crossCertificate?.notValidAfter)
    }

    /// The signature of a package's catalog (nil: none), with the catalog's version.
    public static func classify(catalog: Catalog?, roots: [Certificate], trustedPublishers: [Certificate]) -> PackageSignature {
        var signature = classify(catalog?.signedData, roots: roots, trustedPublishers: trustedPublishers)
        signature.catalogVersion = catalog?.version ?? 1
        return signature
    }

    /// The catalog file at `url`; nil when it is missing or not a catalog.
    public static func catalog(at url: URL) -> Catalog? {
        FileManager.default.contents(atPath: url.path).flatMap { try? Catalog(derEncoded: [UInt8]($0)) }
    }

    /// The leaf and the certificates above it in `pool`, following issuer names.
    static func chain(from leaf: Certificate, in pool: [Certificate]) -> [Certificate] {
        var chain = [leaf]
        while chain.count < 8, let last = chain.last, last.issuer != last.subject,
              let parent = pool.first(where: { $0.subject == last.issuer && !chain.contains($0) }) {
            chain.append(parent)
        }
        return chain
    }

    /// The CN of a distinguished name (the whole name when it has none).
    public static func commonName(_ name: DistinguishedName) -> String {
        for rdn in name {
            for attribute in rdn where attribute.type == .RDNAttributeType.commonName {
                return String(describing: attribute.value)
            }
        }
        return String(describing: name)
    }
}
