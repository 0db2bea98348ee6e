import DeviceSandbox
import Foundation

/// devcon's read-only commands: find, findall, status, hwids, driverfiles, drivernodes, listclass, classes.
enum DevConQueries {
    /// Every device's setup class name, read in one transaction.
    static func classNames(_ sandbox: Sandbox) -> [String: String] {
        Dictionary(((try? Devices.summaries(sandbox)) ?? []).map { ($0.device.instanceID, $0.className) }, uniquingKeysWith: { a, _ in a })
    }

    /// The class lookup `=class` selections need (read only when the selection has one).
    static func classOf(_ args: [String], _ sandbox: Sandbox) -> (DeviceNode) -> String {
        guard args.first?.hasPrefix("=") == true else { return { _ in "" } }
        let classes = classNames(sandbox)
        return { classes[$0.instanceID] ?? "" }
    }

    static func run(_ command: String, _ args: [String], sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        guard !args.isEmpty else { return DevCon.invalidUse(command, run) }
        let devices: [DeviceNode]
        do { devices = try Devices.all(sandbox) } catch { return DevCon.failed(run) }
        if command == "listclass" { return listClass(args, devices, sandbox: sandbox, run) }
        let selected = DevConSelection.select(args, from: command == "find" ? devices.filter(\.present) : devices, classOf: classOf(args, sandbox))
        for device in selected {
            switch command {
            case "find", "findall":
                run.line(DevCon.deviceLine(device))
            case "status":
                run.line(device.instanceID)
                run.line(DevCon.padding(1) + "Name: " + device.description)
                if device.disabled { run.line(DevCon.padding(1) + "Device is disabled.") }
                else if device.problem != 0 { run.line(DevCon.padding(1) + String(format: "The device has the following problem: %02d", device.problem)) }
                else if device.isStarted { run.line(DevCon.padding(1) + "Driver is running.") }
                else { run.line(DevCon.padding(1) + "Device is currently stopped.") }
            case "hwids":
                run.line(device.instanceID)
                run.line(DevCon.padding(1) + "Name: " + device.description)
                if device.hardwareIDs.isEmpty && device.compatibleIDs.isEmpty {
                    run.line(DevCon.padding(1) + "No hardware/compatible IDs found for this device.")
                }
                if !device.hardwareIDs.isEmpty {
                    run.line(DevCon.padding(1) + "Hardware IDs:")
                    for id in device.hardwareIDs { run.line(DevCon.padding(2) + id) }
                }
                if !device.compatibleIDs.isEmpty {
                    run.line(DevCon.padding(1) + "Compatible IDs:")
                    for id in device.compatibleIDs { run.line(DevCon.padding(2) + id) }
                }
            case "driverfiles":
                run.line(device.instanceID)
                run.line(DevCon.padding(1) + "Name: " + device.description)
                guard let package = try? Devices.package(of: device, sandbox), let section = device.installSection else {
                    run.line(DevCon.padding(1) + "No driver information available for the device.")
                    continue
                }
                let files = (try? Devices.driverFiles(of: device, sandbox)) ?? []
                let inf = "C:\\Windows\\INF\\" + package.publishedName
                if files.isEmpty {
                    run.line(DevCon.padding(1) + "Driver installed from \(inf) [\(section)]. The driver is not using any files.")
                } else {
                    run.line(DevCon.padding(1) + "Driver installed from \(inf) [\(section)]. \(files.count) file(s) used by driver:")
                    for file in files { run.line(DevCon.padding(2) + file) }
                }
            case "stack":
                stack(device, sandbox: sandbox, &run)
            default:   // drivernodes
                run.line(DevCon.deviceLine(device))
                run.line(DevCon.padding(1) + "Name: " + device.description)
                let nodes = (try? Devices.driverNodes(of: device.instanceID, sandbox)) ?? []
                if nodes.isEmpty { run.line(DevCon.padding(1) + "No driver nodes found for this device.") }
                for (n, node) in nodes.enumerated() {
                    run.line(DevCon.padding(1) + "Driver node #\(n):")
                    let p2 = DevCon.padding(2)
                    run.line(p2 + "Inf file is C:\\Windows\\INF\\" + node.package.publishedName)
                    run.line(p2 + "Inf section is " + node.installSection)
                    run.line(p2 + "Driver description is " + node.description)
                    run.line(p2 + "Manufacturer name is " + node.manufacturer)
                    run.line(p2 + "Provider name is " + node.package.provider)
                    run.line(p2 + "Driver date is " + node.package.displayDate)
                    run.line(p2 + "Driver version is " + node.package.driverVersion)
                    run.line(p2 + "Driver node rank is \(node.rank)")
                    run.line(p2 + "Driver node flags are " + String(format: "%08X", node.flags))
                    if node.package.trusted { run.line(DevCon.padding(3) + "Inf is digitally signed") }
                }
            }
        }
        run.line(selected.isEmpty ? "No matching devices found." : "\(selected.count) matching device(s) found.")
        return run
    }

    /// The expected driver stack (devcon's dump.cpp): setup class, class and device filters, the controlling service.
    static func stack(_ device: DeviceNode, sandbox: Sandbox, _ run: inout ToolRun) {
        run.line(DevCon.deviceLine(device))
        run.line(DevCon.padding(1) + "Name: " + device.description)
        guard let stack = try? Devices.stack(of: device, sandbox), let guid = stack.classGuid else {
            run.line(DevCon.padding(1) + "Device is not set up.")
            return
        }
        run.line(DevCon.padding(1) + "Setup Class: \(guid) \(stack.className ?? "(?)")")
        func filters(_ title: String, _ names: [String]) {
            guard !names.isEmpty else { return }
            run.line(DevCon.padding(1) + title)
            for name in names { run.line(DevCon.padding(2) + name) }
        }
        filters("Upper class filters:", stack.upperClassFilters)
        filters("Upper filters:", stack.upperFilters)
        run.line(DevCon.padding(1) + "Controlling service:")
        run.line(DevCon.padding(2) + (stack.function ?? "(none)"))
        filters("Class lower filters:", stack.lowerClassFilters)
        filters("Lower filters:", stack.lowerFilters)
    }

    static func listClass(_ classes: [String], _ devices: [DeviceNode], sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        let known = (try? Devices.setupClasses(sandbox)) ?? []
        let classOfDevice = classNames(sandbox)
        for name in classes {
            guard let cls = known.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) else {
                run.line("There is no \"\(name)\" setup class on the local machine.")
                continue
            }
            let members = devices.filter { (classOfDevice[$0.instanceID] ?? "").caseInsensitiveCompare(cls.name) == .orderedSame }
            if members.isEmpty { run.line("There are no devices in setup class \"\(cls.name)\" (\(cls.description)).") }
            else { run.line("Listing \(members.count) devices in setup class \"\(cls.name)\" (\(cls.description)).") }
            for device in members { run.line(DevCon.deviceLine(device)) }
        }
        return run
    }

    static func classes(sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        guard let classes = try? Devices.setupClasses(sandbox) else { return DevCon.failed(run) }
        run.line("Listing \(classes.count) setup classes.")
        for c in classes { run.line(c.name.padding(toLength: max(20, c.name.count), withPad: " ", startingAt: 0) + ": " + c.description) }
        return run
    }
}
