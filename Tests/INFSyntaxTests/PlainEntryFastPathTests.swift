import Foundation
import Testing
import TestSupport
@testable import INFSyntax

/// The fast path for plain entry lines must give exactly the nodes SetupAPI's state machine
/// (``EntryLexer``) gives: every tree is parsed both ways and compared.
struct PlainEntryFastPathTests {
    static func expectSameTree(_ source: SourceText, _ what: @autoclosure () -> String) {
        let machine = SyntaxTree(source: source, entryLexing: .stateMachine)
        // The node arrays are sized by these bounds; a parse past them would have to run twice.
        let bounds = Parser.bounds(source)
        #expect(machine.lines.count <= bounds.lines && machine.fields.count <= bounds.fields, "node bounds too small for \(what())")
        for lexing in [Parser.EntryLexing.plainLoop, .masked] {
            let fast = SyntaxTree(source: source, entryLexing: lexing)
            let same = fast.lines == machine.lines && fast.fields == machine.fields
                && fast.cookedUnits == machine.cookedUnits && fast.issues == machine.issues && fast.endOfData == machine.endOfData
            #expect(same, "fast path \(lexing) differs from the state machine on \(what())")
        }
    }

    @Test func corpusFilesAndMutations() throws {
        guard TestPaths.corpus != nil else { print(TestPaths.corpusMissingMessage); return }
        var rng = SeededGenerator(seed: 0xFA57_9A7B)
        for url in TestPaths.corpusFiles() {
            let original = [UInt8](try Data(contentsOf: url))
            Self.expectSameTree(SourceText(bytes: original), TestPaths.corpusName(url))
            for round in 0..<4 {
                Self.expectSameTree(SourceText(bytes: CorpusMutation.mutate(original, &rng)), "\(TestPaths.corpusName(url)) mutation \(round)")
            }
        }
    }

    /// Random lines over the characters the state machine treats specially (and blanks beyond
    /// ASCII): short lines, and long lines that span several windows of the bit-mask lexer.
    @Test(arguments: [(0x11_4E5, 14, 300), (0x1_04C, 90, 100)])
    func randomLines(seed: UInt64, maxTokens: Int, files: Int) {
        let alphabet: [String] = ["a", "b", "7", " ", "\t", ",", "=", ";", "\"", "\"\"", "\\", "\\", "%", "%s%", "\r",
                                  "\u{A0}", "\u{2003}", "é", "\u{1}", "\\\n", "[", "]"]
        var rng = SeededGenerator(seed: seed)
        for file in 0..<files {
            var text = "[S]\n"
            for _ in 0..<40 {
                let length = Int.random(in: 0...maxTokens, using: &rng)
                text += (0..<length).map { _ in alphabet.randomElement(using: &rng)! }.joined() + "\n"
            }
            Self.expectSameTree(SourceText(text), "random file \(file): \(text.debugDescription)")
        }
    }

    #if arch(x86_64)
    /// Random plain lines of many fields (quoted runs with separators inside, `%strkey%`, `a\\b`,
    /// blanks around and inside fields, a key or none, a comment or none) up to several windows
    /// long: the bit-mask lexer takes every one, and gives the state machine's nodes.
    @Test func longPlainLinesSpanningWindows() {
        let words = ["ab", "7", "%s%", "a\\b", "x=y", "PCI\\VEN_8086", "0x10001", "#$<"]
        var rng = SeededGenerator(seed: 0x3A5C)
        func field() -> String {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: return ""
            case 1: return "\"" + (0..<Int.random(in: 0...4, using: &rng)).map { _ in ["t", " ", ",", ";", "=", "\\", "é"].randomElement(using: &rng)! }.joined() + "\""
            default: return (0..<Int.random(in: 1...3, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
            }
        }
        for file in 0..<60 {
            var lines: [String] = []
            for _ in 0..<30 {
                let blank = { [" ", "", "\t"].randomElement(using: &rng)! }
                var line = (0..<Int.random(in: 1...24, using: &rng)).map { _ in blank() + field() + blank() }.joined(separator: ",")
                if Bool.random(using: &rng) { line = "key" + blank() + "=" + blank() + line }
                if Bool.random(using: &rng) { line += "; note \"" }
                lines.append(line + (Bool.random(using: &rng) ? "\r\n" : "\n"))
            }
            let text = "[S]\n" + lines.joined() + String(repeating: ";\n", count: 40)
            let source = SourceText(text)
            Self.expectSameTree(source, "file \(file): \(text.debugDescription)")
            Parser.withParser(source) { parser in
                source.units.withUnsafeBufferPointer { u in
                    var p = 4
                    for line in lines {
                        let start = CharacterClass.skipBlanks(u, from: p, end: u.count)
                        #expect(parser.lexMaskedEntry(u, from: start) != nil, "declined: \(line.debugDescription)")
                        p += line.utf16.count
                    }
                }
            }
        }
    }
    #endif

    /// Arrays sized too small (which the bounds never are) make the parser drop nodes, notice,
    /// and parse again with twice the room: the tree comes out the same.
    @Test func parseThatOverflowsItsArraysIsRunAgain() throws {
        var sources = [SourceText("[S]\na=b,c\n\"x\",,\n;z\n")]
        if let url = TestPaths.corpusFiles().first { sources.append(SourceText(bytes: [UInt8](try Data(contentsOf: url)))) }
        for source in sources {
            let expected = SyntaxTree(source: source)
            let retried = SyntaxTree(source: source, entryLexing: .masked, bounds: NodeBounds(lines: 1, fields: 1))
            #expect(retried.lines == expected.lines && retried.fields == expected.fields && retried.issues == expected.issues)
        }
    }

    @Test func keyAndFieldCases() {
        for c in KeyAndFieldTests.cases {
            Self.expectSameTree(SourceText("[Version]\r\nSignature=\"$CHICAGO$\"\r\n[Test]\n" + c.data), c.data.debugDescription)
        }
    }

    /// The fast path does take the common lines (so the comparison above means something) and
    /// leaves the others to the state machine.
    @Test(arguments: [
        ("HKR,,DeviceType,0x10001,0x22", true),
        ("%Dev.DeviceDesc% = Dev_Install, PCI\\VEN_8086&DEV_1234", true),
        ("DiskName = \"Contoso Installation Disk #1\"  ; the disk", true),
        ("a = , ,", true),
        ("a = \"b\"\"c\"", false),
        ("a = \"b\" c", false),
        ("a = b \\", false),
        ("a = b\\\\c", false),
        ("a = \\b", false),
        ("a = \"unterminated", false),
    ])
    func fastPathTakesPlainLines(_ line: String, _ plain: Bool) {
        let source = SourceText(line + "\n")
        let taken = Parser.withParser(source) { parser in
            let taken = source.units.withUnsafeBufferPointer { parser.lexPlainEntry($0, from: 0) } != nil
            if !taken { #expect(parser.fields.count == 0, "a declined line leaves nothing behind") }
            return taken
        }
        #expect(taken == plain)
    }

    #if arch(x86_64)
    /// The bit-mask lexer takes plain lines, and leaves lines with a field longer than its
    /// window and lines with characters beyond ASCII outside quotes to the character loop.
    @Test(arguments: [
        ("HKR,,DeviceType,0x10001,0x22", true),
        ("%Dev.DeviceDesc% = Dev_Install, PCI\\VEN_8086&DEV_1234", true),
        ("DiskName = \"Contoso Disk #1, \"  ; the \"disk", true),
        ("\"k;ey\"=\"\", a ,, ; c", true),
        ("a = , ,", true),
        ("a = \"Gerät\"", true),
        ("a = Gerät", false),
        ("a = b\u{A0}", false),
        ("a = \"b\"\"c\"", false),
        ("a = \"b\" c", false),
        ("a = \"b\" = c", false),
        ("a = b \\", false),
        ("a = \\b", false),
        ("a = \"unterminated", false),
        ("a = \"ends in the comment\" ; \"", true),
        ("a = " + String(repeating: "b", count: 60), true),
        ("a = " + String(repeating: "b, ", count: 60), true),
        ("a = \"" + String(repeating: "b, ", count: 15) + "\", \"" + String(repeating: ";", count: 50) + "\"", true),
        ("a = " + String(repeating: "b", count: 70), false),
        ("a = \"" + String(repeating: "b", count: 70) + "\"", false),
        ("a = b ;" + String(repeating: " comment", count: 20), true),
    ])
    func maskedPathTakesShortPlainLines(_ line: String, _ masked: Bool) {
        let source = SourceText("[S]\n" + line + "\n" + String(repeating: ";\n", count: 40))
        let taken = Parser.withParser(source) { parser in
            let taken = source.units.withUnsafeBufferPointer { parser.lexMaskedEntry($0, from: 4) } != nil
            if !taken { #expect(parser.fields.count == 0, "a declined line leaves nothing behind") }
            return taken
        }
        #expect(taken == masked)
        Self.expectSameTree(source, line.debugDescription)
    }
    #endif
}

extension Parser {
    /// Runs `body` with a parser over `source` whose node buffers live for the call.
    static func withParser<R>(_ source: SourceText, _ body: (inout Parser) -> R) -> R {
        let bounds = Parser.bounds(source)
        let lines = UnsafeMutableBufferPointer<LineNode>.allocate(capacity: bounds.lines)
        let fields = UnsafeMutableBufferPointer<FieldNode>.allocate(capacity: bounds.fields)
        defer { lines.deallocate(); fields.deallocate() }
        var parser = Parser(source: source, lines: lines, fields: fields)
        return body(&parser)
    }
}
