import _CryptoExtras
import Authenticode
import Foundation
import INFModel
import INFSyntax
import X509

/// What `drvkit package build` produced.
public struct PackageBuildResult: Sendable {
    public var outputDirectory: String
    /// The INF and every file of its package, by their paths in the folder.
    public var files: [String]
    public var catalog: String?
    public var signed: Bool
    /// The packages of the INFs that CopyINF names (and theirs in turn), built into the same folder.
    public var copiedPackages: [CopiedPackage] = []

    /// A package that a CopyINF directive names, built beside the one that names it.
    public struct CopiedPackage: Sendable {
        /// The INF's path in the folder.
        public var inf: String
        /// Its files' paths in the folder (the INF first).
        public var files: [String]
        /// Its catalog's path in the folder, when its [Version] names one.
        public var catalog: String?
    }
}

/// Builds a driver package folder from an INF and its source files (Inf2Cat + signtool's job).
///
/// An INF that a CopyINF directive names heads a driver package of its own, which Windows stages
/// from the same folder when it stages this one: its files and its catalog are built into the folder
/// too, beside the INF, as Inf2Cat and signtool would for each INF of a multi-INF package folder.
public struct PackageBuilder {
    public var infPath: String
    public var architecture: Architecture
    public var osList: String?
    public var signer: (chain: [Certificate], key: _RSA.Signing.PrivateKey)?
    /// The catalogs' member format: v1 (SHA-1, as Inf2Cat writes) unless asked.
    public var catalogVersion: CatalogVersion

    public init(infPath: String, architecture: Architecture, osList: String? = nil, signer: (chain: [Certificate], key: _RSA.Signing.PrivateKey)? = nil,
                catalogVersion: CatalogVersion = .v1) {
        self.infPath = infPath; self.architecture = architecture; self.osList = osList; self.signer = signer
        self.catalogVersion = catalogVersion
    }

    /// One INF's package, read from the source folder: where it goes in the package folder, its
    /// files' bytes and its catalog's name.
    struct Collected {
        var infPath: String
        /// The INF's folder inside the package folder ("" for the INF being built).
        var folder: String
        var infBytes: [UInt8]
        var document: INFDocument
        var resolver: PackageResolver
        var contents: [(file: PackageFile, bytes: [UInt8])]
        var catalogName: String?

        /// A path of this package's folder as a path of the package folder.
        func path(_ relative: String) -> String { folder.isEmpty ? relative : folder + "/" + relative }
        var infName: String { URL(fileURLWithPath: infPath).lastPathComponent }
        /// The INF and every file of the package, by their paths in the package folder (the INF first,
        /// without a line).
        var files: [(path: String, bytes: [UInt8], line: Int?)] {
            [(path(infName), infBytes, nil)] + contents.map { (path($0.file.relativePath), $0.bytes, $0.file.line) }
        }
    }

    /// Reads the INF at `infPath` and every file its package needs, adding what is wrong to `problems`;
    /// nil when the INF itself cannot be read or SetupAPI would refuse it. The INF being built that
    /// cannot be read throws (the CLI's exit 3); a copied one is a problem of the build.
    func collect(infPath: String, folder: String, copied: Bool, problems: inout [PackageProblem]) throws -> Collected? {
        let tree: SyntaxTree
        let infBytes: [UInt8]
        do {
            infBytes = try INFInput.readBytes(path: infPath)
            tree = try INFInput.parse(infBytes, path: infPath)
        } catch let error as INFInputError where copied {
            problems.append(PackageProblem(path: infPath, line: nil, message: "the CopyINF package cannot be built: \(error.message)"))
            return nil
        }
        let document = INFDocument(tree: tree)
        if let error = document.openError {
            problems.append(PackageProblem(path: infPath, line: error.line, message: "SetupAPI refuses this INF: \(error.description)"))
            return nil
        }
        let resolver = PackageResolver(document: document, infPath: infPath, architecture: architecture)
        let (files, found) = resolver.files()
        problems += found
        let sourceRoot = URL(fileURLWithPath: infPath).deletingLastPathComponent()
        var contents: [(file: PackageFile, bytes: [UInt8])] = []
        for file in files {
            let url = sourceRoot.appendingPathComponent(file.relativePath)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                problems.append(PackageProblem(path: infPath, line: file.line, message: PackageResolver.missingMessage(file)))
                continue
            }
            let bytes = [UInt8](data)
            if let problem = resolver.check(file, bytes: bytes) { problems.append(PackageProblem(path: infPath, line: file.line, message: problem)) }
            contents.append((file, bytes))
        }
        let catalogEntry = document.version.catalogFile(for: architecture)
        let catalogName = catalogEntry?.fileName
        if let catalogEntry, catalogName == nil {
            problems.append(PackageProblem(path: infPath, line: tree.lineNumber(of: catalogEntry.file.line.range.lowerBound),
                                           message: "CatalogFile '\(catalogEntry.file.value)' is not a file name in the INF's folder"))
        } else if signer != nil && catalogName == nil {
            problems.append(PackageProblem(path: infPath, line: nil, message: "--sign needs a CatalogFile in [Version] for \(architecture.rawValue)"))
        }
        return Collected(infPath: infPath, folder: folder, infBytes: infBytes, document: document, resolver: resolver,
                         contents: contents, catalogName: catalogName)
    }

    /// The INF being built and the packages its CopyINF directives name, and theirs in turn (each
    /// once; an INF that names itself, or one already built, is not built again).
    func collectAll(problems: inout [PackageProblem]) throws -> [Collected] {
        guard let main = try collect(infPath: infPath, folder: "", copied: false, problems: &problems) else { return [] }
        var packages = [main]
        var built: Set<String> = [main.infName.lowercased()]
        var index = 0
        let sourceRoot = URL(fileURLWithPath: infPath).deletingLastPathComponent()
        while index < packages.count {
            let package = packages[index]; index += 1
            for (file, _) in package.contents where file.isCopiedINF {
                let relative = package.path(file.relativePath)
                guard built.insert(relative.lowercased()).inserted else { continue }
                let folder = (relative as NSString).deletingLastPathComponent
                if let copied = try collect(infPath: sourceRoot.appendingPathComponent(relative).path, folder: folder, copied: true, problems: &problems) {
                    packages.append(copied)
                }
            }
        }
        return packages
    }

    /// One catalog for the packages that name it (WinBtrfs's two INFs share one): every INF and
    /// file of theirs, Inf2Cat's OS attributes and their hardware IDs.
    func catalog(of packages: [Collected], os: (os: String, osAttr: String)) throws -> [UInt8] {
        var members: [CatalogInput] = []
        var named = Set<String>()
        var hardwareIDs = Set<String>()
        for package in packages {
            for (name, bytes) in [(package.infName, package.infBytes)] + package.contents.map({ ($0.file.sourceName, $0.bytes) })
            where named.insert(name.lowercased()).inserted {
                members.append(CatalogInput(name: name, bytes: bytes))
            }
            hardwareIDs.formUnion(package.document.models(for: package.resolver.platform).compactMap { $0.hardwareID?.lowercased() })
        }
        var attributes: [(name: String, value: String)] = [("OS", os.os)]
        for (i, id) in hardwareIDs.sorted().enumerated().reversed() { attributes.append(("HWID\(i + 1)", id)) }
        let catalog = try AuthenticodeSigner.unsignedCatalog(files: members, version: catalogVersion, osAttributes: os.osAttr, attributes: attributes)
        guard let signer else { return catalog }
        return try AuthenticodeSigner.signCatalog(catalog, chain: signer.chain, privateKey: signer.key)
    }

    /// Builds into `output`: everything is written to a temporary folder beside it and renamed into
    /// place at the end, so a failed build leaves nothing behind. Throws every problem found.
    public func build(into output: String) throws -> PackageBuildResult {
        var problems: [PackageProblem] = []
        let packages = try collectAll(problems: &problems)
        let list = osList ?? OSAttributes.defaultList(for: architecture.rawValue)
        if let problem = OSAttributes.problem(catalogVersion: catalogVersion, osList: list) { throw [problem] }
        let os = try OSAttributes.resolve(list).get()
        // Every path of the folder once: two packages may carry the same file, never different bytes under one path.
        var written: [String: (bytes: [UInt8], infPath: String)] = [:]
        for package in packages {
            for (path, bytes, line) in package.files {
                if let earlier = written[path.lowercased()], earlier.bytes != bytes {
                    problems.append(PackageProblem(path: package.infPath, line: line,
                                                   message: "\(path) differs from the file of that name that \(URL(fileURLWithPath: earlier.infPath).lastPathComponent) carries"))
                } else {
                    written[path.lowercased()] = (bytes, package.infPath)
                }
            }
        }
        guard problems.isEmpty, let main = packages.first else { throw problems }

        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let parent = outputURL.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(outputURL.lastPathComponent).drvkit-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            func write(_ bytes: [UInt8], to path: String) throws {
                let destination = staging.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: destination)
            }
            var catalogs: [(path: String, packages: [Collected])] = []
            for package in packages {
                for (path, bytes, _) in package.files { try write(bytes, to: path) }
                guard let catalogName = package.catalogName else { continue }
                let path = package.path(catalogName)
                if let i = catalogs.firstIndex(where: { $0.path.lowercased() == path.lowercased() }) {
                    catalogs[i].packages.append(package)
                } else {
                    catalogs.append((path, [package]))
                }
            }
            for (path, sharing) in catalogs { try write(try catalog(of: sharing, os: os), to: path) }
            if FileManager.default.fileExists(atPath: outputURL.path) {
                let old = parent.appendingPathComponent(".\(outputURL.lastPathComponent).old-\(UUID().uuidString)")
                try FileManager.default.moveItem(at: outputURL, to: old)
                try FileManager.default.moveItem(at: staging, to: outputURL)
                try? FileManager.default.removeItem(at: old)
            } else {
                try FileManager.default.moveItem(at: staging, to: outputURL)
            }
            let copied = packages.dropFirst().map { package in
                PackageBuildResult.CopiedPackage(inf: package.path(package.infName), files: package.files.map(\.path),
                                                 catalog: package.catalogName.map { package.path($0) })
            }
            return PackageBuildResult(outputDirectory: outputURL.path, files: main.files.map(\.path),
                                      catalog: main.catalogName, signed: signer != nil && main.catalogName != nil, copiedPackages: copied)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            guard let fileError = error as? CocoaError else { throw error }
            throw [PackageProblem(path: output, line: nil, message: "cannot write the package: \(Self.describe(fileError))")]
        }
    }

    /// A file-system error in plain words: the path and the system's reason.
    static func describe(_ cocoa: CocoaError) -> String {
        let reason = INFInputError.reason(of: cocoa)
        return (cocoa.filePath ?? cocoa.url?.path).map { "\($0): \(reason)" } ?? reason
    }
}

extension Array: @retroactive Error where Element == PackageProblem {}
