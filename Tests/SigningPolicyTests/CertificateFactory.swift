import _CryptoExtras
import Authenticode
import Foundation
import SwiftASN1
import X509

/// Certificates shaped like the signers of signing.md §5 (names and EKUs only: no Microsoft keys),
/// and catalogs signed with them.
enum CertificateFactory {
    struct Issued {
        var certificate: Certificate
        var key: _RSA.Signing.PrivateKey
    }

    /// One RSA key for every certificate of a test run (key generation is the slow part).
    static let key = try! _RSA.Signing.PrivateKey(keySize: .bits2048)

    static func name(_ cn: String) throws -> DistinguishedName {
        try DistinguishedName { CommonName(cn) }
    }

    /// A certificate for `subject`, issued by `issuer` (self-signed when nil), with `ekus` (dotted OIDs).
    static func issue(_ subject: String, by issuer: Issued? = nil, ekus: [String] = ["1.3.6.1.5.5.7.3.3"], ca: Bool = false,
                      notBefore: Date = Date().addingTimeInterval(-3600)) throws -> Issued {
        let publicKey = Certificate.PublicKey(key.publicKey)
        let extensions = try Certificate.Extensions {
            Critical(ca ? BasicConstraints.isCertificateAuthority(maxPathLength: nil) : BasicConstraints.notCertificateAuthority)
            try ExtendedKeyUsage(ekus.map { ExtendedKeyUsage.Usage(oid: try ASN1ObjectIdentifier(dotRepresentation: $0)) })
        }
        let certificate = try Certificate(version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
                                          notValidBefore: notBefore, notValidAfter: Date().addingTimeInterval(86400 * 365),
                                          issuer: issuer.map(\.certificate.subject) ?? name(subject), subject: name(subject),
                                          signatureAlgorithm: .sha256WithRSAEncryption, extensions: extensions,
                                          issuerPrivateKey: Certificate.PrivateKey(issuer?.key ?? key))
        return Issued(certificate: certificate, key: key)
    }

    /// A catalog of one flat file signed by `signer`, carrying `chain` (signer first).
    static func catalog(signedBy signer: Issued, chain: [Certificate]) throws -> SignedData {
        let unsigned = try AuthenticodeSigner.unsignedCatalog(files: [CatalogInput(name: "x.inf", bytes: Array("[Version]\r\n".utf8))],
                                                             osAttributes: nil, attributes: [])
        let signed = try AuthenticodeSigner.signCatalog(unsigned, chain: [signer.certificate] + chain, privateKey: signer.key)
        return try SignedData(derEncoded: signed)
    }

    static func date(_ year: Int) -> Date {
        var c = DateComponents(); c.year = year; c.month = 3; c.day = 1
        return Calendar(identifier: .gregorian).date(from: c)!
    }
}
