import Foundation
import Testing
import TestSupport
import X509
@testable import Authenticode

/// Reading PFX files for signing: drvkit's own, OpenSSL 3's default (AES, certificates encrypted
/// too) and OpenSSL's with a SHA-1 MAC and PBKDF2; a wrong password and legacy 3DES are refused
/// with a message.
struct PFXReaderTests {
    static let signer = PFXTests.signer

    func matches(_ read: (chain: [Certificate], key: AuthenticodeRSAKey)) -> Bool {
        read.chain.first == Self.signer.certificate && read.key.publicKey.derRepresentation == Self.signer.privateKey.publicKey.derRepresentation
    }

    @Test(arguments: ["correct horse", "pässwörd €"])
    func drvkitsOwnPFXReadsBack(password: String) throws {
        let pfx = try PFX.export(certificate: Self.signer.certificate, privateKey: Self.signer.privateKey, password: password)
        #expect(matches(try PFX.read(pfx, password: password)))
        #expect(throws: PFXError.self) { try PFX.read(pfx, password: "wrong") }
        #expect(throws: PFXError.self) { try PFX.read(Array(pfx.prefix(100)), password: password) }
    }

    /// OpenSSL's files: its defaults (PBES2/AES-256 for the key and the certificates, HMAC-SHA-256),
    /// AES-128 with an HMAC-SHA-1 PRF and MAC, and the legacy 3DES scheme, which is refused.
    @Test(arguments: [([String](), true), (["-keypbe", "AES-128-CBC", "-certpbe", "AES-128-CBC", "-macalg", "sha1"], true),
                      (["-keypbe", "PBE-SHA1-3DES", "-certpbe", "NONE", "-macalg", "sha1"], false)])
    func openSSLsPFXFilesAreRead(options: [String], readable: Bool) throws {
        guard ExternalTools.has("openssl") else { print("openssl not installed: skipped"); return }
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cert = dir.appendingPathComponent("c.pem"), key = dir.appendingPathComponent("k.pem"), pfx = dir.appendingPathComponent("o.pfx")
        try Self.signer.certificate.serializeAsPEM().pemString.write(to: cert, atomically: true, encoding: .utf8)
        try Self.signer.privateKey.pkcs8PEMRepresentation.write(to: key, atomically: true, encoding: .utf8)
        let made = try ExternalTools.run("openssl", ["pkcs12", "-export", "-in", cert.path, "-inkey", key.path, "-passout", "pass:s3cret", "-out", pfx.path] + options)
        try #require(made.status == 0, "\(made.output)")
        let bytes = [UInt8](try Data(contentsOf: pfx))
        if readable {
            #expect(matches(try PFX.read(bytes, password: "s3cret")))
        } else {
            #expect { try PFX.read(bytes, password: "s3cret") } throws: { ($0 as? PFXError)?.description.contains("pbeWithSHAAnd3-KeyTripleDES-CBC, which drvkit cannot decrypt") == true }
        }
    }
}
