/// A small reader of SDDL security descriptor strings (`D:P(A;;GA;;;SY)(A;;GRGW;;;BA)`),
/// enough to tell a well-formed descriptor from a broken one and to list its ACEs.
public enum SDDL {
    public struct ACE: Sendable, Equatable {
        public var type: String
        public var rights: String
        public var sid: String
    }

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    static let aceTypes: Set<String> = ["A", "D", "OA", "OD", "AU", "AL", "OU", "OL", "ML", "XA", "XD", "ZA", "RA", "SP", "XU", "CR", "TL", "FL"]
    static let rightCodes: Set<String> = ["GA", "GR", "GW", "GX", "RC", "SD", "WD", "WO", "RP", "WP", "CC", "DC", "LC", "SW", "LO", "DT", "CR",
                                          "FA", "FR", "FW", "FX", "KA", "KR", "KW", "KX", "NR", "NW", "NX"]
    static let sidAliases: Set<String> = ["AA", "AC", "AN", "AO", "AP", "AS", "AU", "BA", "BG", "BO", "BU", "CA", "CD", "CG", "CN", "CO", "CY",
                                          "DA", "DC", "DD", "DG", "DU", "EA", "ED", "EK", "ER", "ES", "HA", "HI", "IS", "IU", "KA", "LA", "LG",
                                          "LS", "LU", "LW", "ME", "MP", "MU", "NO", "NS", "NU", "OW", "PA", "PO", "PS", "PU", "RA", "RC", "RD",
                                          "RE", "RM", "RO", "RS", "RU", "SA", "SI", "SO", "SS", "SU", "SY", "UD", "WD", "WR"]

    /// The ACEs of the descriptor, or why it does not parse.
    public static func parse(_ text: String) -> Result<[ACE], ParseError> {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        var aces: [ACE] = []
        guard !s.isEmpty else { return .failure(ParseError(description: "empty security descriptor")) }
        while !s.isEmpty {
            guard s.count >= 2, let tag = s.first, "OGDS".contains(tag), s.dropFirst().first == ":" else {
                return .failure(ParseError(description: "expected O:, G:, D: or S: at '\(s.prefix(12))'"))
            }
            s = s.dropFirst(2)
            if tag == "O" || tag == "G" {
                let sid = s.prefix { $0 != ":" && $0 != "(" }
                // The SID ends where the next component tag starts.
                var value = String(sid)
                if let last = value.lastIndex(where: { "OGDS".contains($0) }), value[value.index(after: last)...].isEmpty, value.count > 2 {
                    value = String(value[..<last])
                }
                guard isSID(value) else { return .failure(ParseError(description: "'\(value)' is not a SID")) }
                s = s.dropFirst(value.count)
                continue
            }
            // ACL flags, then ACEs.
            let flags = s.prefix { $0 != "(" && !($0 == "S" && s.dropFirst(s.distance(from: s.startIndex, to: s.firstIndex(of: $0)!)).dropFirst().first == ":") }
            let knownFlags = ["P", "AI", "AR", "NO_ACCESS_CONTROL"]
            var rest = String(flags)
            while !rest.isEmpty {
                guard let f = knownFlags.first(where: { rest.hasPrefix($0) }) else { return .failure(ParseError(description: "unknown ACL flag in '\(flags)'")) }
                rest.removeFirst(f.count)
            }
            s = s.dropFirst(flags.count)
            while s.first == "(" {
                guard let close = s.firstIndex(of: ")") else { return .failure(ParseError(description: "ACE without ')'")) }
                let fields = s[s.index(after: s.startIndex)..<close].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                guard fields.count == 6 || fields.count == 7 else { return .failure(ParseError(description: "ACE '(\(fields.joined(separator: ";")))' must have 6 fields")) }
                guard aceTypes.contains(fields[0]) else { return .failure(ParseError(description: "unknown ACE type '\(fields[0])'")) }
                guard isRights(fields[2]) else { return .failure(ParseError(description: "unknown access rights '\(fields[2])'")) }
                guard isSID(fields[5]) else { return .failure(ParseError(description: "'\(fields[5])' is not a SID")) }
                aces.append(ACE(type: fields[0], rights: fields[2], sid: fields[5]))
                s = s[s.index(after: close)...]
            }
        }
        return .success(aces)
    }

    static func isSID(_ s: String) -> Bool {
        if sidAliases.contains(s) { return true }
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count >= 3 && parts[0] == "S" && parts.dropFirst().allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    static func isRights(_ s: String) -> Bool {
        if s.lowercased().hasPrefix("0x") { return UInt32(s.dropFirst(2), radix: 16) != nil }
        guard s.count % 2 == 0 else { return false }
        var rest = Substring(s)
        while !rest.isEmpty {
            guard rightCodes.contains(String(rest.prefix(2))) else { return false }
            rest = rest.dropFirst(2)
        }
        return true
    }

    /// Whether rights include writing or full control.
    public static func grantsWrite(_ rights: String) -> Bool {
        if rights.lowercased().hasPrefix("0x"), let mask = UInt32(rights.dropFirst(2), radix: 16) {
            return mask & (0x1000_0000 | 0x4000_0000 | 0x2 | 0x4 | 0x0004_0000 | 0x0008_0000) != 0
        }
        var rest = Substring(rights)
        while rest.count >= 2 {
            if ["GA", "GW", "FA", "FW", "WD", "WO", "KA", "KW"].contains(String(rest.prefix(2))) { return true }
            rest = rest.dropFirst(2)
        }
        return false
    }
}

import Foundation
