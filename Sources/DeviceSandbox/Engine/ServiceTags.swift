/// Load-order tags of driver services (`Tag`) and `Control\GroupOrderList`, which SPSVCINST_TAGTOFRONT edits.
///
/// The service controller gives a driver that joins a load-order group a tag no other member of the
/// group uses; `GroupOrderList\<group>` is a REG_BINARY of a DWORD count followed by that many tags,
/// in load order. drvkit picks one more than the highest tag in use (the controller's exact choice is
/// not documented [?]).
enum ServiceTags {
    static let services = RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Services")!
    static let groupOrderList = RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Control\\GroupOrderList")!

    /// The tag of `service` in `group`: its current one if it already has one, else a new one.
    static func assignTag(service: String, group: String, _ registry: RegistryStore) throws -> UInt32 {
        let key = services.appending(service)
        if let existing = try registry.value(key, "Tag"), existing.knownType == .dword,
           let currentGroup = try registry.value(key, "Group"), currentGroup.stringValue.caseInsensitiveCompare(group) == .orderedSame {
            return UInt32(truncatingIfNeeded: existing.integerValue)
        }
        var used = Set(try order(of: group, registry))
        for name in try registry.subkeys(services) where name.caseInsensitiveCompare(service) != .orderedSame {
            let member = services.appending(name)
            guard let g = try registry.value(member, "Group"), g.stringValue.caseInsensitiveCompare(group) == .orderedSame,
                  let tag = try registry.value(member, "Tag") else { continue }
            used.insert(UInt32(truncatingIfNeeded: tag.integerValue))
        }
        let tag = (used.max() ?? 0) + 1
        try registry.setValue(key, .dword("Tag", tag))
        return tag
    }

    /// SPSVCINST_TAGTOFRONT: `tag` first in the group's order list.
    static func moveToFront(tag: UInt32, group: String, _ registry: RegistryStore) throws {
        let tags = [tag] + (try order(of: group, registry)).filter { $0 != tag }
        var data: [UInt8] = []
        for value in [UInt32(tags.count)] + tags { data += withUnsafeBytes(of: value.littleEndian, Array.init) }
        try registry.setValue(groupOrderList, RegistryValue(name: group, type: .binary, data: data))
    }

    /// The tags listed for `group`, in order (none when the list is absent or malformed).
    static func order(of group: String, _ registry: RegistryStore) throws -> [UInt32] {
        guard let value = try registry.value(groupOrderList, group), value.data.count >= 4 else { return [] }
        let words = stride(from: 0, to: value.data.count - 3, by: 4).map { i in
            UInt32(value.data[i]) | UInt32(value.data[i + 1]) << 8 | UInt32(value.data[i + 2]) << 16 | UInt32(value.data[i + 3]) << 24
        }
        return Array(words.dropFirst().prefix(Int(words[0])))
    }
}
