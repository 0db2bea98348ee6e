import Foundation
import SwiftASN1
import X509

/// A time-stamp on a signature: when a time-stamping authority saw it, which Windows trusts to keep
/// a signature valid after its certificate expires.
public struct SignatureTimestamp: Sendable {
    public enum Kind: String, Sendable {
        /// RFC 3161 token (`1.3.6.1.4.1.311.3.3.1`), what `signtool /tr` adds.
        case rfc3161
        /// Authenticode countersignature (`1.2.840.113549.1.9.6`), what `signtool /t` adds.
        case countersignature
    }
    public var kind: Kind
    public var time: Date
    /// The time-stamping authority's certificate subject, when its certificate is present.
    public var authority: String?
    /// Why the time-stamp does not hold (its imprint is not of this signature, or its own signature
    /// does not verify); nil when it does.
    public var problem: String?

    public init(kind: Kind, time: Date, authority: String? = nil, problem: String? = nil) {
        self.kind = kind; self.time = time; self.authority = authority; self.problem = problem
    }
}

enum TimestampOID {
    static let rfc3161Token: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 3, 3, 1]
    static let countersignature: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 6]
    static let tstInfo: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 1, 4]
}

/// UTCTime and GeneralizedTime values as dates (UTC), and dates as UTCTime.
enum ASN1Time {
    static func utcTime(_ date: Date) throws -> UTCTime {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        return try UTCTime(year: c.year!, month: c.month!, day: c.day!, hours: c.hour!, minutes: c.minute!, seconds: c.second!)
    }

    static func date(_ node: ASN1Node) -> Date? {
        var c = DateComponents()
        c.timeZone = TimeZone(identifier: "UTC")
        if let t = try? UTCTime(derEncoded: node) {
            (c.year, c.month, c.day, c.hour, c.minute, c.second) = (t.year, t.month, t.day, t.hours, t.minutes, t.seconds)
        } else if let t = try? GeneralizedTime(derEncoded: node) {
            (c.year, c.month, c.day, c.hour, c.minute, c.second) = (t.year, t.month, t.day, t.hours, t.minutes, t.seconds)
        } else {
            return nil
        }
        return Calendar(identifier: .gregorian).date(from: c)
    }

    static func date(_ der: [UInt8]) -> Date? { (try? DER.parse(der)).flatMap(date) }
}

extension SignedData {
    /// The time-stamp on the first signer's signature, if it has one (read and checked, not trusted:
    /// the authority's chain is not followed).
    public var timestamp: SignatureTimestamp? {
        guard let signer = signers.first else { return nil }
        for (type, value) in signer.unsignedAttributes {
            if type == TimestampOID.rfc3161Token { return Self.rfc3161(value, stamping: signer.signature) }
            if type == TimestampOID.countersignature { return Self.countersignature(value, stamping: signer.signature, certificates: certificates) }
        }
        return nil
    }

    /// `TSTInfo ::= SEQUENCE { version, policy, messageImprint { hashAlgorithm, hashedMessage }, serialNumber, genTime, … }`
    /// inside a SignedData of its own, whose imprint is the hash of the signature it stamps.
    static func rfc3161(_ der: [UInt8], stamping signature: [UInt8]) -> SignatureTimestamp? {
        guard let token = try? SignedData(derEncoded: der), token.contentType == TimestampOID.tstInfo,
              let info = try? DER.parse(try contentOctets(token.content)), case .constructed(let fields) = info.content else { return nil }
        let items = Array(fields)
        guard items.count >= 5, let time = ASN1Time.date(items[4]) else { return nil }
        var stamp = SignatureTimestamp(kind: .rfc3161, time: time)
        if let authority = try? token.verify(trusted: token.certificates) {
            stamp.authority = "\(authority.subject)"
        } else {
            stamp.problem = "the time-stamp's own signature does not verify"
        }
        if case .constructed(let imprint) = items[2].content, case let parts = Array(imprint), parts.count == 2,
           case .constructed(let alg) = parts[0].content, let oid = try? ASN1ObjectIdentifier(derEncoded: Array(alg)[0]),
           let hashed = try? ASN1OctetString(derEncoded: parts[1]) {
            let algorithm: DigestAlgorithm? = oid == AuthenticodeOID.sha1 ? .sha1 : oid == AuthenticodeOID.sha256 ? .sha256 : nil
            if let algorithm, FlatDigest.digest(signature, algorithm) != Array(hashed.bytes) {
                stamp.problem = "the time-stamp is not of this signature (its imprint differs)"
            } else if algorithm == nil {
                stamp.problem = stamp.problem ?? "the time-stamp's imprint uses an unsupported hash"
            }
        } else {
            stamp.problem = "the time-stamp has no message imprint"
        }
        return stamp
    }

    /// A SignerInfo by the time-stamping authority whose messageDigest is the hash of the signature it
    /// stamps and whose signingTime is the time; its certificate is among the outer SignedData's.
    static func countersignature(_ der: [UInt8], stamping signature: [UInt8], certificates: [Certificate]) -> SignatureTimestamp? {
        guard let node = try? DER.parse(der), let counter = try? signerInfo(node), let time = counter.signingTime else { return nil }
        var stamp = SignatureTimestamp(kind: .countersignature, time: time)
        guard let algorithm = counter.digestAlgorithm, let signed = counter.signedAttributesDER else {
            stamp.problem = "the countersignature uses an unsupported hash or has no signed attributes"
            return stamp
        }
        if counter.messageDigest != FlatDigest.digest(signature, algorithm) {
            stamp.problem = "the countersignature is not of this signature (its digest differs)"
        }
        do {
            stamp.authority = "\(try verifySignature(of: counter, algorithm: algorithm, signedAttributes: signed, in: certificates).subject)"
        } catch {
            stamp.problem = stamp.problem ?? "the countersignature does not verify: \(error)"
        }
        return stamp
    }
}
