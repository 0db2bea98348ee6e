import INFSyntax

extension RegFile {
    /// A line `reg import` passes over, and why.
    public struct IgnoredLine: Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// What a `.reg` file asks for, in order, and the lines `reg import` ignores.
    public struct Contents: Sendable {
        public var changes: [Change]
        public var ignored: [IgnoredLine]
    }

    /// Reads a `.reg` file as `reg import` does: line by line, passing over the lines it cannot
    /// read (they are listed in ``Contents/ignored``). Throws only when the file is not a registry
    /// script at all, which makes `reg import` fail.
    public static func read(_ bytes: [UInt8], path: String) throws -> Contents {
        var reader = try RegFileReader(bytes, path: path)
        reader.run()
        return Contents(changes: reader.changes, ignored: reader.ignored)
    }

    /// The changes a `.reg` file asks for (``read(_:path:)`` without the ignored lines).
    public static func parse(_ bytes: [UInt8], path: String) throws -> [Change] {
        try read(bytes, path: path).changes
    }
}

/// `reg import`'s reading of a `.reg` file. The rules are those Wine's `reg import` tests pin on
/// Windows (programs/reg/tests/import.c, which pass there):
/// - The file is UTF-16LE when it starts with FF FE, else 8-bit text in the ANSI code page.
/// - The first line is the header: `Windows Registry Editor Version 5.00` or `REGEDIT4` (after
///   blanks, exactly); `REGEDIT` alone is the Windows 3.1 form (`HKEY_CLASSES_ROOT\key = text`
///   lines); any other `REGEDIT…` line is accepted but nothing is imported; anything else fails.
/// - Lines start (after blanks) with `[` for a key, `[-` to delete one, `@` or `"name"` for a
///   value; every other line is passed over. A line that cannot be read is passed over on its own.
/// - Data is `"text"`, `dword:` with at most 8 hex digits, `hex:` or `hex(N):` bytes (continued
///   by `\` after a comma, over blank and comment lines), or `-` to delete the value; a `;`
///   comment may follow. Prefixes are case-sensitive.
/// - `hex(1)`, `hex(2)` and `hex(7)` data gets a terminating NUL when it lacks one, and in an
///   8-bit file is text in the ANSI code page, stored as UTF-16.
struct RegFileReader {
    typealias Units = ArraySlice<UInt16>

    enum Version { case win31, regedit4, regedit5, fuzzy }

    let lines: [Units]
    let eightBit: Bool
    let version: Version
    var next = 1
    /// The key values go to; nil when none is open (before the first key, after `[-…]`, or after a
    /// key that could not be opened).
    var key: RegistryPath?
    var changes: [RegFile.Change] = []
    var ignored: [RegFile.IgnoredLine] = []

    static let header5 = Array(RegFile.header.utf16), header4 = Array("REGEDIT4".utf16), header31 = Array("REGEDIT".utf16)

    init(_ bytes: [UInt8], path: String) throws {
        let units: [UInt16]
        if bytes.starts(with: [0xFF, 0xFE]) {
            eightBit = false
            units = RegistryValue.utf16Units(Array(bytes.dropFirst(2)))
        } else {
            eightBit = true
            units = SourceEncoding.windows1252Units(bytes)
        }
        lines = Self.lines(units)
        let first = Self.dropBlanks(lines.first ?? [])
        if bytes.count < 2 {
            throw SandboxError("\(path):1: error: not a registry script: the file is empty")
        } else if first.elementsEqual(Self.header5) {
            version = .regedit5
        } else if first.elementsEqual(Self.header4) {
            version = .regedit4
        } else if first.elementsEqual(Self.header31) {
            version = .win31
        } else if first.starts(with: Self.header31) {
            version = .fuzzy
        } else {
            let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
                ? "; it starts with a UTF-8 BOM, which reg import does not read (save it as UTF-16LE, or without the BOM)" : ""
            throw SandboxError("\(path):1: error: not a registry script: the first line must be '\(RegFile.header)' or 'REGEDIT4'\(bom)")
        }
    }

    /// The file's lines, split at CR, LF or CRLF; a NUL ends a line's text, as in reg.exe's C strings.
    static func lines(_ units: [UInt16]) -> [Units] {
        var result: [Units] = []
        var start = 0, i = 0
        while i < units.count {
            let u = units[i]
            if u == 0x0D || u == 0x0A {
                result.append(units[start..<i].prefix { $0 != 0 })
                i += u == 0x0D && i + 1 < units.count && units[i + 1] == 0x0A ? 2 : 1
                start = i
            } else {
                i += 1
            }
        }
        result.append(units[start..<units.count].prefix { $0 != 0 })
        return result
    }

    mutating func run() {
        switch version {
        case .fuzzy:
            ignored.append(.init(line: 1, reason: "reg import accepts this header but imports nothing from the file"))
        case .win31:
            while next < lines.count { readWin31Line(lines[next], number: next + 1); next += 1 }
        case .regedit4, .regedit5:
            while next < lines.count {
                let number = next + 1
                let line = lines[next]
                next += 1
                readLine(line, number: number)
            }
        }
    }

    // MARK: Lines

    mutating func readLine(_ line: Units, number: Int) {
        let s = Self.dropBlanks(line)
        guard let first = s.first else { return }
        switch first {
        case 0x5B: readKey(s.dropFirst(), number: number)            // [
        case 0x40: readValue(name: "", s.dropFirst(), number: number) // @
        case 0x22:                                                     // "
            switch Self.unescape(s.dropFirst()) {
            case .text(let name, let rest): readValue(name: String(decoding: name, as: UTF16.self), rest, number: number)
            case .failed(let why): ignore(number, "the value name \(why)")
            }
        case 0x3B, 0x23: return                                        // ; and # lines are comments
        default: ignore(number, "a line must start with [, @ or \" (or ; for a comment)")
        }
    }

    mutating func readKey(_ text: Units, number: Int) {
        guard let first = text.first, !Self.isBlank(first), let close = text.lastIndex(of: 0x5D) else {
            ignore(number, "the key name is not written [KEY] (a blank after [, or no ]); values go on to the key above")
            return
        }
        let name = text[text.startIndex..<close]
        key = nil
        if name.first == 0x2D {   // [-KEY]: delete the key and its tree
            let target = String(decoding: name.dropFirst(), as: UTF16.self)
            let below = target.split(separator: "\\", maxSplits: 1).dropFirst().first.map { !$0.isEmpty } ?? false
            guard target.first == "H" || target.first == "h", below, let path = RegistryPath(target) else {
                ignore(number, "[-\(target)] names no key below a registry root to delete")
                return
            }
            changes.append(.deleteKey(path))
            return
        }
        let text = String(decoding: name, as: UTF16.self)
        guard let path = RegistryPath(text) else {
            ignore(number, "[\(text)] does not start with a registry root; its values are not imported")
            return
        }
        changes.append(.createKey(path))
        key = path
    }

    mutating func readValue(name: String, _ text: Units, number: Int) {
        var p = Self.dropBlanks(text)
        guard p.first == 0x3D else { ignore(number, "expected = after the value name"); return }
        p = Self.dropTrailingBlanks(Self.dropBlanks(p.dropFirst()))
        if p.first == 0x2D {   // "name"=-
            guard Self.endsHere(p.dropFirst()) else { ignore(number, "text after =-"); return }
            guard let key else { ignore(number, "no key is open to delete the value from"); return }
            changes.append(.deleteValue(key, name))
        } else if p.first == 0x22 {
            readString(name: name, p.dropFirst(), number: number)
        } else if p.starts(with: "hex:".utf16) {
            readHex(name: name, type: 3, p.dropFirst(4), number: number)
        } else if p.starts(with: "dword:".utf16) {
            readDword(name: name, p.dropFirst(6), number: number)
        } else if p.starts(with: "hex(".utf16) {
            guard let (type, rest) = Self.hexType(p.dropFirst(4)) else { ignore(number, "hex(N): has no hex type number N"); return }
            readHex(name: name, type: type, rest, number: number)
        } else {
            ignore(number, "the data is not \"text\", dword:, hex: or hex(N): (these prefixes are case-sensitive)")
        }
    }

    mutating func readString(name: String, _ text: Units, number: Int) {
        switch Self.unescape(text) {
        case .failed(let why): ignore(number, "the string \(why)")
        case .text(let value, let rest):
            guard Self.endsHere(rest) else { ignore(number, "text after the string's closing quote"); return }
            set(name, type: 1, data: RegistryValue.utf16Bytes(value + [0]), number: number)
        }
    }

    mutating func readDword(name: String, _ text: Units, number: Int) {
        let s = Self.dropBlanks(text)
        let digits = s.prefix { Self.hexValue($0) != nil }
        guard !s.isEmpty, digits.count <= 8, Self.endsHere(s.dropFirst(digits.count)) else {
            ignore(number, "dword: takes up to 8 hex digits")
            return
        }
        let value = digits.reduce(UInt32(0)) { $0 << 4 | UInt32(Self.hexValue($1)!) }
        set(name, type: 4, data: withUnsafeBytes(of: value.littleEndian) { Array($0) }, number: number)
    }

    /// `hex:` data, continued over the following lines after a `\`.
    mutating func readHex(name: String, type: UInt32, _ text: Units, number: Int) {
        var data: [UInt8] = []
        if text.isEmpty { set(name, type: type, data: [], number: number); return }
        var piece = text
        while true {
            switch Self.hexBytes(piece, into: &data) {
            case .invalid:
                ignore(number, "the hex data is not bytes written xx,xx,… (a \\ continues it after a comma)")
                return
            case .done:
                set(name, type: type, data: terminated(data, type: type), number: number)
                return
            case .continued:
                // The next line that is not blank or a comment carries on the bytes.
                while next < lines.count, Self.dropBlanks(lines[next]).first.map({ $0 == 0x3B }) ?? true { next += 1 }
                guard next < lines.count else { set(name, type: type, data: terminated(data, type: type), number: number); return }
                let line = Self.dropBlanks(lines[next])
                next += 1
                guard Self.hexValue(line.first!) != nil else {
                    ignore(next, "the hex data of line \(number) goes on with \\, but this line is not hex: neither is imported")
                    return
                }
                piece = line
            }
        }
    }

    /// String-typed hex data (REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ) as reg import stores it: with a
    /// terminating NUL, and converted from the ANSI code page in an 8-bit file.
    func terminated(_ data: [UInt8], type: UInt32) -> [UInt8] {
        guard type == 1 || type == 2 || type == 7, !data.isEmpty else { return data }
        if eightBit {
            return RegistryValue.utf16Bytes(SourceEncoding.windows1252Units(data.last == 0 ? data : data + [0]))
        }
        let units = data.count / 2
        guard units > 0, data[2 * units - 2] != 0 || data[2 * units - 1] != 0 else { return data }
        return Array(data[0..<2 * units]) + [0, 0]
    }

    mutating func readWin31Line(_ line: Units, number: Int) {
        guard line.starts(with: "HKEY_CLASSES_ROOT".utf16) else { return }
        let keyEnd = line.firstIndex(where: Self.isSpace) ?? line.endIndex
        var value = Self.dropBlanks(line[keyEnd...])
        if value.first == 0x3D { value = value.dropFirst() }
        if value.first == 0x20 { value = value.dropFirst() }   // at most one blank after =
        let text = String(decoding: line[line.startIndex..<keyEnd], as: UTF16.self)
        guard let path = RegistryPath(text) else { ignore(number, "\(text) is not a key under HKEY_CLASSES_ROOT"); return }
        changes.append(.createKey(path))
        changes.append(.setValue(path, RegistryValue(name: "", type: 1, data: RegistryValue.utf16Bytes(Array(value) + [0]))))
    }

    mutating func set(_ name: String, type: UInt32, data: [UInt8], number: Int) {
        guard let key else { ignore(number, "no key is open, so the value is not imported (a [KEY] line above is missing or was not imported)"); return }
        changes.append(.setValue(key, RegistryValue(name: name, type: type, data: data)))
    }

    mutating func ignore(_ line: Int, _ reason: String) { ignored.append(.init(line: line, reason: reason)) }

    // MARK: Pieces

    static func isBlank(_ u: UInt16) -> Bool { u == 0x20 || u == 0x09 }
    /// `iswspace` for the characters a key name ends at.
    static func isSpace(_ u: UInt16) -> Bool { u == 0x20 || (0x09...0x0D).contains(u) }
    static func dropBlanks(_ s: Units) -> Units { s.drop(while: isBlank) }
    static func dropTrailingBlanks(_ s: Units) -> Units {
        var s = s
        while let last = s.last, isBlank(last) { s = s.dropLast() }
        return s
    }
    /// Nothing but blanks, or a `;` comment, follows.
    static func endsHere(_ s: Units) -> Bool { dropBlanks(s).first.map { $0 == 0x3B } ?? true }

    static func hexValue(_ u: UInt16) -> UInt32? {
        switch u {
        case 0x30...0x39: return UInt32(u - 0x30)
        case 0x41...0x46: return UInt32(u - 0x41 + 10)
        case 0x61...0x66: return UInt32(u - 0x61 + 10)
        default: return nil
        }
    }

    enum Unescaped { case text([UInt16], rest: Units), failed(String) }

    /// A quoted string's text up to its closing quote, with `\\`, `\"`, `\n` and `\r` read
    /// (`\0` makes the line unreadable; any other escaped character stands for itself).
    static func unescape(_ s: Units) -> Unescaped {
        var out: [UInt16] = []
        var i = s.startIndex
        while i < s.endIndex {
            let u = s[i]
            if u == 0x5C {
                i += 1
                guard i < s.endIndex else { return .failed("ends with a lone \\") }
                switch s[i] {
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x30: return .failed("holds \\0, which reg import refuses")
                default: out.append(s[i])
                }
            } else if u == 0x22 {
                return .text(out, rest: s[(i + 1)...])
            } else {
                out.append(u)
            }
            i += 1
        }
        return .failed("has no closing quote")
    }

    /// What `wcstoul(s, &end, 16)` reads: blanks, a sign, an optional 0x, hex digits. The value is
    /// nil on overflow; `end` is `s.startIndex` when no digit was read.
    static func wcstoul(_ s: Units) -> (value: UInt32?, end: Units.Index) {
        var i = s.startIndex
        while i < s.endIndex, isSpace(s[i]) { i += 1 }
        var negative = false
        if i < s.endIndex, s[i] == 0x2B || s[i] == 0x2D { negative = s[i] == 0x2D; i += 1 }
        if i + 2 <= s.endIndex, s[i] == 0x30, s[i + 1] == 0x78 || s[i + 1] == 0x58, i + 2 < s.endIndex, hexValue(s[i + 2]) != nil { i += 2 }
        let digitsStart = i
        var value: UInt64 = 0
        var overflow = false
        while i < s.endIndex, let d = hexValue(s[i]) {
            value = value << 4 | UInt64(d)
            if value > 0xFFFF_FFFF { overflow = true; value &= 0xFFFF_FFFF }
            i += 1
        }
        guard i > digitsStart else { return (0, s.startIndex) }
        if overflow { return (nil, i) }
        let v = UInt32(value)
        return (negative ? 0 &- v : v, i)
    }

    /// The type number of `hex(N):` and the text after the colon.
    static func hexType(_ s: Units) -> (UInt32, Units)? {
        guard !s.isEmpty else { return nil }
        if s.count > 1, s[s.startIndex + 1] == 0x78 || s[s.startIndex + 1] == 0x58 { return nil }
        let (value, end) = wcstoul(s)
        guard let value, end + 1 < s.endIndex, s[end] == 0x29, s[end + 1] == 0x3A else { return nil }
        return (value, s[(end + 2)...])
    }

    enum HexResult { case done, continued, invalid }

    /// Appends the bytes of `xx,xx,…` to `data`: done at the end or a `;` comment, continued when
    /// a `\` (after a comma) asks for the next line.
    static func hexBytes(_ text: Units, into data: inout [UInt8]) -> HexResult {
        var s = text
        while !s.isEmpty {
            let (value, end) = wcstoul(s)
            guard let value, value <= 0xFF else { return .invalid }
            if end == s.startIndex {
                let rest = dropBlanks(s)
                if rest.first == 0x5C { return endsHere(rest.dropFirst()) ? .continued : .invalid }
                return rest.first == 0x3B ? .done : .invalid
            }
            data.append(UInt8(value))
            var rest = s[end...]
            if let c = rest.first, c != 0x2C { return endsHere(rest) ? .done : .invalid }
            if !rest.isEmpty { rest = rest.dropFirst() }
            s = rest
        }
        return .done
    }
}
