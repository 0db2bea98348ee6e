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
}
