import DeviceSandbox
import Foundation

/// pnputil's device commands: enumerate, disable, enable, restart, remove, scan.
enum PnPUtilDevices {
    static let column = 28

    static func enumerate(_ options: PnPUtil.Options, sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        do {
            var rows = try Devices.summaries(sandbox)
            if let id = options.values["/instanceid"] { rows = rows.filter { $0.device.instanceID.caseInsensitiveCompare(id) == .orderedSame } }
            if options.has("/problem") {
                let code = options.values["/problem"].flatMap { Int($0) ?? ($0.lowercased().hasPrefix("0x") ? Int($0.dropFirst(2), radix: 16) : nil) }
                rows = rows.filter { $0.device.problem != 0 && (code == nil || $0.device.problem == code) }
            }
            if options.has("/connected") { rows = rows.filter { $0.device.present } }
            if options.has("/disconnected") { rows = rows.filter { !$0.device.present } }
            if let wanted = options.values["/class"] {
                rows = rows.filter { wanted.caseInsensitiveCompare($0.className) == .orderedSame || wanted.caseInsensitiveCompare($0.classGuid) == .orderedSame }
            }
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
                if options.has("/ids") {
                    list("Hardware IDs:", device.hardwareIDs, &run)
                    list("Compatible IDs:", device.compatibleIDs, &run)
                }
                if options.has("/drivers") { matchingDrivers(device, sandbox: sandbox, &run) }
                run.line()
            }
        } catch {
            run.fail("Failed to enumerate devices", error)
        }
        return run
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

    static func list(_ label: String, _ ids: [String], _ run: inout ToolRun) {
        guard let first = ids.first else { return }
        run.field(label, first, column: column)
        for id in ids.dropFirst() { run.line(String(repeating: " ", count: column) + id) }
    }

    /// `Started`, `Disabled`, `Problem`; a device waiting for a reboot is a problem too (Code 14).
    static func status(_ device: DeviceNode) -> String {
        if device.disabled { return "Disabled" }
        if !device.present { return "Disconnected" }
        return device.isStarted ? "Started" : "Problem"
    }

    static func change(_ verb: String, _ options: PnPUtil.Options, sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        guard let id = options.positional.first, options.positional.count == 1 else { return PnPUtil.usage(run) }
        let (doing, done): (String, String) = switch verb {
        case "disable-device": ("Disabling device:", "Device disabled successfully.")
        case "enable-device": ("Enabling device:", "Device enabled successfully.")
        case "restart-device": ("Restarting device:", "Device restarted successfully.")
        default: ("Removing device:", "Device removed successfully.")
        }
        run.field(doing, id, column: column)
        do {
            var reboot = false
            switch verb {
            case "disable-device": _ = try Devices.setDisabled(true, id, sandbox: sandbox)
            case "enable-device": reboot = try Devices.setDisabled(false, id, sandbox: sandbox).rebootNeeded
            case "restart-device": reboot = try Devices.restart(id, sandbox: sandbox).rebootNeeded
            default: _ = try Devices.remove(id, subtree: options.has("/subtree"), sandbox: sandbox)
            }
            run.line(done)
            if reboot {
                run.line("System reboot is needed to complete configuration operations!")
                run.exitCode = PnPUtil.errorSuccessRebootRequired
            }
        } catch {
            run.fail("Failed to \(verb.replacingOccurrences(of: "-device", with: "")) device", error)
        }
        return run
    }

    /// `/scan-devices`: devices without a driver get the best one in the store (Hardware initiated installs).
    static func scan(_ options: PnPUtil.Options, sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        run.line("Scanning for device hardware changes.")
        do {
            var ids = try Devices.all(sandbox).filter { $0.packageID == nil }.map(\.instanceID)
            if let one = options.values["/instanceid"] { ids = ids.filter { $0.caseInsensitiveCompare(one) == .orderedSame } }
            let outcome = try Devices.installDrivers(instanceIDs: ids, sandbox: sandbox)
            run.line("Scan complete.")
            if outcome.rebootNeeded {
                run.line("System reboot is needed to complete configuration operations!")
                run.exitCode = PnPUtil.errorSuccessRebootRequired
            }
        } catch {
            run.fail("Failed to scan devices", error)
        }
        return run
    }
}
