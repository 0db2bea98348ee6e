import Foundation

/// Files an install writes, deletes or renames: recorded in the database transaction (new contents
/// staged under the sandbox) and carried out only once it commits, in the order recorded
/// (``Sandbox/recover()`` finishes them after a crash). A `pending_file` row is a move of a staged
/// file into place (`staged` under `.staging/`), a deletion (`staged` empty) or a rename of a live
/// file (`staged` is its path under `C/`).
public struct FileTransaction {
    static let stagingFolder = ".staging"
    let root: URL
    let id = UUID().uuidString

    /// Where a path of the simulated system drive lands, refusing anything that leaves `DIR/C`.
    public static func confine(_ windowsPath: String, root: URL) throws -> String {
        var path = windowsPath.replacingOccurrences(of: "/", with: "\\")
        if path.hasPrefix("\\\\") { throw SandboxError("UNC path '\(windowsPath)' is outside the sandbox") }
        if path.count >= 2, path[path.index(after: path.startIndex)] == ":" {
            guard path.lowercased().hasPrefix("c:") else { throw SandboxError("drive '\(path.prefix(2))' is not the sandbox's C:") }
            path = String(path.dropFirst(2))
        } else {
            throw SandboxError("'\(windowsPath)' is not an absolute C: path")
        }
        var parts: [String] = []
        for part in path.split(separator: "\\") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { throw SandboxError("'\(windowsPath)' leaves its folder with '..'") }
            parts.append(String(part))
        }
        let relative = (["C"] + parts).joined(separator: "/")
        // A symbolic link on the way could lead outside: resolve what exists and compare.
        let target = root.appendingPathComponent(relative)
        var existing = target
        while !FileManager.default.fileExists(atPath: existing.path) && existing.path.count > root.path.count { existing.deleteLastPathComponent() }
        let resolved = existing.resolvingSymlinksInPath().path
        let drive = root.appendingPathComponent("C").resolvingSymlinksInPath().path
        guard resolved == drive || resolved.hasPrefix(drive + "/") else { throw SandboxError("'\(windowsPath)' leads outside the sandbox through a symbolic link") }
        return relative
    }

    /// Stages `bytes` for `relative` (a path under the sandbox root) and records the move in `registry`'s transaction.
    /// Staged files sit flat in `.staging/` (one folder level, so staging costs no directory tree).
    func stage(_ bytes: [UInt8], at relative: String, registry: RegistryStore) throws {
        let staged = "\(Self.stagingFolder)/\(id)-\(UUID().uuidString)"
        let url = root.appendingPathComponent(staged)
        if mkdir(root.appendingPathComponent(Self.stagingFolder).path, 0o755) != 0 && errno != EEXIST {
            throw SandboxError("\(root.path): error: cannot create the staging folder")
        }
        try Data(bytes).write(to: url)
        try registry.recordPendingMove(staged: staged, final: relative)
    }

    /// Records the deletion of `relative` once the transaction commits.
    func delete(_ relative: String, registry: RegistryStore) throws {
        try registry.recordPendingMove(staged: "", final: relative)
    }

    /// Records the rename of `from` to `to` (both under `C/`) once the transaction commits.
    func rename(_ from: String, to: String, registry: RegistryStore) throws {
        try registry.recordPendingMove(staged: from, final: to)
    }
}
