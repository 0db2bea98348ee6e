import ArgumentParser
import DeviceSandbox
import Foundation
import INFSyntax

extension Drvkit {
    struct Reg: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Query, change, export and import the sandbox's registry (reg.exe and regedit formats).",
            subcommands: [Query.self, Add.self, Delete.self, Export.self, Import.self, Diff.self])

        struct Query: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List a key's values and subkeys, as reg query does (/s: the whole tree; /v NAME or /ve: one value).",
                discussion: "/reg:32 reads the 32-bit view of an x64 or arm64 sandbox (the WOW6432Node keys); /reg:64 the native view.")
            @Argument(help: "The key, e.g. HKLM\\SYSTEM\\CurrentControlSet\\Services.") var key: String
            @Argument(parsing: .allUnrecognized, help: "/s to list the whole tree; /v NAME or /ve for one value (the default one with /ve); /reg:32 or /reg:64 for a registry view.")
            var switches: [String] = []
            @OptionGroup var sandbox: SandboxOption

            /// The switches read as reg.exe reads them: /v NAME or /ve, /s, one registry view.
            static func parse(_ switches: [String]) throws -> RegSwitches {
                try RegSwitches(switches, flags: ["/s", "/ve", "/reg:32", "/reg:64"], valued: ["/v"], exclusive: [["/v", "/ve"]])
            }

            func validate() throws { _ = try Self.parse(switches) }

            func run() throws {
                let options = try Self.parse(switches)
                try RegSwitches.running(sandbox) { box in
                    let path = try options.key(key, in: box)
                    let names = RegistryKeyNames(typed: key, resolved: path)
                    if let value = options.value {
                        Terminal.write(try RegistryTools.queryValue(box, path, name: value, recursive: options.has("/s"), names: names))
                    } else {
                        Terminal.write(try RegistryTools.query(box, path, recursive: options.has("/s"), names: names))
                    }
                }
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a key or set a value, as reg add does: KEY [/v NAME | /ve] [/t TYPE] [/s SEP] [/d DATA] [/f].",
                discussion: """
                    Without /v or /ve the key's default value is set. TYPE is REG_SZ (the default), REG_EXPAND_SZ, \
                    REG_MULTI_SZ (strings separated by \\0, or by the /s character), REG_DWORD or REG_QWORD (decimal, or \
                    hexadecimal with 0x), REG_DWORD_BIG_ENDIAN, REG_BINARY (hex digits) or REG_NONE. An existing value is \
                    replaced without asking with /f; otherwise the question is read from standard input (no answer is no). \
                    /reg:32 writes the 32-bit view of an x64 or arm64 sandbox.
                    """)
            @Argument(help: "The key, e.g. HKLM\\SOFTWARE\\Contoso.") var key: String
            @Argument(parsing: .allUnrecognized, help: "/v NAME or /ve; /t TYPE; /s SEP; /d DATA; /f; /reg:32 or /reg:64.") var switches: [String] = []
            @OptionGroup var sandbox: SandboxOption

            static func parse(_ switches: [String]) throws -> RegSwitches {
                let options = try RegSwitches(switches, flags: ["/ve", "/f", "/reg:32", "/reg:64"], valued: ["/v", "/t", "/d", "/s"],
                                              exclusive: [["/v", "/ve"]])
                if let separator = options.values["/s"], separator.utf16.count != 1 {
                    throw ValidationError("ERROR: Invalid syntax. /s takes one character")
                }
                return options
            }

            func validate() throws { _ = try Self.parse(switches) }

            func run() throws {
                let options = try Self.parse(switches)
                try RegSwitches.running(sandbox) { box in
                    let path = try options.key(key, in: box)
                    let value = try RegistryTools.addValue(name: options.value ?? "", type: options.values["/t"], data: options.values["/d"],
                                                           separator: options.values["/s"]?.first)
                    RegSwitches.report(done: try RegistryTools.add(box, path, value: value, force: options.has("/f"), confirm: RegSwitches.ask))
                }
            }
        }

        struct Delete: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Delete a key and its tree, one value or every value, as reg delete does: KEY [/v NAME | /ve | /va] [/f].",
                discussion: "Without /f the question is read from standard input (no answer is no). /reg:32 deletes in the 32-bit view.")
            @Argument(help: "The key, e.g. HKLM\\SOFTWARE\\Contoso.") var key: String
            @Argument(parsing: .allUnrecognized, help: "/v NAME, /ve or /va; /f; /reg:32 or /reg:64.") var switches: [String] = []
            @OptionGroup var sandbox: SandboxOption

            static func parse(_ switches: [String]) throws -> RegSwitches {
                try RegSwitches(switches, flags: ["/ve", "/va", "/f", "/reg:32", "/reg:64"], valued: ["/v"], exclusive: [["/v", "/ve", "/va"]])
            }

            func validate() throws { _ = try Self.parse(switches) }

            func run() throws {
                let options = try Self.parse(switches)
                try RegSwitches.running(sandbox) { box in
                    let path = try options.key(key, in: box)
                    guard key.split(separator: "\\", omittingEmptySubsequences: true).count > 1 else {
                        throw SandboxError("ERROR: Access is denied. (A root key cannot be deleted.)")
                    }
                    let what: RegistryTools.Deletion = options.has("/va") ? .allValues : options.value.map { .value($0) } ?? .key
                    let shown = RegistryKeyNames(typed: key, resolved: path).name(of: path)
                    RegSwitches.report(done: try RegistryTools.delete(box, path, what, shownAs: shown, force: options.has("/f"), confirm: RegSwitches.ask))
                }
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

/// reg.exe's switches: `/x` or `-x`, case-insensitive, each at most once; some take the next
/// argument as their value; some may not be given together.
struct RegSwitches {
    var flags: Set<String> = []
    var values: [String: String] = [:]

    init(_ arguments: [String], flags allowed: Set<String>, valued: Set<String>, exclusive: [Set<String>]) throws {
        var seen = Set<String>()
        var i = 0
        while i < arguments.count {
            var s = arguments[i].lowercased()
            if s.hasPrefix("-") { s = "/" + s.dropFirst() }
            guard allowed.contains(s) || valued.contains(s) else { throw ValidationError("ERROR: Invalid syntax. Unknown switch '\(arguments[i])'") }
            guard seen.insert(s).inserted else { throw ValidationError("ERROR: Invalid syntax. '\(arguments[i])' is given twice") }
            if valued.contains(s) {
                i += 1
                guard i < arguments.count else { throw ValidationError("ERROR: Invalid syntax. \(s) needs a value") }
                values[s] = arguments[i]
            } else {
                flags.insert(s)
            }
            i += 1
        }
        for group in exclusive + [["/reg:32", "/reg:64"]] where seen.intersection(group).count > 1 {
            throw ValidationError("ERROR: Invalid syntax. \(group.sorted().joined(separator: ", ")) cannot be given together")
        }
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// The value `/v NAME` or `/ve` (the default value, "") names; nil when neither is given.
    var value: String? { values["/v"] ?? (has("/ve") ? "" : nil) }

    /// The key, in the 32-bit view when /reg:32 asks for it on a machine that has one.
    func key(_ text: String, in sandbox: Sandbox) throws -> RegistryPath {
        let path = try RegistryTools.parseKey(text)
        if has("/reg:32"), try sandbox.profile().platform.architecture.hasRegistryViews { return path.in32BitView }
        return path
    }

    /// Opens the sandbox and runs `body` with it; a SandboxError exits 1, reg.exe's failure code.
    static func running(_ sandbox: SandboxOption, _ body: (Sandbox) throws -> Void) throws {
        let box = try sandbox.open()
        do { try body(box) } catch let error as SandboxError { throw CommandFailure(exitCode: 1, message: error.description) }
    }

    /// How a change the user could decline ended.
    static func report(done: Bool) {
        Terminal.write(done ? "The operation completed successfully.\n" : "The operation was cancelled.\n")
    }

    /// Asks on standard output and reads the answer from standard input: yes when it starts with
    /// Y; no for anything else, or no answer.
    static func ask(_ question: String) -> Bool {
        Terminal.write(question)
        guard let answer = readLine() else { Terminal.write("\n"); return false }
        return answer.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("y")
    }
}

typealias RegistryPathAlias = RegistryPath
typealias RegistryValueAlias = RegistryValue
