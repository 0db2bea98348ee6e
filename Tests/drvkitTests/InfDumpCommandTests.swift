import Foundation
import Testing
import TestSupport
import INFSyntax

/// `drvkit inf dump` run as a user runs it, against hand-checked snapshots in Tests/Fixtures/inf.
struct InfDumpCommandTests {
    static let fixtures = TestPaths.fixtures.appendingPathComponent("inf")

    func snapshot(_ name: String) throws -> String {
        try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    @Test(arguments: ["syntax-features", "utf16le-bom", "mixed-endings", "long-lines", "localized"])
    func dumpMatchesTheSnapshot(_ name: String) throws {
        let result = try CommandRunner.run(["inf", "dump", "--json", Self.fixtures.appendingPathComponent("\(name).inf").path])
        #expect(result.exitCode == 0)
        #expect(result.stdout == (try snapshot("\(name).dump.json")))
    }

    @Test func localeSelectsTheLocalizedStrings() throws {
        let result = try CommandRunner.run(["inf", "dump", "--json", "--locale", "0407", Self.fixtures.appendingPathComponent("localized.inf").path])
        #expect(result.exitCode == 0)
        #expect(result.stdout == (try snapshot("localized.0407.dump.json")))
    }

    @Test func refusedFileGivesTheSetupAPIErrorAndExit1() throws {
        let path = Self.fixtures.appendingPathComponent("cr-only.inf").path
        let result = try CommandRunner.run(["inf", "dump", "--json", path])
        #expect(result.exitCode == 1)
        #expect(result.stdout == "{\"error\":3758096640,\"errorLine\":0}\n")
        #expect(result.stderr.hasPrefix("\(path): error: SetupAPI refuses this file"))
    }

    @Test func badSectionLineNamesTheLineAndColumn() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.inf")
        try Data("[Version]\nSignature=$Windows NT$\n  [Broken\n".utf8).write(to: file)
        let result = try CommandRunner.run(["inf", "dump", "--json", file.path])
        #expect(result.exitCode == 1)
        #expect(result.stdout == "{\"error\":3758096385,\"errorLine\":3}\n")
        #expect(result.stderr.hasPrefix("\(file.path):3:3: error:"))
    }

    @Test func unreadableInputsExit3WithOneLine() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let binary = dir.appendingPathComponent("driver.sys")
        try Data([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00] + [UInt8](repeating: 0, count: 64)).write(to: binary)
        let text = dir.appendingPathComponent("readme.inf")
        try Data("just some words\nno sections here\n".utf8).write(to: text)
        // A sparse file one byte over the limit: refused from its size, before it is read.
        let huge = dir.appendingPathComponent("huge.inf")
        try Data().write(to: huge)
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: UInt64(SyntaxTree.maxFileBytes + 1))
        try handle.close()
        for (path, message) in [(dir.appendingPathComponent("missing.inf").path, "no such file"),
                                (binary.path, "binary data, not an INF file"),
                                (huge.path, "too large for an INF file"),
                                (text.path, "not an INF file"),
                                (dir.path, "is a directory")] {
            let result = try CommandRunner.run(["inf", "dump", path])
            #expect(result.exitCode == 3, "\(path)")
            #expect(result.stderr.hasPrefix("\(path): error: \(message)"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func aPipeIsReadToItsEnd() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inf = dir.appendingPathComponent("x.inf")
        try Data("[Version]\r\nSignature=\"$Windows NT$\"\r\n".utf8).write(to: inf)
        let drvkit = CommandRunner.productsDirectory.appendingPathComponent("drvkit").path
        // `cat x.inf | drvkit inf dump /dev/stdin`: a pipe has no size, and used to be refused.
        let piped = try CommandRunner.run(["-c", "cat \"$1\" | \"$0\" inf dump --json /dev/stdin", drvkit, inf.path], executable: "/bin/sh")
        #expect(piped.exitCode == 0, "\(piped.stderr)")
        #expect(piped.stdout == "{\"sections\":[{\"name\":\"Version\",\"lines\":[{\"key\":\"Signature\",\"fields\":[\"$Windows NT$\"],\"text\":\"$Windows NT$\"}]}]}\n")
        let empty = try CommandRunner.run(["inf", "dump", "/dev/null"])
        #expect(empty.exitCode == 3 && empty.stderr == "/dev/null: error: not an INF file (no [section] header)\n", "\(empty.stderr)")
    }

    @Test func usageErrorsExit2() throws {
        #expect(try CommandRunner.run(["inf", "dump", "--locale", "xyz", "a.inf"]).exitCode == 2)
        #expect(try CommandRunner.run(["inf", "dump", "--bogus"]).exitCode == 2)
        #expect(try CommandRunner.run(["inf", "format", "--check", "--in-place", "a.inf"]).exitCode == 2)
    }

    @Test func textDumpShowsKeysAndFields() throws {
        let result = try CommandRunner.run(["inf", "dump", Self.fixtures.appendingPathComponent("syntax-features.inf").path])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("[Fields]\n  \"EmptyFields\" = \"a\", \"\", \"b\", \"\"\n"))
        #expect(result.stdout.contains("  (no key) = \"a\", \"b\", \"c\"\n"))
    }
}
