import Foundation

/// Reads SDDL (Security Descriptor Definition Language) into a `SecurityDescriptor`.
struct SDDLReader {
    typealias ParseError = SecurityDescriptor.ParseError
    private let chars: [Character]
    private var index = 0

    init(_ text: String) { chars = Array(text) }

    mutating func descriptor() throws(ParseError) -> SecurityDescriptor {
        var result = SecurityDescriptor()
        skipSpaces()
        // An empty string is a descriptor with no owner, group, DACL or SACL, as Wine's
        // ParseStringSecurityDescriptorToSecurityDescriptor reads it (and as the reverse conversion writes one).
        while index < chars.count {
            guard index + 1 < chars.count, "OGDS".contains(chars[index]), chars[index + 1] == ":" else {
                throw fail("expected O:, G:, D: or S:")
            }
            let component = chars[index]
            index += 2
            switch component {
            case "O": result.owner = try sid()
            case "G": result.group = try sid()
            case "D": result.dacl = try acl()
            default: result.sacl = try acl()
            }
            skipSpaces()
        }
        return result
    }

    private mutating func acl() throws(ParseError) -> SecurityDescriptor.ACL {
        var acl = SecurityDescriptor.ACL()
        while index < chars.count, chars[index] != "(", !startsComponent {
            if take("NO_ACCESS_CONTROL") { acl.aces = nil }
            else if take("P") { acl.protected = true }
            else if take("AI") { acl.autoInherited = true }
            else if take("AR") { acl.autoInheritRequired = true }
            else { throw fail("unknown ACL flag") }
        }
        while index < chars.count, chars[index] == "(" {
            index += 1
            let ace = try self.ace()
            if acl.aces == nil { throw fail("NO_ACCESS_CONTROL with ACEs") }
            acl.aces!.append(ace)
        }
        return acl
    }

    /// `(type;flags;rights;object-guid;inherit-object-guid;account-sid)`.
    private mutating func ace() throws(ParseError) -> SecurityDescriptor.ACE {
        let start = index
        guard let close = chars[index...].firstIndex(of: ")") else { throw fail("ACE without ')'") }
        let fields = String(chars[index..<close]).split(separator: ";", omittingEmptySubsequences: false).map {
            $0.trimmingWhitespace()
        }
        guard fields.count == 6 else {
            throw fail(fields.count == 7 ? "conditional ACEs are not supported" : "an ACE has 6 fields separated by ';', this one has \(fields.count)")
        }
        guard let type = Self.aceTypes[fields[0]] else { throw fail("unknown or unsupported ACE type '\(fields[0])'", at: start) }
        var flags: UInt8 = 0
        var rest = Substring(fields[1])
        while !rest.isEmpty {
            guard let flag = Self.aceFlags[String(rest.prefix(2))] else { throw fail("unknown ACE flag '\(rest.prefix(2))'", at: start) }
            flags |= flag
            rest = rest.dropFirst(2)
        }
        let mask = try rights(fields[2], at: start)
        let objectACE = (5...8).contains(type)
        if !objectACE && (!fields[3].isEmpty || !fields[4].isEmpty) { throw fail("only object ACEs (OA, OD, OU, OL) take GUIDs", at: start) }
        let objectType = try guid(fields[3], at: start), inherited = try guid(fields[4], at: start)
        var sidReader = SDDLReader(fields[5])
        let account = try sidReader.sid()
        guard sidReader.index == sidReader.chars.count else { throw fail("'\(fields[5])' is not a SID", at: start) }
        index = close + 1
        return .init(type: type, flags: flags, mask: mask, objectType: objectType, inheritedObjectType: inherited, sid: account)
    }

    private func rights(_ text: String, at position: Int) throws(ParseError) -> UInt32 {
        if text.lowercased().hasPrefix("0x") {
            guard let mask = UInt32(text.dropFirst(2), radix: 16) else { throw fail("bad access mask '\(text)'", at: position) }
            return mask
        }
        if let decimal = UInt32(text) { return decimal }
        guard text.count % 2 == 0 else { throw fail("unknown access rights '\(text)'", at: position) }
        var mask: UInt32 = 0
        var rest = Substring(text)
        while !rest.isEmpty {
            guard let right = Self.rights[String(rest.prefix(2))] else { throw fail("unknown access right '\(rest.prefix(2))'", at: position) }
            mask |= right
            rest = rest.dropFirst(2)
        }
        return mask
    }

    private func guid(_ text: String, at position: Int) throws(ParseError) -> [UInt8]? {
        guard !text.isEmpty else { return nil }
        let hex = text.filter { $0 != "-" }
        let groups = text.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        guard hex.count == 32, groups == [8, 4, 4, 4, 12], let _ = UInt64(hex.prefix(16), radix: 16), let _ = UInt64(hex.suffix(16), radix: 16) else {
            throw fail("'\(text)' is not a GUID", at: position)
        }
        let bytes = stride(from: 0, to: 32, by: 2).map { i in UInt8(hex.dropFirst(i).prefix(2), radix: 16)! }
        // Data1, Data2 and Data3 are little-endian in a GUID's binary form.
        return bytes[0..<4].reversed() + bytes[4..<6].reversed() + bytes[6..<8].reversed() + bytes[8...]
    }

    /// A SID: `S-1-<authority>-<sub>…` or a two-letter alias.
    mutating func sid() throws(ParseError) -> SecurityDescriptor.SID {
        skipSpaces()
        let start = index
        if index + 1 < chars.count, chars[index] == "S" || chars[index] == "s", chars[index + 1] == "-" {
            var end = index + 2
            // Hex digits belong to `0x` authorities; a letter followed by ':' starts the next component.
            while end < chars.count, chars[end].isHexDigit || chars[end] == "-" || chars[end] == "x" || chars[end] == "X",
                  !(chars[end].isLetter && end + 1 < chars.count && chars[end + 1] == ":") { end += 1 }
            let parts = String(chars[(index + 2)..<end]).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count >= 3, parts[0] == "1" else { throw fail("'\(String(chars[start..<end]))' is not a SID (S-1-authority-subauthority…)") }
            let authorityText = parts[1]
            let authority = authorityText.lowercased().hasPrefix("0x") ? UInt64(authorityText.dropFirst(2), radix: 16) : UInt64(authorityText)
            let subs = parts.dropFirst(2).map { UInt32($0) }
            guard let authority, authority < 1 << 48, subs.allSatisfy({ $0 != nil }), subs.count <= 15 else {
                throw fail("'\(String(chars[start..<end]))' is not a SID (S-1-authority-subauthority…)")
            }
            index = end
            return .init(authority: authority, subs.map { $0! })
        }
        guard index + 1 < chars.count else { throw fail("expected a SID") }
        let alias = String(chars[index...(index + 1)]).uppercased()
        if let known = Self.wellKnownSIDs[alias] {
            index += 2
            return known
        }
        if Self.domainRelativeAliases.contains(alias) {
            throw fail("'\(alias)' is relative to a machine or domain SID, which the sandbox does not have; write the SID (S-1-5-21-…)")
        }
        throw fail("'\(alias)' is not a SID or SID alias")
    }

    private var startsComponent: Bool {
        index + 1 < chars.count && "OGDS".contains(chars[index]) && chars[index + 1] == ":"
    }

    private mutating func take(_ word: String) -> Bool {
        let w = Array(word)
        guard index + w.count <= chars.count, Array(chars[index..<(index + w.count)]) == w else { return false }
        index += w.count
        return true
    }

    private mutating func skipSpaces() { while index < chars.count, chars[index] == " " { index += 1 } }

    private func fail(_ message: String, at position: Int? = nil) -> ParseError {
        ParseError(description: "\(message) (at character \((position ?? index) + 1))")
    }

    static let aceTypes: [String: UInt8] = ["A": 0x0, "D": 0x1, "AU": 0x2, "AL": 0x3, "OA": 0x5, "OD": 0x6, "OU": 0x7, "OL": 0x8, "ML": 0x11]
    static let aceFlags: [String: UInt8] = ["OI": 0x1, "CI": 0x2, "NP": 0x4, "IO": 0x8, "ID": 0x10, "CR": 0x20, "SA": 0x40, "FA": 0x80]
    static let rights: [String: UInt32] = [
        "GA": 0x1000_0000, "GX": 0x2000_0000, "GW": 0x4000_0000, "GR": 0x8000_0000,
        "SD": 0x0001_0000, "RC": 0x0002_0000, "WD": 0x0004_0000, "WO": 0x0008_0000,
        "CC": 0x1, "DC": 0x2, "LC": 0x4, "SW": 0x8, "RP": 0x10, "WP": 0x20, "DT": 0x40, "LO": 0x80, "CR": 0x100,
        "FA": 0x1F_01FF, "FR": 0x12_0089, "FW": 0x12_0116, "FX": 0x12_00A0,
        "KA": 0xF_003F, "KR": 0x2_0019, "KW": 0x2_0006, "KX": 0x2_0019,
        "NW": 0x1, "NR": 0x2, "NX": 0x4,
    ]
    static let wellKnownSIDs: [String: SecurityDescriptor.SID] = {
        func nt(_ s: UInt32...) -> SecurityDescriptor.SID { .init(authority: 5, s) }
        func builtin(_ rid: UInt32) -> SecurityDescriptor.SID { .init(authority: 5, [32, rid]) }
        return [
            "WD": .init(authority: 1, [0]), "CO": .init(authority: 3, [0]), "CG": .init(authority: 3, [1]), "OW": .init(authority: 3, [4]),
            "NU": nt(2), "IU": nt(4), "SU": nt(6), "AN": nt(7), "ED": nt(9), "PS": nt(10), "AU": nt(11), "RC": nt(12),
            "SY": nt(18), "LS": nt(19), "NS": nt(20), "WR": nt(33), "UD": nt(84, 0, 0, 0, 0, 0),
            "BA": builtin(544), "BU": builtin(545), "BG": builtin(546), "PU": builtin(547), "AO": builtin(548), "SO": builtin(549),
            "PO": builtin(550), "BO": builtin(551), "RE": builtin(552), "RU": builtin(554), "RD": builtin(555), "NO": builtin(556),
            "MU": builtin(558), "LU": builtin(559), "IS": builtin(568), "CY": builtin(569), "ER": builtin(573), "CD": builtin(574),
            "RA": builtin(575), "ES": builtin(576), "MS": builtin(577), "HA": builtin(578), "AA": builtin(579), "RM": builtin(580),
            "LW": .init(authority: 16, [0x1000]), "ME": .init(authority: 16, [0x2000]), "MP": .init(authority: 16, [0x2100]),
            "HI": .init(authority: 16, [0x3000]), "SI": .init(authority: 16, [0x4000]),
            "AC": .init(authority: 15, [2, 1]), "AS": .init(authority: 18, [1]), "SS": .init(authority: 18, [2]),
        ]
    }()
    static let domainRelativeAliases: Set<String> = ["LA", "LG", "DA", "DU", "DG", "DC", "DD", "CA", "SA", "EA", "PA", "RS", "RO", "CN", "AP", "KA", "EK"]
}
