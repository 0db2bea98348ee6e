import Foundation
import Authenticode
import INFModel

/// A problem with one file an INF copies, found in the folder the INF sits in.
public struct PackageFileIssue: Hashable, Sendable {
    public var file: PackageFile
    public var kind: PackageFileProblem
    public var message: String
}

/// The files of an INF checked in its folder, as `package build` checks them.
public struct PackageFolderCheck: Sendable {
    /// The architectures the folder is a package for: those with at least one of their files present
    /// (all that the INF targets when none is). A package built for amd64 from an INF that also lists
    /// arm64 is an amd64 package, as `verify` reads it.
    public var architectures: [Architecture]
    public var issues: [PackageFileIssue]

    /// Checks the folder of the INF at `infPath`. Problems of the INF itself (a file not in
    /// SourceDisksFiles…) are the linter's and not repeated here.
    public init(document: INFDocument, infPath: String) {
        let root = URL(fileURLWithPath: infPath).deletingLastPathComponent()
        let targeted = PackageResolver.architectures(of: document)
        // The copies of each path (in the INF's order), and its bytes, read once however many architectures copy it.
        var paths: [String] = []
        var copies: [String: [(resolver: PackageResolver, file: PackageFile)]] = [:]
        var contents: [String: [UInt8]] = [:]
        for architecture in targeted {
            let resolver = PackageResolver(document: document, infPath: infPath, architecture: architecture)
            for file in resolver.files().files {
                let key = file.relativePath.lowercased()
                if copies[key] == nil {
                    paths.append(key)
                    contents[key] = FileManager.default.contents(atPath: root.appendingPathComponent(file.relativePath).path).map { [UInt8]($0) }
                }
                copies[key, default: []].append((resolver, file))
            }
        }
        let present = Set(paths.filter { contents[$0] != nil }.flatMap { copies[$0]!.map(\.resolver.architecture) })
        let architectures = present.isEmpty ? targeted : targeted.filter(present.contains)

        var issues: [PackageFileIssue] = []
        for key in paths {
            // One verdict per path: the package's architectures that copy it, and what each makes of its bytes.
            let group = copies[key]!.filter { architectures.contains($0.resolver.architecture) }
            guard let file = group.first?.file else { continue }
            let names = group.map(\.resolver.architecture.rawValue)
            guard let bytes = contents[key] else {
                let which = architectures.count > group.count ? " for \(names.joined(separator: ", "))" : ""
                issues.append(PackageFileIssue(file: file, kind: .missing, message: PackageResolver.missingMessage(file) + which))
                continue
            }
            let verdicts = group.map { $0.resolver.binaryIssue($0.file, bytes: bytes) }
            if let notPE = verdicts.compactMap({ $0 }).first(where: { $0.kind == .notPE }) {
                issues.append(PackageFileIssue(file: file, kind: .notPE, message: notPE.message))
            } else if verdicts.allSatisfy({ $0?.kind == .wrongMachine }), let pe = try? PEFile(bytes: bytes) {
                issues.append(PackageFileIssue(file: file, kind: .wrongMachine,
                                               message: "\(file.sourceName) is built for \(pe.machine), not \(names.joined(separator: " or "))"))
            } else if let notNative = verdicts.compactMap({ $0 }).first(where: { $0.kind == .notNative }) {
                issues.append(PackageFileIssue(file: file, kind: .notNative, message: notNative.message))
            } else if verdicts.contains(where: { $0 == nil }), group.contains(where: { $0.file.isKernelDriver }) || key.hasSuffix(".sys"),
                      let problems = (try? PEFile(bytes: bytes))?.memoryIntegrityProblems, !problems.isEmpty {
                issues.append(PackageFileIssue(file: file, kind: .notMemoryIntegrityCompatible,
                                               message: "\(file.sourceName) does not load while memory integrity (HVCI) is on: \(problems.joined(separator: "; "))"))
            }
        }
        self.architectures = architectures
        self.issues = issues
    }
}

extension PackageResolver {
    /// The architectures a package check covers: those the [Manufacturer] decorations and decorated
    /// DefaultInstall sections name, or amd64 when they name none.
    public static func architectures(of document: INFDocument) -> [Architecture] {
        var found = Set<Architecture>()
        for m in document.manufacturers {
            for d in m.rawDecorations { if let a = TargetOSVersion(d)?.architecture { found.insert(a) } }
        }
        for section in document.sections where section.name.lowercased().hasPrefix("defaultinstall.") {
            let decoration = section.name.dropFirst("DefaultInstall.".count).split(separator: ".").first.map(String.init) ?? ""
            if let a = TargetOSVersion(decoration)?.architecture { found.insert(a) }
        }
        return found.isEmpty ? [.amd64] : Architecture.allCases.filter(found.contains)
    }
}
