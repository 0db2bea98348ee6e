/// Writes small but well-formed PE images for tests, so no Windows toolchain is needed.
public struct PEWriter {
    public struct Section {
        public var name: String
        public var data: [UInt8]
        public var characteristics: UInt32
        public init(name: String, data: [UInt8], characteristics: UInt32 = 0x6000_0020) {
            self.name = name; self.data = data; self.characteristics = characteristics
        }
    }

    public var machine: UInt16 = 0x8664
    public var pe32Plus = true
    /// 1 native (kernel driver), 2 Windows GUI, 3 Windows console.
    public var subsystem: UInt16 = 1
    public var isDLL = false
    public var sections: [Section] = [Section(name: ".text", data: Array(repeating: 0xCC, count: 0x300)),
                                      Section(name: ".data", data: Array("drvkit test image".utf8), characteristics: 0xC000_0040)]
    /// Bytes after the last section (debug data, overlays).
    public var trailingData: [UInt8] = []
    /// Write the correct PE checksum.
    public var fillChecksum = true
    /// A version resource (`VS_FIXEDFILEINFO` file version, most and least significant halves) in a `.rsrc` section.
    public var fileVersion: (UInt32, UInt32)?

    public init() {}

    static let fileAlignment = 0x200, sectionAlignment = 0x1000

    static func align(_ v: Int, _ a: Int) -> Int { (v + a - 1) / a * a }

    public func bytes() -> [UInt8] {
        var sections = self.sections
        var resourceRVA = 0
        if let (ms, ls) = fileVersion {
            resourceRVA = sections.reduce(Self.sectionAlignment) { $0 + Self.align(max($1.data.count, 1), Self.sectionAlignment) }
            sections.append(Section(name: ".rsrc", data: Self.versionResource(rva: resourceRVA, ms: ms, ls: ls), characteristics: 0x4000_0040))
        }
        let optionalSize = pe32Plus ? 240 : 224
        let headersEnd = 0x40 + 4 + 20 + optionalSize + 40 * sections.count
        let sizeOfHeaders = Self.align(headersEnd, Self.fileAlignment)
        var out = [UInt8](repeating: 0, count: sizeOfHeaders)
        func put16(_ v: UInt16, _ o: Int) { out[o] = UInt8(v & 0xFF); out[o + 1] = UInt8(v >> 8) }
        func put32(_ v: UInt32, _ o: Int) { for i in 0..<4 { out[o + i] = UInt8((v >> (8 * UInt32(i))) & 0xFF) } }
        func put64(_ v: UInt64, _ o: Int) { for i in 0..<8 { out[o + i] = UInt8((v >> (8 * UInt64(i))) & 0xFF) } }
        out[0] = 0x4D; out[1] = 0x5A
        put32(0x40, 0x3C)
        out[0x40] = 0x50; out[0x41] = 0x45
        let coff = 0x44
        put16(machine, coff)
        put16(UInt16(sections.count), coff + 2)
        put32(0x6560_0000, coff + 4)
        put16(UInt16(optionalSize), coff + 16)
        put16(0x0022 | (isDLL ? 0x2000 : 0), coff + 18)
        let opt = coff + 20
        put16(pe32Plus ? 0x20B : 0x10B, opt)
        out[opt + 2] = 14
        put32(UInt32(Self.sectionAlignment), opt + 16)   // entry point: start of the first section
        put32(UInt32(Self.sectionAlignment), opt + 20)
        if pe32Plus { put64(0x1_4000_0000, opt + 24) } else { put32(0x1000_0000, opt + 28) }
        put32(UInt32(Self.sectionAlignment), opt + 32)
        put32(UInt32(Self.fileAlignment), opt + 36)
        put16(10, opt + 40); put16(10, opt + 48)
        let imageSize = Self.align(sizeOfHeaders, Self.sectionAlignment) + sections.reduce(0) { $0 + Self.align(max($1.data.count, 1), Self.sectionAlignment) }
        put32(UInt32(imageSize), opt + 56)
        put32(UInt32(sizeOfHeaders), opt + 60)
        put16(subsystem, opt + 68)
        put16(0x0160, opt + 70)
        if pe32Plus {
            put64(0x100000, opt + 72); put64(0x1000, opt + 80); put64(0x100000, opt + 88); put64(0x1000, opt + 96)
            put32(16, opt + 108)
        } else {
            put32(0x100000, opt + 72); put32(0x1000, opt + 76); put32(0x100000, opt + 80); put32(0x1000, opt + 84)
            put32(16, opt + 92)
        }
        if fileVersion != nil {
            let directory = opt + (pe32Plus ? 112 : 96) + 8 * 2
            put32(UInt32(resourceRVA), directory); put32(UInt32(sections.last!.data.count), directory + 4)
        }
        var rawPointer = sizeOfHeaders
        var virtualAddress = Self.sectionAlignment
        var raw: [UInt8] = []
        for (i, section) in sections.enumerated() {
            let header = opt + optionalSize + 40 * i
            for (j, c) in section.name.utf8.prefix(8).enumerated() { out[header + j] = c }
            let rawSize = Self.align(section.data.count, Self.fileAlignment)
            put32(UInt32(section.data.count), header + 8)
            put32(UInt32(virtualAddress), header + 12)
            put32(UInt32(rawSize), header + 16)
            put32(UInt32(rawPointer), header + 20)
            put32(section.characteristics, header + 36)
            raw += section.data + [UInt8](repeating: 0, count: rawSize - section.data.count)
            rawPointer += rawSize
            virtualAddress += Self.align(max(section.data.count, 1), Self.sectionAlignment)
        }
        out += raw + trailingData
        if fillChecksum {
            let checksum = Self.checksum(out, checksumOffset: opt + 64)
            for i in 0..<4 { out[opt + 64 + i] = UInt8((checksum >> (8 * UInt32(i))) & 0xFF) }
        }
        return out
    }

    /// A resource tree (type 16 → name 1 → language 0x409 → data) holding a VS_VERSIONINFO whose
    /// fixed part carries the file version; `rva` is where the section will be mapped.
    static func versionResource(rva: Int, ms: UInt32, ls: UInt32) -> [UInt8] {
        var out: [UInt8] = []
        func u16(_ v: UInt32) { out += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: UInt32) { u16(v & 0xFFFF); u16(v >> 16) }
        func directory(id: UInt32, offset: UInt32) { u32(0); u32(0); u16(0); u16(0); u16(0); u16(1); u32(id); u32(offset) }
        directory(id: 16, offset: 0x8000_0000 | 24)
        directory(id: 1, offset: 0x8000_0000 | 48)
        directory(id: 0x409, offset: 72)
        u32(UInt32(rva + 88)); u32(92); u32(0); u32(0)            // data entry
        u16(92); u16(52); u16(0)                                    // VS_VERSIONINFO header
        for unit in "VS_VERSION_INFO".utf16 { u16(UInt32(unit)) }
        u16(0); u16(0)                                              // terminator, padding to 40
        u32(0xFEEF_04BD); u32(0x1_0000); u32(ms); u32(ls); u32(ms); u32(ls)
        for _ in 0..<7 { u32(0) }
        return out
    }

    /// An independent implementation of the PE checksum (so the tests do not check the code with itself).
    static func checksum(_ bytes: [UInt8], checksumOffset: Int) -> UInt32 {
        var sum: UInt32 = 0
        var i = 0
        while i < bytes.count {
            var word = UInt32(bytes[i])
            if i + 1 < bytes.count { word |= UInt32(bytes[i + 1]) << 8 }
            if i != checksumOffset && i != checksumOffset + 2 {
                sum = sum &+ word
                sum = (sum & 0xFFFF) &+ (sum >> 16)
            }
            i += 2
        }
        return ((sum & 0xFFFF) &+ (sum >> 16)) &+ UInt32(bytes.count)
    }
}
