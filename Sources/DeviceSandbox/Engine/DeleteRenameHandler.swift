import Foundation
import INFModel

/// DelFiles and RenFiles (installer.md §7): file-list sections whose entries are deleted or renamed
/// in their DestinationDirs folder, queued in the install's ``FileQueue``. DIRID 13 (the driver
/// store) is refused, as Windows refuses it.
enum DeleteRenameHandler {
    /// The folder a DelFiles/RenFiles list works in, or nil (logged) when it cannot be used.
    static func folder(forList list: String, line: INFLine, _ context: InstallContext, _ env: CopyFilesHandler.Environment) throws -> String? {
        let dir = context.document.destination(forFileList: list)
        if dir?.dirid == 13 {
            context.skip(line, "[\(list)] is in DIRID 13 (the driver store), where files are never deleted or renamed; skipped")
            return nil
        }
        guard let folder = CopyFilesHandler.folder(dir, context, env) else {
            throw context.fail(line, "DestinationDirs gives DIRID \(dir?.diridText ?? "?"), which the sandbox does not know", error: CopyFilesHandler.errorAccessDenied)
        }
        return folder
    }

    /// `DelFiles=list[,list…]`: each entry `file[,,,flags]` deleted if present.
    static func delFiles(_ line: INFLine, _ context: InstallContext, _ env: CopyFilesHandler.Environment) throws {
        for (index, list) in line.fields.enumerated() where !list.isEmpty {
            guard context.document.hasSection(list) else { context.skip(line, field: index + 1, "DelFiles names [\(list)], which does not exist"); continue }
            guard let folder = try folder(forList: list, line: line, context, env) else { continue }
            for entry in context.document.lines(in: list) {
                guard let name = entry.fields.first, !name.isEmpty else { continue }
                let (windowsPath, relative) = try CopyFilesHandler.target(name, in: folder, line: entry, fieldNumber: 1, context, env)
                env.queue.queue(FileQueue.Delete(target: relative, windowsPath: windowsPath))
            }
        }
    }

    /// `RenFiles=list[,list…]`: each entry `new-name,old-name` renamed in place.
    static func renFiles(_ line: INFLine, _ context: InstallContext, _ env: CopyFilesHandler.Environment) throws {
        for (index, list) in line.fields.enumerated() where !list.isEmpty {
            guard context.document.hasSection(list) else { context.skip(line, field: index + 1, "RenFiles names [\(list)], which does not exist"); continue }
            guard let folder = try folder(forList: list, line: line, context, env) else { continue }
            for entry in context.document.lines(in: list) {
                guard entry.fields.count >= 2, !entry.fields[0].isEmpty, !entry.fields[1].isEmpty else {
                    context.skip(entry, "a RenFiles entry needs 'new-name,old-name'; skipped")
                    continue
                }
                let new = try CopyFilesHandler.target(entry.fields[0], in: folder, line: entry, fieldNumber: 1, context, env)
                let old = try CopyFilesHandler.target(entry.fields[1], in: folder, line: entry, fieldNumber: 2, context, env)
                env.queue.queue(FileQueue.Rename(from: old.relative, to: new.relative, windowsFrom: old.windowsPath, windowsTo: new.windowsPath, line: entry))
            }
        }
    }
}
