import SwiftASN1

/// Small helpers over swift-asn1's serializer for the structures Authenticode adds.
enum DERWriting {
    static let contextZero = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
    static let contextTwo = ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific)

    /// The DER of one value built with `body`.
    static func encode(_ body: (inout DER.Serializer) throws -> Void) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try body(&serializer)
        return serializer.serializedBytes
    }

    /// UTF-16LE with a terminating NUL, as catalogs store names and values.
    static func utf16z(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        for u in s.utf16 { out.append(UInt8(u & 0xFF)); out.append(UInt8(u >> 8)) }
        return out + [0, 0]
    }

    /// BMPString content (big-endian UTF-16, no terminator).
    static func bmp(_ s: String) -> ASN1BMPString {
        var bytes: [UInt8] = []
        for u in s.utf16 { bytes.append(UInt8(u >> 8)); bytes.append(UInt8(u & 0xFF)) }
        return ASN1BMPString(contentBytes: bytes[...])
    }

    static func string(fromBMP bytes: ArraySlice<UInt8>) -> String {
        var units: [UInt16] = []
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex { units.append(UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])); i += 2 }
        return String(decoding: units, as: UTF16.self)
    }

    static func string(fromUTF16LE bytes: ArraySlice<UInt8>) -> String {
        var units: [UInt16] = []
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex { units.append(UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8); i += 2 }
        while units.last == 0 { units.removeLast() }
        return String(decoding: units, as: UTF16.self)
    }

    /// `NameValue ::= SEQUENCE { BMPString name, INTEGER flags, OCTET STRING value }`.
    static func nameValue(_ name: String, flags: Int, value: String) throws -> [UInt8] {
        try encode { s in
            try s.appendConstructedNode(identifier: .sequence) { c in
                try c.serialize(bmp(name))
                try c.serialize(flags)
                try c.serialize(ASN1OctetString(contentBytes: utf16z(value)[...]))
            }
        }
    }

    /// `AlgorithmIdentifier { oid, NULL }`.
    static func algorithm(_ oid: ASN1ObjectIdentifier, into c: inout DER.Serializer) throws {
        try c.appendConstructedNode(identifier: .sequence) { c in
            try c.serialize(oid)
            try c.serialize(ASN1Null())
        }
    }

    /// `SpcIndirectDataContent { SpcAttributeTypeAndOptionalValue, DigestInfo }` for a flat file or a PE.
    /// With `pageHashes`, a PE's file link carries their table (``PageHashes``) instead of an empty file name.
    static func spcIndirectData(pe: Bool, peFlags: [UInt8] = [0x03, 0x02, 0x05, 0xA0], digest: [UInt8], algorithm: DigestAlgorithm,
                                pageHashes: [UInt8]? = nil) throws -> [UInt8] {
        try encode { s in
            try s.appendConstructedNode(identifier: .sequence) { c in
                try c.appendConstructedNode(identifier: .sequence) { c in
                    if pe {
                        try c.serialize(AuthenticodeOID.spcPEImageData)
                        try c.appendConstructedNode(identifier: .sequence) { c in
                            c.serializeRawBytes(peFlags)                       // flags BIT STRING
                            try c.appendConstructedNode(identifier: contextZero) { c in   // file [0] SpcLink
                                if let pageHashes {
                                    try PageHashes.link(table: pageHashes, algorithm: algorithm, into: &c)   // [1] moniker
                                } else {
                                    c.appendConstructedNode(identifier: contextTwo) { c in  // [2] file
                                        c.appendPrimitiveNode(identifier: contextZero) { bytes in bytes.append(contentsOf: [UInt8]()) }
                                    }
                                }
                            }
                        }
                    } else {
                        try c.serialize(AuthenticodeOID.spcCabData)
                        c.appendConstructedNode(identifier: contextTwo) { c in
                            c.appendPrimitiveNode(identifier: contextZero) { _ in }
                        }
                    }
                }
                try c.appendConstructedNode(identifier: .sequence) { c in
                    try DERWriting.algorithm(AuthenticodeOID.digest(algorithm), into: &c)
                    try c.serialize(ASN1OctetString(contentBytes: digest[...]))
                }
            }
        }
    }
}
