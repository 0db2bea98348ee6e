import Testing
@testable import INFModel

/// Wine's string-substitution cases (`key_names` with `STR_SECTION`), plus locales and DIRIDs.
struct SubstitutionTests {
    static let a400 = String(repeating: "a", count: 400)
    static let strSection = "[Strings]\nfoo=aaa\nbar=bbb\nloop=%loop2%\nloop2=%loop%\n"
        + "per%%cent=abcd\nper=1\ncent=2\n22=foo\n" + "big=" + a400 + "\n" + "mydrive=\"C:\\\"\n"
        + "verybig=" + String(repeating: "a", count: 1200) + "\n"

    func firstTestLine(_ text: String) -> INFLine? {
        INFDocument("[Version]\r\nSignature=\"$CHICAGO$\"\r\n[Test]\n" + text).lines(in: "Test").first
    }

    @Test(arguments: [
        ("%foo%=%bar%\n", "aaa", ["bbb"]),
        ("%foo%xx=%bar%yy\n", "aaaxx", ["bbbyy"]),
        ("%% %foo%=%bar%\n", "% aaa", ["bbb"]),
        ("%f\"o\"o%=ccc\n", "aaa", ["ccc"]),
        ("abc=%bar;bla%\n", "abc", ["%bar"]),
        ("loop=%loop%\n", "loop", ["%loop2%"]),
        ("%per%%cent%=100\n", "12", ["100"]),
        ("a=%big%\n", "a", [a400]),
        ("a=%big%%big%%big%%big%\n", "a", [String(repeating: a400, count: 4)]),
        ("ab=\"%mydrive%\\fred\"\n", "ab", ["C:\\\\fred"]),
        ("ab=\"%24%\\\\fred\"\n", "ab", ["%24%\\\\fred"]),
        ("ab=%22%\n", "ab", ["foo"]),
        ("ab=%undefined%,%10%\\x.sys,50%\n", "ab", ["%undefined%", "%10%\\x.sys", "50%"]),
    ])
    func substitutesLikeSetupAPI(_ data: String, _ key: String, _ fields: [String]) throws {
        let line = try #require(firstTestLine(data + Self.strSection))
        #expect(line.key == key)
        #expect(line.fields == fields)
    }

    /// Wine's NUL cases, which pass on Windows: a NUL reads as a blank, so one at the end of a
    /// string's value is trimmed with the blanks before it, and one inside the value is a space.
    @Test(arguments: [("bar=bbb\u{0}\n", "bbb"), ("bar=bbb \u{0}\n", "bbb"), ("bar=aaa\u{0}bbb \u{0}\n", "aaa bbb")])
    func nulsInAStringReadAsBlanks(_ strings: String, _ value: String) throws {
        let line = try #require(firstTestLine("foo=%bar%\n[Strings]\n" + strings))
        #expect(line.fields == [value])
    }

    @Test func substitutedValuesAreCutAtTheStringLimit() throws {
        let line = try #require(firstTestLine("a=" + String(repeating: "%big%", count: 11) + "\n" + Self.strSection))
        #expect(line.fields == [String(repeating: "a", count: 4096)])
    }

    @Test func getLineTextJoinsFieldsWithCommas() throws {
        let line = try #require(firstTestLine("k = a , \"b,c\" ,, %bar%\n" + Self.strSection))
        #expect(line.text == "a,b,c,,bbb")
    }

    @Test func localizedStringsWinThenFallBackKeyByKey() {
        let text = """
            [Version]
            Signature="$Windows NT$"
            [Test]
            k=%a%,%b%,%c%
            [Strings]
            a=neutral-a
            b=neutral-b
            [Strings.0407]
            a=german-a
            [Strings.0007]
            b=german-b
            c=german-c
            """
        #expect(INFDocument(text).lines(in: "Test").first?.fields == ["neutral-a", "neutral-b", "%c%"])
        let german = INFDocument(text, language: LanguageID(0x0407))
        #expect(german.lines(in: "Test").first?.fields == ["german-a", "german-b", "german-c"])
        #expect(german.strings.sectionNames == ["Strings.0407", "Strings.0007", "Strings"])
    }

    @Test func duplicateSectionsAreMergedInFirstAppearanceOrder() {
        let document = INFDocument("[Version]\nSignature=$Windows NT$\n[A]\na=1\n[b]\nb=1\n[a]\na=2\n")
        #expect(document.sections.map(\.name) == ["Version", "A", "b"])
        #expect(document.lines(in: "A").map(\.fields) == [["1"], ["2"]])
        #expect(document.firstLine(in: "a", key: "A")?.fields == ["1"])
    }

    @Test func diridsResolveOnlyWhenAskedAndDropADoubledBackslash() {
        let document = INFDocument("[Version]\nSignature=$Windows NT$\n")
        let dirids: (Int) -> String? = { $0 == 24 ? "C:\\" : $0 == 12 ? "C:\\Windows\\System32\\drivers" : nil }
        #expect(document.substitute("%24%\\fred", dirids: dirids) == "C:\\fred")
        #expect(document.substitute("%12%\\x.sys", dirids: dirids) == "C:\\Windows\\System32\\drivers\\x.sys")
        #expect(document.substitute("%12%\\x.sys") == "%12%\\x.sys")
    }
}
