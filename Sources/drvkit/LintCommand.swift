import ArgumentParser
import Foundation
import INFLint
import INFModel
import INFSyntax
import Reporting

extension LintMode: ExpressibleByArgument {}

/// Report formats of `drvkit lint`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, junit
}

extension Drvkit {
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check INF files against drvkit's rules.",
            discussion: """
                Folders are searched recursively for *.inf, *.inx and *.inf.in files, linted in parallel. \
                Settings come from --config or the nearest .drvkit.yml. Exit 0 when no finding reaches the \
                failing severity (default: error), 1 when one does, 3 when a file cannot be read.
                """)

        @Argument(help: "INF files or folders.") var paths: [String]
        @Option(help: "Rule set: basic, universal (/u), declarative (/k), hardware-dev-center (/h), windows-driver (/w).") var mode: LintMode?
        @Option(help: "Output format: text, json, sarif, junit.") var format: ReportFormat = .text
        @Option(help: "Write the report to FILE instead of standard output.") var output: String?
        @Flag(help: "Apply the rules' safe fixes to the files, then report what remains.") var fix = false
        @Flag(help: "Also check each INF's folder as a driver package (DK8xxx): the files it copies are there, binaries are PE images of the right machine, kernel drivers native, the catalog present. Templates are passed over.")
        var package = false
        @Option(help: "Only these rules (codes or code prefixes, comma-separated).") var select: String?
        @Option(help: "Skip these rules (codes or code prefixes, comma-separated).") var ignore: String?
        @Option(help: "Configuration file (YAML); default: the nearest .drvkit.yml.") var config: String?
        @Option(help: "The FILE_DEVICE_* value device-type-not-set's fix writes (default 0x22).") var deviceType: String?
        @Option(help: ArgumentHelp("Report INFs whose [Version] Provider is not this name (DK2018, InfVerif /provider).", valueName: "name"))
        var provider: String?
        @Option(help: ArgumentHelp("In hardware-dev-center and windows-driver modes, check isolation only for what installs on this Windows version or later (InfVerif /wbuild; default 10.0.17763).",
                                   valueName: "major.minor.build"))
        var wbuild: String?
        @Option(help: ArgumentHelp("Lint only what installs on this Windows, written as a models decoration such as NTamd64.10.0...22000 (InfVerif /osver).",
                                   valueName: "decoration"))
        var osver: String?
        @Option(help: "Lowest severity that makes the exit code 1: error, warning or info.") var failOn: Severity = .error

        func validate() throws {
            if let osver, TargetPlatform(osver: osver) == nil {
                throw ValidationError("--osver takes a target OS such as NTamd64.10.0...22000 (architecture and version), not '\(osver)'")
            }
            if let wbuild, WindowsBuild(wbuild) == nil {
                throw ValidationError("--wbuild takes a Windows version such as 10.0.17763, not '\(wbuild)'")
            }
            if let provider, provider.trimmingWhitespace().isEmpty {
                throw ValidationError("--provider takes the provider name every INF must have, not an empty text")
            }
            if let deviceType, IntegerField.parse(deviceType) == nil {
                throw ValidationError("--device-type takes a number such as 0x22, not '\(deviceType)'")
            }
            for list in [select, ignore].compactMap({ $0 }) {
                for code in Self.codes(list) where !(code.uppercased().hasPrefix("DK") && code.dropFirst(2).allSatisfy(\.isNumber)) {
                    throw ValidationError("'\(code)' is not a rule code (DK followed by digits)")
                }
            }
        }

        static func codes(_ list: String?) -> [String] {
            (list ?? "").split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        }

        func run() throws {
            let configPath = config ?? LintConfiguration.find(from: FileManager.default.currentDirectoryPath)
            let configuration: LintConfiguration
            do {
                configuration = try configPath.map(LintConfiguration.load(path:)) ?? LintConfiguration()
            } catch let error as LintConfiguration.Error {
                throw CommandFailure(exitCode: 3, message: error.description)
            }
            var linter = Linter(mode: mode ?? configuration.mode ?? .basic, configuration: configuration,
                                select: Self.codes(select), ignore: Self.codes(ignore))
            if let deviceType { linter.fixDeviceType = IntegerField.parse(deviceType)! }
            if package || configuration.package == true { linter.packageFolderInspector = LintPackageFolder.inspector }
            linter.expectedProvider = provider ?? configuration.provider
            if let build = (wbuild ?? configuration.wbuild).flatMap(WindowsBuild.init) { linter.isolationBuild = build }
            linter.targetOS = (osver ?? configuration.osver).flatMap { TargetPlatform(osver: $0) }

            var files: [String] = []
            var unreadable: [String] = []
            for path in paths {
                var isDirectory: ObjCBool = false
                if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                    unreadable.append(INFInputError(path: path, reason: .notFound).description)
                } else {
                    files += Linter.collectFiles(path)
                }
            }
            if fix { unreadable += applyFixes(linter, files) }

            let progress = ProgressLine(total: files.count)
            var callback: (@Sendable (Int) -> Void)? = nil
            if let progress { callback = { @Sendable done in progress.update(done) } }
            let results = linter.lint(paths: files, progress: callback)
            progress?.finish()

            var reportFiles: [ReportFile] = []
            for result in results {
                switch result {
                case .success(let r):
                    reportFiles.append(ReportFile(path: r.path, source: r.source, diagnostics: r.findings.map {
                        ReportDiagnostic(code: $0.code, severity: $0.severity, message: $0.message, range: $0.range,
                                         fixTitle: $0.fix.map { "\($0.title) (\($0.safety.rawValue))" }, fixEdits: $0.fix?.edits ?? [],
                                         infVerif: $0.infVerif)
                    }, rulesRun: r.rulesRun))
                case .failure(let error):
                    unreadable.append((error as? INFInputError)?.description ?? "\(error)")
                }
            }
            let report = Report(files: reportFiles, rules: RuleRegistry.infos.map(Self.reportRule), toolVersion: Drvkit.version)
            let rendered: String
            switch format {
            case .text: rendered = TextRenderer.render(report, color: output == nil && Terminal.colorEnabled)
            case .json: rendered = JSONRenderer.render(report)
            case .sarif: rendered = SARIFRenderer.render(report)
            case .junit: rendered = JUnitRenderer.render(report)
            }
            if let output {
                try INFInput.writeAtomically(Array(rendered.utf8), to: output)
            } else {
                Terminal.write(rendered)
            }
            for message in unreadable { Terminal.error(message) }
            if !unreadable.isEmpty { throw CommandFailure(exitCode: 3) }
            let failing = reportFiles.contains { $0.diagnostics.contains { $0.severity >= failOn } }
            if failing { throw CommandFailure(exitCode: 1) }
        }

        /// Applies safe fixes in place; returns error lines for files that could not be read or written.
        func applyFixes(_ linter: Linter, _ files: [String]) -> [String] {
            var errors: [String] = []
            var fixedFiles = 0, fixes = 0
            for file in files {
                do {
                    let tree = try INFInput.load(path: file)
                    let (units, applied) = linter.fix(tree: tree, path: file)
                    guard applied > 0, units != tree.source.units else { continue }
                    let bytes = try SourceText(units: units, encoding: tree.source.encoding, oddByte: tree.source.oddByte).encoded()
                    try INFInput.writeAtomically(bytes, to: file)
                    fixedFiles += 1
                    fixes += applied
                } catch {
                    errors.append((error as? INFInputError)?.description ?? "\(file): error: \(error)")
                }
            }
            if fixedFiles > 0 { Terminal.error("fixed \(fixes) finding\(fixes == 1 ? "" : "s") in \(fixedFiles) file\(fixedFiles == 1 ? "" : "s")") }
            return errors
        }

        static func reportRule(_ info: RuleInfo) -> ReportRule {
            ReportRule(code: info.code, name: info.name, summary: info.summary, documentation: info.documentation,
                       infVerif: info.infVerif, defaultSeverity: info.severity)
        }
    }
}

extension Severity: ExpressibleByArgument {}

/// `[n/N] linting` on standard error, only on a terminal and for more than 50 files.
final class ProgressLine: @unchecked Sendable {
    let total: Int
    private let lock = NSLock()
    private var last = 0

    init?(total: Int) {
        guard total > 50, isatty(STDERR_FILENO) != 0 else { return nil }
        self.total = total
    }

    func update(_ done: Int) {
        lock.lock(); defer { lock.unlock() }
        guard done - last >= 10 || done == total else { return }
        last = done
        FileHandle.standardError.write(Data("\r[\(done)/\(total)] linting".utf8))
    }

    func finish() { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
}
