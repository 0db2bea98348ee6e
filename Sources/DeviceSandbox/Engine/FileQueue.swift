import Authenticode
import Foundation
import INFModel

/// The file operations of one install, committed as SetupAPI commits its file queue
/// (`SetupCommitFileQueue`): every deletion, then every rename, then every copy, each deciding
/// on the state the earlier ones left.
final class FileQueue {
    struct Copy { var bytes: [UInt8]; var target: String; var windowsPath: String; var sourceName: String; var flags: UInt32 }
    struct Delete { var target: String; var windowsPath: String }
    struct Rename { var from: String; var to: String; var windowsFrom: String; var windowsTo: String; var line: INFLine }

    static let noVersionCheck: UInt32 = 0x4, noOverwrite: UInt32 = 0x10, noVersionDialog: UInt32 = 0x20
    static let overwriteOlderOnly: UInt32 = 0x40, replaceOnly: UInt32 = 0x400

    private(set) var copies: [Copy] = []
    private(set) var deletes: [Delete] = []
    private(set) var renames: [Rename] = []
    let root: URL
    let files: FileTransaction
    /// What the committed operations so far made of a path (nil inside: deleted); absent: as on disk.
    private var view: [String: [UInt8]?] = [:]

    init(root: URL) { self.root = root; self.files = FileTransaction(root: root) }

    /// Files a copy would have written onto themselves (a driver store folder's own files).
    private(set) var inPlace: [String] = []

    func queue(_ copy: Copy) { copies.append(copy) }
    func noteInPlace(_ windowsPath: String) { inPlace.append(windowsPath) }
    func queue(_ delete: Delete) { deletes.append(delete) }
    func queue(_ rename: Rename) { renames.append(rename) }

    private func contents(_ relative: String) -> [UInt8]? {
        if let known = view[relative] { return known }
        return FileManager.default.contents(atPath: root.appendingPathComponent(relative).path).map { [UInt8]($0) }
    }

    private func exists(_ relative: String) -> Bool {
        if let known = view[relative] { return known != nil }
        return FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path)
    }

    /// Records every operation in `registry`'s transaction and logs what each did.
    func commit(_ context: InstallContext, _ registry: RegistryStore) throws {
        for delete in deletes where exists(delete.target) {
            try files.delete(delete.target, registry: registry)
            view[delete.target] = .some(nil)
            context.note("     flq: Deleting '\(delete.windowsPath)'.")
        }
        for rename in renames {
            guard exists(rename.from) else { context.skip(rename.line, "RenFiles: \(rename.windowsFrom) does not exist; not renamed"); continue }
            guard !exists(rename.to) else { context.skip(rename.line, "RenFiles: \(rename.windowsTo) already exists; \(rename.windowsFrom) not renamed"); continue }
            try files.rename(rename.from, to: rename.to, registry: registry)
            view[rename.to] = .some(contents(rename.from))
            view[rename.from] = .some(nil)
            context.note("     flq: Renaming '\(rename.windowsFrom)' to '\(rename.windowsTo)'.")
        }
        for copy in copies {
            if let reason = skipReason(copy) { context.note("     flq: '\(copy.windowsPath)' \(reason)."); continue }
            try files.stage(copy.bytes, at: copy.target, registry: registry)
            view[copy.target] = .some(copy.bytes)
            context.note("     flq: Copying '\(copy.sourceName)' to '\(copy.windowsPath)'.")
        }
    }

    /// Why the COPYFLG flags leave the target alone, or nil to copy. Versions come from the PE
    /// version resource; when either file has none, the version flags do not apply.
    func skipReason(_ copy: Copy) -> String? {
        guard exists(copy.target) else {
            return copy.flags & Self.replaceOnly != 0 ? "absent; not copied (COPYFLG_REPLACEONLY)" : nil
        }
        if copy.flags & Self.noOverwrite != 0 { return "exists; not overwritten (COPYFLG_NO_OVERWRITE)" }
        guard copy.flags & Self.noVersionCheck == 0, copy.flags & (Self.noVersionDialog | Self.overwriteOlderOnly) != 0,
              let existing = contents(copy.target).flatMap(Self.version), let incoming = Self.version(copy.bytes) else { return nil }
        if copy.flags & Self.overwriteOlderOnly != 0 && existing >= incoming {
            return "has version \(existing), not older than \(incoming); kept (COPYFLG_OVERWRITE_OLDER_ONLY)"
        }
        if copy.flags & Self.noVersionDialog != 0 && existing > incoming {
            return "has version \(existing), newer than \(incoming); kept (COPYFLG_NO_VERSION_DIALOG)"
        }
        return nil
    }

    static func version(_ bytes: [UInt8]) -> PEFileVersion? { (try? PEFile(bytes: bytes))?.fileVersion }
}
