import Authenticode
import Foundation
import Testing
import TestSupport
import X509
@testable import DriverPackage

/// A catalog signature holds while its certificate is valid, and afterwards only with a valid time-stamp
/// from when it was.
struct SignatureValidityTests {
    static let day: TimeInterval = 86400
    /// Issued 30 days ago, valid for 7.
    static let expired = try! TestCertificate.create(subject: "CN=Expired Test", days: 7, keyBits: 2048, issuedAt: Date().addingTimeInterval(-30 * day))

    @Test func anExpiredSignerNeedsATimestampFromItsValidity() throws {
        let cert = Self.expired.certificate
        #expect(PackageVerifier.validity(of: cert, stamp: nil)?.contains("expired on") == true)
        let inTime = SignatureTimestamp(kind: .rfc3161, time: Date().addingTimeInterval(-27 * Self.day))
        #expect(PackageVerifier.validity(of: cert, stamp: inTime) == nil)
        let late = SignatureTimestamp(kind: .countersignature, time: Date().addingTimeInterval(-2 * Self.day))
        #expect(PackageVerifier.validity(of: cert, stamp: late)?.contains("was not valid when the signature was time-stamped") == true)
        var broken = inTime
        broken.problem = "the time-stamp is not of this signature (its imprint differs)"
        #expect(PackageVerifier.validity(of: cert, stamp: broken)?.contains("has no valid time-stamp") == true)
    }

    @Test func verifyReportsAnExpiredSignature() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("src")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.packageRoot.appendingPathComponent("examples/echo/echo.inf"), to: source.appendingPathComponent("echo.inf"))
        var writer = PEWriter()
        writer.subsystem = 1
        try Data(writer.bytes()).write(to: source.appendingPathComponent("echo.sys"))
        let out = dir.appendingPathComponent("pkg").path
        _ = try PackageBuilder(infPath: source.appendingPathComponent("echo.inf").path, architecture: .amd64,
                               signer: ([Self.expired.certificate], Self.expired.privateKey)).build(into: out)
        let result = try #require(try PackageVerifier.verify(directory: out, trusted: [Self.expired.certificate]).first)
        #expect(result.catalogStatus == "expired" && !result.ok)
        #expect(result.problems.contains { $0.hasPrefix("echo.cat: the signer's certificate expired on ") }, "\(result.problems)")
    }

    /// The real catalogs' signers expired years ago, but each signature was time-stamped while its
    /// certificate was valid, so Windows still accepts them (as their vendors ship them).
    @Test func realCatalogsHoldThroughTheirTimestamps() throws {
        let fixtures = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/catalogs")
        guard FileManager.default.fileExists(atPath: fixtures.path) else { print("../shared/fixtures/catalogs absent: skipped"); return }
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter({ $0.hasSuffix(".cat") }) {
            let signed = try Catalog(derEncoded: [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))).signedData
            guard signed.isSigned else { continue }
            let signer = try signed.verify(trusted: signed.certificates)
            #expect(signer.notValidAfter < Date(), "\(name) expected an expired signer")
            #expect(PackageVerifier.validity(of: signer, stamp: signed.timestamp) == nil, "\(name)")
            #expect(PackageVerifier.validity(of: signer, stamp: nil) != nil, "\(name)")
        }
    }
}
