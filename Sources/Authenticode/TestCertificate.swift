import _CryptoExtras
import Crypto
import Foundation
import SwiftASN1
import X509

/// Self-signed RSA code-signing certificates for test signing (what `makecert -r` made).
public enum TestCertificate {
    /// Parses `CN=Contoso Test, O=Contoso, OU=Drivers, C=US, L=Seattle, ST=WA`.
    public static func distinguishedName(_ text: String) throws -> DistinguishedName {
        var cn: String?, o: String?, ou: String?, c: String?, l: String?, st: String?
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, !pair[1].isEmpty else { throw CatalogError("'\(part)' is not KEY=value in the subject") }
            switch pair[0].uppercased() {
            case "CN": cn = pair[1]
            case "O": o = pair[1]
            case "OU": ou = pair[1]
            case "C": c = pair[1]
            case "L": l = pair[1]
            case "ST", "S": st = pair[1]
            default: throw CatalogError("unknown subject attribute '\(pair[0])' (use CN, O, OU, C, L, ST)")
            }
        }
        guard let cn else { throw CatalogError("the subject needs a CN") }
        return try DistinguishedName {
            if let c { CountryName(c) }
            if let st { StateOrProvinceName(st) }
            if let l { LocalityName(l) }
            if let o { OrganizationName(o) }
            if let ou { OrganizationalUnitName(ou) }
            CommonName(cn)
        }
    }

    /// A new key and a self-signed certificate for code signing, usable as its own test root.
    public static func create(subject: String, days: Int = 365, keyBits: Int = 3072, issuedAt: Date = Date()) throws -> (certificate: Certificate, privateKey: _RSA.Signing.PrivateKey) {
        let size: _RSA.Signing.KeySize = keyBits >= 4096 ? .bits4096 : keyBits >= 3072 ? .bits3072 : .bits2048
        let key = try _RSA.Signing.PrivateKey(keySize: size)
        let name = try distinguishedName(subject)
        let now = issuedAt
        let publicKey = Certificate.PublicKey(key.publicKey)
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
            Critical(KeyUsage(digitalSignature: true, keyCertSign: true))
            try ExtendedKeyUsage([.codeSigning])
            SubjectKeyIdentifier(hash: publicKey)
        }
        let certificate = try Certificate(version: .v3, serialNumber: randomSerialNumber(),
                                          publicKey: publicKey, notValidBefore: now.addingTimeInterval(-3600),
                                          notValidAfter: now.addingTimeInterval(Double(days) * 86400),
                                          issuer: name, subject: name, signatureAlgorithm: .sha256WithRSAEncryption,
                                          extensions: extensions, issuerPrivateKey: Certificate.PrivateKey(key))
        return (certificate, key)
    }

    /// A random 20-byte serial number that is positive, as RFC 5280 (4.1.2.2) requires: the one
    /// swift-certificates makes is negative whenever its first bit is set.
    static func randomSerialNumber() -> Certificate.SerialNumber {
        var bytes = randomBytes(20)
        bytes[0] = bytes[0] & 0x7F | 0x40   // sign bit clear, and no leading zero to drop
        return Certificate.SerialNumber(bytes: bytes)
    }

    /// `count` bytes from the system's random number generator.
    static func randomBytes(_ count: Int) -> [UInt8] {
        var rng = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
    }

    /// Reads every certificate of a PEM file (a chain, signer first).
    public static func certificates(pem: String) throws -> [Certificate] {
        let documents = try PEMDocument.parseMultiple(pemString: pem).filter { $0.discriminator == "CERTIFICATE" }
        guard !documents.isEmpty else { throw CatalogError("no CERTIFICATE in the PEM file") }
        return try documents.map { try Certificate(pemDocument: $0) }
    }

    /// Reads an RSA private key (PKCS#1 or PKCS#8 PEM).
    public static func privateKey(pem: String) throws -> _RSA.Signing.PrivateKey {
        try _RSA.Signing.PrivateKey(pemRepresentation: pem)
    }
}

/// The RSA private key type drvkit signs with.
public typealias AuthenticodeRSAKey = _RSA.Signing.PrivateKey
