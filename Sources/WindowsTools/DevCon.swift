import DeviceSandbox
import Foundation

/// `devcon` on a sandbox (installer.md §3), with the messages and layout of the Windows Driver
/// Kit's devcon sample: exit 0 done, 1 reboot needed, 2 failed (`devcon failed.`), 3 bad syntax.
public enum DevCon {
    static let exitOK: UInt32 = 0, exitReboot: UInt32 = 1, exitFail: UInt32 = 2, exitUsage: UInt32 = 3

    public static func run(_ arguments: [String]) -> ToolRun {
        let (path, allArgs) = SandboxArgument.split(arguments)
        var args = allArgs
        var run = ToolRun()
        while let first = args.first, first.hasPrefix("-"), first.count > 1 {
            let flag = first.lowercased()
            if flag == "-r" || flag == "-u" { args.removeFirst(); continue }
            if flag.hasPrefix("-m:") {
                run.line("devcon: remote machines are not supported by drvkit's sandbox.")
                return failed(run)
            }
            break
        }
        guard let command = args.first?.lowercased() else { return usage(run) }
        let rest = Array(args.dropFirst())
        if command == "help" || command == "/?" || command == "-?" { return help(run) }
        guard commands.contains(command) else { return usage(run) }
        let sandbox: Sandbox
        do { sandbox = try Sandbox.open(at: path) } catch {
            run.line("\(error)")
            return failed(run)
        }
        switch command {
        case "find", "findall", "status", "hwids", "driverfiles", "drivernodes", "listclass", "stack":
            return DevConQueries.run(command, rest, sandbox: sandbox, run)
        case "remove", "enable", "disable", "restart":
            return DevConChanges.run(command, rest, sandbox: sandbox, run)
        case "install", "update", "updateni":
            return DevConChanges.install(command, rest, sandbox: sandbox, run)
        case "rescan":
            run.line("Scanning for new hardware.")
            do {
                let ids = try Devices.all(sandbox).filter { $0.packageID == nil }.map(\.instanceID)
                let outcome = try Devices.installDrivers(instanceIDs: ids, sandbox: sandbox)
                run.line("Scanning completed.")
                if outcome.rebootNeeded { run.exitCode = exitReboot }
            } catch { return failed(run) }
            return run
        case "classes":
            return DevConQueries.classes(sandbox: sandbox, run)
        default:
            return DevConPackages.run(command, rest, sandbox: sandbox, run)
        }
    }

    static let commands: Set<String> = ["find", "findall", "status", "hwids", "driverfiles", "drivernodes", "listclass", "stack", "remove", "enable",
                                        "disable", "restart", "install", "update", "updateni", "rescan", "classes", "dp_add", "dp_delete", "dp_enum"]

    static func usage(_ start: ToolRun) -> ToolRun {
        var run = start
        run.line("devcon Usage: devcon [-r] [-m:\\\\<machine>] <command> [<arg>...]")
        run.line("For more information, type: devcon help")
        run.exitCode = exitUsage
        return run
    }

    static func invalidUse(_ command: String, _ start: ToolRun) -> ToolRun {
        var run = start
        run.line("devcon: Invalid use of \(command).")
        run.line("For more information, type: devcon help \(command)")
        run.exitCode = exitUsage
        return run
    }

    static func failed(_ start: ToolRun) -> ToolRun {
        var run = start
        run.line("devcon failed.")
        run.exitCode = exitFail
        return run
    }

    static func help(_ start: ToolRun) -> ToolRun {
        var run = start
        run.line("Device Console Help:")
        run.line("devcon [-r] [-m:\\\\<machine>] <command> [<arg>...]")
        run.line("-r           Reboots the system only when a restart or reboot is required.")
        run.line("<machine>    Specifies a remote computer.")
        run.line("<command>    Specifies a Devcon command (see command list below).")
        run.line("<arg>...     One or more arguments that modify a command.")
        run.line("For help with a specific command, type: devcon help <command>")
        for (name, text) in [("classes", "List all device setup classes."), ("disable", "Disable devices."),
                             ("driverfiles", "List installed driver files for devices."), ("drivernodes", "List driver nodes of devices."),
                             ("enable", "Enable devices."), ("find", "Find devices."),
                             ("findall", "Find devices, including those that are not currently attached."), ("help", "Display Devcon help."),
                             ("hwids", "List hardware IDs of devices."), ("install", "Install a device manually."),
                             ("listclass", "List all devices in a setup class."), ("remove", "Remove devices."), ("rescan", "Scan for new hardware."),
                             ("restart", "Restart devices."), ("stack", "List expected driver stack for devices."),
                             ("status", "List running status of devices."), ("update", "Update a device manually."),
                             ("updateni", "Manually update a device (non interactive)."),
                             ("dp_add", "Adds (installs) a third-party (OEM) driver package."),
                             ("dp_delete", "Deletes a third-party (OEM) driver package."),
                             ("dp_enum", "Lists the third-party (OEM) driver packages installed on this machine.")] {
            run.line(name.padding(toLength: 20, withPad: " ", startingAt: 0) + " " + text)
        }
        return run
    }

    /// `%-60s: %s`, devcon's device line.
    static func deviceLine(_ device: DeviceNode, _ info: String? = nil) -> String {
        let info = info ?? device.description
        return device.instanceID.padding(toLength: max(60, device.instanceID.count), withPad: " ", startingAt: 0) + ": " + info
    }

    static func padding(_ level: Int) -> String { String(repeating: " ", count: 4 * level) }
}

/// Which devices a devcon ID list selects: `*`, hardware/compatible IDs with `*` wildcards,
/// `@` instance IDs with wildcards, `'` literal IDs, and `=class` first.
enum DevConSelection {
    static func select(_ args: [String], from devices: [DeviceNode], classOf: (DeviceNode) -> String) -> [DeviceNode] {
        var patterns = args
        var pool = devices
        if let first = patterns.first, first.hasPrefix("=") {
            let cls = String(first.dropFirst())
            pool = pool.filter { classOf($0).caseInsensitiveCompare(cls) == .orderedSame }
            patterns.removeFirst()
            if patterns.isEmpty { return pool }
        }
        return pool.filter { device in
            patterns.contains { pattern in
                if pattern.hasPrefix("@") { return matches(String(pattern.dropFirst()), device.instanceID) }
                if pattern.hasPrefix("'") {
                    let literal = String(pattern.dropFirst())
                    return (device.hardwareIDs + device.compatibleIDs).contains { $0.caseInsensitiveCompare(literal) == .orderedSame }
                }
                return (device.hardwareIDs + device.compatibleIDs).contains { matches(pattern, $0) }
            }
        }
    }

    /// Case-insensitive match where `*` matches anything (including `\`).
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.uppercased()), t = Array(text.uppercased())
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "*" { star = pi; mark = ti; pi += 1 }
            else if pi < p.count, p[pi] == t[ti] { pi += 1; ti += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
            else { return false }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
