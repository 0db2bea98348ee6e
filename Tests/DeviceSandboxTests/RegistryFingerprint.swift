import GRDB
@testable import DeviceSandbox

extension Sandbox {
    /// Every key and value of the registry in one string SQLite builds: equal before and after a
    /// failed install when nothing changed (cheaper than a snapshot per install).
    func registryFingerprint() throws -> String {
        try database.read { db in
            try String.fetchOne(db, sql: """
                SELECT (SELECT group_concat(id || ':' || ifnull(parent, 0) || ':' || name, '|') FROM (SELECT * FROM regkey ORDER BY id))
                    || '#' || (SELECT group_concat(key || ':' || name || ':' || type || ':' || hex(data), '|') FROM (SELECT * FROM regvalue ORDER BY key, folded))
                """) ?? ""
        }
    }
}
