import Foundation
import Testing
import TestSupport
import X509
@testable import Authenticode

/// PKCS#12 export, read back by OpenSSL (which checks the MAC and decrypts the key) and used by
/// osslsigncode to sign, as signtool /f would use it.
struct PFXTests {
    static let available = ExternalTools.has("openssl") && ExternalTools.has("osslsigncode")
    static let signer = try! TestCertificate.create(subject: "CN=Contoso PFX Test, O=Contoso", days: 7, keyBits: 2048)

    func write(password: String, in dir: URL) throws -> URL {
        let pfx = dir.appendingPathComponent("test.pfx")
        try Data(PFX.export(certificate: Self.signer.certificate, privateKey: Self.signer.privateKey, password: password)).write(to: pfx)
        return pfx
    }

    @Test(arguments: ["correct horse", "pässwörd €"])
    func openSSLReadsTheCertificateAndKeyBack(password: String) throws {
        guard Self.available else { print("openssl or osslsigncode not installed: skipped"); return }
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pfx = try write(password: password, in: dir)
        let out = dir.appendingPathComponent("out.pem")
        let read = try ExternalTools.run("openssl", ["pkcs12", "-in", pfx.path, "-passin", "pass:" + password, "-nodes", "-out", out.path])
        try #require(read.status == 0, "\(read.output)")
        let pem = try String(contentsOf: out, encoding: .utf8)
        // The certificate is the same one, and the key is its key (the same modulus).
        #expect(try TestCertificate.certificates(pem: pem) == [Self.signer.certificate])
        let key = try TestCertificate.privateKey(pem: pem)
        #expect(key.publicKey.derRepresentation == Self.signer.privateKey.publicKey.derRepresentation)
    }

    @Test func aWrongPasswordFailsTheMAC() throws {
        guard Self.available else { print("openssl or osslsigncode not installed: skipped"); return }
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pfx = try write(password: "right", in: dir)
        let read = try ExternalTools.run("openssl", ["pkcs12", "-in", pfx.path, "-passin", "pass:wrong", "-nodes", "-noout"])
        #expect(read.status != 0)
        #expect(read.output.lowercased().contains("mac verify"), "\(read.output)")
    }

    @Test func osslsigncodeSignsWithIt() throws {
        guard Self.available else { print("openssl or osslsigncode not installed: skipped"); return }
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pfx = try write(password: "pw", in: dir)
        let unsigned = dir.appendingPathComponent("driver.sys"), signed = dir.appendingPathComponent("signed.sys")
        try Data(PEWriter().bytes()).write(to: unsigned)
        let sign = try ExternalTools.run("osslsigncode", ["sign", "-pkcs12", pfx.path, "-pass", "pw", "-h", "sha256", "-in", unsigned.path, "-out", signed.path])
        try #require(sign.status == 0, "\(sign.output)")
        let cert = dir.appendingPathComponent("cert.pem")
        try Self.signer.certificate.serializeAsPEM().pemString.write(to: cert, atomically: true, encoding: .utf8)
        let verify = try ExternalTools.run("osslsigncode", ["verify", "-in", signed.path, "-CAfile", cert.path])
        #expect(verify.output.contains("Signature verification: ok"), "\(verify.output)")
    }

    @Test func theStructureIsWhatWindowsReads() throws {
        let bytes = try PFX.export(certificate: Self.signer.certificate, privateKey: Self.signer.privateKey, password: "pw",
                                   salts: ([UInt8](repeating: 1, count: 16), [UInt8](repeating: 2, count: 16), [UInt8](repeating: 3, count: 16)))
        // Deterministic with fixed salts; version 3, and the OIDs of PBES2, PBKDF2, HMAC-SHA256 and AES-256-CBC inside.
        #expect(bytes == (try PFX.export(certificate: Self.signer.certificate, privateKey: Self.signer.privateKey, password: "pw",
                                          salts: ([UInt8](repeating: 1, count: 16), [UInt8](repeating: 2, count: 16), [UInt8](repeating: 3, count: 16)))))
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        #expect(hex.hasPrefix("30") && hex.contains("020103"))
        for oid in ["06092a864886f70d01050d", "06092a864886f70d01050c", "06082a864886f70d0209", "060960864801650304012a"] {
            #expect(hex.contains(oid), "missing \(oid)")
        }
    }
}
