import Foundation
import Testing
import TestSupport
@testable import INFSyntax

/// The fast path for plain entry lines must give exactly the nodes SetupAPI's state machine
/// (``EntryLexer``) gives: every tree is parsed both ways and compared.
struct PlainEntryFastPathTests {
    static func expectSameTree(_ source: SourceText, _ what: @autoclosure () -> String) {
        let fast = SyntaxTree(source: source, plainEntryFastPath: true)
        let machine = SyntaxTree(source: source, plainEntryFastPath: false)
        let same = fast.lines == machine.lines && fast.fields == machine.fields
            && fast.cookedUnits == machine.cookedUnits && fast.issues == machine.issues && fast.endOfData == machine.endOfData
        #expect(same, "fast path differs from the state machine on \(what())")
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

    /// Random lines over the characters the state machine treats specially (and blanks beyond ASCII).
    @Test func randomLines() {
        let alphabet: [String] = ["a", "b", "7", " ", "\t", ",", "=", ";", "\"", "\"\"", "\\", "\\", "%", "%s%", "\r",
                                  "\u{A0}", "\u{2003}", "é", "\u{1}", "\\\n", "[", "]"]
        var rng = SeededGenerator(seed: 0x11_4E5)
        for file in 0..<300 {
            var text = "[S]\n"
            for _ in 0..<40 {
                let length = Int.random(in: 0...14, using: &rng)
                text += (0..<length).map { _ in alphabet.randomElement(using: &rng)! }.joined() + "\n"
            }
            Self.expectSameTree(SourceText(text), "random file \(file): \(text.debugDescription)")
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
        var parser = Parser(source: source)
        let taken = source.units.withUnsafeBufferPointer { parser.lexPlainEntry($0, from: 0) } != nil
        #expect(taken == plain)
        if !taken { #expect(parser.fields.isEmpty, "a declined line leaves nothing behind") }
    }
}
