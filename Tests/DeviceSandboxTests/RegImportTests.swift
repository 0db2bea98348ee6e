import Foundation
import Testing
@testable import DeviceSandbox

/// `reg import`'s reading of `.reg` files, case by case from Wine's reg import tests
/// (programs/reg/tests/import.c), which pass on Windows.
struct RegImportTests {
    static let key = "HKEY_CURRENT_USER\\Software\\Wine\\reg_test"
    static let path = RegistryPath(key)!

    /// The values under `path` after the changes of `text` (an 8-bit file) are applied in order.
    static func values(_ text: String, utf16: Bool = false) throws -> [String: RegistryValue] {
        let bytes = utf16 ? RegFile.encode(text) : Array(text.utf8)
        var values: [String: RegistryValue] = [:]
        for change in try RegFile.parse(bytes, path: "test.reg") {
            switch change {
            case .setValue(let key, let value) where key == path: values[value.name.uppercased()] = value
            case .deleteValue(let key, let name) where key == path: values[name.uppercased()] = nil
            default: break
            }
        }
        return values
    }

    static func file(_ lines: String, header: String = "REGEDIT4") -> String { "\(header)\n\n[\(key)]\n" + lines }

    @Test(arguments: [
        ("REGEDIT4", true), ("Windows Registry Editor Version 5.00", true), (" REGEDIT4", true), ("\tREGEDIT4", true),
        ("REGEDIT", true), ("REGEDIT3", true), ("REGEDIT 4", true), ("REGEDIT4 FOO", true), ("REGEDIT4FOO", true),
        ("regedit4", false), ("Regedit4", false), ("AREGEDIT4", false), ("1REGEDIT4", false),
        ("Windows Registry Editor Version 4.00", false), ("Windows Registry Editor Version 5", false),
        ("WINDOWS REGISTRY EDITOR VERSION 5.00", false), ("Windows Registry Editor version 5.00", false),
    ])
    func headers(_ header: String, _ accepted: Bool) throws {
        let text = "\(header)\n\n[\(Self.key)]\n\"Test\"=\"Value\"\n"
        if accepted {
            // Only the two real headers import anything: REGEDIT alone is the 3.1 form, the rest import nothing.
            let imported = try Self.values(text)["TEST"] != nil
            #expect(imported == (header.hasSuffix("REGEDIT4") || header.hasSuffix("5.00")), "\(header)")
        } else {
            #expect(throws: SandboxError.self) { try Self.values(text) }
        }
        #expect(throws: SandboxError.self) { try Self.values("\nREGEDIT4\n") }
    }

    @Test func valuesCommentsAndLineEnds() throws {
        let v = try Self.values(Self.file("""
            "Wine1"=dword:00000782

            "Wine2"="Test Value"
            "Wine3"=hex(7):4c,69,6e,65,20,\\
              63,6f,6e,63,61,74,65,6e,61,74,69,6f,6e,00,00
            #comment
            @="Test"
            ;comment

            "Wine4"=dword:12345678
            #comment\\
            "Wine8"="Line 1"
            "Wine10"="Value 1"#comment
            "Wine11"="Value 2";comment
            "Wine12"=dword:01020304 #comment
            "Wine13"=dword:02040608 ;comment
            "Wine5"="No newline"
            """))
        #expect(v["WINE1"] == .dword("Wine1", 0x782))
        #expect(v["WINE2"] == .string("Wine2", "Test Value"))
        #expect(v["WINE3"] == RegistryValue(name: "Wine3", type: 7, data: RegImportTests.utf16("Line concatenation\0\0")))
        #expect(v[""] == .string("", "Test"))
        #expect(v["WINE4"] == .dword("Wine4", 0x12345678))
        #expect(v["WINE8"] == .string("Wine8", "Line 1"))
        #expect(v["WINE10"] == nil && v["WINE12"] == nil)
        #expect(v["WINE11"] == .string("Wine11", "Value 2") && v["WINE13"] == .dword("Wine13", 0x2040608))
        #expect(v["WINE5"] == .string("Wine5", "No newline"))
    }

    static func utf16(_ s: String) -> [UInt8] { s.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }

    @Test func commentsInsideAndAfterData() throws {
        let v = try Self.values(Self.file("""
            "Wine14"=hex(7):4c,69,6e,65,20,\\
              #comment
              63,6f,6e,63,61,74,65,6e,61,74,69,6f,6e,00,00
            "Wine15"="A valid line"
            "Wine16"=hex(7):4c,69,6e,65,20,\\
              ;comment
              63,6f,6e,63,61,74,65,6e,61,74,69,6f,6e,00,00
            #"Comment1"="Value 1"
                ;"Comment4"="Value 4"
            "Wine18"="Value 6"#"Comment5"="Value 5"
            "Wine19"="Value 7";"Comment6"="Value 6"
            "Wine20"=#"Value 8"
            "Wine22"="#comment1"
            "Wine25"="Value;comment4"
            "Wine30"=dword:00000003#comment
            "Wine31"=dword:00000004;comment
            "Wine39a"="Value1"  ;comment
            "Wine39c"="Value3"  #comment
            """))
        #expect(v["WINE14"] == nil && v["WINE15"] == .string("Wine15", "A valid line"))
        #expect(v["WINE16"] == RegistryValue(name: "Wine16", type: 7, data: Self.utf16("Line concatenation\0\0")))
        #expect(v["COMMENT1"] == nil && v["COMMENT4"] == nil && v["COMMENT5"] == nil && v["COMMENT6"] == nil)
        #expect(v["WINE18"] == nil && v["WINE19"] == .string("Wine19", "Value 7") && v["WINE20"] == nil)
        #expect(v["WINE22"] == .string("Wine22", "#comment1") && v["WINE25"] == .string("Wine25", "Value;comment4"))
        #expect(v["WINE30"] == nil && v["WINE31"] == .dword("Wine31", 4))
        #expect(v["WINE39A"] == .string("Wine39a", "Value1") && v["WINE39C"] == nil)
    }

    @Test func hexContinuation() throws {
        let v = try Self.values(Self.file("""
            "Multi-Line1"=hex(7):4c,69,6e,65,20,\\
              63,6f,6e,\\;comment
              63,61,74,\\;comment
              65,6e,61,74,69,6f,6e,00,00
            "Multi-Line2"=hex(7):4c,69,6e,65,20,\\
              63,6f,6e,\\;comment
              63,61,74,;comment
              65,6e,61,74,69,6f,6e,00,00
            "Multi-Line3"=hex(7):4c,69,6e,65,20\\
            ,63,6f,6e,63,61,74,65,6e,61,74,69,6f,6e,00,00
            "Multi-Line9"=hex(7):4c,69,6e,\\;comment
              63,61,74,\\#comment
              65,6e,61,74,69,6f,6e,00,00
            "Multi-Line10"=hex(7):4c,69,6e,65,20,\\
              63,6f,6e,\\;comment
              63,61,74,\\

              65,6e,\\;comment

              61,74,69,6f,6e,00,00
            "Wine40a"=hex(2):4c,69,6e,65,00
            "Wine40c"=hex(2):4c,69,6e,65\\
            "Wine40d"="Value 2"
            "Wine40e"=hex(2):4c,69,6e,65,\\
            "Wine40f"="Value 3"
            "Wine40g"="Value 4"
            "Wine43i"=hex(0):56,00,61,00,\\;comment
              6c,00,75,00,
              65,00,00,00
            "Wine45a"=hex:11,22,33,44,55,66,77,88
            "Wine45f"=hex:11,22,33,4\\
            4,55,66,77,88
            """))
        let concatenation = RegistryValue(name: "Multi-Line1", type: 7, data: Self.utf16("Line concatenation\0\0"))
        #expect(v["MULTI-LINE1"] == concatenation)
        #expect(v["MULTI-LINE2"] == RegistryValue(name: "Multi-Line2", type: 7, data: Self.utf16("Line concat\0")))
        #expect(v["MULTI-LINE3"] == nil && v["MULTI-LINE9"] == nil)
        #expect(v["MULTI-LINE10"]?.data == concatenation.data)
        #expect(v["WINE40A"] == RegistryValue(name: "Wine40a", type: 2, data: Self.utf16("Line\0")))
        #expect(v["WINE40C"] == nil && v["WINE40D"] == .string("Wine40d", "Value 2"))
        #expect(v["WINE40E"] == nil && v["WINE40F"] == nil && v["WINE40G"] == .string("Wine40g", "Value 4"))
        #expect(v["WINE43I"] == RegistryValue(name: "Wine43i", type: 0, data: [0x56, 0, 0x61, 0, 0x6c, 0, 0x75, 0]))
        #expect(v["WINE45A"]?.data == [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88] && v["WINE45F"] == nil)
    }

    @Test func dwordsStringsAndNames() throws {
        let v = try Self.values(Self.file("""
            "Wine32a"=dword:1
            "Wine33a"=dword:
            "Wine33b"=dword:hello
            "Wine33d"=dword:012345678
            "Wine34b"=dword:12345678 abc
            "Wine35a"=dword:0x123
            "Wine36a"=dword:1234;5678
            "Wine36b"=dword:1234 ;5678
            "Wine36c"=dword:1234#5678
            "Wine37a"="foo"bar"
            "Empty string"=""
            ""="Default Value Name"
            "Test38a"=
            "Test38c"=\\"Value\\"
            "TestNoEndQuote"="Asdffdsa
            NameNoQuotes="Asdffdsa"
            "MixedQuotes=Asdffdsa"
            "Wine\\
            42a"="Value 1"
            "Wine42b"="Value 2"
            "double\\"quote"="valid \\"or\\" not"
            "Wine\\\\31"="Test value"
            "Upper"=DWORD:00000001
            "Spaced" = "around ="
            """))
        #expect(v["WINE32A"] == .dword("Wine32a", 1) && v["WINE36A"] == .dword("Wine36a", 0x1234) && v["WINE36B"] == .dword("Wine36b", 0x1234))
        for gone in ["WINE33A", "WINE33B", "WINE33D", "WINE34B", "WINE35A", "WINE36C", "WINE37A", "TEST38A", "TEST38C",
                     "TESTNOENDQUOTE", "NAMENOQUOTES", "MIXEDQUOTES", "WINE42A", "UPPER"] {
            #expect(v[gone] == nil, "\(gone)")
        }
        #expect(v["EMPTY STRING"] == .string("Empty string", "") && v[""] == .string("", "Default Value Name"))
        #expect(v["WINE42B"] == .string("Wine42b", "Value 2"))
        #expect(v["DOUBLE\"QUOTE"] == .string("double\"quote", "valid \"or\" not"))
        #expect(v["WINE\\31"] == .string("Wine\\31", "Test value"))
        #expect(v["SPACED"] == .string("Spaced", "around ="))
    }

    @Test func keysAndDeletions() throws {
        let text = """
            REGEDIT4

            [\(Self.key)\\Subkey1c ]
            [ \(Self.key)\\Subkey1a]
            [\(Self.key)\\No_Closing_Bracket
            \(Self.key)\\No_Opening_Bracket]
            [HKEY_CURRENT_USERS\\Software\\Bad]
            "Orphan"="goes nowhere"
            [- \(Self.key)\\Subkey2a]
            [-hKeY_cUrReNt_UsEr\\Software\\Wine\\reg_test\\sUbKeY3B]
            [-HKEY_CURRENT_USER]
            [\(Self.key)]
            "Gone"=-
            "Kept"=- junk

            """
        let contents = try RegFile.read(Array(text.utf8), path: "test.reg")
        #expect(contents.changes == [
            .createKey(RegistryPath(Self.key + "\\Subkey1c ")!),
            .deleteKey(RegistryPath("HKEY_CURRENT_USER\\Software\\Wine\\reg_test\\sUbKeY3B")!),
            .createKey(Self.path),
            .deleteValue(Self.path, "Gone"),
        ])
        #expect(contents.ignored.map(\.line) == [4, 5, 6, 7, 8, 9, 11, 14])
    }

    @Test func windows31Form() throws {
        let changes = try RegFile.parse(Array("REGEDIT\nHKEY_CLASSES_ROOT\\.txt = txtfile\nHKEY_CLASSES_ROOT\\x=y\nnot a key line\n".utf8), path: "old.reg")
        #expect(changes == [
            .createKey(RegistryPath("HKCR\\.txt")!), .setValue(RegistryPath("HKCR\\.txt")!, .string("", "txtfile")),
            // The key runs to the first blank: without one, the whole line is the key and the value is empty.
            .createKey(RegistryPath("HKCR\\x=y")!), .setValue(RegistryPath("HKCR\\x=y")!, .string("", "")),
        ])
    }

    /// An 8-bit file's string-typed hex data is ANSI text, stored as UTF-16 with a terminator; a
    /// UTF-16 file's gets a terminator only.
    @Test func hexStringsAreTerminatedAndWidened() throws {
        let ansi = try Self.values(Self.file("\"E\"=hex(2):25,50,e9\n\"B\"=hex:25,50\n"))
        #expect(ansi["E"] == RegistryValue(name: "E", type: 2, data: Self.utf16("%P\u{E9}\0")))
        #expect(ansi["B"]?.data == [0x25, 0x50])
        let wide = try Self.values(Self.file("\"E\"=hex(2):25,00,50,00\n\"M\"=hex(7):41,00,00,00\n", header: RegFile.header), utf16: true)
        #expect(wide["E"] == RegistryValue(name: "E", type: 2, data: Self.utf16("%P\0")))
        #expect(wide["M"] == RegistryValue(name: "M", type: 7, data: Self.utf16("A\0")))
    }
}
