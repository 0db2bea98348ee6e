import ArgumentParser
import DeviceSandbox
import Foundation
import INFSyntax

extension Drvkit {
    struct InstallSection: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install-section",
            abstract: "Apply an INF section to the sandbox, as 'rundll32 setupapi,InstallHinfSection SECTION 128 INF' does.",
            discussion: "The section is chosen with its decoration for the sandbox's architecture, with its .Services section. All changes are one transaction.")

        @Argument(help: "The INF file.") var inf: String
        @Argument(help: "The section, e.g. DefaultInstall.") var section: String
        @Option(help: "Bind HKR to this key (for testing INF fragments).") var hkr: String?
        @OptionGroup var sandbox: SandboxOption

        func run() throws {
            let box = try sandbox.open()
            let hkrPath: RegistryPath?
            do { hkrPath = try hkr.map(RegistryTools.parseKey) } catch let error as SandboxError { throw CommandFailure(exitCode: 2, message: error.description) }
            do {
                let result = try InstallEngine.installSection(section, infPath: inf, hkr: hkrPath, sandbox: box)
                for d in result.diagnostics { Terminal.error(d.description) }
                try InstallEngine.appendLog(result, sandbox: box)
                Terminal.write("installed [\(result.section)] from \(inf)\n")
            } catch let failure as InstallFailure {
                throw CommandFailure(exitCode: 1, message: failure.description)
            }
        }
    }
}
