import DeviceSandbox
import Foundation

/// pnputil's device commands: enumerate, disable, enable, restart, remove, scan.
///
/// Layouts marked [?] have no source drvkit could check; the others follow installer.md §2 and, for
/// interfaces, parents and extension drivers, real pnputil output quoted in public repositories.
enum PnPUtilDevices {
    static let column = 28

    static func enumerate(_ options: PnPUtil.Options, sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        do {
            let all = try Devices.summaries(sandbox)
            let rows = all.filter(PnPUtilDeviceFilter(options).matches)
            let interfaces = options.has("/interfaces") ? try Devices.interfaces(sandbox) : []
            if rows.isEmpty { run.line("No devices were found on the system.") }
            for row in rows {
                let (device, package, className, classGuid) = (row.device, row.package, row.className, row.classGuid)
                run.field("Instance ID:", device.instanceID, column: column)
                run.field("Device Description:", device.description, column: column)
                if !className.isEmpty { run.field("Class Name:", className, column: column) }
                if !classGuid.isEmpty { run.field("Class GUID:", classGuid, column: column) }
                if let package { run.field("Manufacturer Name:", row.manufacturer ?? package.provider, column: column) }
                run.field("Status:", status(device), column: column)
                if device.problem != 0 && !device.disabled {
                    run.field("Problem Code:", "\(device.problem) (0x\(String(device.problem, radix: 16, uppercase: true))) [\(ProblemCode.symbol(device.problem))]", column: column)
                    if device.problemStatus != 0 { run.field("Problem Status:", "0x" + String(format: "%08X", device.problemStatus), column: column) }
                }
                if let package { run.field("Driver Name:", package.publishedName, column: column) }
                run.list("Extension Driver Names:", row.extensions.map(\.publishedName), column: column)
                if options.has("/bus") { run.field("Bus Enumerator Name:", PnPUtilDeviceFilter.enumerator(of: device), column: column) }
                if options.has("/ids") || options.has("/deviceids") {
                    run.list("Hardware IDs:", device.hardwareIDs, column: column)
                    run.list("Compatible IDs:", device.compatibleIDs, column: column)
                }
                if options.has("/relations") { relations(device, all: all, &run) }
                if options.has("/services") || options.has("/stack") {
                    let stack = try Devices.stack(of: device, sandbox)
                    if options.has("/services") { run.list("Services:", stack.servicesTopDown, column: column) }
                    if options.has("/stack") { run.list("Stack:", stackDrivers(stack, device), column: column) }
                }
                if options.has("/interfaces") { deviceInterfaces(interfaces.filter { PnPUtilDeviceFilter.same($0.instanceID, device.instanceID) }, device, &run) }
                if options.has("/drivers") { matchingDrivers(device, sandbox: sandbox, &run) }
                run.line()
            }
        } catch {
            run.fail("Failed to enumerate devices", error)
        }
        return run
    }

    /// `/relations` [?]: the parent (`HTREE\ROOT\0`, the root devnode, for a device added without
    /// one) and the children.
    static func relations(_ device: DeviceNode, all: [Devices.Summary], _ run: inout ToolRun) {
        run.field("Parent:", device.parent ?? "HTREE\\ROOT\\0", column: column)
        run.list("Children:", all.map(\.device).filter { $0.parent.map { PnPUtilDeviceFilter.same($0, device.instanceID) } ?? false }.map(\.instanceID), column: column)
    }

    /// `/stack` [?]: the drivers of the device's stack, top down, as `\Driver\name`; a root-enumerated
    /// device's physical device object belongs to the PnP manager.
    static func stackDrivers(_ stack: DeviceStack, _ device: DeviceNode) -> [String] {
        let bus = PnPUtilDeviceFilter.same(PnPUtilDeviceFilter.enumerator(of: device), "ROOT") ? ["PnpManager"] : []
        return (stack.servicesTopDown + bus).map { "\\Driver\\" + $0 }
    }

    /// `/interfaces`: the device's interfaces, laid out as `/enum-interfaces` lays them out, indented
    /// under the device (observed layout; the `Interfaces:` heading is drvkit's [?]).
    static func deviceInterfaces(_ interfaces: [DeviceInterface], _ device: DeviceNode, _ run: inout ToolRun) {
        guard !interfaces.isEmpty else { return }
        run.line("Interfaces:")
        for interface in interfaces {
            PnPUtilInterfaces.describe(interface, enabled: device.isStarted && !device.disabled, indent: 4, column: column, withDevice: false, &run)
            run.line()
        }
    }

    /// `/drivers`: the device's driver nodes, best first, marked best ranked and installed [?].
    static func matchingDrivers(_ device: DeviceNode, sandbox: Sandbox, _ run: inout ToolRun) {
        let nodes = (try? Devices.driverNodes(of: device.instanceID, sandbox)) ?? []
        guard !nodes.isEmpty else { return }
        run.line("Matching Drivers:")
        for (n, node) in nodes.enumerated() {
            let p = node.package
            let indent = String(repeating: " ", count: 4)
            func field(_ label: String, _ value: String) { run.field(indent + label, value, column: column) }
            field("Driver Name:", p.publishedName)
            field("Original Name:", p.originalName.lowercased())
            field("Provider Name:", p.provider)
            field("Class Name:", ClassNames.description(ofGuid: p.classGuid, fallback: p.className, sandbox))
            field("Class GUID:", p.classGuid)
            field("Driver Version:", "\(p.displayDate) \(p.driverVersion)")
            if let signer = p.signer { field("Signer Name:", signer) }
            field("Matching Device ID:", node.matchingID.lowercased())
            field("Driver Rank:", String(format: "%08X", node.rank))
            let status = [n == 0 ? "Best Ranked" : nil, node.isCurrent ? "Installed" : nil].compactMap { $0 }
            field("Driver Status:", status.isEmpty ? "Outranked" : status.joined(separator: " / "))
            run.line()
        }
    }

    /// `Started`, `Disabled`, `Problem`; a device waiting for a reboot is a problem too (Code 14).
    static func status(_ device: DeviceNode) -> String {
        if device.disabled { return "Disabled" }
        if !device.present { return "Disconnected" }
        return device.isStarted ? "Started" : "Problem"
    }

    /// `/disable-device`, `/enable-device`, `/restart-device`, `/remove-device`: one device by instance ID,
    /// or every device `/deviceid`, `/class` and `/bus` select (Windows 11 21H2 and 22H2 syntax).
    static func change(_ verb: String, _ options: PnPUtil.Options, sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        let filter = PnPUtilDeviceFilter(options, instanceID: options.positional.first)
        guard options.positional.count <= 1, filter.selectsSomething else { return PnPUtil.usage(run) }
        let (doing, done): (String, String) = switch verb {
        case "disable-device": ("Disabling device:", "Device disabled successfully.")
        case "enable-device": ("Enabling device:", "Device enabled successfully.")
        case "restart-device": ("Restarting device:", "Device restarted successfully.")
        default: ("Removing device:", "Device removed successfully.")
        }
        var targets: [String]
        if let id = options.positional.first, filter.deviceID == nil && filter.setupClass == nil && filter.bus == nil {
            targets = [id]   // an unknown instance ID fails below, as pnputil reports it
        } else {
            do { targets = try Devices.summaries(sandbox).filter(filter.matches).map(\.device.instanceID) } catch {
                run.fail("Failed to \(verb.replacingOccurrences(of: "-device", with: "")) device", error)
                return run
            }
            if targets.isEmpty { run.line("No devices were found on the system."); return run }
        }
        var reboot = false, lastError: UInt32 = 0
        for (n, id) in targets.enumerated() {
            if n > 0 { run.line() }
            run.field(doing, id, column: column)
            do {
                switch verb {
                case "disable-device": _ = try Devices.setDisabled(true, id, sandbox: sandbox)
                case "enable-device": reboot = try Devices.setDisabled(false, id, sandbox: sandbox).rebootNeeded || reboot
                case "restart-device": reboot = try Devices.restart(id, sandbox: sandbox).rebootNeeded || reboot
                default:
                    // A device an earlier `/subtree` removal took with its parent is gone already.
                    if n > 0, (try? Devices.device(id, sandbox)) == nil { break }
                    _ = try Devices.remove(id, subtree: options.has("/subtree"), sandbox: sandbox)
                }
                run.line(done)
            } catch {
                run.fail("Failed to \(verb.replacingOccurrences(of: "-device", with: "")) device", error)
                lastError = run.exitCode
            }
        }
        run.exitCode = lastError
        if reboot { PnPUtil.finish(rebootFor: "configuration", options, sandbox: sandbox, &run) }
        return run
    }

    /// `/scan-devices`: devices without a driver get the best one in the store (Hardware initiated installs).
    /// The sandbox scans at once, so `/async` changes nothing.
    static func scan(_ options: PnPUtil.Options, sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        run.line("Scanning for device hardware changes.")
        do {
            var ids = try Devices.all(sandbox).filter { $0.packageID == nil }.map(\.instanceID)
            if let one = options.values["/instanceid"] { ids = ids.filter { $0.caseInsensitiveCompare(one) == .orderedSame } }
            let outcome = try Devices.installDrivers(instanceIDs: ids, sandbox: sandbox)
            run.line("Scan complete.")
            if outcome.rebootNeeded { PnPUtil.finish(rebootFor: "configuration", options, sandbox: sandbox, &run) }
        } catch {
            run.fail("Failed to scan devices", error)
        }
        return run
    }
}
