import Foundation
import INFModel

/// CopyFiles (installer.md §7): each file from the INF's source media to its DestinationDirs folder
/// on the sandbox's C:, queued in the install's ``FileQueue``.
enum CopyFilesHandler {
    static let errorFileNotFound: UInt32 = 2
    static let errorAccessDenied: UInt32 = 5

    struct Environment {
        var sandboxRoot: URL
        var architecture: Architecture
        var queue: FileQueue
    }

    /// DIRID 13 of an INF installed with `install-section`: `FileRepository\<name>.inf_<arch>`.
    static func driverStoreFolder(infPath: String, architecture: Architecture) -> String {
        let name = ((infPath as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
        return DIRID.paths[13]! + "\\\(name).inf_\(architecture.rawValue)"
    }

    /// The Windows folder of a DestinationDirs entry (DIRID 13 is this INF's driver store folder).
    static func folder(_ dir: DestinationDir?, _ context: InstallContext, _ env: Environment) -> String? {
        guard let dir, let id = dir.dirid else { return DIRID.paths[11] }   // no DestinationDirs: System32
        var base: String
        if id == 13, let store = context.driverStoreFolder {
            base = store
        } else if id == -1 {
            base = ""
        } else {
            guard let known = DIRID.paths[id], !known.isEmpty else { return nil }
            base = known
        }
        let sub = dir.subdirectory.trimmingWhitespace()
        if !sub.isEmpty { base += (base.isEmpty ? "" : "\\") + sub }
        return base
    }

    static func copyFiles(_ line: INFLine, _ context: InstallContext, _ env: Environment) throws {
        let document = context.document
        let sources = document.sourceDisksFiles(for: env.architecture)
        let disks = document.sourceDisks(for: env.architecture)
        for (index, field) in line.fields.enumerated() where !field.isEmpty {
            switch CopyFilesItem(field) {
            case .file(let name):
                try copy(destination: name, source: name, flags: 0, dir: document.destinationDirs["defaultdestdir"],
                         line: line, fieldNumber: index + 1, context, env, sources, disks)
            case .section(let list):
                guard document.hasSection(list) else { context.skip(line, field: index + 1, "CopyFiles names [\(list)], which does not exist"); continue }
                let dir = document.destination(forFileList: list)
                for entry in document.fileCopyEntries(inSection: list) where !entry.destinationName.isEmpty {
                    try copy(destination: entry.destinationName, source: entry.sourceName, flags: entry.flags ?? 0, dir: dir,
                             line: entry.line, fieldNumber: 1, context, env, sources, disks)
                }
            }
        }
    }

    static func copy(destination: String, source: String, flags: UInt32, dir: DestinationDir?, line: INFLine, fieldNumber: Int,
                     _ context: InstallContext, _ env: Environment,
                     _ sources: [String: SourceDisksFile], _ disks: [String: SourceDisk]) throws {
        guard let folder = folder(dir, context, env) else {
            throw context.fail(line, field: fieldNumber, "DestinationDirs gives DIRID \(dir?.diridText ?? "?"), which the sandbox does not know", error: errorAccessDenied)
        }
        let (windowsPath, relative) = try target(destination, in: folder, line: line, fieldNumber: fieldNumber, context, env)
        // The source: SourceDisksNames path + SourceDisksFiles subdirectory, next to the INF.
        var parts: [String] = []
        if let entry = sources[source.lowercased()] {
            if let disk = disks[entry.diskID.trimmingWhitespace()] { parts.append(disk.path) }
            parts.append(entry.subdirectory)
        }
        let components = (parts + [source]).flatMap { $0.split(whereSeparator: { $0 == "\\" || $0 == "/" }) }.map(String.init)
        guard !components.contains("..") else {
            throw context.fail(line, field: fieldNumber, "the source path of \(source) leaves the INF's folder", error: errorAccessDenied)
        }
        let sourceURL = URL(fileURLWithPath: context.infPath).deletingLastPathComponent().appendingPathComponent(components.joined(separator: "/"))
        // A package installed from the driver store copying to DIRID 13: the file is already there.
        if sourceURL.standardizedFileURL.path == env.sandboxRoot.appendingPathComponent(relative).standardizedFileURL.path {
            env.queue.noteInPlace(windowsPath)
            context.note("     flq: '\(windowsPath)' is in the driver store already.")
            return
        }
        guard let data = FileManager.default.contents(atPath: sourceURL.path) else {
            if context.isIncludedINF {
                context.skip(line, field: fieldNumber, "\(source) of an included system INF comes from Windows' own driver store, which the sandbox does not hold; not copied")
                return
            }
            throw context.fail(line, field: fieldNumber, "source file \(components.joined(separator: "\\")) not found next to the INF", error: errorFileNotFound)
        }
        env.queue.queue(FileQueue.Copy(bytes: [UInt8](data), target: relative, windowsPath: windowsPath,
                                       sourceName: sourceURL.lastPathComponent, flags: flags))
    }

    /// The Windows path of `name` in `folder` and where it lands in the sandbox.
    static func target(_ name: String, in folder: String, line: INFLine, fieldNumber: Int,
                       _ context: InstallContext, _ env: Environment) throws -> (windowsPath: String, relative: String) {
        let windowsPath = folder.isEmpty ? name : folder + "\\" + name
        do { return (windowsPath, try FileTransaction.confine(windowsPath, root: env.sandboxRoot)) } catch let error as SandboxError {
            throw context.fail(line, field: fieldNumber, "\(name) would land at \(windowsPath): \(error.description)", error: errorAccessDenied)
        }
    }
}
