import Testing
import TestSupport
@testable import INFModel
@testable import INFSyntax

/// Names are found whatever their ASCII case (and their case beyond ASCII, through
/// `lowercased()`), and a name hashes alike from code units and from the bytes of a String.
struct FoldedNameTableTests {
    static func randomName(_ length: Int, _ rng: inout SeededGenerator) -> String {
        let alphabet = Array("abcXYZ09_.-[]@`{}~ ")
        return String((0..<length).map { _ in alphabet.randomElement(using: &rng)! })
    }

    static func hash(units string: String) -> UInt64 {
        Array(string.utf16).withUnsafeBufferPointer { FoldedNameTable.hash($0) }
    }

    static func equal(_ a: String, _ b: String) -> Bool {
        Array(a.utf16).withUnsafeBufferPointer { a in Array(b.utf16).withUnsafeBufferPointer { FoldedNameTable.equalFolded(a, $0) } }
    }

    @Test func everyLengthHashesAlikeFromUnitsBytesAndOtherCase() {
        var rng = SeededGenerator(seed: 0xF01D)
        for length in 0...40 {
            for _ in 0..<20 {
                let name = Self.randomName(length, &rng)
                let fromBytes = Array(name.utf8).withUnsafeBufferPointer { FoldedNameTable.hash($0) }
                #expect(Self.hash(units: name) == fromBytes, "\(name.debugDescription)")
                #expect(Self.hash(units: name.uppercased()) == Self.hash(units: name.lowercased()), "\(name.debugDescription)")
                #expect(Self.equal(name.uppercased(), name.lowercased()) && Self.equal(name, name))
            }
        }
    }

    @Test func equalityFoldsOnlyLettersAndComparesOtherCharactersThroughLowercasing() {
        #expect(!Self.equal("a@", "a`"), "@ and ` share all bits but bit 5: not the same letter")
        #expect(!Self.equal("[x]", "{x}"))
        #expect(!Self.equal("abcd1234", "abcd1235"))
        #expect(!Self.equal("abc", "abcd"))
        #expect(Self.equal("DÉCOR.strings", "décor.STRINGS"))
        #expect(Self.hash(units: "DÉCOR.strings") == Self.hash(units: "décor.STRINGS"))
        #expect(!Self.equal("Straße", "STRASSE"))
    }

    @Test func tableFindsEveryNameInAnyCase() {
        var rng = SeededGenerator(seed: 0x7AB1E)
        let names = Set((0..<300).map { _ in Self.randomName(Int.random(in: 1...30, using: &rng), &rng).lowercased() })
        let text = Array(names).joined(separator: "\n")
        let tree = SyntaxTree(text)
        var table = FoldedNameTable(capacity: 4)
        var offset = 0
        var expected: [String: Int] = [:]
        FoldedNameTable.Text.of(tree) { text in
            for (i, name) in Array(names).enumerated() {
                let count = name.utf16.count
                table.insertIfAbsent(.init(cooked: false, start: Int32(offset), count: Int32(count)), value: i, in: text)
                expected[name] = i
                offset += count + 1
            }
        }
        #expect(table.count == names.count)
        for (name, value) in expected {
            #expect(table.value(for: name.uppercased(), in: tree) == value, "\(name.debugDescription)")
            #expect(table.value(for: name + "x", in: tree) == nil)
        }
    }
}
