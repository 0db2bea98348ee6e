import ArgumentParser
import DeviceSandbox
import Foundation
import Reporting
import WindowsTools

extension Drvkit.SandboxCommand {
    struct Device: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add and remove simulated devices.", subcommands: [Add.self, Remove.self, Properties.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a device node (not yet driven: Code 28 until a driver is installed).",
                discussion: "pnputil /scan-devices or devcon rescan installs the best driver in the store on it.")
            @Option(name: .customLong("hardware-id"), help: "A hardware ID, most specific first (repeat).") var hardwareIDs: [String] = []
            @Option(name: .customLong("compatible-id"), help: "A compatible ID (repeat).") var compatibleIDs: [String] = []
            @Option(name: .customLong("instance-id"), help: "The instance ID (default: from the first hardware ID).") var instanceID: String?
            @Option(help: "The device description.") var description: String?
            @Option(help: "The parent device's instance ID.") var parent: String?
            @OptionGroup var sandbox: SandboxOption

            func validate() throws {
                if hardwareIDs.isEmpty { throw ValidationError("give at least one --hardware-id") }
            }

            func run() throws {
                let box = try sandbox.open()
                do {
                    let device = try Devices.add(hardwareIDs: hardwareIDs, compatibleIDs: compatibleIDs, instanceID: instanceID,
                                                 description: description, parent: parent, sandbox: box)
                    Terminal.write("\(device.instanceID)\n")
                } catch let error as Devices.DeviceError {
                    throw CommandFailure(exitCode: 1, message: "error: \(error.description)")
                }
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Remove a device node (its Enum key, driver key and interfaces).")
            @Argument(help: "The instance ID.") var instanceID: String
            @Flag(help: "Remove its child devices too.") var subtree = false
            @OptionGroup var sandbox: SandboxOption

            func run() throws {
                let box = try sandbox.open()
                do {
                    for device in try Devices.remove(instanceID, subtree: subtree, sandbox: box) { Terminal.write("removed \(device.instanceID)\n") }
                } catch let error as Devices.DeviceError {
                    throw CommandFailure(exitCode: 1, message: "error: \(error.description)")
                }
            }
        }
    }

    struct Properties: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a device's properties (what AddProperty set), decoded by type.",
            discussion: "Properties live under the device's Enum\\<instance>\\Properties\\{category}\\NNNN key, as SetupAPI stores them.")
        @Argument(help: "The instance ID.") var instanceID: String
        @Flag(help: "Print JSON: {\"instanceId\", \"properties\": [{\"category\", \"pid\", \"name\", \"type\", \"value\"}]}.") var json = false
        @OptionGroup var sandbox: SandboxOption

        func run() throws {
            let box = try sandbox.open()
            let properties: [StoredDeviceProperty]
            do { properties = try Devices.properties(of: instanceID, box) } catch let error as Devices.DeviceError {
                throw CommandFailure(exitCode: 1, message: "error: \(error.description)")
            }
            if json {
                Terminal.write(JSON.object([("instanceId", .string(instanceID)), ("properties", .array(properties.map(Self.json)))]).serialized + "\n")
                return
            }
            var out = instanceID + "\n"
            if properties.isEmpty { out += "    No properties.\n" }
            for property in properties {
                out += "    \(property.name ?? "\(property.key.category),\(property.key.identifier)") [\(property.type)]:\n"
                for line in Self.lines(property.value) { out += "        \(line)\n" }
            }
            Terminal.write(out)
        }

        static func lines(_ value: StoredDeviceProperty.Value) -> [String] {
            switch value {
            case .string(let s): return [s]
            case .strings(let list): return list
            case .boolean(let b): return [b ? "TRUE" : "FALSE"]
            case .number(let n): return ["0x" + String(n, radix: 16) + " (\(n))"]
            case .bytes(let bytes): return [bytes.map { String(format: "%02x", $0) }.joined(separator: " ")]
            }
        }

        static func json(_ property: StoredDeviceProperty) -> JSON {
            let value: JSON
            switch property.value {
            case .string(let s): value = .string(s)
            case .strings(let list): value = .array(list.map(JSON.string))
            case .boolean(let b): value = .bool(b)
            case .number(let n): value = .uint(UInt64(n))
            case .bytes(let bytes): value = .string(bytes.map { String(format: "%02x", $0) }.joined())
            }
            return .object([("category", .string(property.key.category)), ("pid", .uint(UInt64(property.key.identifier))),
                             ("name", property.name.map(JSON.string) ?? .null), ("type", .string(property.type.description)), ("value", value)])
        }
    }

    struct Trust: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add certificates to the machine's Root or TrustedPublisher store (as certutil -addstore does).",
            discussion: "Driver packages whose catalog chains to a trusted certificate rank as signed and their kernel drivers load.")
        @Argument(help: "A certificate file (PEM or DER).") var certificate: String
        @Option(help: "Root or TrustedPublisher.") var store = "Root"
        @OptionGroup var sandbox: SandboxOption

        func run() throws {
            let box = try sandbox.open()
            do {
                let added = try TrustStore.add(file: certificate, store: store, sandbox: box)
                Terminal.write(added == 0 ? "Certificate \"\(certificate)\" already in store.\n" : "Certificate added to store \(store).\n")
            } catch let error as SandboxError {
                throw CommandFailure(exitCode: 1, message: error.description)
            }
        }
    }
}

extension Drvkit {
    /// `drvkit pnputil …`: the pnputil front end (same as the `pnputil` executable).
    struct PnPUtilCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pnputil", abstract: "pnputil on the sandbox (Windows syntax: /add-driver, /enum-devices, …).")
        @Argument(parsing: .captureForPassthrough, help: "pnputil's arguments (--sandbox DIR first to choose the sandbox).") var arguments: [String] = []

        func run() throws { PnPUtil.run(arguments).finish() }
    }

    /// `drvkit devcon …`: the devcon front end (same as the `devcon` executable).
    struct DevConCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "devcon", abstract: "devcon on the sandbox (find, status, install, update, …).")
        @Argument(parsing: .captureForPassthrough, help: "devcon's arguments (--sandbox DIR first to choose the sandbox).") var arguments: [String] = []

        func run() throws { DevCon.run(arguments).finish() }
    }
}
