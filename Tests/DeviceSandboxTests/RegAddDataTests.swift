import Foundation
import Testing
@testable import DeviceSandbox

/// What `reg add /t TYPE /d DATA` stores, case by case from Wine's reg add tests
/// (programs/reg/tests/add.c), which pass on Windows. nil: reg add refuses the data.
struct RegAddDataTests {
    static func utf16(_ s: String) -> [UInt8] { s.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
    static func le32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    static func le64(_ v: UInt64) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }

    static func stored(_ type: String?, _ data: String?, _ separator: Character? = nil) -> RegistryValue? {
        try? RegistryTools.addValue(name: "v", type: type, data: data, separator: separator)
    }

    @Test(arguments: [
        // Strings: the text and its terminator, verbatim (no escapes).
        (nil, nil, 1, utf16("\0")), ("REG_SZ", "deadbeef", 1, utf16("deadbeef\0")), (nil, "foo\\0bar", 1, utf16("foo\\0bar\0")),
        ("REG_EXpand_sz", "dead%PATH%beef", 2, utf16("dead%PATH%beef\0")), ("REG_NONE", "deadbeef", 0, utf16("deadbeef\0")),
        ("REG_NONE", nil, 0, utf16("\0")),
        // DWORD: decimal, or hexadecimal when the second character is x.
        ("REG_DWORD", "12345678", 4, le32(12345678)), ("reg_dword", "0123", 4, le32(123)), ("REG_dword", "0xdeadbeef", 4, le32(0xdeadbeef)),
        ("REG_DWORD", "0xffffffff", 4, le32(~0)), ("REG_DWORD", "0X123", 4, le32(0x123)),
        ("REG_DWORD_LITTLE_ENDIAN", "456", 4, le32(456)), ("REG_DWORD_BIG_ENDIAN", "0x456", 5, le32(0x456)),
        // QWORD: no data is 0, and -1 wraps.
        ("REG_QWORD", "0x123456789abcdef", 11, le64(0x123456789abcdef)), ("REG_QWORD", nil, 11, le64(0)),
        ("REG_QWORD", "-1", 11, le64(~0)), ("REG_QWORD", "0xffffffffffffffff", 11, le64(~0)), ("reg_qword", "0123", 11, le64(123)),
        // Binary: hex pairs, a lone first digit being its own byte.
        ("REG_BINARY", nil, 3, []), ("REG_BINARY", "deadbeef", 3, [0xde, 0xad, 0xbe, 0xef]),
        ("REG_BINARY", "DeAdBeEf0DD", 3, [0x0d, 0xea, 0xdb, 0xee, 0xf0, 0xdd]), ("REG_BINARY", "", 3, []),
        // MULTI_SZ: \0 (or the /s character) separates; the list ends with an empty string.
        ("REG_MULTI_SZ", nil, 7, utf16("\0")), ("REG_MULTI_SZ", "three\\0little\\0strings", 7, utf16("three\0little\0strings\0\0")),
        ("REG_MULTI_SZ", "a\\0", 7, utf16("a\0\0")), ("REG_MULTI_SZ", "\\0", 7, utf16("\0\0")),
    ] as [(String?, String?, UInt32, [UInt8])])
    func accepted(_ type: String?, _ data: String?, _ expectedType: UInt32, _ bytes: [UInt8]) {
        #expect(Self.stored(type, data) == RegistryValue(name: "v", type: expectedType, data: bytes), "\(type ?? "-") \(data ?? "-")")
    }

    @Test(arguments: [
        ("", "WineTest"), ("REG_DWORD", nil), ("REG_DWORD", "zzz"), ("REG_DWORD", "deadbeef"), ("REG_DWORD", "123xyz"),
        ("reg_dword", "0xabcdefg"), ("REG_DWORD", "-1"), ("REG_DWORD", "-0x1"), ("REG_dword", "0x01ffffffff"), ("REG_DWORD", "00x123"),
        ("REG_DWORD", "4294967296"), ("REG_DWORD_BIG_ENDIAN", nil), ("REG_QWORD", "zzz"), ("REG_QWORD", "deadbeef"),
        ("REG_QWORD", "-0x1"), ("REG_qword", "0x01ffffffffffffffff"), ("REG_QWORD", "18446744073709551616"),
        ("REG_BINARY", "0xDeAdBeEf"), ("REG_BINARY", "x01"), ("REG_BINARY", "01x"),
        ("REG_MULTI_SZ", "\\0a"), ("REG_MULTI_SZ", "two\\0\\0strings"), ("REG_LINK", "x"),
    ] as [(String?, String?)])
    func refused(_ type: String?, _ data: String?) {
        #expect(Self.stored(type, data) == nil, "\(type ?? "-") \(data ?? "-")")
    }

    @Test func multiStringSeparators() {
        #expect(Self.stored("REG_MULTI_SZ", "three#little#strings", "#")?.data == Self.utf16("three\0little\0strings\0\0"))
        #expect(Self.stored("REG_MULTI_SZ", "threelittlestrings", "#")?.data == Self.utf16("threelittlestrings\0\0"))
        #expect(Self.stored("REG_MULTI_SZ", "a#", "#")?.data == Self.utf16("a\0\0"))
        #expect(Self.stored("REG_MULTI_SZ", "#", "#")?.data == Self.utf16("\0\0"))
        // With a separator, \0 is text.
        #expect(Self.stored("REG_MULTI_SZ", "two\\0#strings", "#")?.data == Self.utf16("two\\0\0strings\0\0"))
        for refused in ["##", "two##strings", "#a"] { #expect(Self.stored("REG_MULTI_SZ", refused, "#") == nil, "\(refused)") }
    }

    @Test(arguments: ["HKCU\\Software\\Wine\\keytest3\\", "HKEY_CURRENT_USER\\Software", "hkcu\\x", "HKLM", "HKCR\\.txt"])
    func keyNamesReadLikeRegExe(_ text: String) throws {
        _ = try RegistryTools.parseKey(text)
    }

    @Test(arguments: ["\\HKCU\\Software\\x", "\\\\HKCU\\Software\\x", "HKCU\\Software\\x\\\\", "HKCU\\", "HKEY_CURRENT_USER\\", "HK", "HKCUX\\a", "Software\\x"])
    func keyNamesRegExeRefuses(_ text: String) {
        #expect(throws: SandboxError.self) { try RegistryTools.parseKey(text) }
    }
}
