import ArgumentParser
import Foundation
import INFModel
import INFSyntax
import Reporting

extension Drvkit {
    struct Inf: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read INF files the way SetupAPI does, and format them.",
            subcommands: [Dump.self, Format.self])
    }
}

extension Drvkit.Inf {
    struct Dump: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print what SetupAPI hands a program that walks the INF (INF_STYLE_WIN4).",
            discussion: """
                Sections in first-appearance order (a repeated section is merged), each line's key and \
                fields after quote removal and %strkey% substitution, and SetupGetLineText's text. \
                DIRID tokens such as %10% are left for the installer. A file SetupAPI would refuse \
                prints {"error": CODE, "errorLine": N} with --json and exits 1.
                """)

        @Argument(help: "The INF file.") var file: String
        @Flag(help: "Print JSON (see CLI.md).") var json = false
        @Option(help: "LANGID whose [Strings.LLLL] section to use, e.g. 0407.") var locale = "0409"

        func validate() throws {
            guard LanguageID(locale) != nil else {
                throw ValidationError("--locale takes a four-digit hexadecimal LANGID such as 0409, not '\(locale)'")
            }
        }

        func run() throws {
            let document = INFDocument(tree: try INFInput.load(path: file), language: LanguageID(locale)!)
            if let error = document.openError {
                let location = error.range.map { document.tree.source.location(of: $0.lowerBound) }
                let position = location.map { ":\($0.line):\($0.column)" } ?? ""
                Terminal.error("\(file)\(position): error: SetupAPI refuses this file: \(error.description)")
                if json {
                    Terminal.write(JSON.object([("error", .uint(UInt64(error.code))), ("errorLine", .int(error.line))]).serialized + "\n")
                }
                throw CommandFailure(exitCode: 1)
            }
            Terminal.write(json ? DumpRendering.json(document) : DumpRendering.text(document))
        }
    }

    struct Format: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rewrite INF files in drvkit's canonical layout (see README).",
            discussion: """
                Without --check or --in-place the formatted text is written to standard output. \
                Comments, encoding, BOM and line ends are kept; what SetupAPI reads does not change. \
                A file whose canonical layout would read differently (for example one SetupAPI refuses, \
                whose error line would move) is left as written, with a warning.
                """)

        @Argument(help: "INF files to format.") var files: [String]
        @Flag(help: "List the files that are not canonical and exit 1 if there are any; change nothing.") var check = false
        @Flag(help: "Rewrite the files in place (only those that change).") var inPlace = false

        func validate() throws {
            if check && inPlace { throw ValidationError("--check and --in-place cannot be used together") }
            if files.isEmpty { throw ValidationError("name at least one INF file") }
        }

        func run() throws {
            var unformatted: [String] = []
            var failed = false
            for file in files {
                do {
                    let tree = try INFInput.load(path: file)
                    let result = CanonicalFormatter.formatCheckingReading(tree)
                    if let reason = result.keptAsWritten { Terminal.error("\(file): warning: left as written: \(reason)") }
                    let formatted = result.units
                    let changed = formatted != tree.source.units
                    let bytes = try SourceText(units: formatted, encoding: tree.source.encoding, oddByte: tree.source.oddByte).encoded()
                    if check {
                        if changed { unformatted.append(file) }
                    } else if inPlace {
                        if changed { try INFInput.writeAtomically(bytes, to: file) }
                    } else {
                        Terminal.write(bytes: bytes)
                    }
                } catch let error as INFInputError {
                    Terminal.error(error.description)
                    failed = true
                }
            }
            for file in unformatted { Terminal.write("\(file)\n") }
            if failed { throw CommandFailure(exitCode: 3) }
            if !unformatted.isEmpty {
                Terminal.error("\(unformatted.count) file\(unformatted.count == 1 ? "" : "s") would be reformatted")
                throw CommandFailure(exitCode: 1)
            }
        }
    }
}

/// Renders `inf dump`.
enum DumpRendering {
    static func json(_ document: INFDocument) -> String {
        let sections: [JSON] = document.sections.map { section in
            let lines: [JSON] = document.lines(of: section).map { line in
                .object([
                    ("key", line.key.map(JSON.string) ?? .null),
                    ("fields", .array(line.fields.map(JSON.string))),
                    ("text", .string(line.text)),
                ])
            }
            return .object([("name", .string(section.name)), ("lines", .array(lines))])
        }
        return JSON.object([("sections", .array(sections))]).serialized + "\n"
    }

    static func text(_ document: INFDocument) -> String {
        var out = ""
        for section in document.sections {
            out += "[\(section.name)]\n"
            for line in document.lines(of: section) {
                let fields = line.fields.map { JSON.string($0).serialized }.joined(separator: ", ")
                out += "  \(line.key.map { JSON.string($0).serialized } ?? "(no key)") = \(fields)\n"
            }
        }
        return out
    }
}
