import DeviceSandbox
import Foundation

/// devcon's commands that change devices: remove, enable, disable, restart, install, update.
enum DevConChanges {
    static func run(_ command: String, _ args: [String], sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        guard !args.isEmpty else { return DevCon.invalidUse(command, run) }
        guard let devices = try? Devices.all(sandbox) else { return DevCon.failed(run) }
        let selected = DevConSelection.select(args, from: devices, classOf: DevConQueries.classOf(args, sandbox))
        var changed = 0, reboot = false
        for device in selected {
            do {
                switch command {
                case "remove":
                    _ = try Devices.remove(device.instanceID, sandbox: sandbox)
                    run.line(DevCon.deviceLine(device, "Removed"))
                case "enable":
                    reboot = try Devices.setDisabled(false, device.instanceID, sandbox: sandbox).rebootNeeded || reboot
                    run.line(DevCon.deviceLine(device, "Enabled"))
                case "disable":
                    _ = try Devices.setDisabled(true, device.instanceID, sandbox: sandbox)
                    run.line(DevCon.deviceLine(device, "Disabled"))
                default:
                    reboot = try Devices.restart(device.instanceID, sandbox: sandbox).rebootNeeded || reboot
                    run.line(DevCon.deviceLine(device, "Restarted"))
                }
                changed += 1
            } catch {
                run.line(DevCon.deviceLine(device, "\(command.capitalized) failed"))
            }
        }
        switch (command, changed) {
        case ("remove", 0): run.line("No devices were removed.")
        case ("remove", _): run.line("\(changed) device(s) were removed.")
        case ("enable", 0): run.line("No devices were enabled, either because the devices were not found,\nor because the devices could not be enabled.")
        case ("enable", _): run.line("\(changed) device(s) are enabled.")
        case ("disable", 0): run.line("No devices were disabled, either because the devices were not found,\nor because the devices could not be disabled.")
        case ("disable", _): run.line("\(changed) device(s) disabled.")
        case (_, 0): run.line("No devices were restarted, either because the devices were not found,\nor because the devices could not be restarted.")
        default: run.line("\(changed) device(s) restarted.")
        }
        if reboot { run.exitCode = DevCon.exitReboot }
        return run
    }

    /// `install INF HWID` creates `ROOT\<CLASS>\NNNN` with the hardware ID, then updates it from the INF;
    /// `update INF HWID` installs the INF's best driver on every device with that hardware ID.
    static func install(_ command: String, _ args: [String], sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        guard args.count == 2 else { return DevCon.invalidUse(command, run) }
        let (inf, hardwareID) = (args[0], args[1])
        do {
            let added = try DriverStore.add(infPath: inf, sandbox: sandbox)
            var targets: [String]
            if command == "install" {
                let cls = added.package.className.isEmpty ? "UNKNOWN" : added.package.className.uppercased()
                let device = try Devices.add(hardwareIDs: [hardwareID], instanceID: nil, description: nil, rootClass: cls, sandbox: sandbox)
                run.line("Device node created. Install is complete when drivers are installed...")
                targets = [device.instanceID]
            } else {
                targets = try Devices.all(sandbox).filter { d in d.hardwareIDs.contains { $0.caseInsensitiveCompare(hardwareID) == .orderedSame } }.map(\.instanceID)
            }
            run.line("Updating drivers for \(hardwareID) from \(URL(fileURLWithPath: inf).path).")
            guard !targets.isEmpty else { return DevCon.failed(run) }
            let outcome = try Devices.installDrivers(instanceIDs: targets, onlyPackage: added.package.id, force: true, sandbox: sandbox)
            guard !outcome.installed.isEmpty else { return DevCon.failed(run) }
            run.line("Drivers installed successfully.")
            if outcome.rebootNeeded { run.exitCode = DevCon.exitReboot }
        } catch let error as DriverStoreError {
            for detail in [error.message] + error.details { run.line(detail) }
            return DevCon.failed(run)
        } catch {
            run.line("\(error)")
            return DevCon.failed(run)
        }
        return run
    }
}

/// devcon's driver package commands: dp_add, dp_delete [-f], dp_enum.
enum DevConPackages {
    static func run(_ command: String, _ args: [String], sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        switch command {
        case "dp_add":
            guard args.count == 1 else { return DevCon.invalidUse(command, run) }
            guard FileManager.default.fileExists(atPath: args[0]) else {
                run.line("The specified INF path is not valid.")
                return DevCon.failed(run)
            }
            do {
                let added = try DriverStore.add(infPath: args[0], sandbox: sandbox)
                run.line("Driver package '\(added.package.publishedName)' added.")
            } catch {
                run.line("Adding the specified driver package to the machine failed.")
                if let e = error as? DriverStoreError { for d in [e.message] + e.details { run.line(d) } }
                return DevCon.failed(run)
            }
        case "dp_delete":
            let force = args.first?.lowercased() == "-f"
            let names = force ? Array(args.dropFirst()) : args
            guard names.count == 1 else { return DevCon.invalidUse(command, run) }
            do {
                let deleted = try DriverStore.delete(names[0], uninstall: false, force: force, sandbox: sandbox)
                run.line("Driver package '\(deleted.package.publishedName)' deleted.")
            } catch let error as DriverStoreError {
                switch error.win32Error {
                case DriverStoreError.inUse: run.line("Deleting the specified driver package from the machine failed\nbecause it is in use by a device.")
                case DriverStoreError.notInstalledOEM: run.line("Deleting the specified driver package from the machine failed\nbecause it is not an third-party package.")
                default: run.line("Deleting the specified driver package from the machine failed.")
                }
                return DevCon.failed(run)
            } catch { return DevCon.failed(run) }
        default:   // dp_enum
            guard let packages = try? DriverStore.packages(sandbox) else { return DevCon.failed(run) }
            if packages.isEmpty { run.line("There are no third-party driver packages on this machine."); return run }
            run.line("The following third-party driver packages are installed on this computer:")
            for p in packages {
                run.line(p.publishedName)
                run.line("    Provider: " + (p.provider.isEmpty ? "unknown" : p.provider))
                run.line("    Class: " + ClassNames.description(ofGuid: p.classGuid, fallback: p.className.isEmpty ? "unknown" : p.className, sandbox))
                run.line("    Version: " + p.driverVersion)
                run.line("    Date: " + p.displayDate)
                run.line("    Signer: " + (p.signer ?? "unknown"))
            }
        }
        return run
    }
}
