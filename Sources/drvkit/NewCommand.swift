import ArgumentParser
import DriverPackage
import Foundation
import INFSyntax

extension Drvkit {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a driver package from a template (an .inx to stamp and build).",
            discussion: "Templates: " + DriverTemplates.all.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ") + ".")

        @Argument(help: "The template (see --list).") var template: String?
        @Argument(help: "The driver's name (letters, digits, '_').") var name: String?
        @Option(help: "The hardware ID the driver installs on (default Root\\NAME).") var hardwareId: String?
        @Option(help: "Provider and manufacturer name.") var provider: String?
        @Option(name: .shortAndLong, help: "Folder to create the package source in (default ./NAME).") var output: String?
        @Flag(help: "List the templates.") var list = false

        func validate() throws {
            if !list && (template == nil || name == nil) { throw ValidationError("name a TEMPLATE and a NAME, or use --list") }
        }

        func run() throws {
            if list {
                for t in DriverTemplates.all { Terminal.write("\(t.name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(t.summary)\n") }
                return
            }
            let text: String
            do { text = try DriverTemplates.instantiate(template!, name: name!, hardwareID: hardwareId, provider: provider) }
            catch let problem as PackageProblem { throw CommandFailure(exitCode: 2, message: "error: \(problem.message)") }
            let folder = output ?? name!
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let path = URL(fileURLWithPath: folder).appendingPathComponent("\(name!).inx").path
            guard !FileManager.default.fileExists(atPath: path) else { throw CommandFailure(exitCode: 1, message: "\(path): error: already exists") }
            try INFInput.writeAtomically(Array(text.utf8), to: path)
            Terminal.write("created \(path)\n")
        }
    }
}
