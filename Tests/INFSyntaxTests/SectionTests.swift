import Testing
@testable import INFSyntax

/// Section-name cases of Wine's `test_section_names` and `invalid_files`.
struct SectionTests {
    static let header = "[Version]\r\nSignature=\"$CHICAGO$\"\r\n"

    func names(_ text: String) -> [String] {
        let tree = SyntaxTree(Self.header + text)
        return tree.lines.filter { $0.kind == .sectionHeader }.compactMap { tree.sectionName(of: $0) }
    }

    @Test func namesAreTakenVerbatimUpToTheFirstCloseBracket() {
        #expect(names("[TestSection]   \r\n") == ["Version", "TestSection"])
        #expect(names("   [TestSection]   dummy\r\n").last == "TestSection")
        #expect(names(" [  Test Section  ] dummy\r\n").last == "  Test Section  ")
        #expect(names("[Test[Section]\r\n").last == "Test[Section")
        #expect(names("[Test[S]ection]\r\n").last == "Test[S")
        #expect(names("[]\r\n").last == "")
        #expect(names("[[[]\n").last == "[[")
        #expect(names("[Test\"Section]\r\n").last == "Test\"Section")
        #expect(names("[Test\\ Section]\r\n").last == "Test\\ Section")
        #expect(names("[Test;Section]\r\n").last == "Test;Section")
        #expect(names(" [Test\r\u{8}\tSection] \n").last == "Test\r\u{8}\tSection")
        #expect(names(";[TestSection]\n") == ["Version"])
    }

    @Test func controlZEndsTheFile() {
        let tree = SyntaxTree(Self.header + "[TestSection] \u{1A}\ndummy")
        #expect(tree.lines.last?.kind == .ignoredTail)
        #expect(tree.lines.filter { $0.kind == .entry }.count == 1)
        #expect(tree.printedUnits() == tree.source.units)
    }

    @Test func unclosedHeaderIsReported() {
        let tree = SyntaxTree(Self.header + "[ab\r\n")
        #expect(tree.lines.last?.kind == .badSectionHeader)
        let issue = tree.issues.first { $0.kind == .missingCloseBracket }
        #expect(issue.map { tree.lineNumber(of: $0.range.lowerBound) } == 3)
    }

    @Test func longNamesAreReported() {
        let ok = SyntaxTree(Self.header + "[" + String(repeating: "a", count: 255) + "]\r\n")
        #expect(!ok.issues.contains { $0.kind == .sectionNameTooLong })
        let bad = SyntaxTree(Self.header + "[" + String(repeating: "a", count: 256) + "]\r\n")
        #expect(bad.issues.contains { $0.kind == .sectionNameTooLong })
    }

    @Test func textBeforeTheFirstSectionIsOrphaned() {
        let tree = SyntaxTree(";c\ngarbage1\n[abc]\n")
        #expect(tree.lines.map(\.kind) == [.comment, .orphanText, .sectionHeader])
        #expect(tree.issues.first.map { tree.lineNumber(of: $0.range.lowerBound) } == 2)
    }

    @Test func linesAreCountedByLineFeedsOnly() {
        let text = SourceText("a\rb\r\nc\nd")
        #expect(text.location(of: 2).line == 1)
        #expect(text.location(of: 5).line == 2)
        #expect(text.location(of: 7) == SourceLocation(offset: 7, line: 3, column: 1))
        #expect(text.lineEndings == .mixed)
    }
}
