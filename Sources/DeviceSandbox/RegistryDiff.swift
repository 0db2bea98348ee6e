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
