import Testing
@testable import INFSyntax

/// The key/field cases of Wine's `dlls/setupapi/tests/parser.c` (`key_names`), which pass on
/// Windows: each line is placed in a `[Test]` section and read back before `%strkey%` substitution.
struct KeyAndFieldTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let data: String
        let key: String?
        let fields: [String]
        var testDescription: String { data.debugDescription }
    }

    static let cases: [Case] = [
        Case(data: "ab=cd", key: "ab", fields: ["cd"]),
        Case(data: "ab=cd,ef,gh,ij", key: "ab", fields: ["cd", "ef", "gh", "ij"]),
        Case(data: "ab", key: "ab", fields: ["ab"]),
        Case(data: "ab,cd", key: nil, fields: ["ab", "cd"]),
        Case(data: "ab,cd=ef", key: nil, fields: ["ab", "cd=ef"]),
        Case(data: "=abcd,ef", key: "", fields: ["abcd", "ef"]),
        // backslashes
        Case(data: "ba\\\ncd=ef", key: "bacd", fields: ["ef"]),
        Case(data: "ab  \\  \ncd=ef", key: "abcd", fields: ["ef"]),
        Case(data: "ab\\\ncd,ef", key: nil, fields: ["abcd", "ef"]),
        Case(data: "ab  \\ ;cc\ncd=ef", key: "abcd", fields: ["ef"]),
        Case(data: "ab \\ \\ \ncd=ef", key: "abcd", fields: ["ef"]),
        Case(data: "ba \\ dc=xx", key: "ba \\ dc", fields: ["xx"]),
        Case(data: "ba \\\\ \nc=d", key: "bac", fields: ["d"]),
        Case(data: "a=b\\\\c", key: "a", fields: ["b\\\\c"]),
        Case(data: "ab=cd \\ ", key: "ab", fields: ["cd"]),
        Case(data: "ba=c \\ \n \\ \n a", key: "ba", fields: ["ca"]),
        Case(data: "ba=c \\ \n \\ a", key: "ba", fields: ["c\\ a"]),
        Case(data: "  \\ a= \\ b", key: "\\ a", fields: ["\\ b"]),
        // quotes
        Case(data: "Ab\"Cd\"=Ef", key: "AbCd", fields: ["Ef"]),
        Case(data: "Ab\"Cd=Ef\"", key: "AbCd=Ef", fields: ["AbCd=Ef"]),
        Case(data: "ab\"\"\"cd,ef=gh\"", key: "ab\"cd,ef=gh", fields: ["ab\"cd,ef=gh"]),
        Case(data: "ab\"\"cd=ef", key: "abcd", fields: ["ef"]),
        Case(data: "ab\"\"cd=ef,gh", key: "abcd", fields: ["ef", "gh"]),
        Case(data: "ab=cd\"\"ef", key: "ab", fields: ["cdef"]),
        Case(data: "ab=cd\",\"ef", key: "ab", fields: ["cd,ef"]),
        Case(data: "ab=cd\",ef", key: "ab", fields: ["cd,ef"]),
        Case(data: "ab=cd\",ef\\\nab", key: "ab", fields: ["cd,ef\\"]),
        // single quotes are not quotes
        Case(data: "HKLM,A,B,'C',D", key: nil, fields: ["HKLM", "A", "B", "'C'", "D"]),
        // spaces
        Case(data: " a b = c , d \n", key: "a b", fields: ["c", "d"]),
        Case(data: " a b = c ,\" d\" \n", key: "a b", fields: ["c", " d"]),
        Case(data: " a b\r = c\r\n", key: "a b", fields: ["c"]),
        // empty fields
        Case(data: "a=b,,,c,,,d", key: "a", fields: ["b", "", "", "c", "", "", "d"]),
        Case(data: "a=b,\"\",c,\" \",d", key: "a", fields: ["b", "", "c", " ", "d"]),
        Case(data: "=,,b", key: "", fields: ["", "", "b"]),
        Case(data: ",=,,b", key: nil, fields: ["", "=", "", "b"]),
        Case(data: "a=\n", key: "a", fields: [""]),
        Case(data: "=", key: "", fields: [""]),
        // end of file
        Case(data: "ab=c\u{1A}d", key: "ab", fields: ["c"]),
        Case(data: "ab\u{1A}=cd", key: "ab", fields: ["ab"]),
        // NULs read as blanks
        Case(data: "abcd=ef\u{0}gh", key: "abcd", fields: ["ef gh"]),
        // comments
        Case(data: "ab;cd=ef", key: "ab", fields: ["ab"]),
        Case(data: "ab=cd;ef", key: "ab", fields: ["cd"]),
        Case(data: "ab=\"cd;ef\"", key: "ab", fields: ["cd;ef"]),
    ]

    @Test(arguments: cases)
    func readsLikeSetupAPI(_ c: Case) throws {
        let tree = SyntaxTree("[Version]\r\nSignature=\"$CHICAGO$\"\r\n[Test]\n" + c.data)
        let entries = tree.lines.filter { $0.kind == .entry }
        try #require(entries.count >= 2)
        let line = entries[1]
        #expect(tree.key(of: line) == c.key)
        #expect(tree.values(of: line) == c.fields)
    }

    @Test func roundTripsEveryCase() throws {
        for c in Self.cases {
            let tree = SyntaxTree("[Test]\n" + c.data)
            #expect(tree.printedUnits() == tree.source.units)
        }
    }

    @Test func longFieldsAreCutAt4096() {
        let long = String(repeating: "a", count: 5000)
        let tree = SyntaxTree("[S]\nk=\(long),x")
        let line = tree.lines[1]
        #expect(tree.values(of: line) == [String(repeating: "a", count: 4096), "x"])
        #expect(tree.issues.contains { $0.kind == .fieldTooLong })
    }

    @Test func fieldRangesPointAtTheWrittenText() {
        let tree = SyntaxTree("[S]\n  key = \"a b\" , c  ;x\n")
        let line = tree.lines[1]
        let key = tree.fields[Int(line.keyField)]
        #expect(tree.source.string(key.range) == "key")
        let spans = line.fieldIndexes.map { tree.source.string(tree.fields[$0].range) }
        #expect(spans == ["\"a b\"", "c"])
        #expect(tree.source.string(Int(line.comment)..<Int(line.contentEnd)) == ";x")
    }

    /// A field that starts with a `\` that is not a continuation starts at the `\` (it was given
    /// the start of the line's first field), on a continued line too.
    @Test(arguments: [("k = \\SystemRoot\\x.sys", ["\\SystemRoot\\x.sys"]), ("k = a, \\b", ["a", "\\b"]),
                      ("k = \\\\srv\\share", ["\\\\srv\\share"]), ("k = a, \\\n  \\b", ["a", "\\b"])])
    func fieldsStartingWithABackslashStartThere(text: String, spans: [String]) {
        let tree = SyntaxTree("[S]\n" + text + "\n")
        let line = tree.lines[1]
        #expect(tree.source.string(tree.fields[Int(line.keyField)].range) == "k")
        #expect(line.fieldIndexes.map { tree.source.string(tree.fields[$0].range) } == spans)
    }

    /// A key or field that a `\` continuation carries onto the next line keeps the start it has on
    /// the first (it was moved to the next line, and read as empty when nothing followed there).
    @Test(arguments: [("k = a, b\\\n, c", "k", ["a", "b", "c"]), ("k\\\n  = v", "k", ["v"]),
                      ("k = \"x\" \\\n  , y", "k", ["\"x\"", "y"]), ("k = a\\\n", "k", ["a"])])
    func continuedFieldsKeepTheirStart(text: String, key: String, spans: [String]) {
        let tree = SyntaxTree("[S]\n" + text + "\n")
        let line = tree.lines[1]
        #expect(tree.source.string(tree.fields[Int(line.keyField)].range) == key)
        #expect(line.fieldIndexes.map { tree.source.string(tree.fields[$0].range) } == spans)
    }
}
