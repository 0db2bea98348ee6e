import INFSyntax

/// A case-insensitive map from names written in the INF (section names, string keys) to integers,
/// without making strings: keys are slices of the tree's text, hashed and compared after
/// ASCII case folding (other characters fold through `String.lowercased()`).
struct FoldedNameTable: Sendable {
    /// Where a key's code units are.
    struct KeyRef: Sendable {
        var cooked: Bool
        var start: Int32
        var count: Int32
    }

    private var slots: [Int32]          // index into entries, -1 empty
    private var hashes: [UInt64] = []
    private var keys: [KeyRef] = []
    private(set) var values: [Int] = []
    private var mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        hashes.reserveCapacity(capacity); keys.reserveCapacity(capacity); values.reserveCapacity(capacity)
    }

    var count: Int { values.count }

    @inline(__always)
    static func fold(_ u: UInt16) -> UInt16 { u &- 0x41 < 26 ? u | 0x20 : u }

    static func isASCII(_ units: UnsafeBufferPointer<UInt16>) -> Bool {
        var bits: UInt16 = 0
        for u in units { bits |= u }
        return bits < 0x80
    }

    /// FNV-1a over the folded units.
    static func hash(_ units: UnsafeBufferPointer<UInt16>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        if isASCII(units) {
            for u in units { h = (h ^ UInt64(fold(u))) &* 0x100_0000_01B3 }
        } else {
            for u in TextConversion.string(units).lowercased().utf16 { h = (h ^ UInt64(u)) &* 0x100_0000_01B3 }
        }
        return h
    }

    static func equalFolded(_ a: UnsafeBufferPointer<UInt16>, _ b: UnsafeBufferPointer<UInt16>) -> Bool {
        if isASCII(a) && isASCII(b) {
            guard a.count == b.count else { return false }
            for i in 0..<a.count where fold(a[i]) != fold(b[i]) { return false }
            return true
        }
        return TextConversion.string(a).lowercased() == TextConversion.string(b).lowercased()
    }

    /// The value stored for `name`, or nil.
    func value(for name: UnsafeBufferPointer<UInt16>, in tree: SyntaxTree) -> Int? {
        find(name, hash: Self.hash(name), in: tree).map { values[$0] }
    }

    private func find(_ name: UnsafeBufferPointer<UInt16>, hash: UInt64, in tree: SyntaxTree) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { return nil }
            if hashes[entry] == hash && units(of: keys[entry], in: tree, { Self.equalFolded($0, name) }) { return entry }
            slot = (slot + 1) & mask
        }
    }

    private func units<R>(of key: KeyRef, in tree: SyntaxTree, _ body: (UnsafeBufferPointer<UInt16>) -> R) -> R {
        let range = Int(key.start)..<Int(key.start + key.count)
        if key.cooked { return tree.cookedUnits.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) } }
        return tree.source.units.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Adds `key → value` unless the key is present; returns the value now stored.
    @discardableResult
    mutating func insertIfAbsent(_ key: KeyRef, value: Int, in tree: SyntaxTree) -> Int {
        let hash = units(of: key, in: tree) { Self.hash($0) }
        if let existing = units(of: key, in: tree, { find($0, hash: hash, in: tree) }) { return values[existing] }
        if (values.count + 1) * 2 > slots.count { grow() }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(values.count)
        hashes.append(hash); keys.append(key); values.append(value)
        return value
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for (i, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
    }
}
