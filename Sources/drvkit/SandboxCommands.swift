import ArgumentParser
import DeviceSandbox
import Foundation
import INFSyntax

/// `--sandbox DIR` (else DRVKIT_SANDBOX, else ./.drvkit-sandbox).
struct SandboxOption: ParsableArguments {
    @Option(help: "The sandbox folder (default: $DRVKIT_SANDBOX or ./.drvkit-sandbox).") var sandbox: String?

    func open() throws -> Sandbox {
        do { return try Sandbox.open(at: Sandbox.location(sandbox)) } catch let error as SandboxError {
            throw CommandFailure(exitCode: 3, message: error.description)
        }
    }
}

extension Drvkit {
    struct SandboxCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sandbox", abstract: "Create and manage simulated Windows machines.",
                                                        subcommands: [Init.self, Device.self, Trust.self, Machine.self, Bcdedit.self, Reboot.self, Wdac.self])

        struct Init: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a sandbox: a registry seeded as a fresh Windows has it, and a C: drive.")
            @Argument(help: "The folder to create.") var directory: String
            @Option(help: "Machine profile, e.g. win11-24h2-x64.") var machine = "win11-24h2-x64"

            func run() throws {
                do {
                    let sandbox = try Sandbox.create(at: directory, machine: machine)
                    Terminal.write("created sandbox \(sandbox.root.path) (\(machine))\n")
                } catch let error as SandboxError {
                    throw CommandFailure(exitCode: 1, message: error.description)
                }
            }
        }
    }

    struct Reg: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Query, export and import the sandbox's registry (reg.exe and regedit formats).",
                                                        subcommands: [Query.self, Export.self, Import.self, Diff.self])

        struct Query: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List a key's values and subkeys, as reg query does (/s: the whole tree; /v NAME or /ve: one value).",
                discussion: "/reg:32 reads the 32-bit view of an x64 or arm64 sandbox (the WOW6432Node keys); /reg:64 the native view.")
            @Argument(help: "The key, e.g. HKLM\\SYSTEM\\CurrentControlSet\\Services.") var key: String
            @Argument(help: "/s to list the whole tree; /v NAME or /ve for one value (the default one with /ve); /reg:32 or /reg:64 for a registry view.")
            var switches: [String] = []
            @OptionGroup var sandbox: SandboxOption

            /// What the switches ask for.
            struct Switches {
                var recursive = false
                /// The value asked for with /v NAME, or "" for /ve; nil lists every value.
                var value: String? = nil
                var view32 = false, view64 = false
            }

            /// The switches read as reg.exe reads them: each at most once, /v with a name, /v and /ve
            /// not together, one registry view.
            static func parse(_ switches: [String]) throws -> Switches {
                var result = Switches()
                var seen = Set<String>()
                var i = 0
                while i < switches.count {
                    let s = switches[i].lowercased()
                    guard seen.insert(s == "/ve" ? "/v" : s).inserted else { throw ValidationError("ERROR: Invalid syntax. '\(switches[i])' is given twice, or with /v") }
                    switch s {
                    case "/s": result.recursive = true
                    case "/ve": result.value = ""
                    case "/v":
                        i += 1
                        guard i < switches.count else { throw ValidationError("ERROR: Invalid syntax. /v needs a value name") }
                        result.value = switches[i]
                    case "/reg:32": result.view32 = true
                    case "/reg:64": result.view64 = true
                    default: throw ValidationError("ERROR: Invalid syntax. Unknown switch '\(switches[i])'")
                    }
                    i += 1
                }
                if result.view32 && result.view64 { throw ValidationError("ERROR: Invalid syntax. /reg:32 and /reg:64 together") }
                return result
            }

            func validate() throws { _ = try Self.parse(switches) }

            func run() throws {
                let box = try sandbox.open()
                let options = try Self.parse(switches)
                do {
                    var path = try RegistryTools.parseKey(key)
                    if options.view32, try box.profile().platform.architecture.hasRegistryViews { path = path.in32BitView }
                    let names = RegistryKeyNames(typed: key, resolved: path)
                    if let value = options.value {
                        Terminal.write(try RegistryTools.queryValue(box, path, name: value, recursive: options.recursive, names: names))
                    } else {
                        Terminal.write(try RegistryTools.query(box, path, recursive: options.recursive, names: names))
                    }
                }
                catch let error as SandboxError { throw CommandFailure(exitCode: 1, message: error.description) }
            }
        }

        struct Export: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Export a key and its tree: regedit 5.00 format (UTF-16LE), or JSON.")
            @Argument(help: "The key.") var key: String
            @Argument(help: "The .reg file to write (default: standard output).") var file: String?
            @Flag(help: "Print JSON (see CLI.md).") var json = false
            @OptionGroup var sandbox: SandboxOption

            func run() throws {
                let box = try sandbox.open()
                let path: RegistryPathAlias
                let keys: [(path: RegistryPathAlias, values: [RegistryValueAlias])]
                do {
                    path = try RegistryTools.parseKey(key)
                    keys = try RegistryTools.snapshot(box, path)
                } catch let error as SandboxError { throw CommandFailure(exitCode: 1, message: error.description) }
                if json {
                    let text = RegistryJSON.export(base: path, keys).serialized + "\n"
                    if let file { try INFInput.writeAtomically(Array(text.utf8), to: file) } else { Terminal.write(text) }
                    return
                }
                let bytes = RegFile.encode(RegFile.export(keys, names: RegistryKeyNames(typed: key, resolved: path)))
                if let file { try INFInput.writeAtomically(bytes, to: file) } else { Terminal.write(bytes: bytes) }
            }
        }

        struct Diff: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show what differs between two sandboxes under KEY, as a .reg file that turns the first into the second.",
                discussion: "BEFORE or AFTER may also be a .reg file written by `reg export`, to compare against a saved point of one sandbox.")
            @Argument(help: "The key to compare.") var key: String
            @Argument(help: "The sandbox (or .reg export) before.") var before: String
            @Argument(help: "The sandbox (or .reg export) after.") var after: String

            func run() throws {
                do {
                    let path = try RegistryTools.parseKey(key)
                    let old = try Self.snapshot(before, path), new = try Self.snapshot(after, path)
                    Terminal.write(RegistryDiff.diff(from: old, to: new))
                } catch let error as SandboxError { throw CommandFailure(exitCode: 3, message: error.description) }
            }

            static func snapshot(_ dir: String, _ key: RegistryPathAlias) throws -> RegistryDiff.Snapshot {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), !isDirectory.boolValue {
                    return try RegistryDiff.snapshot(regFile: try INFInput.readBytes(path: dir), path: dir, under: key)
                }
                let sandbox = try Sandbox.open(at: dir)
                return (try? RegistryTools.snapshot(sandbox, key)) ?? []
            }
        }

        struct Import: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Import a .reg file (regedit 5.00 or REGEDIT4) in one transaction.",
                discussion: "Lines are read as reg import reads them; the lines it passes over are listed as warnings (FILE:LINE: warning: …).")
            @Argument(help: "The .reg file.") var file: String
            @OptionGroup var sandbox: SandboxOption

            func run() throws {
                let box = try sandbox.open()
                let bytes = try INFInput.readBytes(path: file)
                let ignored: [RegFile.IgnoredLine]
                do { ignored = try RegistryTools.importFile(box, bytes: bytes, path: file) }
                catch let error as SandboxError { throw CommandFailure(exitCode: 1, message: error.description) }
                for line in ignored { Terminal.error("\(file):\(line.line): warning: reg import passes over this line: \(line.reason)") }
                Terminal.write("The operation completed successfully.\n")
            }
        }
    }
}

typealias RegistryPathAlias = RegistryPath
typealias RegistryValueAlias = RegistryValue
