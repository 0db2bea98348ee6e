import ArgumentParser
import Foundation
import INFSyntax

/// The `drvkit` command tree.
struct Drvkit: ParsableCommand {
    static let version = "0.1.0"
    static let configuration = CommandConfiguration(
        commandName: "drvkit",
        abstract: "Lint INF files, build and sign driver packages, and rehearse installs on a simulated Windows machine, on any platform.",
        version: version,
        subcommands: [Inf.self, Lint.self, Policy.self, Rules.self, Stamp.self, New.self, Package.self, Cert.self, CatalogCommand.self, SignCommand.self, Verify.self, SandboxCommand.self, Reg.self, InstallSection.self, PnPUtilCommand.self, DevConCommand.self])
}

/// A failure with the exit code of the CLI contract and a one-line message.
struct CommandFailure: Error {
    var exitCode: Int32
    var message: String?
}

@main
enum Main {
    static func main() {
        BatchMemory.keepFreedHeap()
        do {
            var command = try Drvkit.parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            if let message = failure.message { Terminal.error(message) }
            exit(failure.exitCode)
        } catch let error as INFInputError {
            Terminal.error(error.description)
            exit(3)
        } catch {
            let code = Drvkit.exitCode(for: error)
            if code == .validationFailure {
                Terminal.error(Drvkit.fullMessage(for: error))
                exit(2)
            }
            Drvkit.exit(withError: error)
        }
    }
}

/// Writing to the terminal's streams.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
    /// Colour only on a terminal and never with NO_COLOR set.
    static var colorEnabled: Bool {
        isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
    static func write(bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }
}
