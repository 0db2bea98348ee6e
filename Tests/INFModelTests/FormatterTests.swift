import Foundation
import Testing
import TestSupport
@testable import INFModel
@testable import INFSyntax

/// Formatting keeps what SetupAPI reads, and formatting twice changes nothing.
struct FormatterTests {
    /// Everything `inf dump --json` shows, as a comparable value.
    func meaning(_ tree: SyntaxTree) -> [[String]] {
        let document = INFDocument(tree: tree)
        return document.sections.map { section in
            [section.name] + document.lines(of: section).map { "\($0.key ?? "<nil>")=\($0.fields)" }
        }
    }

    func format(_ text: String) -> String {
        String(decoding: CanonicalFormatter.format(SyntaxTree(text)), as: UTF16.self)
    }

    @Test func canonicalLayout() {
        let input = """
              ; header comment   \r
            \r
            \r
              [Version]   ; v\r
            Signature   =   "$Windows NT$"\r
               Class=Net   ;  comment  \r
            \r
            \r
            [Models]\r
            %Desc%   =   Install ,  PCI\\VEN_1234 ,,  "a  b"\r
            HKR,,DeviceType,  0x10001 ,  0x22\r
            Key=\r
            \r

            """
        let expected = """
            ; header comment\r
            \r
            [Version] ; v\r
            Signature = "$Windows NT$"\r
            Class = Net ;  comment\r
            \r
            [Models]\r
            %Desc% = Install,PCI\\VEN_1234,,"a  b"\r
            HKR,,DeviceType,0x10001,0x22\r
            Key =\r

            """
        #expect(format(input) == expected)
        #expect(format(expected) == expected)
    }

    @Test func linesThatCannotBeRewrittenSafelyStayAsWritten() {
        let input = "[S]\n  a = b \\\n   c\n  k = \"open quote  \n  x = a\\ ,b\n"
        // continuation, unclosed quote, and a field whose trailing blank is meaningful
        #expect(format(input) == "[S]\n  a = b \\\n   c\n  k = \"open quote  \n  x = a\\ ,b\n")
    }

    @Test func addsAFinalLineEndInTheFilesStyle() {
        #expect(format("[S]\r\nk=v") == "[S]\r\nk = v\r\n")
        #expect(format("[S]\nk=v\u{1A}tail") == "[S]\nk = v\u{1A}tail")
    }

    @Test func corpusFormattingKeepsMeaningAndIsIdempotent() throws {
        guard TestPaths.corpus != nil else { print(TestPaths.corpusMissingMessage); return }
        for url in TestPaths.corpusFiles() {
            let name = TestPaths.corpusName(url)
            let tree = SyntaxTree(bytes: [UInt8](try Data(contentsOf: url)))
            let once = CanonicalFormatter.format(tree)
            let formatted = SyntaxTree(source: SourceText(units: once, encoding: tree.source.encoding, oddByte: tree.source.oddByte))
            #expect(meaning(formatted) == meaning(tree), "\(name): formatting changed what SetupAPI reads")
            let idempotent = CanonicalFormatter.format(formatted) == once
            #expect(idempotent, "\(name): formatting is not idempotent")
            #expect(throws: Never.self) { try formatted.printedBytes() }
        }
    }
}
