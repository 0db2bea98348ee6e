import Testing
@testable import INFSyntax

/// Section headers and entries share four slots of a line node: each kind reads only its own.
struct LineNodeTests {
    @Test func eachKindReadsOnlyItsOwnOffsets() throws {
        let tree = SyntaxTree("[Sec] ; c\nkey = a, b\n; comment\n\n")
        let header = tree.lines[0], entry = tree.lines[1], comment = tree.lines[2], blank = tree.lines[3]
        #expect((header.openBracket, header.nameStart, header.nameEnd, header.closeBracket, header.comment) == (0, 1, 4, 4, 6))
        #expect((header.keyField, header.firstField, header.fieldCount, header.equals) == (-1, 0, 0, -1))
        #expect((entry.keyField, entry.firstField, entry.fieldCount, entry.equals) == (0, 1, 2, 14))
        #expect((entry.openBracket, entry.nameStart, entry.nameEnd, entry.closeBracket) == (-1, -1, -1, -1))
        for line in [comment, blank] {
            #expect((line.keyField, line.firstField, line.fieldCount, line.equals) == (-1, 0, 0, -1))
            #expect((line.openBracket, line.nameStart, line.nameEnd, line.closeBracket) == (-1, -1, -1, -1))
        }
        #expect(MemoryLayout<LineNode>.stride == 36)
    }
}
