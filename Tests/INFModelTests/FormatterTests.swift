import Foundation
import Testing
import TestSupport
@testable import INFModel
@testable import INFSyntax

/// Formatting keeps what SetupAPI reads, and formatting twice changes nothing.
struct FormatterTests {
    /// Everything `inf dump --json` shows, in every locale, as a comparable value.
    func meaning(_ tree: SyntaxTree) -> SetupAPIReading {
        SetupAPIReading(INFDocument(tree: tree))
    }

    func reread(_ units: [UInt16], like tree: SyntaxTree) -> SyntaxTree {
        SyntaxTree(source: SourceText(units: units, encoding: tree.source.encoding, oddByte: tree.source.oddByte))
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

    @Test func textBeforeTheFirstSectionStaysWhenAHeaderFollowsItOnItsLine() {
        // SetupAPI refuses the file for the `,` (ERROR_EXPECTED_SECTION_NAME); dropping it would make it open.
        let input = ",[Version]\nSignature=$Windows NT$\n[S]\nk=v\n"
        #expect(format(input) == ",[Version]\nSignature = $Windows NT$\n[S]\nk = v\n")
        let tree = SyntaxTree(input)
        #expect(meaning(reread(CanonicalFormatter.format(tree), like: tree)) == meaning(tree))
        #expect(format("  [Version]\n") == "[Version]\n")
    }

    @Test func aFileThatWouldReadDifferentlyIsLeftAsWritten() throws {
        // The header without `]` is on line 5; without the leading blank lines it would be on line 3.
        let tree = SyntaxTree("\n\n[Version]\nSignature = $Windows NT$\n[S\n")
        #expect(meaning(reread(CanonicalFormatter.format(tree), like: tree)) != meaning(tree))
        let checked = CanonicalFormatter.formatCheckingReading(tree)
        #expect(checked.units == tree.source.units)
        #expect(checked.keptAsWritten == "SetupAPI refuses it (ERROR_BAD_SECTION_NAME_LINE, line 5), and the canonical layout would move that to line 3")

        let readable = SyntaxTree("\n\n[Version]\nSignature=$Windows NT$\n")
        let formatted = CanonicalFormatter.formatCheckingReading(readable)
        #expect(formatted.keptAsWritten == nil)
        #expect(formatted.units == Array("[Version]\nSignature = $Windows NT$\n".utf16))
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
            let formatted = reread(once, like: tree)
            #expect(meaning(formatted) == meaning(tree), "\(name): formatting changed what SetupAPI reads")
            let idempotent = CanonicalFormatter.format(formatted) == once
            #expect(idempotent, "\(name): formatting is not idempotent")
            #expect(throws: Never.self) { try formatted.printedBytes() }
        }
    }
}
