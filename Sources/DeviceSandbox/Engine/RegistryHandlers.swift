import Foundation
import INFModel

/// AddReg, DelReg and BitReg, as SetupAPI applies them (installer.md §6; Wine's setupapi install.c).
enum RegistryHandlers {
    static let binValueType: UInt32 = 0x1, noClobber: UInt32 = 0x2, delVal: UInt32 = 0x4, append: UInt32 = 0x8
    static let keyOnly: UInt32 = 0x10, overwriteOnly: UInt32 = 0x20, keyOnlyCommon: UInt32 = 0x2000, delRegBit: UInt32 = 0x8000

    /// `strtol(s, 0)`: hex with 0x, octal with a leading 0, else decimal; empty or invalid is 0.
    static func flags(_ text: String?) -> UInt32 { IntegerField.parse(text ?? "") ?? 0 }

    /// A binary byte field: hexadecimal digits with an optional 0x (SetupGetBinaryField), at most 0xFF.
    static func byte(_ field: String) -> UInt8? {
        var s = Substring(field.trimmingWhitespace())
        if s.lowercased().hasPrefix("0x") { s = s.dropFirst(2) }
        if s.isEmpty { return 0 }
        guard let v = UInt32(s.prefix { $0.isHexDigit }, radix: 16), v <= 0xFF else { return nil }
        return UInt8(v)
    }

    /// The value an AddReg line writes, or nil when the line writes no value.
    static func value(name: String, flags: UInt32, data: [String]) -> RegistryValue? {
        let typeBits = flags & 0xFFFF_0001
        let type: UInt32
        switch typeBits {
        case 0x0000_0000: type = 1
        case 0x0001_0000: type = 7
        case 0x0002_0000: type = 2
        case 0x0001_0001: type = 4
        case 0x0002_0001: type = 0
        case 0x0000_0001: type = 3
        default: type = flags >> 16
        }
        let stringPath = flags & binValueType == 0 || (type == 4 && data.count <= 1)
        if stringPath {
            switch type {
            case 7:
                var strings: [String] = []
                for d in data { if d.isEmpty { break }; strings.append(d) }
                return strings.isEmpty ? RegistryValue(name: name, type: 7, data: [0, 0]) : .multiString(name, strings)
            case 4:
                let v = data.first.flatMap { $0.isEmpty ? 0 : IntegerField.parse($0) } ?? 0
                return .dword(name, v)
            case 2: return .string(name, data.first ?? "", expand: true)
            default: return RegistryValue(name: name, type: type, data: RegistryValue.utf16z(data.first ?? ""))
            }
        }
        var bytes: [UInt8] = []
        for d in data { bytes.append(byte(d) ?? 0) }
        return RegistryValue(name: name, type: type, data: bytes)
    }

    static func addReg(_ line: INFLine, _ context: InstallContext, _ registry: RegistryStore) throws {
        let entry = RegistryEntry(line: line)
        let flags = self.flags(entry.flagsText)
        if flags & delRegBit != 0 { return }
        guard let key = context.key(root: entry.rootText, subkey: entry.subkey, line: line, flags: flags) else { return }
        let name = entry.valueName ?? ""
        if let text = entry.flagsText, !text.trimmingWhitespace().isEmpty, IntegerField.parse(text) == nil {
            context.skip(line, field: 4, "flags '\(text)' are not a number; read as 0 (REG_SZ)")
        }
        if flags & delVal != 0 {
            if name.isEmpty { try registry.deleteKey(key) } else { try registry.deleteValue(key, name) }
            context.note("     inf: Deleted value '\(name)' of \(key)")
            return
        }
        let existing = try registry.value(key, name)
        if flags & overwriteOnly != 0 && existing == nil { return }
        try registry.createKey(key)
        if flags & (keyOnly | keyOnlyCommon) != 0 || (entry.valueName == nil && entry.data.isEmpty) { return }
        if flags & noClobber != 0 && existing != nil { return }
        let binaryPath = flags & binValueType != 0 && !(flags & 0xFFFF_0001 == 0x0001_0001 && entry.data.count <= 1)
        for (i, d) in entry.data.enumerated() where binaryPath && byte(d) == nil {
            context.skip(line, field: 5 + i, "'\(d)' is not a hexadecimal byte; written as 00")
        }
        guard var value = value(name: name, flags: flags, data: entry.data) else { return }
        if flags & append != 0 && value.type == 7 {
            guard let existing, existing.type == 7 else {
                context.note("     inf: APPEND to missing value '\(name)' of \(key): not written (Wine's behaviour)")
                return
            }
            var strings = existing.multiStringValue
            for s in value.multiStringValue where !strings.contains(where: { $0.lowercased() == s.lowercased() }) { strings.append(s) }
            value = .multiString(name, strings)
        }
        try registry.setValue(key, value)
        context.note("     inf: Set \(key)\\\(name.isEmpty ? "(Default)" : name) [\(value.knownType?.name ?? String(value.type))]")
    }

    static func delReg(_ line: INFLine, _ context: InstallContext, _ registry: RegistryStore) throws {
        let entry = RegistryEntry(line: line)
        let allFlags = self.flags(entry.flagsText)
        let flags = allFlags & ~(delRegBit | InstallContext.view32Bit | InstallContext.view64Bit)
        guard let key = context.key(root: entry.rootText, subkey: entry.subkey, line: line, flags: allFlags) else { return }
        let name = entry.valueName ?? ""
        if flags == 0x0001_0002 {   // FLG_DELREG_MULTI_SZ_DELSTRING (with the 0x8000 bit cleared)
            guard let existing = try registry.value(key, name), existing.type == 7, let drop = entry.data.first else { return }
            try registry.setValue(key, .multiString(name, existing.multiStringValue.filter { $0.lowercased() != drop.lowercased() }))
            return
        }
        if flags & keyOnlyCommon != 0 || entry.valueName == nil || name.isEmpty {
            if try registry.deleteKey(key) { context.note("     inf: Deleted key \(key)") }
            return
        }
        if flags != 0 { context.skip(line, field: 4, "DelReg flags 0x\(String(flags, radix: 16)) are not supported by SetupAPI; line skipped"); return }
        if try registry.deleteValue(key, name) { context.note("     inf: Deleted value \(key)\\\(name)") }
    }

    static func bitReg(_ line: INFLine, _ context: InstallContext, _ registry: RegistryStore) throws {
        let entry = RegistryEntry(line: line)
        guard let key = context.key(root: entry.rootText, subkey: entry.subkey, line: line, flags: self.flags(entry.flagsText)) else { return }
        let name = entry.valueName ?? ""
        guard var existing = try registry.value(key, name), existing.type == 3 else { return }
        let set = self.flags(entry.flagsText) & 1 != 0
        guard entry.data.count >= 2, let mask = byte(entry.data[0]), let index = Int(entry.data[1].trimmingWhitespace()),
              index >= 0, index < existing.data.count else {
            context.skip(line, "BitReg needs a mask and a byte index inside the value; line skipped")
            return
        }
        existing.data[index] = set ? existing.data[index] | mask : existing.data[index] & ~mask
        try registry.setValue(key, existing)
    }
}
