import INFModel
import INFSyntax

struct DriverStoreCopyMismatch: LintRule {
    static let info = RuleInfo(
        code: "DK5015", name: "driver-store-copy-mismatch",
        summary: "A file copied to DIRID 13 under another name or into another folder than it has in the package.",
        severity: .error, infVerif: 1100,
        whatItDoes: "Reports CopyFiles entries whose destination is the driver store (DIRID 13) when the copy renames the file, or when the DestinationDirs subfolder differs from the file's folder in the package (the `[SourceDisksNames]` path and the `[SourceDisksFiles]` subdir, compared without regard to case). Templates' `$ARCH$` paths are passed over.",
        whyBad: "A file that runs from the driver store is used where the package put it: Windows does not create new files in the driver store, so a renamed or moved copy does not exist at the path the INF gives it.",
        references: ["InfVerif 1100", "Run From Driver Store", "INF DestinationDirs Section", "INF SourceDisksFiles Section"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\n↓dev.sys\n").withPackageLayout(sourceDisksFile: "dev.sys = 1,x64"),
                     RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\n↓dev.sys\n").withPackageLayout(destination: "Dev.Files = 13,Sub"),
                     RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\n↓devnew.sys, dev.sys\n")],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n").withPackageLayout(sourceDisksFile: "dev.sys = 1,x64", destination: "Dev.Files = 13,X64"),
                  RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n").withPackageLayout(disk: "1 = %Disk%,,,\\bin\\.", sourceDisksFile: "dev.sys = 1,amd64", destination: "Dev.Files = 13,bin\\amd64"),
                  RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files, Old.Files\n[Dev.Files]\ndev.sys, DEV.SYS\n[Old.Files]\nold.sys, dev.sys\n").withPackageLayout(destination: "Old.Files = 12")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let architectures: [Architecture?] = context.architectures.isEmpty ? [nil] : context.architectures
        let layouts = architectures.map { ($0, context.sourceDisksFiles(for: $0), context.sourceDisks(for: $0)) }
        for file in context.copiedFiles {
            // `CopyFiles = @file` copies to DefaultDestDir.
            guard let destination = context.document.destination(forFileList: file.listSection ?? "DefaultDestDir"),
                  destination.dirid == DIRID.driverStore else { continue }
            if file.destinationName.lowercased() != file.sourceName.lowercased() {
                findings.add(Self.info, "CopyFiles renames \(file.sourceName) to \(file.destinationName) in the driver store (DIRID 13): files run from the driver store keep their package names", at: file.range)
                continue
            }
            guard let wanted = Self.folder(destination.subdirectory) else { continue }
            var mismatched: [(Architecture?, String)] = []
            for (architecture, files, disks) in layouts {
                guard let entry = files[file.sourceName.lowercased()], let disk = disks[entry.diskID.trimmingWhitespace()],
                      let source = Self.folder(disk.path + "\\" + entry.subdirectory), source.map({ $0.lowercased() }) != wanted.map({ $0.lowercased() })
                else { continue }
                mismatched.append((architecture, source.joined(separator: "\\")))
            }
            guard let first = mismatched.first else { continue }
            let place = first.1.isEmpty ? "the package's top folder" : "the package folder \(first.1)"
            let archs = mismatched.count < layouts.count ? " for \(mismatched.compactMap { $0.0?.rawValue }.joined(separator: ", "))" : ""
            let target = wanted.isEmpty ? "the top of the driver store folder" : "subfolder \(wanted.joined(separator: "\\"))"
            findings.add(Self.info, "\(file.sourceName) is in \(place)\(archs) but DestinationDirs copies it to \(target) of DIRID 13: a file run from the driver store must keep its package folder", at: file.range)
        }
    }

    /// The folders of a relative path, compared without regard to case; nil when it leaves the package
    /// or holds a template placeholder (other rules' business).
    static func folder(_ path: String) -> [String]? {
        if path.contains("$") || path.contains("!") { return nil }
        return PackagePath.components(path)?.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty && $0 != "." }
    }
}

extension RuleExample {
    /// A device example with its `[SourceDisksNames]`, `[SourceDisksFiles]` or `[DestinationDirs]` line changed.
    func withPackageLayout(disk: String? = nil, sourceDisksFile: String? = nil, destination: String? = nil) -> RuleExample {
        var text = RuleExample.deviceSkeleton(self.text)
        if let disk { text = text.replacingOccurrences(of: "1 = %Disk%", with: disk) }
        if let sourceDisksFile { text = text.replacingOccurrences(of: "dev.sys = 1", with: sourceDisksFile) }
        if let destination { text = text.replacingOccurrences(of: "DefaultDestDir = 13", with: "DefaultDestDir = 13\n" + destination) }
        return RuleExample(text)
    }
}
