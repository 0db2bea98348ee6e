import DeviceSandbox
import Foundation

/// `pnputil /enum-classes [/class <name | GUID>] [/services]` (Windows 11 22H2): the setup classes
/// under `Control\Class`, by GUID; `/services` adds the class filter services. Layout [?]: labels as
/// pnputil's other listings name the same things, values at column 24.
enum PnPUtilClasses {
    static let column = 24

    static func enumerate(_ options: PnPUtil.Options, sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        do {
            var classes = try Devices.setupClasses(sandbox)
            if let wanted = options.values["/class"] {
                classes = classes.filter { PnPUtilDeviceFilter.same($0.name, wanted) || PnPUtilDeviceFilter.sameGuid($0.guid, wanted) }
            }
            if classes.isEmpty { run.line("No device classes were found on the system.") }
            for c in classes {
                run.field("Class GUID:", c.guid.lowercased(), column: column)
                run.field("Class Name:", c.name, column: column)
                run.field("Class Description:", c.description, column: column)
                if options.has("/services") {
                    run.list("Upper Filters:", c.upperFilters, column: column)
                    run.list("Lower Filters:", c.lowerFilters, column: column)
                }
                run.line()
            }
        } catch {
            run.fail("Failed to enumerate device classes", error)
        }
        return run
    }
}
