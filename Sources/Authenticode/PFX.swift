import _CryptoExtras
import Crypto
import Foundation
import SwiftASN1
import X509

/// PKCS#12 (`.pfx`) files (RFC 7292), as `signtool sign /f F.pfx /p P` and `certutil -importpfx`
/// read them: the certificate in a certificate bag, the private key as a PKCS#8 shrouded key bag
/// encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), and an HMAC-SHA256 integrity MAC over
/// both. This is what OpenSSL 3 writes by default and what Windows reads since Windows 10 1709;
/// the certificate bag is left unencrypted (OpenSSL's `-certpbe NONE`): a certificate is public.
public enum PFX {
    /// PBKDF2 and MAC iteration count (OpenSSL's default).
    public static let iterations = 2048

    enum OID {
        static let data: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 1]
        static let shroudedKeyBag: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 12, 10, 1, 2]
        static let certBag: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 12, 10, 1, 3]
        static let x509Certificate: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 22, 1]
        static let localKeyID: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 21]
        static let pbes2: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 5, 13]
        static let pbkdf2: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 5, 12]
        static let hmacWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 113549, 2, 9]
        static let aes256CBC: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 42]
        static let encryptedData: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 6]
        static let keyBag: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 12, 10, 1, 1]
        static let hmacWithSHA1: ASN1ObjectIdentifier = [1, 2, 840, 113549, 2, 7]
    }

    /// The PFX bytes holding `certificate` and `privateKey`, protected by `password`.
    /// `salts` (three of them: key encryption, IV, MAC) are random unless given (tests).
    public static func export(certificate: Certificate, privateKey: AuthenticodeRSAKey, password: String,
                              salts: (key: [UInt8], iv: [UInt8], mac: [UInt8])? = nil) throws -> [UInt8] {
        let random = salts ?? (TestCertificate.randomBytes(16), TestCertificate.randomBytes(16), TestCertificate.randomBytes(16))
        let certificateDER = try DERWriting.encode { try $0.serialize(certificate) }
        // Both bags carry the certificate's SHA-1 as localKeyID, which pairs the key with it.
        let keyID = Array(Insecure.SHA1.hash(data: certificateDER))
        let pkcs8 = try PEMDocument(pemString: privateKey.pkcs8PEMRepresentation).derBytes

        let certificates = try safeContents { s in
            try bag(OID.certBag, keyID: keyID, into: &s) { c in
                try c.appendConstructedNode(identifier: .sequence) { c in
                    try c.serialize(OID.x509Certificate)
                    try c.appendConstructedNode(identifier: DERWriting.contextZero) { c in
                        try c.serialize(ASN1OctetString(contentBytes: certificateDER[...]))
                    }
                }
            }
        }
        let encryptedKey = try shrouded(pkcs8, password: password, salt: random.key, iv: random.iv)
        let keys = try safeContents { s in
            try bag(OID.shroudedKeyBag, keyID: keyID, into: &s) { c in c.serializeRawBytes(encryptedKey) }
        }
        let authenticatedSafe = try DERWriting.encode { s in
            try s.appendConstructedNode(identifier: .sequence) { c in
                try dataContentInfo(certificates, into: &c)
                try dataContentInfo(keys, into: &c)
            }
        }
        let macKey = PKCS12KeyDerivation.derive(password: password, salt: random.mac, id: 3, iterations: iterations, count: 32)
        let mac = Array(HMAC<SHA256>.authenticationCode(for: authenticatedSafe, using: SymmetricKey(data: macKey)))
        return try DERWriting.encode { s in
            try s.appendConstructedNode(identifier: .sequence) { c in
                try c.serialize(3)
                try dataContentInfo(authenticatedSafe, into: &c)
                try c.appendConstructedNode(identifier: .sequence) { c in   // MacData
                    try c.appendConstructedNode(identifier: .sequence) { c in   // DigestInfo
                        try DERWriting.algorithm(AuthenticodeOID.sha256, into: &c)
                        try c.serialize(ASN1OctetString(contentBytes: mac[...]))
                    }
                    try c.serialize(ASN1OctetString(contentBytes: random.mac[...]))
                    try c.serialize(iterations)
                }
            }
        }
    }

    /// `EncryptedPrivateKeyInfo` of PBES2: PBKDF2-HMAC-SHA256 over the UTF-8 password, AES-256-CBC.
    static func shrouded(_ pkcs8: [UInt8], password: String, salt: [UInt8], iv: [UInt8]) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256,
                                                    outputByteCount: 32, unsafeUncheckedRounds: iterations)
        let encrypted = try AES._CBC.encrypt(pkcs8, using: key, iv: AES._CBC.IV(ivBytes: iv))
        return try DERWriting.encode { s in
            try s.appendConstructedNode(identifier: .sequence) { c in
                try c.appendConstructedNode(identifier: .sequence) { c in
                    try c.serialize(OID.pbes2)
                    try c.appendConstructedNode(identifier: .sequence) { c in
                        try c.appendConstructedNode(identifier: .sequence) { c in
                            try c.serialize(OID.pbkdf2)
                            try c.appendConstructedNode(identifier: .sequence) { c in
                                try c.serialize(ASN1OctetString(contentBytes: salt[...]))
                                try c.serialize(iterations)
                                try DERWriting.algorithm(OID.hmacWithSHA256, into: &c)
                            }
                        }
                        try c.appendConstructedNode(identifier: .sequence) { c in
                            try c.serialize(OID.aes256CBC)
                            try c.serialize(ASN1OctetString(contentBytes: iv[...]))
                        }
                    }
                }
                try c.serialize(ASN1OctetString(contentBytes: Array(encrypted)[...]))
            }
        }
    }

    /// `SafeContents ::= SEQUENCE OF SafeBag`.
    static func safeContents(_ bags: (inout DER.Serializer) throws -> Void) throws -> [UInt8] {
        try DERWriting.encode { s in try s.appendConstructedNode(identifier: .sequence, bags) }
    }

    /// `SafeBag ::= SEQUENCE { bagId, [0] EXPLICIT bagValue, SET OF { localKeyID } }`.
    static func bag(_ id: ASN1ObjectIdentifier, keyID: [UInt8], into s: inout DER.Serializer,
                    value: (inout DER.Serializer) throws -> Void) throws {
        try s.appendConstructedNode(identifier: .sequence) { c in
            try c.serialize(id)
            try c.appendConstructedNode(identifier: DERWriting.contextZero, value)
            try c.appendConstructedNode(identifier: .set) { c in
                try c.appendConstructedNode(identifier: .sequence) { c in
                    try c.serialize(OID.localKeyID)
                    try c.appendConstructedNode(identifier: .set) { c in try c.serialize(ASN1OctetString(contentBytes: keyID[...])) }
                }
            }
        }
    }

    /// `ContentInfo { id-data, [0] EXPLICIT OCTET STRING content }`.
    static func dataContentInfo(_ content: [UInt8], into s: inout DER.Serializer) throws {
        try s.appendConstructedNode(identifier: .sequence) { c in
            try c.serialize(OID.data)
            try c.appendConstructedNode(identifier: DERWriting.contextZero) { c in
                try c.serialize(ASN1OctetString(contentBytes: content[...]))
            }
        }
    }
}

/// The key derivation of PKCS#12 (RFC 7292, appendix B.2), which the integrity MAC uses: the
/// password as a BMPString with its two-zero terminator, diversified by `id` (3 = MAC key), with
/// SHA-256 (what drvkit and OpenSSL 3 write) or SHA-1 (older files).
enum PKCS12KeyDerivation {
    static func derive(password: String, salt: [UInt8], id: UInt8, iterations: Int, count: Int, hash: DigestAlgorithm = .sha256) -> [UInt8] {
        let u = hash == .sha1 ? 20 : 32, v = 64
        let digest = { (bytes: [UInt8]) in FlatDigest.digest(bytes, hash) }
        let passwordBytes = Array(DERWriting.bmp(password).bytes) + [0, 0]
        func stretched(_ bytes: [UInt8]) -> [UInt8] {
            guard !bytes.isEmpty else { return [] }
            let length = v * ((bytes.count + v - 1) / v)
            return (0..<length).map { bytes[$0 % bytes.count] }
        }
        let diversifier = [UInt8](repeating: id, count: v)
        var input = stretched(salt) + stretched(passwordBytes)
        var output: [UInt8] = []
        while output.count < count {
            var a = digest(diversifier + input)
            for _ in 1..<max(1, iterations) { a = digest(a) }
            output += a
            // Each v-byte block of the input becomes (block + B + 1) mod 2^(8v), B being A repeated to v bytes.
            let b = (0..<v).map { a[$0 % u] }
            for start in stride(from: 0, to: input.count, by: v) {
                var carry: UInt16 = 1
                for k in stride(from: v - 1, through: 0, by: -1) {
                    let sum = UInt16(input[start + k]) + UInt16(b[k]) + carry
                    input[start + k] = UInt8(sum & 0xFF)
                    carry = sum >> 8
                }
            }
        }
        return Array(output.prefix(count))
    }
}
