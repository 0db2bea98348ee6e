import Foundation
import DriverPackage
import INFLint

/// `lint --package`: the package builder's checks of the files next to an INF, handed to the linter.
enum LintPackageFolder {
    static let inspector: PackageFolderInspector = { document, path in
        let check = PackageFolderCheck(document: document, infPath: path)
        let issues = check.issues.map {
            PackageFolder.FileIssue(fileName: $0.file.sourceName, line: $0.file.line, kind: $0.kind, message: $0.message)
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return PackageFolder(architectures: check.architectures, fileIssues: issues, topLevelNames: Set(names))
    }
}
