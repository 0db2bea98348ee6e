import INFSyntax

/// A case-insensitive map from names written in the INF (section names, string keys) to integers,
/// without making strings: keys are slices of the tree's text, hashed and compared after
/// ASCII case folding (other characters fold through `String.lowercased()`).
struct FoldedNameTable: Sendable {
    /// Where a key's code units are: in the source text, or in the tree's cooked buffer.
    struct KeyRef: Sendable {
        var cooked: Bool
        var start: Int32
        var count: Int32
    }

    /// The text keys point into, borrowed for the length of one call.
    struct Text {
        let source: UnsafeBufferPointer<UInt16>
        let cooked: UnsafeBufferPointer<UInt16>

        @inline(__always)
        func units(_ key: KeyRef) -> UnsafeBufferPointer<UInt16> {
            UnsafeBufferPointer(rebasing: (key.cooked ? cooked : source)[Int(key.start)..<Int(key.start + key.count)])
        }

        /// Calls `body` with the text of `tree`.
        static func of<R>(_ tree: SyntaxTree, _ body: (Text) throws -> R) rethrows -> R {
            try tree.source.units.withUnsafeBufferPointer { source in
                try tree.cookedUnits.withUnsafeBufferPointer { cooked in try body(Text(source: source, cooked: cooked)) }
            }
        }
    }

    private struct Entry: Sendable {
        var hash: UInt64
        var key: KeyRef
        var value: Int32
        /// An empty slot (no key has a negative length).
        static let empty = Entry(hash: 0, key: KeyRef(cooked: false, start: 0, count: -1), value: 0)
        var isEmpty: Bool { key.count < 0 }
    }

    /// Open addressing: the entries live in the slots themselves (one allocation per table).
    private var slots: [Entry] = []
    private var mask = 0
    private(set) var count = 0

    /// A table for about `capacity` names; an empty one allocates nothing until a name is added.
    init(capacity: Int) {
        if capacity > 0 { slots = Self.emptySlots(for: capacity) }
        mask = slots.count - 1
    }

    /// At least twice `capacity` empty slots, a power of two.
    private static func emptySlots(for capacity: Int) -> [Entry] {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        var slots: [Entry] = []
        slots.reserveCapacity(size)
        slots.append(contentsOf: repeatElement(.empty, count: size))
        return slots
    }

    static func isASCII(_ units: UnsafeBufferPointer<UInt16>) -> Bool {
        var bits: UInt16 = 0
        for u in units { bits |= u }
        return bits < 0x80
    }

    /// A hash of the folded name (UTF-16 units, or the bytes of an ASCII name: both hash alike).
    /// Setting bit 5 of every unit folds ASCII case (and merges a few punctuation pairs, which
    /// only costs an extra comparison); names with other characters are hashed after
    /// `lowercased()`, as they are compared.
    @inline(__always)
    static func hash<Unit: FixedWidthInteger & UnsignedInteger>(_ units: UnsafeBufferPointer<Unit>) -> UInt64 {
        let (h, bits) = mix(units)
        if bits < 0x80 { return h }
        let lowered = Array(String(decoding: units.map { UInt16(truncatingIfNeeded: $0) }, as: UTF16.self).lowercased().utf16)
        return lowered.withUnsafeBufferPointer { mix($0).hash }
    }

    /// Four units from `i` as the lanes of a word (a byte becomes a 16-bit lane, as its unit would).
    @inline(__always)
    private static func word<Unit: FixedWidthInteger & UnsignedInteger>(_ units: UnsafeBufferPointer<Unit>, _ i: Int) -> UInt64 {
        let raw = UnsafeRawPointer(units.baseAddress.unsafelyUnwrapped + i)
        if Unit.bitWidth == 16 { return UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) }
        var x = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
        x = (x | x << 16) & 0x0000_FFFF_0000_FFFF
        return (x | x << 8) & 0x00FF_00FF_00FF_00FF
    }

    /// The folded hash of `units` (eight units per multiplication, whose high and low halves are
    /// folded together as in wyhash; the length is in the seed), and the OR of all units (to tell
    /// ASCII names).
    @inline(__always)
    private static func mix<Unit: FixedWidthInteger & UnsignedInteger>(_ units: UnsafeBufferPointer<Unit>) -> (hash: UInt64, bits: UInt64) {
        let fold: UInt64 = 0x0020_0020_0020_0020
        let count = units.count
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(count)
        var bits: UInt64 = 0
        var i = 0
        while i + 8 <= count {
            let a = word(units, i), b = word(units, i + 4)
            bits |= a | b
            h = mum((a | fold) ^ h, (b | fold) ^ 0x9E37_79B9_7F4A_7C15)
            i += 8
        }
        // The rest, in two words: the last eight units (overlapping those the loop took, which is
        // the same for every name of this length), or for a short name its first and last four.
        var tail: (UInt64, UInt64) = (0, 0)
        if count >= 8 {
            if i < count { tail = (word(units, count - 8), word(units, count - 4)) }
        } else if count >= 4 {
            tail = (word(units, 0), word(units, count - 4))
        } else {
            for k in 0..<count { tail.1 |= UInt64(units[k]) << UInt64(16 * k) }
        }
        bits |= tail.0 | tail.1
        h = mum((tail.0 | fold) ^ h, (tail.1 | fold) ^ 0xE703_7ED1_A0B4_28DB)
        bits |= bits >> 32; bits |= bits >> 16
        return (h, bits & 0xFFFF)
    }

    /// The high and low halves of the 128-bit product, folded together.
    @inline(__always)
    private static func mum(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    static func equalFolded(_ a: UnsafeBufferPointer<UInt16>, _ b: UnsafeBufferPointer<UInt16>) -> Bool {
        if a.count == b.count {
            // The usual case, the same name written the same way: four units at a time.
            var i = 0
            while i + 4 <= a.count && word(a, i) == word(b, i) { i += 4 }
            while i < a.count && a[i] == b[i] { i += 1 }
            if i == a.count { return true }
            i = 0
            while i < a.count && a[i].asciiLowercased == b[i].asciiLowercased && a[i] < 0x80 { i += 1 }
            if i == a.count { return true }
        }
        if isASCII(a) && isASCII(b) { return false }
        return TextConversion.string(a).lowercased() == TextConversion.string(b).lowercased()
    }

    /// Whether `units` spell the ASCII `bytes`, ignoring ASCII case.
    static func equalFolded(_ units: UnsafeBufferPointer<UInt16>, ascii bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        units.count == bytes.count && (0..<units.count).allSatisfy { units[$0].asciiLowercased == UInt16(bytes[$0]).asciiLowercased }
    }

    /// The value stored for `name`, or nil.
    func value(for name: UnsafeBufferPointer<UInt16>, in text: Text) -> Int? {
        find(hash: Self.hash(name), in: text) { Self.equalFolded($0, name) }.map { Int(slots[$0].value) }
    }

    /// The value stored for `name`, or nil; ASCII names are looked up without converting them.
    func value(for name: String, in text: Text) -> Int? {
        var name = name
        let ascii: Int?? = name.withUTF8 { bytes in
            var bits: UInt8 = 0
            for b in bytes { bits |= b }
            guard bits < 0x80 else { return nil }
            let entry = find(hash: Self.hash(bytes), in: text) { Self.equalFolded($0, ascii: bytes) }
            return .some(entry.map { Int(slots[$0].value) })
        }
        if let ascii { return ascii }
        return Array(name.utf16).withUnsafeBufferPointer { value(for: $0, in: text) }
    }

    /// The value stored for `name`, or nil (borrowing the text of `tree`).
    func value(for name: String, in tree: SyntaxTree) -> Int? {
        Text.of(tree) { value(for: name, in: $0) }
    }

    /// The slot whose hash is `hash` and whose key `matches`, or nil.
    @inline(__always)
    private func find(hash: UInt64, in text: Text, matches: (UnsafeBufferPointer<UInt16>) -> Bool) -> Int? {
        if count == 0 { return nil }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry.isEmpty { return nil }
            if entry.hash == hash && matches(text.units(entry.key)) { return slot }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `key → value` unless the key is present; returns the value now stored.
    @discardableResult
    mutating func insertIfAbsent(_ key: KeyRef, value: Int, in text: Text) -> Int {
        let units = text.units(key)
        let hash = Self.hash(units)
        if let existing = find(hash: hash, in: text, matches: { Self.equalFolded($0, units) }) { return Int(slots[existing].value) }
        if (count + 1) * 2 > slots.count { grow() }
        place(Entry(hash: hash, key: key, value: Int32(value)))
        count += 1
        return value
    }

    /// Puts `entry` in the first free slot from its hash.
    private mutating func place(_ entry: Entry) {
        var slot = Int(truncatingIfNeeded: entry.hash) & mask
        while !slots[slot].isEmpty { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    private mutating func grow() {
        let old = slots
        slots = Self.emptySlots(for: max(8, old.count))
        mask = slots.count - 1
        for entry in old where !entry.isEmpty { place(entry) }
    }
}
