/// The machine a PE image is built for (`IMAGE_FILE_MACHINE_*`).
public enum PEMachine: Hashable, Sendable, CustomStringConvertible {
    case i386, amd64, armNT, arm64, ia64
    case other(UInt16)

    public init(rawValue: UInt16) {
        switch rawValue {
        case 0x014C: self = .i386
        case 0x8664: self = .amd64
        case 0x01C4: self = .armNT
        case 0xAA64: self = .arm64
        case 0x0200: self = .ia64
        default: self = .other(rawValue)
        }
    }

    public var rawValue: UInt16 {
        switch self {
        case .i386: return 0x014C
        case .amd64: return 0x8664
        case .armNT: return 0x01C4
        case .arm64: return 0xAA64
        case .ia64: return 0x0200
        case .other(let v): return v
        }
    }

    /// The INF architecture name (`x86`, `amd64`, `arm`, `arm64`, `ia64`).
    public var infArchitecture: String? {
        switch self {
        case .i386: return "x86"
        case .amd64: return "amd64"
        case .armNT: return "arm"
        case .arm64: return "arm64"
        case .ia64: return "ia64"
        case .other: return nil
        }
    }

    public var description: String {
        infArchitecture ?? "0x" + String(rawValue, radix: 16, uppercase: true)
    }
}

/// A section header.
public struct PESection: Hashable, Sendable {
    public var name: String
    public var virtualSize: UInt32
    public var virtualAddress: UInt32
    public var sizeOfRawData: UInt32
    public var pointerToRawData: UInt32
    public var characteristics: UInt32
}

/// Why bytes are not a well-formed PE image.
public struct PEError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    /// The file offset the problem was found at.
    public var offset: Int
    public init(_ description: String, at offset: Int) { self.description = description; self.offset = offset }
}

/// The headers of a PE/COFF image (PE32 or PE32+), read from bytes and checked for consistency:
/// truncated or lying headers are refused with the offset where they go wrong.
public struct PEFile: Sendable {
    public let bytes: [UInt8]
    public let peHeaderOffset: Int
    public let machine: PEMachine
    public let characteristics: UInt16
    public let timeDateStamp: UInt32
    /// 0x10B (PE32) or 0x20B (PE32+).
    public let magic: UInt16
    public let subsystem: UInt16
    public let dllCharacteristics: UInt16
    public let sizeOfHeaders: Int
    /// SectionAlignment (the page size of page hashes) and FileAlignment.
    public let sectionAlignment: Int
    public let fileAlignment: Int
    /// The CheckSum field and where it is.
    public let checksum: UInt32
    public let checksumOffset: Int
    /// Data directories as (virtual address or file offset, size).
    public let dataDirectories: [(address: UInt32, size: UInt32)]
    /// Offset of the certificate-table directory entry (8 bytes), when there is one.
    public let certificateEntryOffset: Int?
    public let sections: [PESection]

    public static let subsystemNative: UInt16 = 1
    public static let imageFileDLL: UInt16 = 0x2000

    public var isPE32Plus: Bool { magic == 0x20B }
    /// The attribute certificate table (file offset and size), empty when unsigned.
    public var certificateTable: (offset: Int, size: Int) {
        guard dataDirectories.count > 4 else { return (0, 0) }
        return (Int(dataDirectories[4].address), Int(dataDirectories[4].size))
    }
    public var isNativeSubsystem: Bool { subsystem == Self.subsystemNative }

    /// Why memory integrity (HVCI) would refuse to load this image as a kernel driver, from its
    /// headers ("Implement memory integrity compatible code": no section both writable and
    /// executable, SectionAlignment a multiple of 0x1000, the import address table not in an
    /// executable section); empty when the headers show none of these.
    public var memoryIntegrityProblems: [String] {
        let execute: UInt32 = 0x2000_0000, write: UInt32 = 0x8000_0000
        var problems: [String] = []
        for section in sections where section.characteristics & execute != 0 && section.characteristics & write != 0 {
            problems.append("section \(section.name.isEmpty ? "(unnamed)" : section.name) is both writable and executable")
        }
        if sectionAlignment % 0x1000 != 0 {
            problems.append("SectionAlignment 0x\(String(sectionAlignment, radix: 16)) is not a multiple of the 0x1000 page size")
        }
        if dataDirectories.count > 12, case let (address, size) = dataDirectories[12], size > 0,
           let holder = sections.first(where: { address >= $0.virtualAddress && address < $0.virtualAddress + max($0.virtualSize, $0.sizeOfRawData) }),
           holder.characteristics & execute != 0 {
            problems.append("the import address table is in executable section \(holder.name) (sections merged with /MERGE?)")
        }
        return problems
    }

    public init(bytes: [UInt8]) throws {
        self.bytes = bytes
        func u16(_ o: Int) throws -> UInt16 {
            guard o >= 0, o + 2 <= bytes.count else { throw PEError("file ends inside the headers", at: o) }
            return UInt16(bytes[o]) | UInt16(bytes[o + 1]) << 8
        }
        func u32(_ o: Int) throws -> UInt32 {
            guard o >= 0, o + 4 <= bytes.count else { throw PEError("file ends inside the headers", at: o) }
            return UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
        }
        guard bytes.count >= 64, bytes[0] == 0x4D, bytes[1] == 0x5A else { throw PEError("no MZ header: not a PE file", at: 0) }
        let peOffset = Int(try u32(0x3C))
        guard peOffset >= 64, peOffset + 24 <= bytes.count else { throw PEError("e_lfanew 0x\(String(peOffset, radix: 16)) points outside the file", at: 0x3C) }
        guard bytes[peOffset] == 0x50, bytes[peOffset + 1] == 0x45, bytes[peOffset + 2] == 0, bytes[peOffset + 3] == 0 else {
            throw PEError("no PE signature at e_lfanew", at: peOffset)
        }
        peHeaderOffset = peOffset
        machine = PEMachine(rawValue: try u16(peOffset + 4))
        let sectionCount = Int(try u16(peOffset + 6))
        timeDateStamp = try u32(peOffset + 8)
        let optionalSize = Int(try u16(peOffset + 20))
        characteristics = try u16(peOffset + 22)
        let opt = peOffset + 24
        guard optionalSize >= 96, opt + optionalSize <= bytes.count else { throw PEError("optional header is truncated", at: opt) }
        magic = try u16(opt)
        guard magic == 0x10B || magic == 0x20B else { throw PEError("optional header magic 0x\(String(magic, radix: 16)) is neither PE32 nor PE32+", at: opt) }
        let plus = magic == 0x20B
        sectionAlignment = Int(try u32(opt + 32))
        fileAlignment = Int(try u32(opt + 36))
        sizeOfHeaders = Int(try u32(opt + 60))
        checksumOffset = opt + 64
        checksum = try u32(opt + 64)
        subsystem = try u16(opt + 68)
        dllCharacteristics = try u16(opt + 70)
        let directoryCountOffset = opt + (plus ? 108 : 92)
        let directoryCount = Int(try u32(directoryCountOffset))
        let directoriesStart = directoryCountOffset + 4
        guard directoryCount <= 16, directoriesStart + directoryCount * 8 <= opt + optionalSize else {
            throw PEError("\(directoryCount) data directories do not fit the optional header", at: directoryCountOffset)
        }
        var directories: [(UInt32, UInt32)] = []
        for i in 0..<directoryCount {
            directories.append((try u32(directoriesStart + 8 * i), try u32(directoriesStart + 8 * i + 4)))
        }
        dataDirectories = directories
        certificateEntryOffset = directoryCount > 4 ? directoriesStart + 32 : nil
        let sectionTable = opt + optionalSize
        guard sectionTable + 40 * sectionCount <= bytes.count else { throw PEError("section table is truncated", at: sectionTable) }
        guard sizeOfHeaders >= sectionTable + 40 * sectionCount, sizeOfHeaders <= bytes.count else {
            throw PEError("SizeOfHeaders \(sizeOfHeaders) does not cover the section table or exceeds the file", at: opt + 60)
        }
        var sections: [PESection] = []
        for i in 0..<sectionCount {
            let o = sectionTable + 40 * i
            let nameBytes = bytes[o..<o + 8].prefix { $0 != 0 }
            let section = PESection(name: String(decoding: nameBytes, as: UTF8.self), virtualSize: try u32(o + 8),
                                    virtualAddress: try u32(o + 12), sizeOfRawData: try u32(o + 16),
                                    pointerToRawData: try u32(o + 20), characteristics: try u32(o + 36))
            if section.sizeOfRawData > 0 && Int(section.pointerToRawData) + Int(section.sizeOfRawData) > bytes.count {
                throw PEError("section \(section.name) claims data past the end of the file", at: o + 16)
            }
            sections.append(section)
        }
        self.sections = sections
        if directories.count > 4, directories[4].1 > 0 {
            let (offset, size) = (Int(directories[4].0), Int(directories[4].1))
            guard offset >= sizeOfHeaders, offset + size == bytes.count else {
                throw PEError("certificate table (offset \(offset), size \(size)) does not end at the end of the file", at: directoriesStart + 32)
            }
        }
    }

    /// The PE checksum as the loader computes it (CheckSum field counted as zero).
    public static func checksum(of bytes: [UInt8], checksumOffset: Int) -> UInt32 {
        var sum: UInt64 = 0
        var i = 0
        let n = bytes.count
        while i + 1 < n {
            if i != checksumOffset && i != checksumOffset + 2 {
                sum += UInt64(bytes[i]) | UInt64(bytes[i + 1]) << 8
                sum = (sum & 0xFFFF) + (sum >> 16)
            }
            i += 2
        }
        if n % 2 == 1 {
            sum += UInt64(bytes[n - 1])
            sum = (sum & 0xFFFF) + (sum >> 16)
        }
        sum = (sum & 0xFFFF) + (sum >> 16)
        return UInt32(truncatingIfNeeded: sum) &+ UInt32(n)
    }

    /// The checksum this file should carry.
    public var computedChecksum: UInt32 { Self.checksum(of: bytes, checksumOffset: checksumOffset) }
}
