import DeviceSandbox
import Foundation

/// What a Windows-compatible tool run printed and the exit code Windows would give.
///
/// POSIX keeps only the low 8 bits of an exit status, so a shell sees `exitCode & 0xFF`
/// (3010 → 194, 259 → 3); the full code is in `exitCode` and README lists the mapping.
public struct ToolRun: Sendable {
    public var output = ""
    public var exitCode: UInt32 = 0

    mutating func line(_ text: String = "") { output += text + "\n" }

    /// `prefix: message` with the error's details, and its Win32 code as the exit code
    /// (ERROR_INVALID_DATA, 13, for an error that has none).
    mutating func fail(_ prefix: String, _ error: Error) {
        switch error {
        case let e as DriverStoreError:
            line("\(prefix): \(e.message)")
            for detail in e.details { line("    \(detail)") }
            exitCode = e.win32Error
        case let e as Devices.DeviceError:
            line("\(prefix): \(e.description)")
            exitCode = e.win32Error
        default:
            line("\(prefix): \(error)")
            exitCode = 13
        }
    }

    /// `label` padded to `column` characters, then the value (pnputil's layout).
    mutating func field(_ label: String, _ value: String, column: Int) {
        let padded = label.count >= column ? label + " " : label + String(repeating: " ", count: column - label.count)
        line(padded + value)
    }

    /// A label with several values, the first beside it and the rest under it (nothing when empty).
    mutating func list(_ label: String, _ values: [String], column: Int) {
        guard let first = values.first else { return }
        field(label, first, column: column)
        for value in values.dropFirst() { line(String(repeating: " ", count: column) + value) }
    }
}

/// The sandbox a tool works on: `--sandbox DIR` before the tool's own arguments, else
/// `DRVKIT_SANDBOX`, else `./.drvkit-sandbox`.
public enum SandboxArgument {
    public static func split(_ arguments: [String]) -> (path: String, rest: [String]) {
        if arguments.count >= 2, arguments[0] == "--sandbox" { return (arguments[1], Array(arguments.dropFirst(2))) }
        return (Sandbox.location(nil), arguments)
    }
}

/// Class descriptions for output (`Display adapters`), from `Control\Class\{GUID}`.
enum ClassNames {
    static func description(ofGuid guid: String, fallback: String, _ sandbox: Sandbox) -> String {
        guard !guid.isEmpty, let key = RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class")?.appending(guid),
              let value = try? sandbox.read({ try $0.value(key, "") }) else { return fallback }
        let text = value.stringValue
        return text.isEmpty ? fallback : text
    }
}
