import Foundation
import Testing
import TestSupport
@testable import INFLint
@testable import INFSyntax

/// The quick look at a comment's code units may only skip comments that are not suppressions.
struct SuppressionScanTests {
    static func expectConsistent(_ comment: String) {
        let units = ArraySlice(Array(comment.utf16))
        if !Suppressions.mayBeSuppression(units) {
            #expect(Suppressions.parse(comment) == nil, "\(comment.debugDescription) was skipped but is a suppression")
        }
    }

    @Test func randomCommentsNearTheMarker() {
        let pieces = [";", " ", "\t", "drvkit-ignore", "DRVKIT-IGNORE", "Drvkit-Ignore", "drvkit", "-", "ignore", "drvKit-ignore",
                      "drv\u{212A}it-ignore", "\u{301}", "é", " DK1001", ",DK2002", "x", ""]
        var rng = SeededGenerator(seed: 0x5CA7)
        for text in rng.texts(from: pieces, count: 5000, maxPieces: 6) { Self.expectConsistent(text) }
    }

    @Test func corpusComments() throws {
        guard TestPaths.corpus != nil else { print(TestPaths.corpusMissingMessage); return }
        for url in TestPaths.corpusFiles() {
            let tree = SyntaxTree(bytes: [UInt8](try Data(contentsOf: url)))
            for line in tree.lines where line.comment >= 0 { Self.expectConsistent(tree.source.string(Int(line.comment)..<Int(line.contentEnd))) }
        }
    }

    @Test func suppressionsAreNotSkipped() {
        for comment in ["; drvkit-ignore DK1001", ";drvkit-ignore", "; \tDRVKIT-IGNORE DK1, DK2", "; drv\u{212A}it-ignore DK3"] {
            #expect(Suppressions.mayBeSuppression(ArraySlice(Array(comment.utf16))), "\(comment.debugDescription)")
            #expect(Suppressions.parse(comment) != nil)
        }
        #expect(!Suppressions.mayBeSuppression(ArraySlice(Array("; a comment".utf16))))
    }
}
