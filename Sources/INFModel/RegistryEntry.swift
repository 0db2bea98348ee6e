/// A registry root as AddReg/DelReg/BitReg write it.
public enum RegistryRoot: String, Hashable, Sendable, CaseIterable {
    case hkcr = "HKCR", hkcu = "HKCU", hklm = "HKLM", hku = "HKU", hkr = "HKR"

    public init?(_ text: String) {
        switch text.trimmingWhitespace().uppercased() {
        case "HKCR", "HKEY_CLASSES_ROOT": self = .hkcr
        case "HKCU", "HKEY_CURRENT_USER": self = .hkcu
        case "HKLM", "HKEY_LOCAL_MACHINE": self = .hklm
        case "HKU", "HKEY_USERS": self = .hku
        case "HKR": self = .hkr
        default: return nil
        }
    }
}

/// A line of an AddReg, DelReg or BitReg section:
/// `reg-root, [subkey], [value-name], [flags], [value…]`.
public struct RegistryEntry: Hashable, Sendable {
    public var line: INFLine
    /// The root as written, and parsed.
    public var rootText: String
    public var root: RegistryRoot?
    public var subkey: String
    /// nil when the field is absent (the key's default value for AddReg when empty).
    public var valueName: String?
    /// The flags field as written (may be empty), and its numeric value (nil when not a number).
    public var flagsText: String?
    public var flags: UInt32?
    /// Fields 5… (the data).
    public var data: [String]

    public init(line: INFLine) {
        self.line = line
        // A keyless line with one field makes that field the key too; the fields are what count.
        rootText = line.field(1) ?? ""
        root = RegistryRoot(rootText)
        subkey = line.field(2) ?? ""
        valueName = line.field(3)
        flagsText = line.field(4)
        flags = flagsText.map { IntegerField.parse($0) } ?? 0
        data = Array(line.fields.dropFirst(4))
    }

    /// The low word's value type bits and high word type (`FLG_ADDREG_TYPE_*`).
    public var valueType: AddRegValueType? { flags.map(AddRegValueType.init(flags:)) }

    /// Whether the line's key is `key` (lower-cased, `\`-separated) under `root`, or below it.
    public func writes(under root: RegistryRoot, _ key: String) -> Bool {
        guard self.root == root else { return false }
        let subkey = self.subkey.lowercased()
        return subkey == key || subkey.hasPrefix(key + "\\")
    }
}

/// The value type AddReg flags select (`FLG_ADDREG_TYPE_MASK` and `FLG_ADDREG_BINVALUETYPE`).
public enum AddRegValueType: Hashable, Sendable {
    case string, multiString, expandString, dword, none, binary(typeNumber: UInt32)

    public init(flags: UInt32) {
        let typeMask: UInt32 = 0xFFFF_0000 | 0x0000_0001
        switch flags & typeMask {
        case 0x0000_0000: self = .string
        case 0x0001_0000: self = .multiString
        case 0x0002_0000: self = .expandString
        case 0x0001_0001: self = .dword
        case 0x0002_0001: self = .none
        case 0x0000_0001: self = .binary(typeNumber: 3)
        default: self = .binary(typeNumber: flags >> 16)
        }
    }
}

extension INFDocument {
    /// The entries of an AddReg/DelReg/BitReg section.
    public func registryEntries(inSection name: String) -> [RegistryEntry] {
        lines(in: name).map(RegistryEntry.init(line:))
    }
}

import Foundation
