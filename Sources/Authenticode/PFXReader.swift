import _CryptoExtras
import Crypto
import Foundation
import SwiftASN1
import X509

/// Why a PFX file cannot be read.
public struct PFXError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}

extension PFX {
    /// AES-CBC ciphers PBES2 may name, and their key lengths.
    static let aesCBC: [ASN1ObjectIdentifier: Int] = [[2, 16, 840, 1, 101, 3, 4, 1, 2]: 16, [2, 16, 840, 1, 101, 3, 4, 1, 22]: 24, OID.aes256CBC: 32]
    /// PKCS#12's own password-based schemes (RFC 7292, appendix C), which need 3DES or RC2.
    static let legacySchemes: [ASN1ObjectIdentifier: String] = [
        [1, 2, 840, 113549, 1, 12, 1, 1]: "pbeWithSHAAnd128BitRC4", [1, 2, 840, 113549, 1, 12, 1, 2]: "pbeWithSHAAnd40BitRC4",
        [1, 2, 840, 113549, 1, 12, 1, 3]: "pbeWithSHAAnd3-KeyTripleDES-CBC", [1, 2, 840, 113549, 1, 12, 1, 4]: "pbeWithSHAAnd2-KeyTripleDES-CBC",
        [1, 2, 840, 113549, 1, 12, 1, 5]: "pbeWithSHAAnd128BitRC2-CBC", [1, 2, 840, 113549, 1, 12, 1, 6]: "pbeWithSHAAnd40BitRC2-CBC",
    ]

    /// The certificate chain (the key's certificate first) and RSA key of a PFX file, as `signtool sign
    /// /f F.pfx /p P` takes them. Reads what drvkit, OpenSSL 3 and Windows' AES export write: PBES2
    /// (PBKDF2 with HMAC-SHA-1 or -SHA-256, AES-CBC) for keys and encrypted certificate bags, and an
    /// HMAC-SHA-256 or -SHA-1 integrity MAC, which a wrong password fails. Legacy 3DES/RC2 files are
    /// refused with a message saying how to re-export them.
    public static func read(_ bytes: [UInt8], password: String) throws -> (chain: [Certificate], key: AuthenticodeRSAKey) {
        let items: [ASN1Node]
        do { items = try sequence(try DER.parse(bytes)) } catch { throw PFXError("not a PKCS#12 file: \(error)") }
        guard items.count >= 2 else { throw PFXError("not a PKCS#12 file: too few fields") }
        let authenticatedSafe = try dataContent(items[1])
        if items.count >= 3 { try checkMAC(items[2], over: authenticatedSafe, password: password) }
        var certificates: [Certificate] = []
        var keys: [[UInt8]] = []
        for contentInfo in try sequence(try DER.parse(authenticatedSafe)) {
            let parts = try sequence(contentInfo)
            let type = try ASN1ObjectIdentifier(derEncoded: parts[0])
            let safeContents: [UInt8]
            if type == OID.data {
                safeContents = try dataContent(contentInfo)
            } else if type == OID.encryptedData, parts.count == 2, let encrypted = try explicitChild(parts[1]) {
                // EncryptedData { version, EncryptedContentInfo { contentType, algorithm, [0] IMPLICIT encryptedContent } }
                let info = try sequence(try sequence(encrypted)[1])
                guard info.count == 3, case .primitive(let content) = info[2].content else { throw PFXError("malformed encrypted certificate bag") }
                safeContents = try decrypt(Array(content), algorithm: info[1], password: password)
            } else {
                continue
            }
            for bag in try sequence(try DER.parse(safeContents)) {
                let fields = try sequence(bag)
                guard fields.count >= 2, let value = try explicitChild(fields[1]) else { continue }
                let id = try ASN1ObjectIdentifier(derEncoded: fields[0])
                if id == OID.certBag {
                    let cert = try sequence(value)
                    guard cert.count == 2, try ASN1ObjectIdentifier(derEncoded: cert[0]) == OID.x509Certificate,
                          let octets = try explicitChild(cert[1]) else { continue }
                    certificates.append(try Certificate(derEncoded: Array(try ASN1OctetString(derEncoded: octets).bytes)))
                } else if id == OID.shroudedKeyBag {
                    let encrypted = try sequence(value)
                    guard encrypted.count == 2 else { throw PFXError("malformed shrouded key bag") }
                    keys.append(try decrypt(Array(try ASN1OctetString(derEncoded: encrypted[1]).bytes), algorithm: encrypted[0], password: password))
                } else if id == OID.keyBag {
                    keys.append(Array(value.encodedBytes))
                }
            }
        }
        guard let pkcs8 = keys.first else { throw PFXError("the PFX holds no private key") }
        let key: AuthenticodeRSAKey
        do { key = try AuthenticodeRSAKey(derRepresentation: pkcs8) } catch { throw PFXError("the PFX's private key is not an RSA key drvkit can sign with: \(error)") }
        let publicKey = Certificate.PublicKey(key.publicKey)
        guard let signer = certificates.first(where: { $0.publicKey == publicKey }) else { throw PFXError("the PFX holds no certificate for its private key") }
        return ([signer] + certificates.filter { $0 != signer }, key)
    }

    /// `MacData { DigestInfo { algorithm, digest }, macSalt, iterations DEFAULT 1 }`: an HMAC over the
    /// authenticated safe with a key derived from the password.
    static func checkMAC(_ node: ASN1Node, over content: [UInt8], password: String) throws {
        let mac = try sequence(node)
        let digestInfo = try sequence(mac[0])
        let algorithm = try ASN1ObjectIdentifier(derEncoded: try sequence(digestInfo[0])[0])
        let expected = Array(try ASN1OctetString(derEncoded: digestInfo[1]).bytes)
        let salt = Array(try ASN1OctetString(derEncoded: mac[1]).bytes)
        let iterations = mac.count > 2 ? try Int(derEncoded: mac[2]) : 1
        let actual: [UInt8]
        switch algorithm {
        case AuthenticodeOID.sha256:
            let key = PKCS12KeyDerivation.derive(password: password, salt: salt, id: 3, iterations: iterations, count: 32)
            actual = Array(HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: key)))
        case AuthenticodeOID.sha1:
            let key = PKCS12KeyDerivation.derive(password: password, salt: salt, id: 3, iterations: iterations, count: 20, hash: .sha1)
            actual = Array(HMAC<Insecure.SHA1>.authenticationCode(for: content, using: SymmetricKey(data: key)))
        default:
            throw PFXError("the PFX's integrity MAC uses \(algorithm), which drvkit does not support (SHA-1 and SHA-256 only)")
        }
        guard actual == expected else { throw PFXError("wrong password, or the file is damaged: the PFX's integrity MAC does not match") }
    }

    /// Decrypts PBES2 data (PBKDF2 with HMAC-SHA-1 or -SHA-256, then AES-CBC) with the UTF-8 password.
    static func decrypt(_ data: [UInt8], algorithm node: ASN1Node, password: String) throws -> [UInt8] {
        let algorithm = try sequence(node)
        let scheme = try ASN1ObjectIdentifier(derEncoded: algorithm[0])
        if let legacy = legacySchemes[scheme] {
            throw PFXError("the PFX is encrypted with \(legacy), which drvkit cannot decrypt; export it again with AES (OpenSSL 3's default `openssl pkcs12 -export`, or Windows' AES256-SHA256)")
        }
        guard scheme == OID.pbes2, algorithm.count == 2 else { throw PFXError("the PFX uses the encryption scheme \(scheme), which drvkit does not support") }
        let params = try sequence(algorithm[1])
        let kdf = try sequence(params[0]), cipher = try sequence(params[1])
        guard try ASN1ObjectIdentifier(derEncoded: kdf[0]) == OID.pbkdf2 else { throw PFXError("the PFX uses a key derivation other than PBKDF2") }
        let pbkdf2 = try sequence(kdf[1])
        let salt = Array(try ASN1OctetString(derEncoded: pbkdf2[0]).bytes)
        let iterations = try Int(derEncoded: pbkdf2[1])
        var prf = OID.hmacWithSHA1
        if let last = pbkdf2.last, last.identifier == .sequence { prf = try ASN1ObjectIdentifier(derEncoded: try sequence(last)[0]) }
        let cipherOID = try ASN1ObjectIdentifier(derEncoded: cipher[0])
        guard let keyLength = aesCBC[cipherOID] else { throw PFXError("the PFX uses the cipher \(cipherOID); drvkit decrypts AES-CBC only") }
        let hash: KDF.Insecure.PBKDF2.HashFunction
        switch prf {
        case OID.hmacWithSHA256: hash = .sha256
        case OID.hmacWithSHA1: hash = .insecureSHA1
        default: throw PFXError("the PFX's PBKDF2 uses \(prf), which drvkit does not support")
        }
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: hash,
                                                    outputByteCount: keyLength, unsafeUncheckedRounds: iterations)
        let iv = Array(try ASN1OctetString(derEncoded: cipher[1]).bytes)
        do {
            return Array(try AES._CBC.decrypt(data, using: key, iv: AES._CBC.IV(ivBytes: iv)))
        } catch {
            throw PFXError("wrong password, or the file is damaged: the PFX does not decrypt")
        }
    }

    /// The octets of `ContentInfo { id-data, [0] EXPLICIT OCTET STRING }`.
    static func dataContent(_ node: ASN1Node) throws -> [UInt8] {
        let parts = try sequence(node)
        guard parts.count == 2, try ASN1ObjectIdentifier(derEncoded: parts[0]) == OID.data, let wrapped = try explicitChild(parts[1]) else {
            throw PFXError("a PKCS#12 content is not plain data")
        }
        return Array(try ASN1OctetString(derEncoded: wrapped).bytes)
    }

    static func sequence(_ node: ASN1Node) throws -> [ASN1Node] {
        guard case .constructed(let children) = node.content else { throw PFXError("malformed PKCS#12 structure") }
        return Array(children)
    }

    /// The one child of an `[0] EXPLICIT` node.
    static func explicitChild(_ node: ASN1Node) throws -> ASN1Node? {
        guard node.identifier == DERWriting.contextZero, case .constructed(let children) = node.content else { return nil }
        return children.first(where: { _ in true })
    }
}
