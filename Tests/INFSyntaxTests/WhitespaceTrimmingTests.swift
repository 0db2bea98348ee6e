import Foundation
import Testing
import TestSupport
@testable import INFSyntax

/// `trimmingWhitespace()` must give exactly what `trimmingCharacters(in: .whitespaces)` gives.
struct WhitespaceTrimmingTests {
    static func expectSame(_ text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        let inner = text.dropFirst().dropLast()
        #expect(inner.trimmingWhitespace() == inner.trimmingCharacters(in: .whitespaces), "\(String(inner).debugDescription)")
    }

    @Test func randomTextWithEveryKindOfBlank() {
        let pieces = [" ", "\t", "\u{A0}", "\u{3000}", "\u{2003}", "\u{202F}", "\u{1680}", "\u{85}", "\u{B}", "\u{C}",
                      "\r\n", "\n", "\r", "a", "Z", "é", "e\u{301}", "\u{301}", "😀", ",", ""]
        var rng = SeededGenerator(seed: 0x7121)
        for text in rng.texts(from: pieces, count: 5000, maxPieces: 8) { Self.expectSame(text) }
    }

    @Test func corpusLinesAndFields() throws {
        guard TestPaths.corpus != nil else { print(TestPaths.corpusMissingMessage); return }
        for url in TestPaths.corpusFiles() {
            let tree = SyntaxTree(bytes: [UInt8](try Data(contentsOf: url)))
            for line in tree.lines {
                Self.expectSame(tree.source.string(line.range))
                for field in line.fieldIndexes { Self.expectSame(tree.source.string(tree.fields[field].range)) }
            }
        }
    }
}
