import Foundation
import GRDB

/// Registry operations on the sandbox database, inside a transaction (`Database` from GRDB).
/// Keys are case-insensitive and case-preserving; values keep their type number and bytes as given.
public struct RegistryStore {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// Records a staged file to move into place once this transaction has committed.
    func recordPendingMove(staged: String, final: String) throws {
        try db.execute(sql: "INSERT INTO pending_file(staged, final) VALUES (?, ?)", arguments: [staged, final])
    }

    static let schema = """
        CREATE TABLE regkey(
            id INTEGER PRIMARY KEY,
            parent INTEGER REFERENCES regkey(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            folded TEXT NOT NULL);
        CREATE UNIQUE INDEX regkey_child ON regkey(ifnull(parent, 0), folded);
        CREATE INDEX regkey_parent ON regkey(parent);
        CREATE TABLE regvalue(
            key INTEGER NOT NULL REFERENCES regkey(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            folded TEXT NOT NULL,
            type INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY(key, folded));
        CREATE TABLE pending_file(
            staged TEXT NOT NULL,
            final TEXT NOT NULL);
        """

    func child(of parent: Int64?, named name: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM regkey WHERE ifnull(parent, 0) = ? AND folded = ?"),
                           arguments: [parent ?? 0, RegistryPath.fold(name)])
    }

    /// The key's id, or nil when it does not exist.
    public func key(_ path: RegistryPath) throws -> Int64? {
        guard var id = try child(of: nil, named: path.root) else { return nil }
        for name in path.components {
            guard let next = try child(of: id, named: name) else { return nil }
            id = next
        }
        return id
    }

    /// Opens or creates the key (and its parents); returns its id.
    @discardableResult
    public func createKey(_ path: RegistryPath) throws -> Int64 {
        var id = try child(of: nil, named: path.root) ?? {
            try db.cachedStatement(sql: "INSERT INTO regkey(parent, name, folded) VALUES (NULL, ?, ?)").execute(arguments: [path.root, RegistryPath.fold(path.root)])
            return db.lastInsertedRowID
        }()
        for name in path.components {
            if let next = try child(of: id, named: name) { id = next; continue }
            try db.cachedStatement(sql: "INSERT INTO regkey(parent, name, folded) VALUES (?, ?, ?)").execute(arguments: [id, name, RegistryPath.fold(name)])
            id = db.lastInsertedRowID
        }
        return id
    }

    public func setValue(_ path: RegistryPath, _ value: RegistryValue) throws {
        let id = try createKey(path)
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO regvalue(key, name, folded, type, data) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [id, value.name, RegistryPath.fold(value.name), Int64(value.type), Data(value.data)])
    }

    public func value(_ path: RegistryPath, _ name: String) throws -> RegistryValue? {
        guard let id = try key(path) else { return nil }
        return try Row.fetchOne(db.cachedStatement(sql: "SELECT name, type, data FROM regvalue WHERE key = ? AND folded = ?"),
                                arguments: [id, RegistryPath.fold(name)]).map(Self.value(from:))
    }

    static func value(from row: Row) -> RegistryValue {
        RegistryValue(name: row["name"], type: UInt32(truncatingIfNeeded: row["type"] as Int64), data: [UInt8]((row["data"] as Data?) ?? Data()))
    }

    /// The key's values, sorted by name (case-insensitive).
    public func values(_ path: RegistryPath) throws -> [RegistryValue] {
        guard let id = try key(path) else { return [] }
        return try Row.fetchAll(db.cachedStatement(sql: "SELECT name, type, data FROM regvalue WHERE key = ? ORDER BY folded"), arguments: [id]).map(Self.value(from:))
    }

    /// The names of the key's subkeys, sorted case-insensitively.
    public func subkeys(_ path: RegistryPath) throws -> [String] {
        guard let id = try key(path) else { return [] }
        return try String.fetchAll(db.cachedStatement(sql: "SELECT name FROM regkey WHERE ifnull(parent, 0) = ? ORDER BY folded"), arguments: [id])
    }

    /// Deletes a value; returns whether it existed.
    @discardableResult
    public func deleteValue(_ path: RegistryPath, _ name: String) throws -> Bool {
        guard let id = try key(path) else { return false }
        try db.cachedStatement(sql: "DELETE FROM regvalue WHERE key = ? AND folded = ?").execute(arguments: [id, RegistryPath.fold(name)])
        return db.changesCount > 0
    }

    /// Deletes a key with all its subkeys and values; returns whether it existed.
    @discardableResult
    public func deleteKey(_ path: RegistryPath) throws -> Bool {
        guard !path.components.isEmpty, let id = try key(path) else { return false }
        try db.cachedStatement(sql: "DELETE FROM regkey WHERE id = ?").execute(arguments: [id])
        return true
    }

    /// Every key under `path` (itself first), depth first, subkeys sorted case-insensitively.
    public func tree(_ path: RegistryPath) throws -> [RegistryPath] {
        guard try key(path) != nil else { return [] }
        var result: [RegistryPath] = [path]
        for name in try subkeys(path) { result += try tree(path.appending(name)) }
        return result
    }
}
