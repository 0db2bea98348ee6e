import Synchronization

/// Fast conversions between UTF-16 code units and Swift strings.
public enum TextConversion {
    /// A string from UTF-16 code units; ASCII text (nearly all INF text) skips transcoding.
    @inlinable @inline(__always)
    public static func string(_ units: UnsafeBufferPointer<UInt16>) -> String {
        var ascii: UInt16 = 0
        for u in units { ascii |= u }
        if ascii < 0x80 {
            return String(unsafeUninitializedCapacity: units.count) { buffer in
                for i in 0..<units.count { buffer[i] = UInt8(truncatingIfNeeded: units[i]) }
                return units.count
            }
        }
        return String(decoding: units, as: UTF16.self)
    }

    public static func string(_ units: ArraySlice<UInt16>) -> String {
        units.withUnsafeBufferPointer { string($0) }
    }

    /// Code units as UTF-16LE bytes, low byte first (INF files, registry data, `.reg` exports).
    public static func utf16LEBytes(_ units: some Sequence<UInt16>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(units.underestimatedCount * 2)
        for u in units { out.append(UInt8(truncatingIfNeeded: u)); out.append(UInt8(u >> 8)) }
        return out
    }

    /// A string as UTF-16LE bytes with a terminating NUL unit, as the registry stores strings.
    public static func utf16LEZ(_ text: String) -> [UInt8] { utf16LEBytes(text.utf16) + [0, 0] }
}

/// Offsets of line starts, computed once on first use (only diagnostics need them).
final class LineTable: Sendable {
    private let starts = Mutex<[Int]?>(nil)

    func starts(for units: [UInt16]) -> [Int] {
        starts.withLock { starts in
            if let starts { return starts }
            var result = [0]
            units.withUnsafeBufferPointer { buffer in
                for i in 0..<buffer.count where buffer[i] == 0x0A { result.append(i + 1) }
            }
            starts = result
            return result
        }
    }
}
