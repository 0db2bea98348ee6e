/// A four-part file version (`VS_FIXEDFILEINFO.dwFileVersionMS/LS`), compared as Windows compares them.
public struct PEFileVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var mostSignificant: UInt32
    public var leastSignificant: UInt32
    public init(mostSignificant: UInt32, leastSignificant: UInt32) {
        self.mostSignificant = mostSignificant; self.leastSignificant = leastSignificant
    }
    public static func < (a: Self, b: Self) -> Bool {
        (a.mostSignificant, a.leastSignificant) < (b.mostSignificant, b.leastSignificant)
    }
    public var description: String {
        "\(mostSignificant >> 16).\(mostSignificant & 0xFFFF).\(leastSignificant >> 16).\(leastSignificant & 0xFFFF)"
    }
}

extension PEFile {
    static let resourceTypeVersion: UInt32 = 16
    static let fixedFileInfoSignature: UInt32 = 0xFEEF_04BD

    /// The file offset of a relative virtual address, or nil when no section holds it.
    public func fileOffset(ofRVA rva: UInt32) -> Int? {
        for section in sections {
            let span = max(section.virtualSize, section.sizeOfRawData)
            guard rva >= section.virtualAddress, rva - section.virtualAddress < span else { continue }
            let delta = rva - section.virtualAddress
            guard delta < section.sizeOfRawData else { return nil }   // in memory only
            return Int(section.pointerToRawData) + Int(delta)
        }
        return nil
    }

    /// The file version of the image's `RT_VERSION` resource, or nil when it has none (or the
    /// resource tree is damaged: a version check then does not apply, as for an unversioned file).
    public var fileVersion: PEFileVersion? {
        guard dataDirectories.count > 2, dataDirectories[2].size > 0,
              let base = fileOffset(ofRVA: dataDirectories[2].address) else { return nil }
        func u16(_ o: Int) -> UInt32? { o >= 0 && o + 2 <= bytes.count ? UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 : nil }
        func u32(_ o: Int) -> UInt32? {
            guard let low = u16(o), let high = u16(o + 2) else { return nil }
            return low | high << 16
        }
        /// The entry of a resource directory with `id` (any entry when nil): its offset field.
        func entry(inDirectory directory: Int, id: UInt32?) -> UInt32? {
            guard let named = u16(directory + 12), let ids = u16(directory + 14) else { return nil }
            for index in 0..<Int(named + ids) {
                let at = directory + 16 + 8 * index
                guard let name = u32(at), let offset = u32(at + 4) else { return nil }
                if id == nil || (index >= Int(named) && name == id) { return offset }
            }
            return nil
        }
        // Type → name → language → data entry; the two lower levels must be subdirectories.
        guard let types = entry(inDirectory: base, id: Self.resourceTypeVersion), types & 0x8000_0000 != 0,
              let names = entry(inDirectory: base + Int(types & 0x7FFF_FFFF), id: nil), names & 0x8000_0000 != 0,
              let languages = entry(inDirectory: base + Int(names & 0x7FFF_FFFF), id: nil), languages & 0x8000_0000 == 0,
              let dataRVA = u32(base + Int(languages)), let size = u32(base + Int(languages) + 4),
              let data = fileOffset(ofRVA: dataRVA) else { return nil }
        // VS_VERSIONINFO: a header, the key "VS_VERSION_INFO", then VS_FIXEDFILEINFO on a 4-byte boundary.
        let fixed = data + 40
        guard size >= 92, fixed + 52 <= bytes.count, u32(fixed) == Self.fixedFileInfoSignature,
              let ms = u32(fixed + 8), let ls = u32(fixed + 12) else { return nil }
        return PEFileVersion(mostSignificant: ms, leastSignificant: ls)
    }
}
