import Foundation
import Testing
import TestSupport
@testable import Authenticode

/// drvkit's Authenticode digests and checksum agree with osslsigncode's on files it signed.
struct OsslsigncodeTests {
    static let available = ExternalTools.has("osslsigncode") && ExternalTools.has("openssl")

    func calculatedDigest(_ output: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix("Calculated message digest") }
            .map { $0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces) }
    }

    @Test(arguments: [(true, 0), (true, 13), (false, 5)])
    func digestsMatchOsslsigncode(_ pe32Plus: Bool, _ trailing: Int) throws {
        guard Self.available else { print("osslsigncode or openssl not installed: skipped"); return }
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (cert, key) = try ExternalTools.makeTestCertificate(in: dir)
        var writer = PEWriter()
        writer.pe32Plus = pe32Plus
        writer.machine = pe32Plus ? 0x8664 : 0x14C
        writer.trailingData = Array(repeating: 0x5A, count: trailing)
        let unsigned = dir.appendingPathComponent("driver.sys")
        try Data(writer.bytes()).write(to: unsigned)
        for algorithm in DigestAlgorithm.allCases {
            let signed = dir.appendingPathComponent("signed-\(algorithm.rawValue).sys")
            let sign = try ExternalTools.run("osslsigncode", ["sign", "-certs", cert.path, "-key", key.path, "-h", algorithm.rawValue,
                                                              "-in", unsigned.path, "-out", signed.path])
            try #require(sign.status == 0, "\(sign.output)")
            let verify = try ExternalTools.run("osslsigncode", ["verify", "-in", signed.path, "-CAfile", cert.path])
            #expect(verify.output.contains("Signature verification: ok"), "\(verify.output)")
            #expect(!verify.output.contains("invalid PE checksum"))
            let pe = try PEFile(bytes: [UInt8](try Data(contentsOf: signed)))
            #expect(pe.authenticodeDigest(algorithm).hexUppercase == calculatedDigest(verify.output))
            #expect(pe.checksum == pe.computedChecksum)
            let signatures = try pe.embeddedSignatures()
            #expect(signatures.count == 1)
            #expect(signatures.first?.certificateType == WinCertificate.pkcsSignedData && signatures.first?.revision == 0x200)
            let der = dir.appendingPathComponent("sig-\(algorithm.rawValue).der")
            try Data(signatures.first?.content ?? []).write(to: der)
            let parse = try ExternalTools.run("openssl", ["asn1parse", "-inform", "DER", "-in", der.path])
            #expect(parse.status == 0 && parse.output.contains("1.3.6.1.4.1.311.2.1.4"), "\(parse.output.prefix(400))")
            // The digest ignores the signature: the unsigned file padded as the signer padded it hashes the same.
            var padded = [UInt8](try Data(contentsOf: unsigned))
            while padded.count % 8 != 0 { padded.append(0) }
            #expect(try PEFile(bytes: padded).authenticodeDigest(algorithm) == pe.authenticodeDigest(algorithm))
        }
    }
}
