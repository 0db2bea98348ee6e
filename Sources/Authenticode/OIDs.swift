import SwiftASN1

/// Object identifiers of PKCS#7, Authenticode and Microsoft catalogs.
public enum AuthenticodeOID {
    public static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 2]
    public static let ctl: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 10, 1]
    public static let catalogList: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 12, 1, 1]
    public static let catalogListMemberV1: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 12, 1, 2]
    public static let catalogListMemberV2: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 12, 1, 3]
    public static let catNameValue: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 12, 2, 1]
    public static let catMemberInfo: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 12, 2, 2]
    public static let catMemberInfo2: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 12, 2, 3]
    public static let spcIndirectData: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 2, 1, 4]
    public static let spcPEImageData: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 2, 1, 15]
    public static let spcCabData: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 2, 1, 25]
    public static let spcStatementType: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 2, 1, 11]
    public static let individualCodeSigning: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 2, 1, 21]
    public static let spcSpOpusInfo: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 2, 1, 12]
    public static let contentType: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 3]
    public static let messageDigest: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 4]
    public static let signingTime: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 5]
    public static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 1]
    public static let sha1: ASN1ObjectIdentifier = [1, 3, 14, 3, 2, 26]
    public static let sha256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 1]

    static func digest(_ algorithm: DigestAlgorithm) -> ASN1ObjectIdentifier { algorithm == .sha1 ? sha1 : sha256 }
}

/// The GUIDs a catalog member names its subject type with.
public enum CatalogSubjectType {
    public static let peImage = "{C689AAB8-8E78-11D0-8C47-00C04FC295EE}"
    public static let flatFile = "{DE351A42-8E59-11D0-8C47-00C04FC295EE}"
}

/// The subject kinds of a v2 catalog's member info (`CAT_MEMBERINFO2`): the tag byte of an empty
/// context-specific value, as MakeCat writes it (`[1]` is a cabinet, which packages do not hold).
enum CatalogSubjectKind {
    static let peImage: UInt8 = 0x80    // [0]
    static let flatFile: UInt8 = 0x82   // [2]
}
