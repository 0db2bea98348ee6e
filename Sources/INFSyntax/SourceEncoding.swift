/// How the bytes of an INF file map to UTF-16 code units, as SetupAPI decides it.
///
/// SetupAPI reads UTF-16 (with a BOM, or recognised by `RtlIsTextUnicode`'s heuristic),
/// UTF-8 only when it starts with a BOM, and everything else in the system ANSI code page.
/// A UTF-8 file without a BOM is therefore read as Windows-1252 here, as Windows reads it.
public enum SourceEncoding: Hashable, Sendable, CustomStringConvertible {
    case utf16LE(bom: Bool)
    case utf16BE(bom: Bool)
    case utf8(bom: Bool)
    /// An 8-bit code page; only 1252 (Windows Latin-1) is implemented.
    case ansi(codePage: Int)

    public var description: String {
        switch self {
        case .utf16LE(let bom): return bom ? "UTF-16LE with BOM" : "UTF-16LE"
        case .utf16BE(let bom): return bom ? "UTF-16BE with BOM" : "UTF-16BE"
        case .utf8(let bom): return bom ? "UTF-8 with BOM" : "UTF-8"
        case .ansi(let cp): return "ANSI (code page \(cp))"
        }
    }

    /// True when the file carries a byte-order mark.
    public var hasBOM: Bool {
        switch self {
        case .utf16LE(let bom), .utf16BE(let bom), .utf8(let bom): return bom
        case .ansi: return false
        }
    }
}

/// An input that cannot be text at all.
extension SourceEncoding {
    /// Windows-1252 bytes as UTF-16 code units, as Windows converts them (CP_ACP of a Western
    /// system), for the other 8-bit files drvkit reads (REGEDIT4 `.reg` files).
    public static func windows1252Units(_ bytes: [UInt8]) -> [UInt16] {
        bytes.withUnsafeBufferPointer { SourceCodec.decodeWindows1252($0, mayHoldHighBytes: true) }
    }
}

public struct SourceDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
}

/// A character that the file's encoding cannot represent (raised when printing an edited tree).
public struct SourceEncodingError: Error, Equatable, Sendable, CustomStringConvertible {
    public var codeUnit: UInt16
    public var encoding: SourceEncoding
    public var description: String {
        "U+\(String(codeUnit, radix: 16, uppercase: true)) cannot be written in \(encoding)"
    }
}

enum SourceCodec {
    /// Picks the encoding the way SetupAPI does (BOMs first, then the UTF-16 heuristic, which
    /// needs zero bytes: `mayHoldNUL` false skips it).
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>, ansiCodePage: Int, mayHoldNUL: Bool = true) -> SourceEncoding {
        let n = bytes.count
        if n >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE { return .utf16LE(bom: true) }
        if n >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF { return .utf16BE(bom: true) }
        if n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { return .utf8(bom: true) }
        if mayHoldNUL && looksLikeUTF16LE(bytes) { return .utf16LE(bom: false) }
        return .ansi(codePage: ansiCodePage)
    }

    /// A small form of `RtlIsTextUnicode`: even length and most high bytes zero while low bytes are not.
    static func looksLikeUTF16LE(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = min(bytes.count, 512) & ~1
        guard n >= 4 else { return false }
        var zeroHigh = 0, zeroLow = 0
        var i = 0
        while i < n {
            if bytes[i] == 0 { zeroLow += 1 }
            if bytes[i + 1] == 0 { zeroHigh += 1 }
            i += 2
        }
        let pairs = n / 2
        return zeroHigh * 2 > pairs && zeroLow * 8 < pairs
    }

    /// Decodes to UTF-16 code units, losslessly: `encode(decode(b)) == b` for every input.
    /// Returns the units and, for UTF-16 input of odd length, the final unpaired byte.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, as encoding: SourceEncoding, mayHoldHighBytes: Bool = true) -> (units: [UInt16], oddByte: UInt8?) {
        switch encoding {
        case .utf16LE(let bom), .utf16BE(let bom):
            let littleEndian: Bool
            if case .utf16LE = encoding { littleEndian = true } else { littleEndian = false }
            let start = bom ? 2 : 0
            let count = (bytes.count - start) / 2
            let units = [UInt16](unsafeUninitializedCapacity: count) { buffer, initialized in
                if count > 0, let source = bytes.baseAddress, let target = buffer.baseAddress {
                    UnsafeMutableRawPointer(target).copyMemory(from: source + start, byteCount: 2 * count)
                }
                // The bytes are now host-order (little-endian) units; swap them when the file's order differs.
                if littleEndian != (UInt16(littleEndian: 1) == 1) {
                    for i in 0..<count { buffer[i] = buffer[i].byteSwapped }
                }
                initialized = count
            }
            let odd: UInt8? = (bytes.count - start) % 2 == 1 ? bytes[bytes.count - 1] : nil
            return (units, odd)
        case .utf8(let bom):
            return (decodeUTF8(UnsafeBufferPointer(rebasing: bytes[(bom ? 3 : 0)...])), nil)
        case .ansi:
            return (decodeWindows1252(bytes, mayHoldHighBytes: mayHoldHighBytes), nil)
        }
    }

    static func decodeWindows1252(_ bytes: UnsafeBufferPointer<UInt8>, mayHoldHighBytes: Bool) -> [UInt16] {
        [UInt16](unsafeUninitializedCapacity: bytes.count) { buffer, initialized in
            if !mayHoldHighBytes {
                for i in 0..<bytes.count { buffer[i] = UInt16(bytes[i]) }   // ASCII: a plain widening
            } else {
                for i in 0..<bytes.count {
                    let b = bytes[i]
                    buffer[i] = b < 0x80 || b >= 0xA0 ? UInt16(b) : windows1252High[Int(b) - 0x80]
                }
            }
            initialized = bytes.count
        }
    }

    /// UTF-8 to UTF-16; a byte that is not part of a valid sequence becomes the lone
    /// surrogate U+DC80+byte (as Python's surrogateescape), so printing restores it.
    static func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt16] {
        var out = [UInt16]()
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 { out.append(UInt16(b0)); i += 1; continue }
            var length = 0
            var scalar: UInt32 = 0
            if b0 & 0xE0 == 0xC0 { length = 2; scalar = UInt32(b0 & 0x1F) }
            else if b0 & 0xF0 == 0xE0 { length = 3; scalar = UInt32(b0 & 0x0F) }
            else if b0 & 0xF8 == 0xF0 { length = 4; scalar = UInt32(b0 & 0x07) }
            var valid = length > 0 && i + length <= n
            if valid {
                for k in 1..<length {
                    let b = bytes[i + k]
                    if b & 0xC0 != 0x80 { valid = false; break }
                    scalar = scalar << 6 | UInt32(b & 0x3F)
                }
            }
            if valid {
                let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
                if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { valid = false }
            }
            if !valid { out.append(0xDC00 | UInt16(b0)); i += 1; continue }
            if scalar >= 0x10000 {
                let v = scalar - 0x10000
                out.append(UInt16(0xD800 + (v >> 10)))
                out.append(UInt16(0xDC00 + (v & 0x3FF)))
            } else {
                out.append(UInt16(scalar))
            }
            i += length
        }
        return out
    }

    /// Encodes code units back to bytes in `encoding` (BOM included when the source had one).
    static func encode(_ units: [UInt16], oddByte: UInt8?, as encoding: SourceEncoding) throws -> [UInt8] {
        var out = [UInt8]()
        switch encoding {
        case .utf16LE(let bom), .utf16BE(let bom):
            let littleEndian: Bool
            if case .utf16LE = encoding { littleEndian = true } else { littleEndian = false }
            out.reserveCapacity(units.count * 2 + 3)
            if bom { out += littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF] }
            out += TextConversion.utf16LEBytes(littleEndian ? units : units.map(\.byteSwapped))
            if let oddByte { out.append(oddByte) }
        case .utf8(let bom):
            out.reserveCapacity(units.count + 3)
            if bom { out += [0xEF, 0xBB, 0xBF] }
            var i = 0
            while i < units.count {
                let u = units[i]
                if u < 0x80 { out.append(UInt8(u)); i += 1; continue }
                if u >= 0xDC80 && u <= 0xDCFF && !(i > 0 && (0xD800...0xDBFF).contains(units[i - 1])) {
                    out.append(UInt8(u & 0xFF)); i += 1; continue   // an escaped raw byte
                }
                var scalar = UInt32(u)
                if (0xD800...0xDBFF).contains(u), i + 1 < units.count, (0xDC00...0xDFFF).contains(units[i + 1]) {
                    scalar = 0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(units[i + 1]) - 0xDC00)
                    i += 1
                } else if (0xD800...0xDFFF).contains(u) {
                    throw SourceEncodingError(codeUnit: u, encoding: encoding)
                }
                appendUTF8(scalar, to: &out)
                i += 1
            }
        case .ansi:
            out.reserveCapacity(units.count)
            for u in units {
                if u < 0x80 || (u >= 0xA0 && u <= 0xFF) { out.append(UInt8(u)); continue }
                guard let b = windows1252Reverse[u] else { throw SourceEncodingError(codeUnit: u, encoding: encoding) }
                out.append(b)
            }
        }
        return out
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80: out.append(UInt8(scalar))
        case ..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6)); out.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12)); out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18)); out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F)); out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Windows-1252 bytes 0x80–0x9F. The five bytes the code page leaves undefined map to
    /// the C1 control of the same value, as `MultiByteToWideChar` does, so decoding is reversible.
    static let windows1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static let windows1252Reverse: [UInt16: UInt8] = {
        var map = [UInt16: UInt8]()
        for (i, u) in windows1252High.enumerated() { map[u] = UInt8(0x80 + i) }
        return map
    }()
}
