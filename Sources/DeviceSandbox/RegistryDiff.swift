/// What changed between two registry snapshots, written as a `.reg` file that turns the first into
/// the second (deleted keys as `[-KEY]`, deleted values as `"name"=-`).
public enum RegistryDiff {
    public typealias Snapshot = [(path: RegistryPath, values: [RegistryValue])]

    public static func diff(from old: Snapshot, to new: Snapshot) -> String {
        func index(_ s: Snapshot) -> [String: (RegistryPath, [String: RegistryValue])] {
            Dictionary(s.map { ($0.path.description.uppercased(), ($0.path, Dictionary($0.values.map { ($0.name.uppercased(), $0) }, uniquingKeysWith: { a, _ in a }))) },
                       uniquingKeysWith: { a, _ in a })
        }
        let before = index(old), after = index(new)
        var out = RegFile.header + "\r\n\r\n"
        // Deleted keys: only the top-most of a deleted subtree.
        let deleted = before.keys.filter { after[$0] == nil }.sorted()
        var written: [String] = []
        for key in deleted where !written.contains(where: { key.hasPrefix($0 + "\\") }) {
            out += "[-\(before[key]!.0)]\r\n\r\n"
            written.append(key)
        }
        for (path, values) in new {
            let key = path.description.uppercased()
            let previous = before[key]?.1 ?? [:]
            var lines: [String] = []
            for value in values where previous[value.name.uppercased()] != value { lines.append(RegFile.line(for: value)) }
            for (name, value) in previous.sorted(by: { $0.key < $1.key }) where after[key]?.1[name] == nil {
                lines.append((value.name.isEmpty ? "@" : RegFile.quoted(value.name)) + "=-")
            }
            if lines.isEmpty && before[key] != nil { continue }
            out += "[\(path)]\r\n" + lines.map { $0 + "\r\n" }.joined() + "\r\n"
        }
        return out
    }
}

extension RegistryDiff {
    /// The keys and values under `key` that a `.reg` export holds (applied in order, as an import
    /// into an empty registry would), so a saved export can stand for "before".
    public static func snapshot(regFile bytes: [UInt8], path: String, under key: RegistryPath) throws -> Snapshot {
        var order: [String] = []
        var keys: [String: (path: RegistryPath, values: [RegistryValue])] = [:]
        let prefix = key.description.uppercased()
        func inside(_ p: RegistryPath) -> Bool { let d = p.description.uppercased(); return d == prefix || d.hasPrefix(prefix + "\\") }
        func ensure(_ p: RegistryPath) {
            let folded = p.description.uppercased()
            if keys[folded] == nil { keys[folded] = (p, []); order.append(folded) }
        }
        for change in try RegFile.parse(bytes, path: path) {
            switch change {
            case .createKey(let p) where inside(p): ensure(p)
            case .setValue(let p, let value) where inside(p):
                ensure(p)
                let folded = p.description.uppercased()
                keys[folded]!.values.removeAll { $0.name.uppercased() == value.name.uppercased() }
                keys[folded]!.values.append(value)
            case .deleteValue(let p, let name) where inside(p):
                keys[p.description.uppercased()]?.values.removeAll { $0.name.uppercased() == name.uppercased() }
            case .deleteKey(let p):
                let folded = p.description.uppercased()
                order.removeAll { $0 == folded || $0.hasPrefix(folded + "\\") }
                keys = keys.filter { $0.key != folded && !$0.key.hasPrefix(folded + "\\") }
            default: continue
            }
        }
        return order.compactMap { keys[$0] }
    }
}
