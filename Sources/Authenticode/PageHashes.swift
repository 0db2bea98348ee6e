import SwiftASN1

/// Authenticode page hashes (`signtool sign /ph`): a hash of every page of a PE image, carried in
/// the signature so that code integrity can check pages as they are loaded instead of the whole
/// file. The table is what osslsigncode computes and verifies (`pe_page_hash_calc`), the layout
/// signtool writes:
///
/// - one entry per page: the page's file offset (32-bit little-endian), then its hash;
/// - the first page is the headers without the checksum and the certificate table entry (the
///   parts the Authenticode digest leaves out), then SectionAlignment − SizeOfHeaders zeros (so
///   twelve bytes short of a page);
/// - then each section with raw data, in section table order, page by page (SectionAlignment
///   bytes, the last page zero-padded);
/// - last, the offset where the last section's data ends, with an all-zero hash.
public enum PageHashes {
    /// `SPC_PE_IMAGE_PAGE_HASHES_V1` (SHA-1 pages) and `…_V2` (SHA-256 pages).
    static let v1: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 2, 3, 1]
    static let v2: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 2, 3, 2]
    /// The class ID of the SpcSerializedObject that carries them.
    static let classID: [UInt8] = [0xA6, 0xB5, 0x86, 0xD5, 0xB4, 0xA1, 0x24, 0x66, 0xAE, 0x05, 0xA2, 0x17, 0xDA, 0x8E, 0x60, 0xD6]

    /// The page hash table of `pe` with `algorithm`.
    public static func table(_ pe: PEFile, _ algorithm: DigestAlgorithm) throws -> [UInt8] {
        let page = pe.sectionAlignment, bytes = pe.bytes
        guard pe.fileAlignment >= 512, pe.fileAlignment <= 0xFFFF else {
            throw PEError("FileAlignment \(pe.fileAlignment) is not 512 to 64 K: no page hashes", at: pe.peHeaderOffset + 24 + 36)
        }
        guard page >= pe.fileAlignment, page <= 4 << 20, page >= pe.sizeOfHeaders else {
            throw PEError("SectionAlignment \(page) cannot be a page of the image (FileAlignment \(pe.fileAlignment), SizeOfHeaders \(pe.sizeOfHeaders)): no page hashes",
                          at: pe.peHeaderOffset + 24 + 32)
        }
        let end = pe.certificateTable.size > 0 ? pe.certificateTable.offset : bytes.count
        var out: [UInt8] = []
        func entry(_ offset: Int, _ hash: [UInt8]) {
            let o = UInt32(truncatingIfNeeded: offset)
            out += [UInt8(o & 0xFF), UInt8(o >> 8 & 0xFF), UInt8(o >> 16 & 0xFF), UInt8(o >> 24)] + hash
        }
        /// `data` and `padding` zero bytes.
        func hash(_ data: ArraySlice<UInt8>, padding: Int) -> [UInt8] {
            var h = algorithm.hasher()
            h.update(data)
            if padding > 0 { h.update([UInt8](repeating: 0, count: padding)[...]) }
            return h.finalize()
        }
        var header = Array(bytes[0..<pe.checksumOffset])
        if let certificateEntry = pe.certificateEntryOffset {
            header += bytes[(pe.checksumOffset + 4)..<certificateEntry]
            header += bytes[(certificateEntry + 8)..<pe.sizeOfHeaders]
        } else {
            header += bytes[(pe.checksumOffset + 4)..<pe.sizeOfHeaders]
        }
        // Padded to the page from SizeOfHeaders: the twelve bytes left out are not made up for.
        entry(0, hash(header[...], padding: page - pe.sizeOfHeaders))
        var lastEnd = 0
        for section in pe.sections where section.sizeOfRawData > 0 {
            let start = Int(section.pointerToRawData), size = Int(section.sizeOfRawData)
            guard start + size <= end else { throw PEError("section \(section.name) runs past the image data", at: start) }
            for offset in stride(from: start, to: start + size, by: page) {
                let pageEnd = min(offset + page, start + size)
                entry(offset, hash(bytes[offset..<pageEnd], padding: page - (pageEnd - offset)))
            }
            lastEnd = start + size
        }
        entry(lastEnd, [UInt8](repeating: 0, count: algorithm == .sha1 ? 20 : 32))
        return out
    }

    /// The `SpcLink` moniker (`[1] SpcSerializedObject`) holding the table, as SpcPeImageData's file.
    static func link(table: [UInt8], algorithm: DigestAlgorithm, into c: inout DER.Serializer) throws {
        let serialized = try DERWriting.encode { s in
            try s.appendConstructedNode(identifier: .set) { s in
                try s.appendConstructedNode(identifier: .sequence) { s in
                    try s.serialize(algorithm == .sha1 ? v1 : v2)
                    try s.appendConstructedNode(identifier: .set) { s in
                        try s.serialize(ASN1OctetString(contentBytes: table[...]))
                    }
                }
            }
        }
        try c.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)) { c in
            try c.serialize(ASN1OctetString(contentBytes: classID[...]))
            try c.serialize(ASN1OctetString(contentBytes: serialized[...]))
        }
    }

    /// The table and its algorithm in an SpcPeImageData (`SEQUENCE { flags, [0] SpcLink }`), or nil
    /// when its file link is not a page-hash moniker.
    static func read(peImageData node: ASN1Node) -> (algorithm: DigestAlgorithm, table: [UInt8])? {
        guard case .constructed(let parts) = node.content,
              let file = parts.first(where: { $0.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) }),
              case .constructed(let links) = file.content, let moniker = Array(links).first,
              moniker.identifier == ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific),
              case .constructed(let fields) = moniker.content else { return nil }
        let items = Array(fields)
        guard items.count == 2, let id = try? ASN1OctetString(derEncoded: items[0]), Array(id.bytes) == classID,
              let data = try? ASN1OctetString(derEncoded: items[1]), let set = try? DER.parse(Array(data.bytes)),
              case .constructed(let attributes) = set.content else { return nil }
        for attribute in attributes {
            guard case .constructed(let pair) = attribute.content else { continue }
            let values = Array(pair)
            guard values.count == 2, let oid = try? ASN1ObjectIdentifier(derEncoded: values[0]), oid == v1 || oid == v2,
                  case .constructed(let inner) = values[1].content, let first = Array(inner).first,
                  let table = try? ASN1OctetString(derEncoded: first) else { continue }
            return (oid == v1 ? .sha1 : .sha256, Array(table.bytes))
        }
        return nil
    }
}
