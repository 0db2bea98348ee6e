import Foundation
import SwiftASN1

/// One file of a catalog: its tag (the hash Windows looks it up by) and attributes.
public struct CatalogMember: Hashable, Sendable {
    /// The raw tag; for v1 catalogs the UTF-16LE upper-case hexadecimal SHA-1 with a NUL.
    public var tag: [UInt8]
    public var fileName: String?
    public var osAttributes: String?
    /// `CatalogSubjectType.peImage` or `.flatFile`.
    public var subjectType: String?
    public var isPE: Bool
    public var digestAlgorithm: DigestAlgorithm?
    public var digest: [UInt8]?

    /// The tag as text (the hexadecimal digest for v1 tags, else hexadecimal of the raw bytes).
    public var tagText: String {
        let text = DERWriting.string(fromUTF16LE: tag[...])
        return text.count == 40 || text.count == 64 ? text : tag.hexUppercase
    }
}

/// The two member formats of catalogs.
public enum CatalogVersion: Int, Sendable, CaseIterable {
    /// Members tagged with the SHA-1 in hexadecimal (Inf2Cat; every Windows release).
    case v1 = 1
    /// Members tagged with the raw SHA-256, each with a SHA-1 twin (MakeCat `CatalogVersion=2`,
    /// PowerShell `New-FileCatalog -CatalogVersion 2`): Windows 8 and Server 2012 and later.
    case v2 = 2

    /// The digest Windows looks a file up by in a catalog of this version.
    public var lookupDigest: DigestAlgorithm { self == .v1 ? .sha1 : .sha256 }
}

/// A Microsoft catalog: a PKCS#7 SignedData around a certificate trust list.
public struct Catalog: Sendable {
    public var listIdentifier: [UInt8]
    public var thisUpdate: Date?
    /// 1 (SHA-1 hex tags, Inf2Cat) or 2 (raw digest tags).
    public var version: Int
    public var members: [CatalogMember]
    /// Catalog-level attributes (`OS`, `HWID1`…) in file order.
    public var attributes: [(name: String, value: String)]
    /// The signature part (certificates and signers), empty for an unsigned catalog.
    public var signedData: SignedData

    /// The digest Windows looks files up by in this catalog: SHA-1 in v1, SHA-256 in v2.
    public var lookupDigest: DigestAlgorithm { (CatalogVersion(rawValue: version) ?? .v1).lookupDigest }

    /// The member whose tag names this digest (v1: in hexadecimal; v2: the raw bytes).
    public func member(forDigest digest: [UInt8]) -> CatalogMember? {
        let hex = digest.hexUppercase
        return members.first { $0.tag == digest || $0.tagText == hex }
    }
}

/// A file to put in a catalog.
public struct CatalogInput: Sendable {
    public var name: String
    public var bytes: [UInt8]
    public init(name: String, bytes: [UInt8]) { self.name = name; self.bytes = bytes }
}

/// Why catalog bytes cannot be read.
public struct CatalogError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension Catalog {
    /// The CTL of a catalog for `files`: catalog attributes as given, and members by `version`.
    ///
    /// - v1, as Inf2Cat writes it: a member per file tagged with its SHA-1 (upper-case hexadecimal in
    ///   UTF-16LE), with File and OSAttr names, member info and Authenticode indirect data.
    /// - v2, as MakeCat writes it with `CatalogVersion=2`: a member per file tagged with its raw SHA-256,
    ///   with member info v2 (`[0]` a PE image, `[2]` a flat file), the names and SHA-256 indirect data;
    ///   and a twin tagged with its raw SHA-1 that carries only the member info.
    public static func buildCTL(files: [CatalogInput], version: CatalogVersion = .v1, osAttributes: String?,
                                attributes: [(name: String, value: String)], listIdentifier: [UInt8], date: Date) throws -> [UInt8] {
        var members: [(tag: [UInt8], attributes: [[UInt8]])] = []
        for file in files {
            let pe = try? PEFile(bytes: file.bytes)
            func digest(_ algorithm: DigestAlgorithm) -> [UInt8] { pe?.authenticodeDigest(algorithm) ?? FlatDigest.digest(file.bytes, algorithm) }
            var names = [try attribute(AuthenticodeOID.catNameValue, value: try DERWriting.nameValue("File", flags: 0x1001_0001, value: file.name.lowercased()))]
            if let osAttributes, !osAttributes.isEmpty {
                names.append(try attribute(AuthenticodeOID.catNameValue, value: try DERWriting.nameValue("OSAttr", flags: 0x1001_0001, value: osAttributes)))
            }
            switch version {
            case .v1:
                let sha1 = digest(.sha1)
                let memberInfo = try DERWriting.encode { s in
                    try s.appendConstructedNode(identifier: .sequence) { c in
                        try c.serialize(DERWriting.bmp(pe != nil ? CatalogSubjectType.peImage : CatalogSubjectType.flatFile))
                        try c.serialize(512)
                    }
                }
                let own = [try attribute(AuthenticodeOID.catMemberInfo, value: memberInfo),
                           try attribute(AuthenticodeOID.spcIndirectData, value: try DERWriting.spcIndirectData(pe: pe != nil, digest: sha1, algorithm: .sha1))]
                members.append((DERWriting.utf16z(sha1.hexUppercase), names + own))
            case .v2:
                let sha256 = digest(.sha256)
                let memberInfo = try attribute(AuthenticodeOID.catMemberInfo2, value: [pe != nil ? CatalogSubjectKind.peImage : CatalogSubjectKind.flatFile, 0])
                let indirect = try attribute(AuthenticodeOID.spcIndirectData, value: try DERWriting.spcIndirectData(pe: pe != nil, digest: sha256, algorithm: .sha256))
                members.append((sha256, names + [memberInfo, indirect]))
                members.append((digest(.sha1), [memberInfo]))
            }
        }
        // DER: the attributes of a member are a SET OF (sorted by encoding); members go by tag.
        members = members.map { ($0.tag, $0.attributes.sorted { $0.lexicographicallyPrecedes($1) }) }
        members.sort { $0.tag.lexicographicallyPrecedes($1.tag) }
        let time = try ASN1Time.utcTime(date)
        return try DERWriting.encode { s in
            try s.appendConstructedNode(identifier: .sequence) { c in
                try c.appendConstructedNode(identifier: .sequence) { c in try c.serialize(AuthenticodeOID.catalogList) }
                try c.serialize(ASN1OctetString(contentBytes: listIdentifier[...]))
                try c.serialize(time)
                try DERWriting.algorithm(version == .v1 ? AuthenticodeOID.catalogListMemberV1 : AuthenticodeOID.catalogListMemberV2, into: &c)
                try c.appendConstructedNode(identifier: .sequence) { c in
                    for member in members {
                        try c.appendConstructedNode(identifier: .sequence) { c in
                            try c.serialize(ASN1OctetString(contentBytes: member.tag[...]))
                            c.appendConstructedNode(identifier: .set) { c in
                                for a in member.attributes { c.serializeRawBytes(a) }
                            }
                        }
                    }
                }
                if !attributes.isEmpty {
                    try c.appendConstructedNode(identifier: DERWriting.contextZero) { c in
                        try c.appendConstructedNode(identifier: .sequence) { c in
                            for (name, value) in attributes {
                                try c.appendConstructedNode(identifier: .sequence) { c in
                                    try c.serialize(AuthenticodeOID.catNameValue)
                                    try c.serialize(ASN1OctetString(contentBytes: try DERWriting.nameValue(name, flags: 0x1001_0001, value: value)[...]))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `SEQUENCE { oid, SET { value } }` with `value` already DER.
    static func attribute(_ oid: ASN1ObjectIdentifier, value: [UInt8]) throws -> [UInt8] {
        try DERWriting.encode { s in
            try s.appendConstructedNode(identifier: .sequence) { c in
                try c.serialize(oid)
                c.appendConstructedNode(identifier: .set) { c in c.serializeRawBytes(value) }
            }
        }
    }

    /// Reads any catalog: unsigned or signed, v1 or v2.
    public init(derEncoded bytes: [UInt8]) throws {
        let signed: SignedData
        do {
            signed = try SignedData(derEncoded: bytes)
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError("not a PKCS#7 SignedData: \(error)")
        }
        guard signed.contentType == AuthenticodeOID.ctl else { throw CatalogError("the signed content is \(signed.contentType), not a certificate trust list") }
        do {
            try self.init(ctl: signed.content, signedData: signed)
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError("malformed certificate trust list: \(error)")
        }
    }

    init(ctl: [UInt8], signedData: SignedData) throws {
        self.signedData = signedData
        let root = try DER.parse(ctl)
        guard case .constructed(let fields) = root.content else { throw CatalogError("CTL is not a SEQUENCE") }
        var iterator = fields.makeIterator()
        var next = iterator.next()
        if let n = next, n.identifier == .integer { next = iterator.next() }            // version
        next = iterator.next()                                                       // subjectUsage done
        guard let listNode = next else { throw CatalogError("CTL has no list identifier") }
        listIdentifier = listNode.identifier == .octetString ? Array(try ASN1OctetString(derEncoded: listNode).bytes) : []
        var node = iterator.next()
        thisUpdate = nil
        if let n = node, n.identifier == .utcTime {
            thisUpdate = ASN1Time.date(n)
            node = iterator.next()
        }
        if let n = node, n.identifier == .utcTime || n.identifier == .generalizedTime { node = iterator.next() }   // nextUpdate
        version = 1
        if let n = node, case .constructed(let alg) = n.content, let oidNode = alg.first(where: { _ in true }) {
            version = (try? ASN1ObjectIdentifier(derEncoded: oidNode)) == AuthenticodeOID.catalogListMemberV2 ? 2 : 1
        }
        members = []
        attributes = []
        while let n = iterator.next() {
            if n.identifier == .sequence, case .constructed(let list) = n.content {
                for entry in list { members.append(try Self.member(entry)) }
            } else if n.identifier == DERWriting.contextZero, case .constructed(let wrapper) = n.content {
                for sequence in wrapper {
                    guard case .constructed(let extensions) = sequence.content else { continue }
                    for ext in extensions {
                        guard case .constructed(let parts) = ext.content else { continue }
                        let items = Array(parts)
                        guard items.count >= 2, let value = items.last, value.identifier == .octetString else { continue }
                        let nameValue = try DER.parse(Array(try ASN1OctetString(derEncoded: value).bytes))
                        if let (name, text) = try? Self.nameValue(nameValue) { attributes.append((name, text)) }
                    }
                }
            }
        }
    }

    static func nameValue(_ node: ASN1Node) throws -> (String, String) {
        guard case .constructed(let parts) = node.content else { throw CatalogError("NameValue is not a SEQUENCE") }
        let items = Array(parts)
        guard items.count == 3 else { throw CatalogError("NameValue has \(items.count) fields") }
        let name = DERWriting.string(fromBMP: try ASN1BMPString(derEncoded: items[0]).bytes)
        let value = DERWriting.string(fromUTF16LE: try ASN1OctetString(derEncoded: items[2]).bytes)
        return (name, value)
    }

    static func member(_ node: ASN1Node) throws -> CatalogMember {
        guard case .constructed(let parts) = node.content else { throw CatalogError("catalog member is not a SEQUENCE") }
        let items = Array(parts)
        guard let tagNode = items.first else { throw CatalogError("catalog member without a tag") }
        var member = CatalogMember(tag: Array(try ASN1OctetString(derEncoded: tagNode).bytes), isPE: false)
        guard items.count > 1, case .constructed(let attributes) = items[1].content else { return member }
        for attribute in attributes {
            guard case .constructed(let fields) = attribute.content else { continue }
            let pair = Array(fields)
            guard pair.count == 2, let oid = try? ASN1ObjectIdentifier(derEncoded: pair[0]), case .constructed(let values) = pair[1].content,
                  let value = values.first(where: { _ in true }) else { continue }
            switch oid {
            case AuthenticodeOID.catNameValue:
                if let (name, text) = try? nameValue(value) {
                    if name.lowercased() == "file" { member.fileName = text }
                    if name.lowercased() == "osattr" { member.osAttributes = text }
                }
            case AuthenticodeOID.catMemberInfo:
                if case .constructed(let info) = value.content, let first = info.first(where: { _ in true }),
                   let guid = try? ASN1BMPString(derEncoded: first) {
                    member.subjectType = DERWriting.string(fromBMP: guid.bytes)
                    member.isPE = member.subjectType?.uppercased() == CatalogSubjectType.peImage
                }
            case AuthenticodeOID.catMemberInfo2:
                if value.identifier.tagClass == .contextSpecific { member.isPE = member.isPE || value.identifier.tagNumber == 0 }
            case AuthenticodeOID.spcIndirectData:
                if let indirect = try? SpcIndirectData(node: value) {
                    member.isPE = member.isPE || indirect.isPE
                    member.digest = indirect.digest
                    member.digestAlgorithm = indirect.algorithm
                }
            default:
                break
            }
        }
        return member
    }
}

/// `SpcIndirectDataContent`: what kind of file, and its digest.
public struct SpcIndirectData: Sendable {
    public var isPE: Bool
    public var algorithm: DigestAlgorithm?
    public var digest: [UInt8]
    /// A PE's page hash table and its algorithm (``PageHashes``), when the signature carries one.
    public var pageHashes: (algorithm: DigestAlgorithm, table: [UInt8])?

    init(node: ASN1Node) throws {
        guard case .constructed(let parts) = node.content else { throw CatalogError("SpcIndirectDataContent is not a SEQUENCE") }
        let items = Array(parts)
        guard items.count == 2, case .constructed(let typeParts) = items[0].content, case .constructed(let digestInfo) = items[1].content else {
            throw CatalogError("SpcIndirectDataContent has the wrong shape")
        }
        let type = try ASN1ObjectIdentifier(derEncoded: Array(typeParts)[0])
        isPE = type == AuthenticodeOID.spcPEImageData
        let typeItems = Array(typeParts)
        pageHashes = isPE && typeItems.count > 1 ? PageHashes.read(peImageData: typeItems[1]) : nil
        let info = Array(digestInfo)
        guard info.count == 2, case .constructed(let alg) = info[0].content else { throw CatalogError("DigestInfo has the wrong shape") }
        let algOID = try ASN1ObjectIdentifier(derEncoded: Array(alg)[0])
        algorithm = algOID == AuthenticodeOID.sha1 ? .sha1 : algOID == AuthenticodeOID.sha256 ? .sha256 : nil
        digest = Array(try ASN1OctetString(derEncoded: info[1]).bytes)
    }
}
