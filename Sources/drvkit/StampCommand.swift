import ArgumentParser
import DriverPackage
import Foundation
import INFModel
import INFSyntax

extension Drvkit {
    struct Stamp: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stamp an .inx template into an .inf, as stampinf does.",
            discussion: """
                Replaces $ARCH$ (and $KMDFVERSION$, $UMDFVERSION$ and their co-installer forms) and sets \
                [Version] DriverVer. --driver-ver takes MM/DD/YYYY,w.x.y.z, or * for today's date. Without \
                it a valid DriverVer is kept, and an empty one gets today's date and 1.0.0.0. The output \
                keeps the template's encoding and line ends.
                """)

        @Argument(help: "The .inx template.") var template: String
        @Option(help: "Target architecture: x86, amd64, arm or arm64.") var arch: String
        @Option(help: "DriverVer: MM/DD/YYYY,w.x.y.z or *.") var driverVer: String?
        @Option(help: "KMDF version (1.NN).") var kmdfVersion: String?
        @Option(help: "UMDF version (2.NN, written 2.NN.0, or 2.NN.S).") var umdfVersion: String?
        @Option(name: .shortAndLong, help: "Output file (default: the template's name with .inf).") var output: String?

        func validate() throws {
            guard let a = Architecture(decoration: arch), a != .ia64 else {
                throw ValidationError("--arch takes x86, amd64, arm or arm64, not '\(arch)'")
            }
        }

        func run() throws {
            let tree = try INFInput.load(path: template)
            let options = StampOptions(architecture: Architecture(decoration: arch)!,
                                       driverVer: try driverVer.map { try Stamper.parseDriverVer($0) },
                                       kmdfVersion: kmdfVersion, umdfVersion: umdfVersion)
            let units: [UInt16]
            do {
                units = try Stamper.stamp(tree, options: options)
            } catch let error as StampError {
                throw CommandFailure(exitCode: 1, message: "\(template): error: \(error.description)")
            }
            let bytes = try SourceText(units: units, encoding: tree.source.encoding, oddByte: tree.source.oddByte).encoded()
            let destination = output ?? Self.defaultOutput(template)
            try INFInput.writeAtomically(bytes, to: destination)
        }

        static func defaultOutput(_ path: String) -> String {
            let url = URL(fileURLWithPath: path)
            let ext = url.pathExtension.lowercased()
            return ext == "inx" || ext == "in" ? url.deletingPathExtension().appendingPathExtension("inf").path : path + ".inf"
        }
    }
}
