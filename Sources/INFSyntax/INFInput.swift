import Foundation

/// Why a path could not be read as an INF file, or written (CLI exit code 3).
public struct INFInputError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        case notFound, isDirectory, unreadable(String), binary, notAnINF, tooLarge, unwritable(String)
    }
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) { self.path = path; self.reason = reason }

    public var description: String { "\(path): error: \(message)" }

    /// What is wrong, without the path.
    public var message: String {
        switch reason {
        case .notFound: return "no such file"
        case .isDirectory: return "is a directory, not an INF file"
        case .unreadable(let why): return "cannot read: \(why)"
        case .binary: return "binary data, not an INF file"
        case .notAnINF: return "not an INF file (no [section] header)"
        case .tooLarge: return "too large for an INF file (over \(SyntaxTree.maxFileBytes >> 20) MiB)"
        case .unwritable(let why): return "cannot write: \(why)"
        }
    }

    /// The system's reason for a failed file operation in plain words: the POSIX error under
    /// Foundation's (whose own text names temporary files and error domains).
    public static func reason(of error: Error) -> String {
        if let posix = ((error as? CocoaError)?.underlying as? POSIXError) ?? (error as? POSIXError) {
            return String(cString: strerror(posix.code.rawValue))
        }
        return (error as NSError).localizedDescription
    }
}

/// Reading INF files from disk, refusing what is not text or not an INF.
public enum INFInput {
    /// Reads and parses the INF at `path`.
    public static func load(path: String, ansiCodePage: Int = 1252) throws -> SyntaxTree {
        try parse(try readBytes(path: path), path: path, ansiCodePage: ansiCodePage)
    }

    /// Parses bytes already read from `path` (``readBytes(path:)``), refusing them as ``load(path:ansiCodePage:)`` does.
    public static func parse(_ bytes: [UInt8], path: String, ansiCodePage: Int = 1252) throws -> SyntaxTree {
        let tree = SyntaxTree(bytes: bytes, ansiCodePage: ansiCodePage)
        if looksBinary(tree) { throw INFInputError(path: path, reason: .binary) }
        if !tree.lines.contains(where: { $0.kind == .sectionHeader || $0.kind == .badSectionHeader }) {
            throw INFInputError(path: path, reason: .notAnINF)
        }
        return tree
    }

    /// The bytes of a regular file.
    public static func readBytes(path: String) throws -> [UInt8] {
        // One stat(2) for existence, kind and size (FileManager's attribute dictionary costs far more).
        var info = stat()
        guard stat(path, &info) == 0 else { throw INFInputError(path: path, reason: .notFound) }
        if info.st_mode & S_IFMT == S_IFDIR { throw INFInputError(path: path, reason: .isDirectory) }
        if info.st_size > SyntaxTree.maxFileBytes { throw INFInputError(path: path, reason: .tooLarge) }
        // A pipe or device (`<(stampinf …)`, /dev/stdin) has no size to read up to: read to its end.
        if info.st_mode & S_IFMT != S_IFREG { return try readStream(path: path) }
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw INFInputError(path: path, reason: .unreadable(INFInputError.reason(of: error)))
        }
    }

    /// Text has few NULs and control characters (an INF may hold a stray one); executables,
    /// archives and images are full of them.
    static func looksBinary(_ tree: SyntaxTree) -> Bool {
        let units = tree.source.units
        let sample = units.prefix(8192)
        guard !sample.isEmpty else { return false }
        var control = 0
        for u in sample {
            if u < 0x20 && u != 0x09 && u != 0x0A && u != 0x0D && u != 0x0C && u != 0x1A { control += 1 }
            if u >= 0xDC80 && u <= 0xDCFF, case .utf8 = tree.source.encoding { control += 1 }
        }
        return control * 10 > sample.count
    }

    /// Whether `path`, links followed, is a regular file, or nothing at all (a dangling link, which
    /// is then reported as missing when read). Folder scans and wildcards take only these: reading
    /// a FIFO that happens to be named `x.inf` would block.
    public static func isRegularFileOrMissing(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) != 0 || info.st_mode & S_IFMT == S_IFREG
    }

    /// The bytes of a pipe or device, read until its end (at most the size of the largest INF).
    static func readStream(path: String) throws -> [UInt8] {
        let unreadable = { INFInputError(path: path, reason: .unreadable(String(cString: strerror(errno)))) }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw unreadable() }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw unreadable()
            }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > SyntaxTree.maxFileBytes { throw INFInputError(path: path, reason: .tooLarge) }
        }
    }

    /// Writes `bytes` to `path` through a temporary file in the same folder and a rename,
    /// so the file is either fully old or fully new. A symbolic link is written through (the
    /// link stays, its target is replaced); a device or pipe (`/dev/null`, `/dev/stdout`, a FIFO)
    /// is written to directly: renaming over it would replace the device with a regular file.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        var info = stat()
        if stat(url.path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG {
            guard info.st_mode & S_IFMT != S_IFDIR else { throw INFInputError(path: path, reason: .unwritable("is a directory")) }
            return try writeStream(bytes, to: url.path, reported: path)
        }
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).drvkit-\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try Data(bytes).write(to: temp)
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            if let permissions = attributes?[.posixPermissions] {
                try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temp.path)
            }
            if rename(temp.path, url.path) != 0 {
                throw INFInputError(path: path, reason: .unwritable(String(cString: strerror(errno))))
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error as? INFInputError ?? INFInputError(path: path, reason: .unwritable(INFInputError.reason(of: error)))
        }
    }

    /// Writes `bytes` to a device or pipe as it is, in as many writes as it takes.
    static func writeStream(_ bytes: [UInt8], to path: String, reported: String) throws {
        let unwritable = { INFInputError(path: reported, reason: .unwritable(String(cString: strerror(errno)))) }
        let descriptor = open(path, O_WRONLY)
        guard descriptor >= 0 else { throw unwritable() }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                throw unwritable()
            }
            written += count
        }
    }
}
