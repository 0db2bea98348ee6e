import _CryptoExtras
import Crypto
import Foundation
import SwiftASN1
import X509

/// A signer of a SignedData: who signed, and over what.
public struct SignerInfo: Sendable {
    public var issuerDER: [UInt8]
    public var serialNumber: [UInt8]
    public var digestAlgorithm: DigestAlgorithm?
    /// The signed attributes as signed (re-tagged as SET), and the values we care about.
    public var signedAttributesDER: [UInt8]?
    public var messageDigest: [UInt8]?
    public var contentType: ASN1ObjectIdentifier?
    /// The signingTime attribute (a legacy countersignature's time), if any.
    public var signingTime: Date?
    public var signature: [UInt8]
    /// Unsigned attributes (a timestamp lives here): type and the DER of the first value.
    public var unsignedAttributes: [(type: ASN1ObjectIdentifier, value: [UInt8])] = []
}

/// PKCS#7 / CMS SignedData as Authenticode uses it (content not wrapped in an OCTET STRING).
public struct SignedData: Sendable {
    public var contentType: ASN1ObjectIdentifier
    /// The content's DER (the CTL, or the SpcIndirectDataContent).
    public var content: [UInt8]
    public var certificates: [Certificate]
    public var signers: [SignerInfo]

    public var isSigned: Bool { !signers.isEmpty }

    /// The bytes the messageDigest covers: the content's value without its tag and length (for a
    /// CMS eContent OCTET STRING, such as a timestamp's TSTInfo, the octets it holds).
    static func contentOctets(_ der: [UInt8]) throws -> [UInt8] {
        let node = try DER.parse(der)
        if case .primitive(let octets) = node.content { return node.identifier == .octetString ? Array(octets) : der }
        let headerLength = der.count - contentLength(der)
        return Array(der[headerLength...])
    }

    static func contentLength(_ der: [UInt8]) -> Int {
        let first = Int(der[1])
        if first < 0x80 { return first }
        var length = 0
        for i in 0..<(first & 0x7F) { length = length << 8 | Int(der[2 + i]) }
        return length
    }

    // MARK: Building

    /// An unsigned SignedData (empty digest algorithms and signers), as an unsigned catalog.
    public static func unsigned(contentType: ASN1ObjectIdentifier, content: [UInt8]) throws -> [UInt8] {
        try encode(contentType: contentType, content: content, digestAlgorithm: nil, certificates: [], signerInfo: nil)
    }

    /// A SignedData signed with an RSA key (SHA-256, PKCS#1 v1.5), carrying `chain` (signer first).
    public static func sign(contentType: ASN1ObjectIdentifier, content: [UInt8], chain: [Certificate],
                            privateKey: _RSA.Signing.PrivateKey, signingTime: Date = Date()) throws -> [UInt8] {
        guard let signer = chain.first else { throw CatalogError("no signing certificate") }
        let digest = FlatDigest.digest(try contentOctets(content), .sha256)
        let time = try ASN1Time.utcTime(signingTime)
        var attributes: [[UInt8]] = [
            try Catalog.attribute(AuthenticodeOID.contentType, value: try DERWriting.encode { try $0.serialize(contentType) }),
            try Catalog.attribute(AuthenticodeOID.messageDigest, value: try DERWriting.encode { try $0.serialize(ASN1OctetString(contentBytes: digest[...])) }),
            try Catalog.attribute(AuthenticodeOID.spcStatementType, value: try DERWriting.encode { s in
                try s.appendConstructedNode(identifier: .sequence) { try $0.serialize(AuthenticodeOID.individualCodeSigning) }
            }),
            try Catalog.attribute(AuthenticodeOID.spcSpOpusInfo, value: try DERWriting.encode { s in
                s.appendConstructedNode(identifier: .sequence) { _ in }
            }),
            try Catalog.attribute(AuthenticodeOID.signingTime, value: try DERWriting.encode { try $0.serialize(time) }),
        ]
        attributes.sort { $0.lexicographicallyPrecedes($1) }
        let signedAttributesSET = try DERWriting.encode { s in
            s.appendConstructedNode(identifier: .set) { c in for a in attributes { c.serializeRawBytes(a) } }
        }
        let signature = try privateKey.signature(for: signedAttributesSET, padding: .insecurePKCS1v1_5)
        let issuer = try DERWriting.encode { try $0.serialize(signer.issuer) }
        let signerInfo = try DERWriting.encode { s in
            try s.appendConstructedNode(identifier: .sequence) { c in
                try c.serialize(1)
                c.appendConstructedNode(identifier: .sequence) { c in
                    c.serializeRawBytes(issuer)
                    c.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: Self.integerContent(Array(signer.serialNumber.bytes))) }
                }
                try DERWriting.algorithm(AuthenticodeOID.sha256, into: &c)
                c.appendConstructedNode(identifier: DERWriting.contextZero) { c in for a in attributes { c.serializeRawBytes(a) } }
                try DERWriting.algorithm(AuthenticodeOID.rsaEncryption, into: &c)
                try c.serialize(ASN1OctetString(contentBytes: ArraySlice(signature.rawRepresentation)))
            }
        }
        return try encode(contentType: contentType, content: content, digestAlgorithm: .sha256,
                          certificates: try chain.map { cert in try DERWriting.encode { try $0.serialize(cert) } }, signerInfo: signerInfo)
    }

    static func encode(contentType: ASN1ObjectIdentifier, content: [UInt8], digestAlgorithm: DigestAlgorithm?,
                       certificates: [[UInt8]], signerInfo: [UInt8]?) throws -> [UInt8] {
        try DERWriting.encode { s in
            try s.appendConstructedNode(identifier: .sequence) { c in
                try c.serialize(AuthenticodeOID.signedData)
                try c.appendConstructedNode(identifier: DERWriting.contextZero) { c in
                    try c.appendConstructedNode(identifier: .sequence) { c in
                        try c.serialize(1)
                        try c.appendConstructedNode(identifier: .set) { c in
                            if let digestAlgorithm { try DERWriting.algorithm(AuthenticodeOID.digest(digestAlgorithm), into: &c) }
                        }
                        try c.appendConstructedNode(identifier: .sequence) { c in
                            try c.serialize(contentType)
                            c.appendConstructedNode(identifier: DERWriting.contextZero) { c in c.serializeRawBytes(content) }
                        }
                        if !certificates.isEmpty {
                            c.appendConstructedNode(identifier: DERWriting.contextZero) { c in
                                for cert in certificates.sorted(by: { $0.lexicographicallyPrecedes($1) }) { c.serializeRawBytes(cert) }
                            }
                        }
                        c.appendConstructedNode(identifier: .set) { c in if let signerInfo { c.serializeRawBytes(signerInfo) } }
                    }
                }
            }
        }
    }

    /// A non-negative INTEGER's content octets: minimal, with a 0x00 in front when the top bit is set.
    static func integerContent(_ magnitude: [UInt8]) -> [UInt8] {
        var bytes = Array(magnitude.drop { $0 == 0 })
        if bytes.isEmpty { return [0] }
        if bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        return bytes
    }

    // MARK: Parsing

    public init(derEncoded bytes: [UInt8]) throws {
        let root = try DER.parse(bytes)
        guard case .constructed(let outer) = root.content else { throw CatalogError("ContentInfo is not a SEQUENCE") }
        let parts = Array(outer)
        guard parts.count == 2, try ASN1ObjectIdentifier(derEncoded: parts[0]) == AuthenticodeOID.signedData,
              case .constructed(let wrapper) = parts[1].content, let signedNode = wrapper.first(where: { _ in true }),
              case .constructed(let fieldsCollection) = signedNode.content else {
            throw CatalogError("not a PKCS#7 SignedData")
        }
        let fields = Array(fieldsCollection)
        guard fields.count >= 4, case .constructed(let encap) = fields[2].content else { throw CatalogError("SignedData has too few fields") }
        let encapParts = Array(encap)
        contentType = try ASN1ObjectIdentifier(derEncoded: encapParts[0])
        guard encapParts.count == 2, case .constructed(let contentWrapper) = encapParts[1].content,
              let contentNode = contentWrapper.first(where: { _ in true }) else { throw CatalogError("SignedData has no content") }
        content = Array(contentNode.encodedBytes)
        certificates = []
        signers = []
        for field in fields.dropFirst(3) {
            if field.identifier == DERWriting.contextZero, case .constructed(let certs) = field.content {
                for cert in certs where cert.identifier == .sequence { certificates.append(try Certificate(derEncoded: Array(cert.encodedBytes))) }
            } else if field.identifier == .set, case .constructed(let infos) = field.content {
                for info in infos { signers.append(try Self.signerInfo(info)) }
            }
        }
    }

    static func signerInfo(_ node: ASN1Node) throws -> SignerInfo {
        guard case .constructed(let partsCollection) = node.content else { throw CatalogError("SignerInfo is not a SEQUENCE") }
        let parts = Array(partsCollection)
        guard parts.count >= 5, case .constructed(let sidParts) = parts[1].content else { throw CatalogError("SignerInfo has the wrong shape") }
        let sid = Array(sidParts)
        guard sid.count == 2, case .primitive(let serial) = sid[1].content else { throw CatalogError("SignerInfo must name its signer by issuer and serial number") }
        var info = SignerInfo(issuerDER: Array(sid[0].encodedBytes), serialNumber: Array(serial), digestAlgorithm: nil, signature: [])
        if case .constructed(let alg) = parts[2].content, let oid = try? ASN1ObjectIdentifier(derEncoded: Array(alg)[0]) {
            info.digestAlgorithm = oid == AuthenticodeOID.sha1 ? .sha1 : oid == AuthenticodeOID.sha256 ? .sha256 : nil
        }
        var index = 3
        if parts[3].identifier == DERWriting.contextZero, case .constructed(let attributes) = parts[3].content {
            var set = Array(parts[3].encodedBytes)
            set[0] = 0x31   // signed over as a SET OF
            info.signedAttributesDER = set
            for attribute in attributes {
                guard case .constructed(let pair) = attribute.content else { continue }
                let items = Array(pair)
                guard items.count == 2, let oid = try? ASN1ObjectIdentifier(derEncoded: items[0]), case .constructed(let values) = items[1].content,
                      let value = values.first(where: { _ in true }) else { continue }
                if oid == AuthenticodeOID.messageDigest { info.messageDigest = Array(try ASN1OctetString(derEncoded: value).bytes) }
                if oid == AuthenticodeOID.contentType { info.contentType = try ASN1ObjectIdentifier(derEncoded: value) }
                if oid == AuthenticodeOID.signingTime { info.signingTime = ASN1Time.date(value) }
            }
            index = 4
        }
        guard parts.count > index + 1 else { throw CatalogError("SignerInfo has no signature") }
        info.signature = Array(try ASN1OctetString(derEncoded: parts[index + 1]).bytes)
        let unsignedTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
        if parts.count > index + 2, parts[index + 2].identifier == unsignedTag, case .constructed(let attributes) = parts[index + 2].content {
            for attribute in attributes {
                guard case .constructed(let pair) = attribute.content else { continue }
                let items = Array(pair)
                guard items.count == 2, let oid = try? ASN1ObjectIdentifier(derEncoded: items[0]), case .constructed(let values) = items[1].content,
                      let value = values.first(where: { _ in true }) else { continue }
                info.unsignedAttributes.append((oid, Array(value.encodedBytes)))
            }
        }
        return info
    }

    // MARK: Verification

    /// Checks every signer: the content digest, the signature over the signed attributes, and a chain
    /// from the signer certificate (through the embedded certificates) to one of `trusted`.
    /// Returns the signer certificate of the first signer; throws with the reason otherwise.
    @discardableResult
    public func verify(trusted: [Certificate]) throws -> Certificate {
        guard let signer = signers.first else { throw CatalogError("not signed") }
        guard let algorithm = signer.digestAlgorithm else { throw CatalogError("unsupported digest algorithm") }
        guard let expected = signer.messageDigest, let signed = signer.signedAttributesDER else { throw CatalogError("no signed attributes") }
        guard FlatDigest.digest(try Self.contentOctets(content), algorithm) == expected else {
            throw CatalogError("the signed content does not match its message digest (it was changed after signing)")
        }
        let certificate = try Self.verifySignature(of: signer, algorithm: algorithm, signedAttributes: signed, in: certificates)
        try Self.chain(from: certificate, through: certificates, to: trusted)
        return certificate
    }

    /// The certificate among `certificates` that `signer` names, once its signature over the signed
    /// attributes verifies with it.
    static func verifySignature(of signer: SignerInfo, algorithm: DigestAlgorithm, signedAttributes: [UInt8],
                                in certificates: [Certificate]) throws -> Certificate {
        guard let certificate = try certificates.first(where: { cert in
            try Self.integerContent(Array(cert.serialNumber.bytes)) == Self.integerContent(signer.serialNumber)
                && DERWriting.encode({ try $0.serialize(cert.issuer) }) == signer.issuerDER
        }) else { throw CatalogError("the signer's certificate is not in the signature") }
        let signatureAlgorithm: Certificate.SignatureAlgorithm = algorithm == .sha1 ? .sha1WithRSAEncryption : .sha256WithRSAEncryption
        guard certificate.publicKey.isValidSignature(signer.signature, for: signedAttributes, signatureAlgorithm: signatureAlgorithm) else {
            throw CatalogError("the signature does not verify with the signer's certificate")
        }
        return certificate
    }

    /// Walks issuer links from `leaf` to a trusted certificate, checking each signature.
    static func chain(from leaf: Certificate, through pool: [Certificate], to trusted: [Certificate]) throws {
        var current = leaf
        for _ in 0..<8 {
            if trusted.contains(current) { return }
            if let anchor = trusted.first(where: { $0.subject == current.issuer && $0.publicKey.isValidSignature(current.signature, for: current) }) {
                _ = anchor
                return
            }
            guard let parent = pool.first(where: { $0 != current && $0.subject == current.issuer && $0.publicKey.isValidSignature(current.signature, for: current) }) else {
                throw CatalogError("the signer's certificate (\(leaf.subject)) does not chain to a trusted certificate")
            }
            current = parent
        }
        throw CatalogError("certificate chain too long")
    }
}
