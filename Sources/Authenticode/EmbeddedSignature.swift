/// One entry of a PE's attribute certificate table (`WIN_CERTIFICATE`).
public struct WinCertificate: Hashable, Sendable {
    /// `WIN_CERT_REVISION_2_0` is 0x0200.
    public var revision: UInt16
    /// `WIN_CERT_TYPE_PKCS_SIGNED_DATA` is 0x0002.
    public var certificateType: UInt16
    /// The DER of the PKCS#7 ContentInfo (without the 8-byte alignment padding).
    public var content: [UInt8]

    public static let pkcsSignedData: UInt16 = 0x0002
}

extension PEFile {
    /// The entries of the certificate table; empty for an unsigned file.
    public func embeddedSignatures() throws -> [WinCertificate] {
        let (offset, size) = certificateTable
        guard size > 0 else { return [] }
        var result: [WinCertificate] = []
        var position = offset
        let end = offset + size
        while position + 8 <= end {
            let length = Int(UInt32(bytes[position]) | UInt32(bytes[position + 1]) << 8 | UInt32(bytes[position + 2]) << 16 | UInt32(bytes[position + 3]) << 24)
            guard length >= 8, position + length <= end else {
                throw PEError("WIN_CERTIFICATE length \(length) runs past the certificate table", at: position)
            }
            let revision = UInt16(bytes[position + 4]) | UInt16(bytes[position + 5]) << 8
            let type = UInt16(bytes[position + 6]) | UInt16(bytes[position + 7]) << 8
            var content = Array(bytes[(position + 8)..<(position + length)])
            if type == WinCertificate.pkcsSignedData, let derLength = Self.derLength(content) { content = Array(content.prefix(derLength)) }
            result.append(WinCertificate(revision: revision, certificateType: type, content: content))
            position += (length + 7) & ~7
        }
        return result
    }

    /// The total length of the DER element at the start of `bytes` (tag, length and content).
    static func derLength(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        let first = Int(bytes[1])
        if first < 0x80 { return 2 + first }
        let count = first & 0x7F
        guard count > 0, count <= 4, bytes.count >= 2 + count else { return nil }
        var length = 0
        for i in 0..<count { length = length << 8 | Int(bytes[2 + i]) }
        return 2 + count + length
    }
}

extension AuthenticodeSigner {
    /// The SignedData of a PE's first PKCS#7 WIN_CERTIFICATE; nil when the file is not a PE, has no
    /// embedded signature or the signature does not parse.
    public static func embeddedSignedData(of bytes: [UInt8]) -> SignedData? {
        guard let pe = try? PEFile(bytes: bytes),
              let entry = (try? pe.embeddedSignatures())?.first(where: { $0.certificateType == WinCertificate.pkcsSignedData }) else { return nil }
        return try? SignedData(derEncoded: entry.content)
    }

    /// Whether a PE carries an embedded signature that is intact (its digest matches the image and the
    /// signature verifies with its own certificates); whom it chains to is not checked.
    public static func hasIntactEmbeddedSignature(_ bytes: [UInt8]) -> Bool {
        guard let signed = embeddedSignedData(of: bytes) else { return false }
        return (try? verifyPE(bytes, trusted: signed.certificates)) != nil
    }
}
