import Foundation
import Testing
import TestSupport
@testable import Authenticode

struct PEFileTests {
    @Test func readsWhatTheWriterWrote() throws {
        var writer = PEWriter()
        writer.trailingData = Array(repeating: 7, count: 13)
        let pe = try PEFile(bytes: writer.bytes())
        #expect(pe.machine == .amd64 && pe.isPE32Plus && pe.isNativeSubsystem)
        #expect(pe.sections.map(\.name) == [".text", ".data"])
        #expect(pe.checksum == pe.computedChecksum)
        #expect(pe.certificateTable.size == 0)
        #expect(try pe.embeddedSignatures().isEmpty)

        writer.pe32Plus = false
        writer.machine = 0x14C
        writer.subsystem = 2
        let pe32 = try PEFile(bytes: writer.bytes())
        #expect(pe32.machine == .i386 && !pe32.isPE32Plus && !pe32.isNativeSubsystem)
        #expect(pe32.checksum == pe32.computedChecksum)
    }

    static func damage(_ name: String, _ b: inout [UInt8]) {
        switch name {
        case "not MZ": b[0] = 0x4E
        case "e_lfanew past the end": b[0x3C] = 0xFF; b[0x3D] = 0xFF
        case "no PE signature": b[0x41] = 0x46
        case "bad magic": b[0x58] = 0x0A
        case "truncated": b = Array(b.prefix(0x100))
        case "section past the end": b = Array(b.prefix(b.count - 0x200))
        case "certificate table not at the end":
            let entry = 0x58 + 144
            b[entry + 1] = 0x04; b[entry + 4] = 0x10
        default: break
        }
    }

    @Test(arguments: ["not MZ", "e_lfanew past the end", "no PE signature", "bad magic", "truncated",
                      "section past the end", "certificate table not at the end"])
    func refusesLyingHeaders(_ name: String) {
        var bytes = PEWriter().bytes()
        Self.damage(name, &bytes)
        #expect(throws: PEError.self, "\(name)") { try PEFile(bytes: bytes) }
    }

    /// "Implement memory integrity compatible code": no writable and executable section, page-aligned
    /// sections, the import address table outside executable code.
    @Test func memoryIntegrityProblemsComeFromTheHeaders() throws {
        #expect(try PEFile(bytes: PEWriter().bytes()).memoryIntegrityProblems.isEmpty)
        var writer = PEWriter()
        writer.sections[0].characteristics = 0xE000_0020   // code, execute, read, write
        let rwx = try PEFile(bytes: writer.bytes())
        #expect(rwx.memoryIntegrityProblems == ["section .text is both writable and executable"])
        var bytes = PEWriter().bytes()
        let pe = try PEFile(bytes: bytes)
        let opt = pe.peHeaderOffset + 24
        func put32(_ value: UInt32, at offset: Int) { for i in 0..<4 { bytes[offset + i] = UInt8(value >> (8 * UInt32(i)) & 0xFF) } }
        put32(0x200, at: opt + 32)                                   // SectionAlignment = FileAlignment
        let iat = (pe.certificateEntryOffset! - 32) + 12 * 8           // data directory 12, the IAT
        put32(pe.sections[0].virtualAddress + 0x10, at: iat)
        put32(0x40, at: iat + 4)
        let problems = try PEFile(bytes: bytes).memoryIntegrityProblems
        #expect(problems == ["SectionAlignment 0x200 is not a multiple of the 0x1000 page size",
                             "the import address table is in executable section .text (sections merged with /MERGE?)"], "\(problems)")
    }

    @Test func digestSkipsChecksumAndCertificateEntry() throws {
        let bytes = PEWriter().bytes()
        let pe = try PEFile(bytes: bytes)
        var changed = bytes
        changed[pe.checksumOffset] ^= 0xFF
        changed[pe.certificateEntryOffset! + 2] ^= 0x01   // the table's address (its size stays 0)
        let other = try PEFile(bytes: changed)
        #expect(other.authenticodeDigest(.sha256) == pe.authenticodeDigest(.sha256))
        var body = bytes
        body[bytes.count - 1] ^= 0xFF
        #expect(try PEFile(bytes: body).authenticodeDigest(.sha1) != pe.authenticodeDigest(.sha1))
    }

    @Test(arguments: [true, false])
    func fileVersionComesFromTheVersionResource(_ pe32Plus: Bool) throws {
        var writer = PEWriter()
        writer.pe32Plus = pe32Plus
        #expect(try PEFile(bytes: writer.bytes()).fileVersion == nil)
        writer.fileVersion = (0x000A_0002, 0x0003_0004)
        let bytes = writer.bytes()
        let version = try #require(try PEFile(bytes: bytes).fileVersion)
        #expect(version.description == "10.2.3.4")
        #expect(version > PEFileVersion(mostSignificant: 0x000A_0002, leastSignificant: 0x0003_0003))
        // A damaged VS_FIXEDFILEINFO signature: no version, no crash.
        let signature: [UInt8] = [0xBD, 0x04, 0xEF, 0xFE]
        let at = try #require((0..<bytes.count - 4).first { Array(bytes[$0..<$0 + 4]) == signature })
        var damaged = bytes
        damaged[at] = 0
        #expect(try PEFile(bytes: damaged).fileVersion == nil)
    }

    @Test func writeSampleForManualChecks() throws {
        guard let path = ProcessInfo.processInfo.environment["DRVKIT_WRITE_PE"] else { return }
        var writer = PEWriter()
        writer.trailingData = Array(repeating: 7, count: 13)
        try Data(writer.bytes()).write(to: URL(fileURLWithPath: path))
    }
}
