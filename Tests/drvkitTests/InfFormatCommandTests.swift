import Foundation
import Testing
import TestSupport

struct InfFormatCommandTests {
    func makeFile(_ bytes: [UInt8]) throws -> (dir: URL, file: URL) {
        let dir = try CommandRunner.temporaryDirectory()
        let file = dir.appendingPathComponent("x.inf")
        try Data(bytes).write(to: file)
        return (dir, file)
    }

    static let messy = Array("[Version]\r\n  Signature  =  \"$Windows NT$\"  \r\n\r\n\r\n[S]\r\nk=a , b ; c\r\n".utf8)
    static let canonical = Array("[Version]\r\nSignature = \"$Windows NT$\"\r\n\r\n[S]\r\nk = a,b ; c\r\n".utf8)

    @Test func printsTheCanonicalForm() throws {
        let (dir, file) = try makeFile(Self.messy)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CommandRunner.run(["inf", "format", file.path])
        #expect(result.exitCode == 0)
        #expect(result.stdoutBytes == Self.canonical)
    }

    @Test func checkListsFilesAndChangesNothing() throws {
        let (dir, file) = try makeFile(Self.messy)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CommandRunner.run(["inf", "format", "--check", file.path])
        #expect(result.exitCode == 1)
        #expect(result.stdout == file.path + "\n")
        #expect([UInt8](try Data(contentsOf: file)) == Self.messy)
    }

    @Test func inPlaceRewritesOnceAndKeepsUTF16() throws {
        var utf16: [UInt8] = [0xFF, 0xFE]
        for u in "[Version]\r\n  Signature=$Windows NT$\r\n[S]\r\nk=\"Grüße\" , x\r\n".utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let (dir, file) = try makeFile(utf16)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CommandRunner.run(["inf", "format", "--in-place", file.path]).exitCode == 0)
        var expected: [UInt8] = [0xFF, 0xFE]
        for u in "[Version]\r\nSignature = $Windows NT$\r\n[S]\r\nk = \"Grüße\",x\r\n".utf16 { expected += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        #expect([UInt8](try Data(contentsOf: file)) == expected)
        #expect(try CommandRunner.run(["inf", "format", "--check", file.path]).exitCode == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(leftovers == ["x.inf"])
    }

    @Test func aFileThatWouldReadDifferentlyIsLeftAsWrittenWithAWarning() throws {
        let refused = Array("\r\n\r\n[Version]\r\nSignature=$Windows NT$\r\n[S\r\n".utf8)
        let (dir, file) = try makeFile(refused)
        defer { try? FileManager.default.removeItem(at: dir) }
        let check = try CommandRunner.run(["inf", "format", "--check", file.path])
        #expect(check.exitCode == 0)
        #expect(check.stdout == "")
        #expect(check.stderr == file.path + ": warning: left as written: SetupAPI refuses it (ERROR_BAD_SECTION_NAME_LINE, line 5), "
                + "and the canonical layout would move that to line 3\n")
        #expect(try CommandRunner.run(["inf", "format", "--in-place", file.path]).exitCode == 0)
        #expect([UInt8](try Data(contentsOf: file)) == refused)
        #expect(try CommandRunner.run(["inf", "format", file.path]).stdoutBytes == refused)
    }

    @Test func missingFileExits3() throws {
        let result = try CommandRunner.run(["inf", "format", "--check", "/nonexistent/x.inf"])
        #expect(result.exitCode == 3)
        #expect(result.stderr == "/nonexistent/x.inf: error: no such file\n")
    }
}
