import Crypto

/// The hash algorithms Authenticode and catalogs use.
public enum DigestAlgorithm: String, Sendable, CaseIterable {
    case sha1, sha256

    /// The algorithm's OID in DigestInfo / AlgorithmIdentifier.
    public var oid: String { self == .sha1 ? "1.3.14.3.2.26" : "2.16.840.1.101.3.4.2.1" }

    func hasher() -> AnyHasher { AnyHasher(self) }
}

/// A small wrapper to feed the same bytes to SHA-1 or SHA-256.
struct AnyHasher {
    var sha1: Insecure.SHA1?
    var sha256: SHA256?
    init(_ algorithm: DigestAlgorithm) {
        if algorithm == .sha1 { sha1 = Insecure.SHA1() } else { sha256 = SHA256() }
    }
    mutating func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { raw in
            if sha1 != nil { sha1!.update(bufferPointer: raw) } else { sha256!.update(bufferPointer: raw) }
        }
    }
    func finalize() -> [UInt8] {
        if let sha1 { return Array(sha1.finalize()) }
        return Array(sha256!.finalize())
    }
}

extension PEFile {
    /// The Authenticode digest (Authenticode_PE.docx): headers without the CheckSum field and the
    /// certificate-table entry, then every section with raw data in file order, then any data
    /// after the last section, excluding the certificate table.
    public func authenticodeDigest(_ algorithm: DigestAlgorithm) -> [UInt8] {
        var h = algorithm.hasher()
        let headerEnd = sizeOfHeaders
        h.update(bytes[0..<checksumOffset])
        if let certEntry = certificateEntryOffset {
            h.update(bytes[(checksumOffset + 4)..<certEntry])
            h.update(bytes[(certEntry + 8)..<headerEnd])
        } else {
            h.update(bytes[(checksumOffset + 4)..<headerEnd])
        }
        var sum = headerEnd
        for section in sections.filter({ $0.sizeOfRawData > 0 }).sorted(by: { $0.pointerToRawData < $1.pointerToRawData }) {
            let start = Int(section.pointerToRawData), end = start + Int(section.sizeOfRawData)
            h.update(bytes[start..<end])
            sum += Int(section.sizeOfRawData)
        }
        let certSize = certificateTable.size
        let extra = bytes.count - sum - certSize
        if extra > 0 { h.update(bytes[sum..<(sum + extra)]) }
        return h.finalize()
    }
}

/// Hashes of files that are not PE images (INFs, catalogs' other members): the bytes as they are.
public enum FlatDigest {
    public static func digest(_ bytes: [UInt8], _ algorithm: DigestAlgorithm) -> [UInt8] {
        var h = algorithm.hasher()
        h.update(bytes[...])
        return h.finalize()
    }
}

extension Array where Element == UInt8 {
    /// Upper-case hexadecimal, as catalog tags spell digests.
    public var hexUppercase: String { map { String(format: "%02X", $0) }.joined() }
}

import Foundation
