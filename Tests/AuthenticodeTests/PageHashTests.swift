import Foundation
import SwiftASN1
import Testing
import TestSupport
@testable import Authenticode

/// Page hashes (`signtool /ph`): the table drvkit writes is the one osslsigncode writes for the same
/// image, byte for byte, and both tools verify the other's.
struct PageHashTests {
    /// An image whose `.text` spans three pages (the last one partial) and whose `.data` is one.
    static func image() -> [UInt8] {
        var writer = PEWriter()
        writer.sections = [PEWriter.Section(name: ".text", data: (0..<0x2345).map { UInt8(truncatingIfNeeded: $0 &* 7) }, characteristics: 0x6000_0020),
                           PEWriter.Section(name: ".data", data: Array(repeating: 0x5A, count: 0x180), characteristics: 0xC000_0040)]
        return writer.bytes()
    }

    static func carriedTable(_ signed: [UInt8]) throws -> (algorithm: DigestAlgorithm, table: [UInt8])? {
        let entry = try #require(try PEFile(bytes: signed).embeddedSignatures().first)
        let signedData = try SignedData(derEncoded: entry.content)
        return try SpcIndirectData(node: try DER.parse(signedData.content)).pageHashes
    }

    @Test func tableLayout() throws {
        let pe = try PEFile(bytes: Self.image())
        let table = try PageHashes.table(pe, .sha256)
        // Headers, three pages of .text, one of .data, and the closing entry: 4-byte offset + 32-byte hash each.
        #expect(table.count == 6 * 36)
        let offsets = stride(from: 0, to: table.count, by: 36).map { i in (0..<4).reduce(0) { $0 | Int(table[i + $1]) << (8 * $1) } }
        let text = pe.sections[0], data = pe.sections[1]
        let textStart = Int(text.pointerToRawData)
        #expect(offsets == [0, textStart, textStart + 0x1000, textStart + 0x2000, Int(data.pointerToRawData),
                            Int(data.pointerToRawData) + Int(data.sizeOfRawData)])
        #expect(table.suffix(32).allSatisfy { $0 == 0 })
        // A changed byte changes only its page's hash.
        var changed = Self.image()
        changed[textStart + 0x1010] ^= 0xFF
        let other = try PageHashes.table(try PEFile(bytes: changed), .sha256)
        let differing = stride(from: 0, to: table.count, by: 36).filter { table[$0..<$0 + 36] != other[$0..<$0 + 36] }
        #expect(differing == [2 * 36])
    }

    @Test func signedWithPageHashesVerifiesHereAndMatchesOsslsigncode() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (certificate, key) = try TestCertificate.create(subject: "CN=drvkit page hash test", days: 2, keyBits: 2048)
        let unsigned = Self.image()
        let signed = try AuthenticodeSigner.signPE(unsigned, chain: [certificate], privateKey: key, pageHashes: true)
        #expect(try AuthenticodeSigner.verifyPE(signed, trusted: [certificate]) == certificate)
        let carried = try #require(try Self.carriedTable(signed))
        let expected = try PageHashes.table(try PEFile(bytes: unsigned), .sha256)
        #expect(carried.algorithm == .sha256 && carried.table == expected)
        let plain = try AuthenticodeSigner.signPE(unsigned, chain: [certificate], privateKey: key)
        #expect(try Self.carriedTable(plain) == nil)

        guard ExternalTools.has("osslsigncode") else { print("osslsigncode not installed: skipped"); return }
        let ours = dir.appendingPathComponent("ours.sys"), input = dir.appendingPathComponent("in.sys"), theirs = dir.appendingPathComponent("theirs.sys")
        let certFile = dir.appendingPathComponent("cert.pem"), keyFile = dir.appendingPathComponent("key.pem")
        try Data(signed).write(to: ours)
        try Data(unsigned).write(to: input)
        try certificate.serializeAsPEM().pemString.write(to: certFile, atomically: true, encoding: .utf8)
        try key.pemRepresentation.write(to: keyFile, atomically: true, encoding: .utf8)
        let verify = try ExternalTools.run("osslsigncode", ["verify", "-in", ours.path, "-CAfile", certFile.path])
        #expect(verify.output.contains("Page hash algorithm  : SHA256") && !verify.output.contains("MISMATCH"), "\(verify.output)")
        #expect(verify.output.contains("Signature verification: ok"), "\(verify.output)")
        let sign = try ExternalTools.run("osslsigncode", ["sign", "-certs", certFile.path, "-key", keyFile.path, "-h", "sha256", "-ph",
                                                          "-in", input.path, "-out", theirs.path])
        #expect(sign.status == 0, "\(sign.output)")
        let theirsSigned = [UInt8](try Data(contentsOf: theirs))
        let theirTable = try Self.carriedTable(theirsSigned)?.table
        #expect(theirTable == carried.table)
        #expect(try AuthenticodeSigner.verifyPE(theirsSigned, trusted: [certificate]) == certificate)
    }
}
