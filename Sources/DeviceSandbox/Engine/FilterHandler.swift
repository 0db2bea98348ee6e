import GRDB
import INFModel

/// `AddFilter = FilterName, [flags], filter-install-section` in a `DDInstall.Filters` section
/// (Windows 10 1903+, "INF AddFilter Directive"): the service joins the device's stack as a
/// declarative filter, at the `FilterLevel` the device's base INF defines or at the `FilterPosition`
/// (Upper or Lower) given. ``DeviceStack`` merges them with the UpperFilters/LowerFilters values.
enum FilterHandler {
    /// Registers the declarative filters of `section` (none when it is absent) for the device: in place
    /// of those it had (`replacing`, a base driver's install) or after them (an extension INF's).
    static func register(_ section: String, instanceID: String, replacing: Bool, _ context: InstallContext, _ registry: RegistryStore) throws {
        if replacing { try registry.db.execute(sql: "DELETE FROM device_filter WHERE device = ?", arguments: [instanceID]) }
        var ordinal = try Int.fetchOne(registry.db, sql: "SELECT ifnull(max(ordinal) + 1, 0) FROM device_filter WHERE device = ?",
                                       arguments: [instanceID]) ?? 0
        for line in context.document.lines(in: section) {
            guard line.key?.caseInsensitiveCompare("AddFilter") == .orderedSame else {
                if let key = line.key { context.skip(line, "\(key) is not a directive of a .Filters section; the line is skipped") }
                continue
            }
            let filter = AddFilterDirective(line: line, in: context.document)
            if let problem = filter.problem {
                context.skip(line, "AddFilter: \(problem); the line is skipped")
                continue
            }
            let (service, level, position) = (filter.service, filter.level, filter.position?.rawValue)
            try registry.db.execute(sql: "INSERT INTO device_filter VALUES (?, ?, ?, ?, ?)",
                                    arguments: [instanceID, service, position, level, ordinal])
            ordinal += 1
            context.note("     dvi: Filter \(service) registered \(level.map { "at level \($0)" } ?? "as \(position!) filter")")
        }
    }
}
