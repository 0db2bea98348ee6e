import Foundation
import Testing
import TestSupport
import X509
@testable import Authenticode

struct CatalogTests {
    static let fixtures = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/catalogs")
    static let corpus = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/adafruit__Adafruit_Windows_Drivers/Drivers")

    static func files() -> [CatalogInput] {
        [CatalogInput(name: "Echo.sys", bytes: PEWriter().bytes()),
         CatalogInput(name: "echo.inf", bytes: Array("[Version]\r\nSignature=\"$Windows NT$\"\r\n".utf8))]
    }

    @Test func builtCatalogParsesBackWithTheRightTagsAndNames() throws {
        let bytes = try AuthenticodeSigner.unsignedCatalog(files: Self.files(), osAttributes: "2:10.0",
                                                           attributes: [("OS", "_v100_X64"), ("HWID1", "root\\echo")])
        let catalog = try Catalog(derEncoded: bytes)
        #expect(!catalog.signedData.isSigned && catalog.version == 1 && catalog.listIdentifier.count == 16)
        #expect(catalog.attributes.map(\.name) == ["OS", "HWID1"] && catalog.attributes[1].value == "root\\echo")
        let pe = try PEFile(bytes: Self.files()[0].bytes).authenticodeDigest(.sha1)
        let sys = try #require(catalog.member(forDigest: pe))
        #expect(sys.fileName == "echo.sys" && sys.isPE && sys.digest == pe && sys.osAttributes == "2:10.0")
        #expect(sys.subjectType == CatalogSubjectType.peImage)
        let inf = try #require(catalog.member(forDigest: FlatDigest.digest(Self.files()[1].bytes, .sha1)))
        #expect(inf.fileName == "echo.inf" && !inf.isPE)
        #expect(catalog.members.map(\.tag) == catalog.members.map(\.tag).sorted { $0.lexicographicallyPrecedes($1) })
    }

    /// A v2 catalog has the layout MakeCat writes with `CatalogVersion=2` (osslsigncode's test
    /// catalog, made by MakeCat): each file tagged by its raw SHA-256 with SHA-256 indirect data, and
    /// a twin tagged by its raw SHA-1; both carry member info v2, `[0]` for a PE and `[2]` for a flat file.
    @Test func version2CatalogHasSHA256MembersAndSHA1Twins() throws {
        let bytes = try AuthenticodeSigner.unsignedCatalog(files: Self.files(), version: .v2, osAttributes: "2:10.0", attributes: [("OS", "_v100_X64")])
        let catalog = try Catalog(derEncoded: bytes)
        #expect(catalog.version == 2 && catalog.lookupDigest == .sha256 && catalog.members.count == 4)
        #expect(catalog.members.map(\.tag) == catalog.members.map(\.tag).sorted { $0.lexicographicallyPrecedes($1) })
        let pe = try PEFile(bytes: Self.files()[0].bytes)
        let sys = try #require(catalog.member(forDigest: pe.authenticodeDigest(.sha256)))
        #expect(sys.tag == pe.authenticodeDigest(.sha256) && sys.digest == sys.tag && sys.digestAlgorithm == .sha256)
        #expect(sys.fileName == "echo.sys" && sys.osAttributes == "2:10.0" && sys.isPE)
        let sysTwin = try #require(catalog.member(forDigest: pe.authenticodeDigest(.sha1)))
        #expect(sysTwin.isPE && sysTwin.fileName == nil && sysTwin.digest == nil)
        let inf = Self.files()[1].bytes
        let infMember = try #require(catalog.member(forDigest: FlatDigest.digest(inf, .sha256)))
        #expect(infMember.fileName == "echo.inf" && !infMember.isPE && infMember.digestAlgorithm == .sha256)
        #expect(catalog.member(forDigest: FlatDigest.digest(inf, .sha1)) != nil)
        // SEQUENCE { 1.3.6.1.4.1.311.12.2.3, SET { [0] } } for the PE and with [2] for the INF, as MakeCat writes them.
        let memberInfo2: [UInt8] = [0x30, 0x10, 0x06, 0x0A, 0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x0C, 0x02, 0x03, 0x31, 0x02]
        #expect(Self.find(memberInfo2 + [0x80, 0x00], in: bytes) != nil && Self.find(memberInfo2 + [0x82, 0x00], in: bytes) != nil)
        // No v1 member info, and the list says v2 (1.3.6.1.4.1.311.12.1.3).
        #expect(Self.find([0x06, 0x0A, 0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x0C, 0x02, 0x02], in: bytes) == nil)
        #expect(Self.find([0x06, 0x0A, 0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x0C, 0x01, 0x03], in: bytes) != nil)
    }

    @Test func realCatalogsParse() throws {
        guard FileManager.default.fileExists(atPath: Self.fixtures.path) else { print("../shared/fixtures/catalogs absent: skipped"); return }
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { $0.hasSuffix(".cat") }.sorted()
        #expect(names.count >= 5)
        for name in names {
            let catalog = try Catalog(derEncoded: [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent(name))))
            #expect(!catalog.members.isEmpty, "\(name)")
            #expect(catalog.members.allSatisfy { $0.fileName != nil && $0.digest != nil }, "\(name)")
            #expect(catalog.attributes.contains { $0.name == "OS" }, "\(name)")
            #expect(catalog.signedData.isSigned == (name != "Adafruit_usbser__Adafruit_usbser.cat"), "\(name)")
            if catalog.signedData.isSigned { #expect(!catalog.signedData.certificates.isEmpty) }
        }
    }

    /// The INF next to a real catalog matches its member (after restoring the CRLF line ends git dropped).
    @Test func realCatalogCoversItsINF() throws {
        let cat = Self.fixtures.appendingPathComponent("Arduino_Gemma__arduino.cat")
        let inf = Self.corpus.appendingPathComponent("Arduino_Gemma/arduino.inf")
        guard FileManager.default.fileExists(atPath: cat.path), FileManager.default.fileExists(atPath: inf.path) else { return }
        let catalog = try Catalog(derEncoded: [UInt8](try Data(contentsOf: cat)))
        var bytes = [UInt8](try Data(contentsOf: inf))
        if !bytes.contains(0x0D) { bytes = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8) }
        let member = catalog.member(forDigest: FlatDigest.digest(bytes, .sha1))
        #expect(member?.fileName == "arduino.inf")
    }

    @Test func signedCatalogVerifiesHereAndWithOsslsigncode() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (certificate, key) = try TestCertificate.create(subject: "CN=drvkit catalog test, O=Contoso", days: 2, keyBits: 2048)
        let unsigned = try AuthenticodeSigner.unsignedCatalog(files: Self.files(), osAttributes: "2:10.0", attributes: [("OS", "_v100_X64")])
        let signed = try AuthenticodeSigner.signCatalog(unsigned, chain: [certificate], privateKey: key)
        let catalog = try Catalog(derEncoded: signed)
        #expect(catalog.signedData.isSigned && catalog.members.count == 2)
        #expect(try catalog.signedData.verify(trusted: [certificate]) == certificate)
        let (other, _) = try TestCertificate.create(subject: "CN=someone else", days: 2, keyBits: 2048)
        #expect(throws: CatalogError.self) { try catalog.signedData.verify(trusted: [other]) }
        // One changed byte inside the CTL breaks the signature.
        var tampered = signed
        let index = try #require(Self.find(Array("echo.inf".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), in: signed))
        tampered[index] ^= 0x01
        #expect(throws: CatalogError.self) { try Catalog(derEncoded: tampered).signedData.verify(trusted: [certificate]) }

        guard ExternalTools.has("osslsigncode") && ExternalTools.has("openssl") else { print("osslsigncode or openssl not installed: skipped"); return }
        let catFile = dir.appendingPathComponent("echo.cat"), certFile = dir.appendingPathComponent("ca.pem")
        try Data(signed).write(to: catFile)
        try certificate.serializeAsPEM().pemString.write(to: certFile, atomically: true, encoding: .utf8)
        let verify = try ExternalTools.run("osslsigncode", ["verify", "-in", catFile.path, "-CAfile", certFile.path])
        #expect(verify.output.contains("Signature verification: ok"), "\(verify.output)")
        let parse = try ExternalTools.run("openssl", ["asn1parse", "-inform", "DER", "-in", catFile.path])
        #expect(parse.status == 0)
        let unsignedFile = dir.appendingPathComponent("unsigned.cat")
        try Data(unsigned).write(to: unsignedFile)
        #expect(try ExternalTools.run("openssl", ["asn1parse", "-inform", "DER", "-in", unsignedFile.path]).status == 0)
    }

    @Test func signedPEVerifiesHereAndWithOsslsigncode() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (certificate, key) = try TestCertificate.create(subject: "CN=drvkit pe test", days: 2, keyBits: 2048)
        var writer = PEWriter()
        writer.trailingData = [1, 2, 3]
        let signed = try AuthenticodeSigner.signPE(writer.bytes(), chain: [certificate], privateKey: key)
        #expect(try AuthenticodeSigner.verifyPE(signed, trusted: [certificate]) == certificate)
        let pe = try PEFile(bytes: signed)
        #expect(pe.checksum == pe.computedChecksum && signed.count % 8 == 0)
        var tampered = signed
        tampered[0x500] ^= 0xFF
        #expect(throws: CatalogError.self) { try AuthenticodeSigner.verifyPE(tampered, trusted: [certificate]) }
        let resigned = try AuthenticodeSigner.signPE(signed, chain: [certificate], privateKey: key)
        #expect(try PEFile(bytes: resigned).embeddedSignatures().count == 1)

        guard ExternalTools.has("osslsigncode") else { print("osslsigncode not installed: skipped"); return }
        let file = dir.appendingPathComponent("echo.sys"), certFile = dir.appendingPathComponent("ca.pem")
        try Data(signed).write(to: file)
        try certificate.serializeAsPEM().pemString.write(to: certFile, atomically: true, encoding: .utf8)
        let verify = try ExternalTools.run("osslsigncode", ["verify", "-in", file.path, "-CAfile", certFile.path])
        #expect(verify.output.contains("Signature verification: ok"), "\(verify.output)")
        #expect(!verify.output.contains("invalid PE checksum"))
    }

    @Test func certificatesRoundTripThroughPEM() throws {
        let (certificate, key) = try TestCertificate.create(subject: "CN=Contoso Test, O=Contoso, C=US", days: 30, keyBits: 2048)
        let pem = try certificate.serializeAsPEM().pemString
        #expect(try TestCertificate.certificates(pem: pem) == [certificate])
        #expect(try TestCertificate.privateKey(pem: key.pemRepresentation).publicKey.derRepresentation == key.publicKey.derRepresentation)
        #expect(throws: CatalogError.self) { try TestCertificate.distinguishedName("O=No Common Name") }
        #expect(certificate.serialNumber.bytes.first.map { $0 < 0x80 } == true, "negative serial \(certificate.serialNumber)")
    }

    /// RFC 5280 wants serial numbers positive: 20 bytes whose first has the sign bit clear.
    @Test func serialNumbersArePositiveAndTwentyBytesLong() {
        for _ in 0..<2000 {
            let bytes = TestCertificate.randomSerialNumber().bytes
            #expect(bytes.count == 20 && bytes.first! >= 0x40 && bytes.first! < 0x80, "\(bytes)")
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        return nil
    }
}

/// Serial numbers with the top bit set need a sign byte; check both kinds reach osslsigncode intact.
struct SerialNumberTests {
    @Test func integerContentKeepsSerialsPositive() {
        #expect(SignedData.integerContent([0xFC, 0x01]) == [0x00, 0xFC, 0x01])
        #expect(SignedData.integerContent([0x00, 0x7F]) == [0x7F])
        #expect(SignedData.integerContent([]) == [0])
    }
}
