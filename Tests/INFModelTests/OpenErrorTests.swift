import Testing
@testable import INFModel
@testable import INFSyntax

/// Wine's `invalid_files` table (it passes on Windows): which files SetupAPI refuses, and the error line.
struct OpenErrorTests {
    static let header = "[Version]\r\nSignature=\"$CHICAGO$\"\r\n"
    static let a255 = String(repeating: "a", count: 255)

    struct Case: CustomTestStringConvertible, Sendable {
        let data: String
        let error: UInt32?
        let line: Int
        var testDescription: String { data.debugDescription }
    }

    static let cases: [Case] = [
        Case(data: "\r\n", error: SetupAPIError.wrongInfStyle, line: 0),
        Case(data: "abcd\r\n", error: SetupAPIError.wrongInfStyle, line: 0),
        Case(data: "[Version]\r\n", error: SetupAPIError.wrongInfStyle, line: 0),
        Case(data: "[Version]\nSignature=", error: SetupAPIError.wrongInfStyle, line: 0),
        Case(data: "[Version]\nSignature=foo", error: SetupAPIError.wrongInfStyle, line: 0),
        Case(data: "[version]\nsignature=$chicago$", error: nil, line: 0),
        Case(data: "[VERSION]\nSIGNATURE=$CHICAGO$", error: nil, line: 0),
        Case(data: "[Version]\nSignature=$chicago$,abcd", error: nil, line: 0),
        Case(data: "[Version]\nabc=def\nSignature=$chicago$", error: nil, line: 0),
        Case(data: "[Version]\nabc=def\n[Version]\nSignature=$chicago$", error: nil, line: 0),
        Case(data: header, error: nil, line: 0),
        Case(data: header + "[]\r\n", error: nil, line: 0),
        Case(data: header + "]\r\n", error: nil, line: 0),
        Case(data: header + "[" + a255 + "]\r\n", error: nil, line: 0),
        Case(data: header + "[ab\r\n", error: SetupAPIError.badSectionNameLine, line: 3),
        Case(data: header + "\n\n[ab\u{1A}]\n", error: SetupAPIError.badSectionNameLine, line: 5),
        Case(data: header + "[a" + a255 + "]\r\n", error: SetupAPIError.sectionNameTooLong, line: 3),
        Case(data: "[abc]\n" + header, error: nil, line: 0),
        Case(data: "abc\r\n" + header, error: SetupAPIError.expectedSectionName, line: 1),
        Case(data: ";\n;\nabc\r\n" + header, error: SetupAPIError.expectedSectionName, line: 3),
        Case(data: ";\n;\nab\nab\n" + header, error: SetupAPIError.expectedSectionName, line: 3),
        Case(data: ";aa\n;bb\n" + header, error: nil, line: 0),
        // NULs in a section name (marked todo on Wine, which refuses them; Windows opens the file)
        Case(data: header + " [TestSection\u{0}]\n", error: nil, line: 0),
        Case(data: header + " [Test\u{0}Section]\n", error: nil, line: 0),
        Case(data: "garbage1\ngarbage2\n[abc]\n" + header, error: SetupAPIError.expectedSectionName, line: 1),
        Case(data: "garbage1\ngarbage2\n[Strings]\n" + header, error: nil, line: 0),
        Case(data: ";comment\ngarbage1\ngarbage2\n[abc]\n" + header, error: SetupAPIError.expectedSectionName, line: 2),
        Case(data: ";comment\ngarbage1\ngarbage2\n[Strings]\n" + header, error: nil, line: 0),
        Case(data: " \t\ngarbage1\ngarbage2\n[abc]\n" + header, error: SetupAPIError.expectedSectionName, line: 2),
        Case(data: " \t\ngarbage1\ngarbage2\n[Strings]\n" + header, error: nil, line: 0),
        Case(data: "garbage1\ngarbage2\n" + header + "[abc]\n", error: SetupAPIError.expectedSectionName, line: 1),
        Case(data: "garbage1\ngarbage2\n" + header + "[Strings]\n", error: nil, line: 0),
    ]

    @Test(arguments: cases)
    func setupAPIAcceptsOrRefuses(_ c: Case) {
        let document = INFDocument(c.data)
        #expect(document.openError?.code == c.error)
        if c.error != nil { #expect(document.openError?.line == c.line) }
    }
}
