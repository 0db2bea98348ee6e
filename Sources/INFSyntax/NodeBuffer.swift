/// How many line and field nodes a text can give at most, from its count of `\n`, `,` and `=`.
///
/// Lines end at `\n`, so there are at most one more than the newlines, plus the ignored tail
/// after a Ctrl-Z. An entry's fields end at its one unquoted `=`, at its unquoted commas and at
/// its end, so there are at most as many as all three counts together, plus one.
struct NodeBounds {
    /// Code units (or bytes standing for them) of the three characters that end lines and fields.
    struct Separators {
        var newlines = 0, commas = 0, equals = 0

        @inline(__always)
        mutating func count(_ unit: UInt16) {
            if unit == 0x0A { newlines &+= 1 } else if unit == 0x2C { commas &+= 1 } else if unit == 0x3D { equals &+= 1 }
        }

        /// Counted from code units.
        init(units: UnsafeBufferPointer<UInt16>) {
            for u in units { count(u) }
        }

        init() {}
    }

    var lines: Int
    var fields: Int

    init(_ separators: Separators) {
        lines = separators.newlines + 2
        fields = separators.newlines + separators.commas + separators.equals + 1
    }

    init(lines: Int, fields: Int) {
        self.lines = lines
        self.fields = fields
    }
}

/// Nodes written in place into storage of a fixed capacity (an array's, while it is being
/// initialised), with no uniqueness or growth check per node as `Array.append` makes.
///
/// A node past the capacity is not written: `overflowed` records it, and the parse that
/// sized the buffer too small is run again with room to spare.
struct NodeBuffer<Node> {
    private let base: UnsafeMutablePointer<Node>?
    let capacity: Int
    private(set) var count = 0
    private(set) var overflowed = false

    /// A buffer over `storage`, whose elements are not initialised.
    init(_ storage: UnsafeMutableBufferPointer<Node>) {
        base = storage.baseAddress
        capacity = storage.baseAddress == nil ? 0 : storage.count
    }

    @inline(__always)
    mutating func append(_ node: Node) {
        guard count < capacity, let base else { overflowed = true; return }
        (base + count).initialize(to: node)
        count &+= 1
    }

    /// Forgets the last `n` nodes (nodes are plain values, nothing to deinitialise).
    @inline(__always)
    mutating func removeLast(_ n: Int) {
        precondition(n >= 0 && n <= count)
        count -= n
    }

    @inline(__always)
    subscript(i: Int) -> Node {
        precondition(i >= 0 && i < count)
        return base.unsafelyUnwrapped[i]
    }
}

extension Int32 {
    /// An offset or count within a text the parser takes (at most ``SyntaxTree/maxUnits`` code
    /// units), which always fits: converted without the overflow check of `Int32(_:)`.
    @inline(__always)
    init(offset: Int) { self.init(truncatingIfNeeded: offset) }
}
