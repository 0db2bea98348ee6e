import _CryptoExtras
import Foundation
import SwiftASN1
import X509

/// Signing and verifying catalogs and PE files with Authenticode.
public enum AuthenticodeSigner {
    /// The catalog with an RSA/SHA-256 signature over its CTL (the CTL bytes are kept as they are).
    public static func signCatalog(_ catalog: [UInt8], chain: [Certificate], privateKey: _RSA.Signing.PrivateKey) throws -> [UInt8] {
        let signed = try SignedData(derEncoded: catalog)
        guard signed.contentType == AuthenticodeOID.ctl else { throw CatalogError("not a catalog") }
        return try SignedData.sign(contentType: AuthenticodeOID.ctl, content: signed.content, chain: chain, privateKey: privateKey)
    }

    /// An unsigned catalog of `version` for `files`.
    public static func unsignedCatalog(files: [CatalogInput], version: CatalogVersion = .v1, osAttributes: String?,
                                       attributes: [(name: String, value: String)], date: Date = Date()) throws -> [UInt8] {
        var listIdentifier = [UInt8](repeating: 0, count: 16)
        for i in 0..<16 { listIdentifier[i] = UInt8.random(in: 0...255) }
        let ctl = try Catalog.buildCTL(files: files, version: version, osAttributes: osAttributes, attributes: attributes, listIdentifier: listIdentifier, date: date)
        return try SignedData.unsigned(contentType: AuthenticodeOID.ctl, content: ctl)
    }

    /// The PE with an embedded Authenticode signature (SHA-256): padded to 8 bytes, signed,
    /// WIN_CERTIFICATE appended, certificate directory and checksum updated. With `pageHashes`
    /// the signature also carries a SHA-256 hash of every page (``PageHashes``, `signtool /ph`).
    public static func signPE(_ bytes: [UInt8], chain: [Certificate], privateKey: _RSA.Signing.PrivateKey, pageHashes: Bool = false) throws -> [UInt8] {
        var file = bytes
        let original = try PEFile(bytes: file)
        guard let entry = original.certificateEntryOffset else { throw PEError("the image has no certificate table directory", at: original.peHeaderOffset) }
        if original.certificateTable.size > 0 {
            file = Array(file.prefix(original.certificateTable.offset))   // re-signing replaces the old signature
            for i in 0..<8 { file[entry + i] = 0 }
        }
        while file.count % 8 != 0 { file.append(0) }
        let unsigned = try PEFile(bytes: file)
        let digest = unsigned.authenticodeDigest(.sha256)
        let table = pageHashes ? try PageHashes.table(unsigned, .sha256) : nil
        let indirect = try DERWriting.spcIndirectData(pe: true, peFlags: [0x03, 0x01, 0x00], digest: digest, algorithm: .sha256, pageHashes: table)
        var signature = try SignedData.sign(contentType: AuthenticodeOID.spcIndirectData, content: indirect, chain: chain, privateKey: privateKey)
        while (signature.count + 8) % 8 != 0 { signature.append(0) }
        let length = UInt32(signature.count + 8)
        let offset = UInt32(file.count)
        file += le32(length) + [0x00, 0x02, 0x02, 0x00] + signature
        file.replaceSubrange(entry..<(entry + 8), with: le32(offset) + le32(length))
        let checksumOffset = original.checksumOffset
        file.replaceSubrange(checksumOffset..<(checksumOffset + 4), with: le32(PEFile.checksum(of: file, checksumOffset: checksumOffset)))
        return file
    }

    /// Verifies a PE's embedded signature: digest of the image, signature, chain to `trusted`.
    @discardableResult
    public static func verifyPE(_ bytes: [UInt8], trusted: [Certificate]) throws -> Certificate {
        let pe = try PEFile(bytes: bytes)
        guard let entry = try pe.embeddedSignatures().first(where: { $0.certificateType == WinCertificate.pkcsSignedData }) else {
            throw CatalogError("the file has no embedded signature")
        }
        let signed = try SignedData(derEncoded: entry.content)
        guard signed.contentType == AuthenticodeOID.spcIndirectData else { throw CatalogError("the embedded signature is not Authenticode") }
        let indirect = try SpcIndirectData(node: try DER.parse(signed.content))
        guard let algorithm = indirect.algorithm, indirect.digest == pe.authenticodeDigest(algorithm) else {
            throw CatalogError("the file was changed after it was signed (Authenticode digest mismatch)")
        }
        if let pages = indirect.pageHashes, (try? PageHashes.table(pe, pages.algorithm)) != pages.table {
            throw CatalogError("the signature's page hashes do not match the file's pages")
        }
        return try signed.verify(trusted: trusted)
    }

    static func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
}
