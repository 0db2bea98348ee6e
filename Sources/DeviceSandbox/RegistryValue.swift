import Foundation
import INFSyntax

/// Registry value types (`REG_*`).
public enum RegistryValueType: Int, CaseIterable, Sendable, Codable {
    case none = 0, string = 1, expandString = 2, binary = 3, dword = 4, dwordBigEndian = 5, link = 6, multiString = 7
    case resourceList = 8, fullResourceDescriptor = 9, resourceRequirementsList = 10, qword = 11

    /// The name reg.exe and the JSON export use.
    public var name: String {
        switch self {
        case .none: return "REG_NONE"
        case .string: return "REG_SZ"
        case .expandString: return "REG_EXPAND_SZ"
        case .binary: return "REG_BINARY"
        case .dword: return "REG_DWORD"
        case .dwordBigEndian: return "REG_DWORD_BIG_ENDIAN"
        case .link: return "REG_LINK"
        case .multiString: return "REG_MULTI_SZ"
        case .resourceList: return "REG_RESOURCE_LIST"
        case .fullResourceDescriptor: return "REG_FULL_RESOURCE_DESCRIPTOR"
        case .resourceRequirementsList: return "REG_RESOURCE_REQUIREMENTS_LIST"
        case .qword: return "REG_QWORD"
        }
    }
}

/// A value: its name (empty for the default value), type number and raw bytes, exactly as stored.
public struct RegistryValue: Hashable, Sendable {
    public var name: String
    /// The type number; not every number is a known `RegistryValueType` (AddReg can write any).
    public var type: UInt32
    public var data: [UInt8]

    public init(name: String, type: UInt32, data: [UInt8]) { self.name = name; self.type = type; self.data = data }
    public init(name: String, type: RegistryValueType, data: [UInt8]) { self.init(name: name, type: UInt32(type.rawValue), data: data) }

    public var knownType: RegistryValueType? { RegistryValueType(rawValue: Int(type)) }

    public static func string(_ name: String, _ value: String, expand: Bool = false) -> RegistryValue {
        RegistryValue(name: name, type: expand ? .expandString : .string, data: utf16z(value))
    }
    public static func dword(_ name: String, _ value: UInt32) -> RegistryValue {
        RegistryValue(name: name, type: .dword, data: withUnsafeBytes(of: value.littleEndian, Array.init))
    }
    public static func multiString(_ name: String, _ values: [String]) -> RegistryValue {
        RegistryValue(name: name, type: .multiString, data: values.flatMap(utf16z) + [0, 0])
    }

    /// UTF-16LE with a NUL terminator, as the registry stores strings.
    public static func utf16z(_ s: String) -> [UInt8] { TextConversion.utf16LEZ(s) }

    /// Code units as UTF-16LE bytes (the inverse of ``utf16Units(_:)``).
    static func utf16Bytes(_ units: some Sequence<UInt16>) -> [UInt8] { TextConversion.utf16LEBytes(units) }

    static func utf16Units(_ data: [UInt8]) -> [UInt16] {
        stride(from: 0, to: data.count - 1, by: 2).map { UInt16(data[$0]) | UInt16(data[$0 + 1]) << 8 }
    }

    /// REG_SZ / REG_EXPAND_SZ text (up to the first NUL).
    public var stringValue: String {
        String(decoding: Self.utf16Units(data).prefix { $0 != 0 }, as: UTF16.self)
    }

    /// REG_MULTI_SZ strings (the empty string that terminates the list is not included).
    public var multiStringValue: [String] {
        var result: [String] = [], current: [UInt16] = []
        for u in Self.utf16Units(data) {
            if u == 0 {
                if current.isEmpty { break }
                result.append(String(decoding: current, as: UTF16.self)); current = []
            } else { current.append(u) }
        }
        if !current.isEmpty { result.append(String(decoding: current, as: UTF16.self)) }
        return result
    }

    /// REG_DWORD / REG_QWORD as a number (little-endian, short data zero-extended).
    public var integerValue: UInt64 {
        var v: UInt64 = 0
        for (i, b) in data.prefix(8).enumerated() { v |= UInt64(b) << (8 * UInt64(i)) }
        return v
    }
}

extension Array where Element == RegistryValue {
    /// The value called `name` (registry names compare without case), or nil.
    public func named(_ name: String) -> RegistryValue? {
        first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The strings of the REG_MULTI_SZ value called `name` (none when it is absent).
    public func strings(named name: String) -> [String] {
        named(name)?.multiStringValue ?? []
    }
}
