import DeviceSandbox
import Foundation

/// `pnputil` on a sandbox (installer.md §2): the Windows 10/11 syntax (`/add-driver …`) and the
/// legacy one (`-a`, `-i -a`, `-d`, `-f -d`, `-e`), output laid out as pnputil lays it out.
public enum PnPUtil {
    static let errorInvalidParameter: UInt32 = 87
    static let errorNoMoreItems: UInt32 = 259
    static let errorSuccessRebootRequired: UInt32 = 3010
    static let errorSuccessRebootInitiated: UInt32 = 1641
    static let errorNotSupported: UInt32 = 50

    public static func run(_ arguments: [String]) -> ToolRun {
        let (path, args) = SandboxArgument.split(arguments)
        var run = ToolRun()
        run.line("Microsoft PnP Utility")
        run.line()
        guard let command = args.first?.lowercased() else { return usage(run) }
        let rest = Array(args.dropFirst())
        if ["/?", "-?", "/help", "-h", "--help"].contains(command) { return usage(run, ok: true) }
        let sandbox: Sandbox
        do { sandbox = try Sandbox.open(at: path) } catch {
            run.line("\(error)")
            run.exitCode = 2
            return run
        }
        let options = Options(rest)
        if let unknown = options.unknown.first {
            run.line("Unknown option: \(unknown)")
            return usage(run)
        }
        switch command {
        case "/add-driver":
            return PnPUtilDrivers.add(options, install: options.has("/install"), sandbox: sandbox, run)
        case "-a":
            return PnPUtilDrivers.add(options, install: false, sandbox: sandbox, run)
        case "-i" where options.has("-a"):
            return PnPUtilDrivers.add(Options(rest.filter { $0.lowercased() != "-a" }), install: true, sandbox: sandbox, run)
        case "/delete-driver":
            return PnPUtilDrivers.delete(options, uninstall: options.has("/uninstall"), force: options.has("/force"), sandbox: sandbox, run)
        case "-d":
            return PnPUtilDrivers.delete(options, uninstall: false, force: false, sandbox: sandbox, run)
        case "-f" where options.has("-d"):
            return PnPUtilDrivers.delete(Options(rest.filter { $0.lowercased() != "-d" }), uninstall: false, force: true, sandbox: sandbox, run)
        case "/enum-drivers", "-e":
            return PnPUtilDrivers.enumerate(options, sandbox: sandbox, run)
        case "/export-driver":
            return PnPUtilDrivers.export(options, sandbox: sandbox, run)
        case "/enum-devices":
            return PnPUtilDevices.enumerate(options, sandbox: sandbox, run)
        case "/disable-device", "/enable-device", "/restart-device", "/remove-device":
            return PnPUtilDevices.change(String(command.dropFirst()), options, sandbox: sandbox, run)
        case "/scan-devices":
            return PnPUtilDevices.scan(options, sandbox: sandbox, run)
        case "/enum-interfaces":
            return PnPUtilInterfaces.enumerate(options, sandbox: sandbox, run)
        case "/enum-classes":
            return PnPUtilClasses.enumerate(options, sandbox: sandbox, run)
        case "/enum-devicetree", "/enum-containers":
            // Real commands (Windows 11 23H2) whose output layout drvkit has no source for; the
            // device tree is in `/enum-devices /relations`, and the sandbox has no containers.
            run.line("\(args[0]) is not supported by the drvkit sandbox.")
            run.exitCode = errorNotSupported
            return run
        default:
            run.line("Unknown command: \(args[0])")
            return usage(run)
        }
    }

    static func usage(_ run: ToolRun, ok: Bool = false) -> ToolRun {
        var run = run
        if !ok { run.line("Invalid command line syntax."); run.line() }
        run.line("PNPUTIL [/add-driver <...> | /delete-driver <...> | /export-driver <...> | /enum-drivers |")
        run.line("         /enum-devices [<...>] | /disable-device <...> | /enable-device <...> |")
        run.line("         /restart-device <...> | /remove-device <...> | /scan-devices [<...>] |")
        run.line("         /enum-classes [<...>] | /enum-interfaces [<...>] | /?]")
        run.line()
        run.line("Commands:")
        run.line()
        run.line("  /add-driver <filename.inf | *.inf> [/subdirs] [/install] [/reboot]")
        run.line("  /delete-driver <oem#.inf> [/uninstall] [/force] [/reboot]")
        run.line("  /export-driver <oem#.inf | *> <target directory>")
        run.line("  /enum-drivers [/class <name | GUID>] [/files]")
        run.line("  /enum-devices [/connected | /disconnected] [/instanceid <instance ID> | /deviceid <device ID>]")
        run.line("                [/class <name | GUID>] [/problem [<code>]] [/bus [<name>]] [/deviceids] [/relations]")
        run.line("                [/services] [/stack] [/drivers] [/interfaces]")
        run.line("  /disable-device [<instance ID> | /deviceid <device ID>] [/class <name | GUID>] [/bus <name>] [/reboot] [/force]")
        run.line("  /enable-device [<instance ID> | /deviceid <device ID>] [/class <name | GUID>] [/bus <name>] [/reboot]")
        run.line("  /restart-device [<instance ID> | /deviceid <device ID>] [/class <name | GUID>] [/bus <name>] [/reboot]")
        run.line("  /remove-device [<instance ID> | /deviceid <device ID>] [/class <name | GUID>] [/bus <name>] [/subtree] [/reboot] [/force]")
        run.line("  /scan-devices [/instanceid <instance ID>] [/async]")
        run.line("  /enum-interfaces [/enabled | /disabled] [/class <GUID>]")
        run.line("  /enum-classes [/class <name | GUID>] [/services]")
        run.line()
        run.line("Legacy commands: -a [-i] <filename.inf>, -d [-f] <oem#.inf>, -e")
        if !ok { run.exitCode = errorInvalidParameter }
        return run
    }

    /// The end of a command whose changes wait for a reboot (`operations`: "install", "configuration"):
    /// pnputil says so and exits with 3010, ERROR_SUCCESS_REBOOT_REQUIRED; with `/reboot` the sandbox
    /// reboots and the exit code is 1641, ERROR_SUCCESS_REBOOT_INITIATED (installer.md §2). An
    /// error code already set is kept.
    static func finish(rebootFor operations: String, _ options: Options, sandbox: Sandbox, _ run: inout ToolRun) {
        run.line("System reboot is needed to complete \(operations) operations!")
        var code = errorSuccessRebootRequired
        if options.has("/reboot") {
            do {
                _ = try BootConfiguration.reboot(sandbox: sandbox)
                run.line("Rebooting system to complete \(operations) operations.")
                code = errorSuccessRebootInitiated
            } catch {
                run.line("Failed to reboot system: \(error)")
            }
        }
        if run.exitCode == 0 { run.exitCode = code }
    }

    /// A command's arguments: flags (`/install`), flags with a value (`/class Net`) and the rest.
    struct Options {
        var flags: Set<String> = []
        var values: [String: String] = [:]
        var positional: [String] = []
        var unknown: [String] = []
        /// Options followed by a value (`/problem` and `/bus` take one only when the next argument is not an option).
        static let withValue: Set<String> = ["/instanceid", "/deviceid", "/class", "/problem", "/bus"]
        static let known: Set<String> = ["/install", "/subdirs", "/uninstall", "/force", "/reboot", "/ids", "/deviceids", "/subtree",
                                         "/instanceid", "/deviceid", "/class", "/problem", "/bus", "-a", "-d", "-i", "-f", "/connected",
                                         "/disconnected", "/drivers", "/relations", "/services", "/stack", "/interfaces", "/files",
                                         "/enabled", "/disabled", "/async"]

        init(_ args: [String]) {
            var i = 0
            while i < args.count {
                let arg = args[i], lower = arg.lowercased()
                // `/install` is an option; an absolute POSIX path (two or more slashes) and `x.inf` are not.
                let looksLikeOption = lower.hasPrefix("/") && !lower.dropFirst().contains("/") && !lower.contains(".") && !lower.contains("\\")
                if looksLikeOption || ["-a", "-d", "-i", "-f"].contains(lower) {
                    if !Self.known.contains(lower) { unknown.append(arg) }
                    flags.insert(lower)
                    if Self.withValue.contains(lower), i + 1 < args.count, !args[i + 1].hasPrefix("/") {
                        values[lower] = args[i + 1]
                        i += 1
                    }
                } else {
                    positional.append(arg)
                }
                i += 1
            }
        }

        func has(_ flag: String) -> Bool { flags.contains(flag) }
    }
}
