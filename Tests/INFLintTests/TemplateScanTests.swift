import Foundation
import Testing
import TestSupport
@testable import INFLint
@testable import INFSyntax

/// The placeholder scan over ASCII code units must answer exactly as the string searches that
/// define it, on every corpus file and line and on random text full of near misses.
struct TemplateScanTests {
    static func expectSame(_ units: [UInt16], _ what: @autoclosure () -> String) {
        for includingArch in [true, false] {
            guard let fast = Template.ASCIIScan.placeholders(in: units, includingArch: includingArch) else {
                #expect(units.contains { $0 >= 0x80 }, "only text beyond ASCII takes the string path: \(what())")
                continue
            }
            let reference = includingArch ? Template.StringSearch.hasPlaceholders(units) : Template.StringSearch.hasOpaquePlaceholders(units)
            #expect(fast == reference, "\(includingArch ? "placeholders" : "opaque placeholders") of \(what())")
        }
    }

    @Test func corpusFilesAndLines() throws {
        guard TestPaths.corpus != nil else { print(TestPaths.corpusMissingMessage); return }
        for url in TestPaths.corpusFiles() {
            let units = SyntaxTree(bytes: [UInt8](try Data(contentsOf: url))).source.units
            Self.expectSame(units, TestPaths.corpusName(url))
            for line in units.split(separator: 0x0A) { Self.expectSame(Array(line), "a line of \(TestPaths.corpusName(url))") }
        }
    }

    @Test func randomTextNearPlaceholders() {
        let pieces = ["$", "$ARCH$", "$arch$", "$ArCh$", "$KMDFVERSION", "$kmdfversion$", "$date$", "$DATE", "$INFVERSION$",
                      "INX_", "inx_", "INX", "#", "!", "@", "_", "__", "a", "Z", "7", "ab", "9x", "12", " ", "\r\n", "\n", ",", "é"]
        var rng = SeededGenerator(seed: 0x7E3A)
        for text in rng.texts(from: pieces, count: 3000, maxPieces: 12) { Self.expectSame(Array(text.utf16), text.debugDescription) }
    }

    @Test(arguments: [
        ("Name = #DEVICE#", true, true), ("Name = #12#", false, false), ("Name = #A#", false, false),
        ("x = !Arch_1!", true, true), ("@X_@", true, true), ("CopyFiles = @file.sys", false, false),
        ("[Models.NT$ARCH$]", true, false), ("v = $KmdfVersion$", true, true), ("INX_MODEL", true, true),
        ("inx_model", false, false), ("$ARCH", false, false),
    ])
    func knownLines(_ line: String, _ placeholders: Bool, _ opaque: Bool) {
        let units = Array(line.utf16)
        #expect(Template.hasPlaceholders(units) == placeholders)
        #expect(Template.hasOpaquePlaceholders(units) == opaque)
        #expect(Template.StringSearch.hasPlaceholders(units) == placeholders)
        #expect(Template.StringSearch.hasOpaquePlaceholders(units) == opaque)
    }
}
