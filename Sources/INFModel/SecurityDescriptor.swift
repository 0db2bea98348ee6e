/// A security descriptor read from an SDDL string (`O:BAG:SYD:P(A;;GA;;;SY)(A;;GRGW;;;BA)`), as
/// `ConvertStringSecurityDescriptorToSecurityDescriptor` reads it, and its self-relative binary form
/// (what `Services\<name>\Security\Security` holds).
///
/// Aliases relative to a machine or domain (`LA`, `DA`, `DU`…) are refused: a sandbox has neither.
/// Conditional (callback) and resource-attribute ACEs are refused too.
public struct SecurityDescriptor: Hashable, Sendable {
    public var owner: SID?
    public var group: SID?
    public var dacl: ACL?
    public var sacl: ACL?

    /// `SE_DACL_PROTECTED` and friends, as the `P`, `AI`, `AR` flags of each ACL set them.
    public var control: UInt16 {
        var c: UInt16 = 0x8000   // SE_SELF_RELATIVE
        if let dacl { c |= 0x0004 | dacl.controlBits(protected: 0x1000, autoInherited: 0x0400, autoInheritRequired: 0x0100) }
        if let sacl { c |= 0x0010 | sacl.controlBits(protected: 0x2000, autoInherited: 0x0800, autoInheritRequired: 0x0200) }
        return c
    }

    /// A security identifier: revision 1, a 48-bit authority and sub-authorities.
    public struct SID: Hashable, Sendable, CustomStringConvertible {
        public var authority: UInt64
        public var subAuthorities: [UInt32]

        public init(authority: UInt64, _ subAuthorities: [UInt32]) {
            self.authority = authority
            self.subAuthorities = subAuthorities
        }

        public var description: String { "S-1-\(authority)" + subAuthorities.map { "-\($0)" }.joined() }

        public var bytes: [UInt8] {
            var out: [UInt8] = [1, UInt8(subAuthorities.count)]
            for shift in stride(from: 40, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: authority >> UInt64(shift))) }
            for s in subAuthorities { out.appendLittleEndian(s) }
            return out
        }

        public static let everyone = SID(authority: 1, [0])
        public static let anonymous = SID(authority: 5, [7])
    }

    /// An access control list: its SDDL flags and ACEs (nil `aces` is a null ACL, `NO_ACCESS_CONTROL`).
    public struct ACL: Hashable, Sendable {
        public var protected = false
        public var autoInherited = false
        public var autoInheritRequired = false
        public var aces: [ACE]? = []

        func controlBits(protected p: UInt16, autoInherited ai: UInt16, autoInheritRequired ar: UInt16) -> UInt16 {
            (protected ? p : 0) | (autoInherited ? ai : 0) | (autoInheritRequired ? ar : 0)
        }

        /// ACL_REVISION 2, or ACL_REVISION_DS 4 when an object ACE is present.
        var bytes: [UInt8] {
            let aceBytes = (aces ?? []).map(\.bytes)
            let size = 8 + aceBytes.reduce(0) { $0 + $1.count }
            var out: [UInt8] = [(aces ?? []).contains { $0.isObjectACE } ? 4 : 2, 0]
            out.appendLittleEndian(UInt16(size))
            out.appendLittleEndian(UInt16(aceBytes.count))
            out.appendLittleEndian(UInt16(0))
            for a in aceBytes { out += a }
            return out
        }
    }

    /// One access control entry.
    public struct ACE: Hashable, Sendable {
        /// ACCESS_ALLOWED_ACE_TYPE 0, ACCESS_DENIED 1, SYSTEM_AUDIT 2, SYSTEM_ALARM 3, object types 5–8, mandatory label 0x11.
        public var type: UInt8
        public var flags: UInt8
        public var mask: UInt32
        public var objectType: [UInt8]?
        public var inheritedObjectType: [UInt8]?
        public var sid: SID

        public var isObjectACE: Bool { (5...8).contains(type) }
        public var isAllow: Bool { type == 0 || type == 5 }

        var bytes: [UInt8] {
            var body: [UInt8] = []
            body.appendLittleEndian(mask)
            if isObjectACE {
                body.appendLittleEndian(UInt32((objectType == nil ? 0 : 1) | (inheritedObjectType == nil ? 0 : 2)))
                body += objectType ?? []
                body += inheritedObjectType ?? []
            }
            body += sid.bytes
            var out: [UInt8] = [type, flags]
            out.appendLittleEndian(UInt16(4 + body.count))
            return out + body
        }
    }

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The self-relative form, laid out as `RtlMakeSelfRelativeSD` lays it out (and as the service
    /// controller stores it): header, SACL, DACL, owner, group.
    public var selfRelativeBytes: [UInt8] {
        var body: [UInt8] = []
        func place(_ bytes: [UInt8]?) -> UInt32 {
            guard let bytes else { return 0 }
            defer { body += bytes }
            return UInt32(20 + body.count)
        }
        let saclOffset = place(sacl.flatMap { $0.aces == nil ? nil : $0.bytes })
        let daclOffset = place(dacl.flatMap { $0.aces == nil ? nil : $0.bytes })
        let ownerOffset = place(owner?.bytes), groupOffset = place(group?.bytes)
        var out: [UInt8] = [1, 0]
        out.appendLittleEndian(control)
        for offset in [ownerOffset, groupOffset, saclOffset, daclOffset] { out.appendLittleEndian(offset) }
        return out + body
    }

    /// Whether an allow ACE gives Everyone or Anonymous a right that writes or takes control.
    /// True when the descriptor puts no limit on access: it has no DACL (an empty descriptor, or
    /// one with only O:, G:, S:) or a NULL DACL (`D:NO_ACCESS_CONTROL`). An object whose descriptor
    /// has no DACL grants every access to everyone ("DACLs and ACEs").
    public var grantsEveryoneFullAccess: Bool { dacl == nil || dacl?.aces == nil }

    public var grantsWorldWrite: ACE? {
        let writing: UInt32 = 0x1000_0000 | 0x4000_0000 | 0x0004_0000 | 0x0008_0000 | 0x0001_0000 | 0x2 | 0x4
        return dacl?.aces?.first { $0.isAllow && ($0.sid == .everyone || $0.sid == .anonymous) && $0.mask & writing != 0 }
    }
}

extension SecurityDescriptor {
    /// Reads an SDDL string; the error says what is wrong and where.
    public init(sddl text: String) throws(ParseError) {
        var reader = SDDLReader(text)
        self = try reader.descriptor()
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        for i in 0..<(T.bitWidth / 8) { append(UInt8(truncatingIfNeeded: value >> (i * 8))) }
    }
}
