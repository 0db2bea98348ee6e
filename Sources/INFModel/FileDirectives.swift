/// What a `CopyFiles` field names: a file-list section, or a single `@file`.
public enum CopyFilesItem: Hashable, Sendable {
    case section(String)
    case file(String)

    public init(_ value: String) {
        let v = value.trimmingWhitespace()
        self = v.hasPrefix("@") ? .file(String(v.dropFirst()).trimmingWhitespace()) : .section(v)
    }
}

/// A line of a CopyFiles file-list section: `destination[, source[, temporary[, flags]]]`.
public struct FileCopyEntry: Hashable, Sendable {
    public var line: INFLine
    public var destinationName: String
    /// The file's name on the source media; the destination name when absent.
    public var sourceName: String
    public var flags: UInt32?

    public init(line: INFLine) {
        self.line = line
        destinationName = (line.field(1) ?? "").trimmingWhitespace()
        let source = (line.field(2) ?? "").trimmingWhitespace()
        sourceName = source.isEmpty ? destinationName : source
        flags = line.field(4).flatMap(IntegerField.parse) ?? 0
    }
}

/// `SourceDisksNames[.arch]`: `diskid = description[, tag-or-cab, unused, path, flags, tag-file]`.
public struct SourceDisk: Hashable, Sendable {
    public var id: String
    public var description: String
    public var path: String
    public var line: INFLine
}

/// `SourceDisksFiles[.arch]`: `filename = diskid[, subdir, size, checksum]`.
public struct SourceDisksFile: Hashable, Sendable {
    public var fileName: String
    public var diskID: String
    public var subdirectory: String
    public var line: INFLine
    /// The section it came from (`SourceDisksFiles.amd64` or `SourceDisksFiles`).
    public var sectionName: String
}

/// Paths inside a driver package, as an INF writes them (`SourceDisksNames` paths, `SourceDisksFiles`
/// and `DestinationDirs` subdirectories).
public enum PackagePath {
    /// The components of a path written with `\` or `/` relative to the INF's folder, with `.` and
    /// `..` resolved; nil when it leads out of that folder (above it, or to a drive such as `C:`).
    public static func components(_ path: String) -> [String]? {
        var parts: [String] = []
        for part in path.split(whereSeparator: { $0 == "\\" || $0 == "/" }) {
            if part == "." { continue }
            if part == ".." { if parts.popLast() == nil { return nil } else { continue } }
            if part.contains(":") { return nil }
            parts.append(String(part))
        }
        return parts
    }
}

/// What can be wrong with a file an INF copies, found in the package folder (by `package build`, and
/// by `lint --package` through the same check).
public enum PackageFileProblem: String, Hashable, Sendable {
    /// Not where its SourceDisksNames/SourceDisksFiles entries put it.
    case missing
    /// A binary (`.sys`, `.dll`, `.exe`…) that is not a PE image.
    case notPE
    /// A PE image built for none of the architectures that copy it.
    case wrongMachine
    /// A kernel driver whose PE subsystem is not native.
    case notNative
    /// A kernel driver that memory integrity (HVCI) will not load: a section both writable and
    /// executable, sections not page-aligned, or the import address table in executable code.
    case notMemoryIntegrityCompatible
}

/// A `DestinationDirs` entry: `section = dirid[, subdir]` or `DefaultDestDir = dirid[, subdir]`.
public struct DestinationDir: Hashable, Sendable {
    public var dirid: Int?
    public var diridText: String
    public var subdirectory: String
    public var line: INFLine
}

extension INFDocument {
    /// The lines of a file-list section.
    public func fileCopyEntries(inSection name: String) -> [FileCopyEntry] {
        lines(in: name).map(FileCopyEntry.init(line:))
    }

    /// Source disks for `architecture` (decorated entries override undecorated ones with the same id).
    /// With `templateArchitecture`, a template's `[SourceDisksNames.$ARCH$]` counts as the
    /// architecture's (stampinf renames it).
    public func sourceDisks(for architecture: Architecture?, templateArchitecture: Bool = false) -> [String: SourceDisk] {
        var result: [String: SourceDisk] = [:]
        var names = ["SourceDisksNames"]
        if let architecture { names.append("SourceDisksNames.\(architecture.rawValue)") }
        if templateArchitecture && architecture != nil { names.append("SourceDisksNames.$ARCH$") }
        for name in names {
            for line in lines(in: name) {
                guard let id = line.key?.trimmingWhitespace() else { continue }
                result[id] = SourceDisk(id: id, description: line.field(1) ?? "", path: line.field(4) ?? "", line: line)
            }
        }
        return result
    }

    /// Source files for `architecture`, keyed by lower-cased file name: `SourceDisksFiles.<arch>`
    /// entries win over `SourceDisksFiles`, as SetupAPI looks them up. With `templateArchitecture`,
    /// a template's `[SourceDisksFiles.$ARCH$]` counts as the architecture's.
    public func sourceDisksFiles(for architecture: Architecture?, templateArchitecture: Bool = false) -> [String: SourceDisksFile] {
        var result: [String: SourceDisksFile] = [:]
        var names = ["SourceDisksFiles"]
        if let architecture { names.append("SourceDisksFiles.\(architecture.rawValue)") }
        if templateArchitecture && architecture != nil { names.append("SourceDisksFiles.$ARCH$") }
        for name in names {
            guard let s = section(name) else { continue }
            for line in lines(of: s) {
                guard let file = line.key?.trimmingWhitespace(), !file.isEmpty else { continue }
                result[file.lowercased()] = SourceDisksFile(fileName: file, diskID: line.field(1) ?? "",
                                                            subdirectory: line.field(2) ?? "", line: line, sectionName: s.name)
            }
        }
        return result
    }

    /// `[DestinationDirs]` entries keyed by lower-cased section name (and `defaultdestdir`).
    public var destinationDirs: [String: DestinationDir] {
        var result: [String: DestinationDir] = [:]
        for line in lines(in: "DestinationDirs") {
            guard let key = line.key?.lowercased(), result[key] == nil else { continue }
            let text = (line.field(1) ?? "").trimmingWhitespace()
            result[key] = DestinationDir(dirid: IntegerField.parse(text).map { Int(Int32(bitPattern: $0)) }.flatMap { text.isEmpty ? nil : $0 },
                                         diridText: text, subdirectory: line.field(2) ?? "", line: line)
        }
        return result
    }

    /// Where a file-list section copies to: its own DestinationDirs entry, else DefaultDestDir.
    public func destination(forFileList section: String) -> DestinationDir? {
        let dirs = destinationDirs
        return dirs[section.lowercased()] ?? dirs["defaultdestdir"]
    }
}

import Foundation
