import INFModel
import INFSyntax

struct CopyDestinationConflict: LintRule {
    static let info = RuleInfo(
        code: "DK5018", name: "copy-destination-conflict",
        summary: "Two different source files copied to the same destination file on one machine.",
        severity: .error, infVerif: 1330,
        whatItDoes: "For each architecture, on current Windows, takes the install sections Windows would choose for the INF's models (and their `.CoInstallers`), and reports a CopyFiles entry that copies a file to a destination (DIRID, subfolder and name) another entry fills from a different source file.",
        whyBad: "One file can hold only one of them: which one a machine ends up with depends on the order devices are installed in, and an update of either device overwrites the other's file. InfVerif 1330.",
        references: ["INF CopyFiles Directive", "INF DestinationDirs Section", "INF Validation Errors and Warnings"],
        triggering: [RuleExample(Self.twoDevices(secondFile: "↓dev.sys, dev2.sys"))],
        passing: [RuleExample(Self.twoDevices(secondFile: "dev2.sys"))])

    /// A device INF whose second models line installs `Dev2`, copying `secondFile` (a file-list line) to DIRID 13.
    static func twoDevices(secondFile: String) -> String {
        let body = """
            [Dev.NT]
            CopyFiles = Dev.Files
            [Dev.Files]
            dev.sys
            [Dev2.NT]
            CopyFiles = Dev2.Files
            [Dev2.Files]
            \(secondFile)
            [Dev.NT.Services]
            AddService = dev, 0x00000002, Dev.Service
            [Dev2.NT.Services]
            AddService = dev, 0x00000002, Dev.Service
            [Dev.Service]
            ServiceType = 1
            StartType = 3
            ErrorControl = 1
            ServiceBinary = %13%\\dev.sys
            """
        return RuleExample.deviceSkeleton(body)
            .replacingOccurrences(of: "%Dev.Desc% = Dev, Root\\Dev\n", with: "%Dev.Desc% = Dev, Root\\Dev\n%Dev.Desc% = Dev2, Root\\Dev2\n")
            .replacingOccurrences(of: "dev.sys = 1\n", with: "dev.sys = 1\ndev2.sys = 1\n")
    }

    func check(_ context: LintContext, into findings: inout Findings) {
        var reported = Set<Int>()
        for architecture in context.architectures {
            let platform = context.platform(architecture)
            var first: [String: (source: String, section: String)] = [:]
            var sections: [String] = []
            for model in context.document.models(for: platform) {
                guard let install = context.document.installSection(model.installSection, for: platform) else { continue }
                for name in [install.sectionName, install.name(of: .coInstallers)] where !sections.contains(where: { $0.lowercased() == name.lowercased() }) {
                    sections.append(name)
                }
            }
            for section in sections {
                for line in context.document.lines(in: section, key: "CopyFiles") {
                    for (n, field) in line.fields.enumerated() {
                        for (copy, range) in copies(of: CopyFilesItem(field), line: line, field: n + 1, context) {
                            guard let destination = context.document.destination(forFileList: copy.list ?? "DefaultDestDir") else { continue }
                            let key = "\(destination.diridText)\\\(destination.subdirectory.trimmingWhitespace())\\\(copy.destination)".lowercased()
                            guard let earlier = first[key] else { first[key] = (copy.source, copy.list ?? section); continue }
                            guard earlier.source.lowercased() != copy.source.lowercased(), reported.insert(range.lowerBound).inserted else { continue }
                            findings.add(Self.info, "copies \(copy.source) to \(copy.destination), which [\(earlier.section)] fills from \(earlier.source): one file cannot be both", at: range)
                        }
                    }
                }
            }
        }
    }

    /// The files one CopyFiles field copies: `(destination name, source name, file-list section)` and where each is written.
    func copies(of item: CopyFilesItem, line: INFLine, field: Int, _ context: LintContext) -> [((destination: String, source: String, list: String?), Range<Int>)] {
        switch item {
        case .file(let name):
            return name.isEmpty ? [] : [((name, name, nil), line.range(ofField: field))]
        case .section(let list):
            return context.document.fileCopyEntries(inSection: list).filter { !$0.destinationName.isEmpty }
                .map { (($0.destinationName, $0.sourceName, list), $0.line.range) }
        }
    }
}
