import DeviceSandbox
import Foundation

/// `pnputil /enum-interfaces [/enabled | /disabled] [/class <GUID>]`: the device interfaces INFs
/// registered (AddInterface), in pnputil's observed layout (values at column 24):
///
///     Interface Path:         \\?\ROOT#ECHO#0000#{…}
///     Interface Description:  Unknown
///     Interface Class GUID:   {…}
///     Reference String:       (only when there is one)
///     Device Instance ID:     ROOT\ECHO\0000
///     Interface Status:       Enabled
///
/// A driver enables its interfaces when its device starts; the sandbox counts an interface as
/// enabled while its device is started.
enum PnPUtilInterfaces {
    static let column = 24

    static func enumerate(_ options: PnPUtil.Options, sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        do {
            let started = Dictionary(try Devices.all(sandbox).map { ($0.instanceID.uppercased(), $0.isStarted && !$0.disabled) }, uniquingKeysWith: { a, _ in a })
            var shown = 0
            for interface in try Devices.interfaces(sandbox) {
                let enabled = started[interface.instanceID.uppercased()] ?? false
                if options.has("/enabled") && !enabled || options.has("/disabled") && enabled { continue }
                if let wanted = options.values["/class"], !PnPUtilDeviceFilter.sameGuid(interface.classGuid, wanted) { continue }
                describe(interface, enabled: enabled, indent: 0, column: column, withDevice: true, &run)
                run.line()
                shown += 1
            }
            if shown == 0 { run.line("No device interfaces were found on the system.") }
        } catch {
            run.fail("Failed to enumerate device interfaces", error)
        }
        return run
    }

    /// One interface's lines, `indent` spaces in, values at `column` (under `/enum-devices /interfaces`
    /// the device is already named, so `withDevice` is false there).
    static func describe(_ interface: DeviceInterface, enabled: Bool, indent: Int, column: Int, withDevice: Bool, _ run: inout ToolRun) {
        let pad = String(repeating: " ", count: indent)
        run.field(pad + "Interface Path:", interface.symbolicLink, column: column)
        run.field(pad + "Interface Description:", interface.friendlyName ?? "Unknown", column: column)
        run.field(pad + "Interface Class GUID:", interface.classGuid, column: column)
        if !interface.referenceString.isEmpty { run.field(pad + "Reference String:", interface.referenceString, column: column) }
        if withDevice { run.field(pad + "Device Instance ID:", interface.instanceID, column: column) }
        run.field(pad + "Interface Status:", enabled ? "Enabled" : "Disabled", column: column)
    }
}
