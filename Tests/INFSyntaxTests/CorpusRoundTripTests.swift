import Foundation
import Testing
import TestSupport
@testable import INFSyntax

/// Every real INF of `../shared/corpus` prints back byte for byte.
struct CorpusRoundTripTests {
    @Test func everyCorpusFileRoundTrips() throws {
        guard TestPaths.corpus != nil else {
            print(TestPaths.corpusMissingMessage)
            return
        }
        let files = TestPaths.corpusFiles()
        #expect(files.count >= 200)
        for url in files {
            let bytes = [UInt8](try Data(contentsOf: url))
            let tree = SyntaxTree(bytes: bytes)
            let printed = try tree.printedBytes()
            let same = printed == bytes
            #expect(same, "\(TestPaths.corpusName(url)) does not round-trip")
            // Lines partition the text.
            var offset = 0
            for line in tree.lines {
                #expect(Int(line.start) == offset)
                offset = Int(line.end)
            }
            #expect(offset == tree.source.units.count, "\(TestPaths.corpusName(url))")
        }
    }
}
