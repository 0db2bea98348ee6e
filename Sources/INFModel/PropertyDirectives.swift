import INFSyntax

/// Why a line of an add-property or del-property section cannot be applied: the field at fault
/// (1-based, as SetupAPI numbers them) and what is wrong with it.
public struct PropertyLineProblem: Error, Hashable, Sendable {
    public var field: Int
    public var message: String
}

/// A line of an add-property section (INF AddProperty directive):
/// `property-name,,,[flags],value` or `{category-guid},pid,type,[flags],value`.
public struct AddPropertyEntry: Hashable, Sendable {
    public static let noClobber: UInt32 = 0x1, overwriteOnly: UInt32 = 0x2, append: UInt32 = 0x4
    public static let or: UInt32 = 0x8, and: UInt32 = 0x10
    static let knownFlags: UInt32 = 0x1F

    public var line: INFLine
    /// The name the line gives instead of a key, if it does.
    public var name: NamedDeviceProperty?
    public var key: DevicePropertyKey
    public var type: DevicePropertyType
    /// FLG_ADDPROPERTY_* bits.
    public var flags: UInt32
    /// The property's value, as `SetupDiSetDeviceProperty` takes it (a string list's strings, a
    /// boolean as 0xFF or 0x00, a UINT32 little-endian).
    public var data: [UInt8]
    /// The strings of a string list (or the one string of a string), for APPEND.
    public var strings: [String]

    /// Reads `line`, or says what keeps it from being applied.
    public static func read(_ line: INFLine) -> Result<AddPropertyEntry, PropertyLineProblem> {
        do { return .success(try AddPropertyEntry(line)) } catch { return .failure(error) }
    }

    private init(_ line: INFLine) throws(PropertyLineProblem) {
        self.line = line
        let first = line.field(1)?.trimmingWhitespace() ?? ""
        if first.hasPrefix("{") {
            key = try PropertyFields.key(line)
            let typeText = line.field(3)?.trimmingWhitespace() ?? ""
            guard !typeText.isEmpty else { throw PropertyLineProblem(field: 3, message: "a property given by GUID needs its type (field 3)") }
            guard let number = IntegerField.parse(typeText) else { throw PropertyLineProblem(field: 3, message: "type '\(typeText)' is not a number") }
            type = DevicePropertyType(rawValue: number)
            guard DevicePropertyType.addPropertyTypes.contains(type) else {
                throw PropertyLineProblem(field: 3, message: "type \(type) is not one AddProperty takes (\(DevicePropertyType.addPropertyTypes.map(\.description).joined(separator: ", ")))")
            }
        } else {
            let named = try PropertyFields.named(line, emptyFields: [2, 3])
            name = named
            key = named.key
            type = named.type
        }
        flags = try PropertyFields.flags(line, field: 4)
        try Self.check(flags: flags, type: type)
        guard line.fields.count >= 5 else { throw PropertyLineProblem(field: 5, message: "no value (field 5)") }
        let values = Array(line.fields[4...])
        (data, strings) = try Self.value(values, type: type)
    }

    private static func check(flags: UInt32, type: DevicePropertyType) throws(PropertyLineProblem) {
        let unknown = flags & ~knownFlags
        if unknown != 0 { throw PropertyLineProblem(field: 4, message: "flags 0x\(String(flags, radix: 16)) set bits no FLG_ADDPROPERTY_* defines (0x\(String(unknown, radix: 16)))") }
        if flags & noClobber != 0 && flags & overwriteOnly != 0 {
            throw PropertyLineProblem(field: 4, message: "NOCLOBBER (0x1) with OVERWRITEONLY (0x2) never writes the property")
        }
        if flags & append != 0 && type != .stringList {
            throw PropertyLineProblem(field: 4, message: "APPEND (0x4) applies only to DEVPROP_TYPE_STRING_LIST, not \(type)")
        }
        if flags & (or | and) != 0 && type != .uint32 {
            throw PropertyLineProblem(field: 4, message: "\(flags & or != 0 ? "OR (0x8)" : "AND (0x10)") applies only to DEVPROP_TYPE_UINT32, not \(type)")
        }
        if flags & or != 0 && flags & and != 0 { throw PropertyLineProblem(field: 4, message: "OR (0x8) and AND (0x10) together") }
    }

    /// The bytes of the value fields for `type`, and the strings they hold.
    private static func value(_ values: [String], type: DevicePropertyType) throws(PropertyLineProblem) -> ([UInt8], [String]) {
        switch type {
        case .string:
            return (utf16z(values[0]), [values[0]])
        case .stringList:
            let strings = values.filter { !$0.isEmpty }
            return (strings.flatMap(utf16z) + [0, 0], strings)
        case .binary:
            var bytes: [UInt8] = []
            for (i, text) in values.enumerated() {
                guard let byte = hexByte(text) else { throw PropertyLineProblem(field: 5 + i, message: "'\(text)' is not a hexadecimal byte") }
                bytes.append(byte)
            }
            return (bytes, [])
        case .boolean:
            guard let number = IntegerField.parse(values[0]) else { throw PropertyLineProblem(field: 5, message: "boolean value '\(values[0])' is not a number (0 or 1)") }
            return ([number == 0 ? 0x00 : 0xFF], [])   // DEVPROP_FALSE, DEVPROP_TRUE
        default:
            guard let number = IntegerField.parse(values[0]) else { throw PropertyLineProblem(field: 5, message: "UINT32 value '\(values[0])' is not a number") }
            return (withUnsafeBytes(of: number.littleEndian, Array.init), [])
        }
    }

    static func utf16z(_ text: String) -> [UInt8] { TextConversion.utf16LEZ(text) }

    /// A binary byte field: hexadecimal digits with an optional `0x`, at most 0xFF (empty is 0).
    static func hexByte(_ text: String) -> UInt8? {
        var s = Substring(text.trimmingWhitespace())
        if s.lowercased().hasPrefix("0x") { s = s.dropFirst(2) }
        if s.isEmpty { return 0 }
        guard s.allSatisfy(\.isHexDigit), let value = UInt32(s, radix: 16), value <= 0xFF else { return nil }
        return UInt8(value)
    }
}

/// A line of a del-property section (INF DelProperty directive):
/// `property-name[,,flags[,value]]` or `{category-guid},pid[,flags[,value]]`.
public struct DelPropertyEntry: Hashable, Sendable {
    /// FLG_DELPROPERTY_MULTI_SZ_DELSTRING: remove `value` from a string list instead of the property.
    public static let deleteString: UInt32 = 0x1

    public var line: INFLine
    public var name: NamedDeviceProperty?
    public var key: DevicePropertyKey
    public var flags: UInt32
    /// With ``deleteString``: the string to remove (compared case-insensitively).
    public var value: String?

    /// Reads `line`, or says what keeps it from being applied.
    public static func read(_ line: INFLine) -> Result<DelPropertyEntry, PropertyLineProblem> {
        do { return .success(try DelPropertyEntry(line)) } catch { return .failure(error) }
    }

    private init(_ line: INFLine) throws(PropertyLineProblem) {
        self.line = line
        let first = line.field(1)?.trimmingWhitespace() ?? ""
        if first.hasPrefix("{") {
            key = try PropertyFields.key(line)
        } else {
            let named = try PropertyFields.named(line, emptyFields: [2])
            name = named
            key = named.key
        }
        flags = try PropertyFields.flags(line, field: 3)
        if flags & ~Self.deleteString != 0 {
            throw PropertyLineProblem(field: 3, message: "flags 0x\(String(flags, radix: 16)): DelProperty knows only 0x1 (FLG_DELPROPERTY_MULTI_SZ_DELSTRING)")
        }
        value = line.nonEmptyField(4)
        if flags & Self.deleteString != 0 && value == nil {
            throw PropertyLineProblem(field: 3, message: "FLG_DELPROPERTY_MULTI_SZ_DELSTRING needs the string to delete (field 4)")
        }
    }
}

/// The fields add-property and del-property lines share.
enum PropertyFields {
    /// `{category-guid}, pid`: the key in fields 1 and 2.
    static func key(_ line: INFLine) throws(PropertyLineProblem) -> DevicePropertyKey {
        let first = line.field(1)?.trimmingWhitespace() ?? ""
        guard let category = BracedGUID.normalized(first) else {
            throw PropertyLineProblem(field: 1, message: "'\(first)' is not a property category GUID of the form {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}")
        }
        let pidText = line.field(2)?.trimmingWhitespace() ?? ""
        guard !pidText.isEmpty else { throw PropertyLineProblem(field: 2, message: "a property given by GUID needs its property identifier (field 2)") }
        guard let pid = IntegerField.parse(pidText) else { throw PropertyLineProblem(field: 2, message: "property identifier '\(pidText)' is not a number") }
        guard pid >= 2 else { throw PropertyLineProblem(field: 2, message: "property identifier \(pid) is reserved: it must be at least 2") }
        return DevicePropertyKey(category: category, identifier: pid)
    }

    /// A property name in field 1, with the fields that must then stay empty.
    static func named(_ line: INFLine, emptyFields: [Int]) throws(PropertyLineProblem) -> NamedDeviceProperty {
        let first = line.field(1)?.trimmingWhitespace() ?? ""
        guard let named = NamedDeviceProperty(named: first) else {
            throw PropertyLineProblem(field: 1, message: "'\(first)' is neither a property name Windows knows (\(NamedDeviceProperty.allCases.map(\.rawValue).joined(separator: ", "))) nor a {category-guid}")
        }
        for n in emptyFields where !(line.field(n)?.trimmingWhitespace() ?? "").isEmpty {
            throw PropertyLineProblem(field: n, message: "a property given by name (\(named.rawValue)) takes no identifier or type: field \(n) must be empty")
        }
        return named
    }

    /// Optional hexadecimal flags (SetupAPI reads them as a number).
    static func flags(_ line: INFLine, field: Int) throws(PropertyLineProblem) -> UInt32 {
        let text = line.field(field)?.trimmingWhitespace() ?? ""
        guard let flags = IntegerField.parse(text) else { throw PropertyLineProblem(field: field, message: "flags '\(text)' are not a number") }
        return flags
    }
}
