import _CryptoExtras
import Authenticode
import Foundation
import INFModel
import INFSyntax
import X509

/// What `drvkit package build` produced.
public struct PackageBuildResult: Sendable {
    public var outputDirectory: String
    public var files: [String]
    public var catalog: String?
    public var signed: Bool
}

/// Builds a driver package folder from an INF and its source files (Inf2Cat + signtool's job).
public struct PackageBuilder {
    public var infPath: String
    public var architecture: Architecture
    public var osList: String?
    public var signer: (chain: [Certificate], key: _RSA.Signing.PrivateKey)?

    public init(infPath: String, architecture: Architecture, osList: String? = nil, signer: (chain: [Certificate], key: _RSA.Signing.PrivateKey)? = nil) {
        self.infPath = infPath; self.architecture = architecture; self.osList = osList; self.signer = signer
    }

    /// Builds into `output`: everything is written to a temporary folder beside it and renamed into
    /// place at the end, so a failed build leaves nothing behind. Throws every problem found.
    public func build(into output: String) throws -> PackageBuildResult {
        let tree = try INFInput.load(path: infPath)
        let document = INFDocument(tree: tree)
        if let error = document.openError { throw [PackageProblem(path: infPath, line: error.line, message: "SetupAPI refuses this INF: \(error.description)")] }
        let resolver = PackageResolver(document: document, infPath: infPath, architecture: architecture)
        var (files, problems) = resolver.files()
        let sourceRoot = URL(fileURLWithPath: infPath).deletingLastPathComponent()
        var contents: [(PackageFile, [UInt8])] = []
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
        let os = try OSAttributes.resolve(osList ?? OSAttributes.defaultList(for: architecture.rawValue)).get()
        guard problems.isEmpty else { throw problems }
        files = contents.map(\.0)

        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let parent = outputURL.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(outputURL.lastPathComponent).drvkit-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            let infName = URL(fileURLWithPath: infPath).lastPathComponent
            let infBytes = try INFInput.readBytes(path: infPath)
            try Data(infBytes).write(to: staging.appendingPathComponent(infName))
            var members = [CatalogInput(name: infName, bytes: infBytes)]
            for (file, bytes) in contents {
                let destination = staging.appendingPathComponent(file.relativePath)
                try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: destination)
                members.append(CatalogInput(name: file.sourceName, bytes: bytes))
            }
            var signed = false
            if let catalogName {
                let hardwareIDs = Array(Set(document.models(for: resolver.platform).compactMap { $0.hardwareID?.lowercased() })).sorted()
                var attributes: [(name: String, value: String)] = [("OS", os.os)]
                for (i, id) in hardwareIDs.enumerated().reversed() { attributes.append(("HWID\(i + 1)", id)) }
                var catalog = try AuthenticodeSigner.unsignedCatalog(files: members, osAttributes: os.osAttr, attributes: attributes)
                if let signer {
                    catalog = try AuthenticodeSigner.signCatalog(catalog, chain: signer.chain, privateKey: signer.key)
                    signed = true
                }
                try Data(catalog).write(to: staging.appendingPathComponent(catalogName))
            }
            if FileManager.default.fileExists(atPath: outputURL.path) {
                let old = parent.appendingPathComponent(".\(outputURL.lastPathComponent).old-\(UUID().uuidString)")
                try FileManager.default.moveItem(at: outputURL, to: old)
                try FileManager.default.moveItem(at: staging, to: outputURL)
                try? FileManager.default.removeItem(at: old)
            } else {
                try FileManager.default.moveItem(at: staging, to: outputURL)
            }
            return PackageBuildResult(outputDirectory: outputURL.path, files: [infName] + files.map(\.relativePath), catalog: catalogName, signed: signed)
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
