import Foundation
import GRDB
import SigningPolicy

/// Why a sandbox cannot be used.
public struct SandboxError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A simulated Windows machine in a folder: `sandbox.sqlite` (registry, and later devices and the
/// driver store) beside `C/`, the system drive. Changes go through `write`, one transaction each,
/// serialised between processes by a lock on the folder.
public final class Sandbox: @unchecked Sendable {
    public static let schemaVersion = 2
    public static let databaseName = "sandbox.sqlite"
    public let root: URL
    let database: DatabaseQueue

    /// `DIR/C`, the simulated system drive.
    public var systemDrive: URL { root.appendingPathComponent("C") }

    /// The machine profile's name, read when the sandbox is opened (it never changes).
    private let machineName: String

    init(root: URL, database: DatabaseQueue, machine: String) { self.root = root; self.database = database; self.machineName = machine }

    /// The sandbox folder a command uses: `--sandbox DIR`, else `DRVKIT_SANDBOX`, else `./.drvkit-sandbox`.
    public static func location(_ option: String?) -> String {
        option ?? ProcessInfo.processInfo.environment["DRVKIT_SANDBOX"] ?? ".drvkit-sandbox"
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(30)
        return config
    }

    /// Opens an existing sandbox, refusing one of another schema version.
    public static func open(at path: String) throws -> Sandbox {
        let root = URL(fileURLWithPath: path)
        let file = root.appendingPathComponent(databaseName)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw SandboxError("\(path): error: not a drvkit sandbox (run 'drvkit sandbox init \(path)')")
        }
        let queue: DatabaseQueue, version: String?, machine: String
        do {
            queue = try DatabaseQueue(path: file.path, configuration: configuration())
            version = try queue.read { try String.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'schema'") }
            machine = try queue.read { try String.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'machine'") } ?? "win11-24h2-x64"
        } catch let error as DatabaseError {
            throw SandboxError("\(path): error: cannot read the sandbox database \(databaseName): \(error.message ?? "\(error.resultCode)")")
        }
        guard version == String(schemaVersion) else {
            throw SandboxError("\(path): error: sandbox schema version \(version ?? "?") is not \(schemaVersion); make a new sandbox with this drvkit")
        }
        do { try DeviceTreeSchema.migrate(queue) } catch let error as DatabaseError {
            throw SandboxError("\(path): error: cannot update the sandbox database \(databaseName): \(error.message ?? "\(error.resultCode)")")
        }
        let sandbox = Sandbox(root: root, database: queue, machine: machine)
        try sandbox.withLock { try sandbox.recover() }
        return sandbox
    }

    /// Creates and seeds a sandbox in an empty or missing folder (built beside it and renamed in).
    public static func create(at path: String, machine: String) throws -> Sandbox {
        guard let profile = MachineProfile.named(machine) else {
            throw SandboxError("\(machine): error: unknown machine profile; one of: \(MachineProfile.all.map(\.name).joined(separator: ", "))")
        }
        let machine = profile.name
        let root = URL(fileURLWithPath: path).standardizedFileURL
        if FileManager.default.fileExists(atPath: root.path) {
            guard (try FileManager.default.contentsOfDirectory(atPath: root.path)).isEmpty else {
                throw SandboxError("\(path): error: the folder exists and is not empty")
            }
            try FileManager.default.removeItem(at: root)
        }
        let staging = root.deletingLastPathComponent().appendingPathComponent(".\(root.lastPathComponent).drvkit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            let queue = try DatabaseQueue(path: staging.appendingPathComponent(databaseName).path, configuration: configuration())
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                try db.execute(sql: RegistryStore.schema)
                try db.execute(sql: DeviceTreeSchema.sql)
                try BootConfiguration.seed(db, profile: profile)
                try db.execute(sql: "INSERT INTO meta VALUES ('schema', ?), ('machine', ?)", arguments: [String(schemaVersion), machine])
                try SandboxSeed.seed(RegistryStore(db), machine: machine)
            }
            try queue.close()
            for folder in SandboxSeed.folders { try FileManager.default.createDirectory(at: staging.appendingPathComponent("C/" + folder), withIntermediateDirectories: true) }
            try FileManager.default.moveItem(at: staging, to: root)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        return try open(at: root.path)
    }

    /// The machine profile the sandbox was made for.
    public func machine() throws -> String { machineName }

    /// The machine profile, with its Windows version and architecture.
    public func profile() throws -> MachineProfile {
        let name = try machine()
        guard let profile = MachineProfile.named(name) else { throw SandboxError("\(root.path): error: unknown machine profile '\(name)'") }
        return profile
    }

    /// Runs `body` in one transaction, holding the sandbox's lock so commands do not interleave.
    /// Files the body staged (see ``FileTransaction``) are moved into place after the commit.
    public func write<T>(_ body: (RegistryStore) throws -> T) throws -> T {
        try withLock {
            let result: T
            do {
                result = try database.write { db in try body(RegistryStore(db)) }
            } catch {
                try? recover()   // rolled back: its staged files go
                throw error
            }
            try recover()
            return result
        }
    }

    /// Staged files and their moves: finishes the moves a committed transaction recorded, and
    /// removes staging left by transactions that never committed (a crash before the commit).
    func recover() throws {
        let pending = try database.read { try Row.fetchAll($0, sql: "SELECT rowid, staged, final FROM pending_file ORDER BY rowid") }
        for row in pending {
            let staged: String = row["staged"], final: String = row["final"]
            let stagedURL = root.appendingPathComponent(staged), finalURL = root.appendingPathComponent(final)
            if staged.isEmpty {
                // A deletion: done already when the file is gone (a crash after it, before the row went).
                if unlink(finalURL.path) != 0 && errno != ENOENT { throw SandboxError("\(root.path): error: cannot delete \(final)") }
                removeEmptyStoreFolders(above: finalURL)
            } else if FileManager.default.fileExists(atPath: stagedURL.path) {
                // A staged file, or a live file being renamed: absent when the move already happened.
                try FileManager.default.createDirectory(at: finalURL.deletingLastPathComponent(), withIntermediateDirectories: true)
                if rename(stagedURL.path, finalURL.path) != 0 { throw SandboxError("\(root.path): error: cannot move \(staged) to \(final)") }
            }
            try database.write { try $0.execute(sql: "DELETE FROM pending_file WHERE rowid = ?", arguments: [row["rowid"] as Int64]) }
        }
        let staging = root.appendingPathComponent(FileTransaction.stagingFolder)
        if FileManager.default.fileExists(atPath: staging.path) { try FileManager.default.removeItem(at: staging) }
    }

    /// A deleted driver-store file's folders go when they are empty (a deleted package leaves nothing).
    private func removeEmptyStoreFolders(above file: URL) {
        let repository = root.appendingPathComponent("C/Windows/System32/DriverStore/FileRepository").standardizedFileURL.path
        var folder = file.deletingLastPathComponent().standardizedFileURL
        while folder.path.hasPrefix(repository + "/"), rmdir(folder.path) == 0 { folder.deleteLastPathComponent() }
    }

    public func read<T>(_ body: (RegistryStore) throws -> T) throws -> T {
        try database.read { db in try body(RegistryStore(db)) }
    }

    /// An exclusive advisory lock on `DIR/.lock` for the duration of `body`.
    func withLock<T>(_ body: () throws -> T) throws -> T {
        let fd = Foundation.open(root.appendingPathComponent(".lock").path, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw SandboxError("\(root.path): error: cannot lock the sandbox") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw SandboxError("\(root.path): error: cannot lock the sandbox") }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
