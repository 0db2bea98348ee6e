import Authenticode
import Crypto
import DriverPackage
import Foundation
import GRDB
import INFLint
import INFModel
import INFSyntax
import SigningPolicy
import X509

/// The driver store (installer.md §2): staging, publishing as `oemN.inf`, enumeration, deletion.
public enum DriverStore {
    /// The outcome of adding a package.
    public struct Added: Sendable {
        public var package: DriverPackageRecord
        /// The identical package (same INF name and contents) was already in the store.
        public var alreadyExisted: Bool
        /// The dialog Windows shows before installing it (an untrusted signature, a publisher not in
        /// TrustedPublisher), which drvkit answers with "Install".
        public var warning: String?
        /// The signing policy's install reasons (rules P1–P4), for the setup log.
        public var reasons: [String] = []
        /// The INFs its CopyINF directives name (paths), which are staged as packages of their own.
        public var copyINFs: [String] = []
        /// The packages staged for those CopyINF directives (and theirs, in turn).
        public var copiedPackages: [Added] = []
        /// The CopyINF packages that could not be staged, and why.
        public var copyINFFailures: [CopyINFFailure] = []

        /// The CopyINF packages that could not be staged, those of the staged CopyINF packages included.
        public var allCopyINFFailures: [CopyINFFailure] { copyINFFailures + copiedPackages.flatMap(\.allCopyINFFailures) }
    }

    /// An INF a CopyINF directive names that could not be staged.
    public struct CopyINFFailure: Sendable {
        public var infPath: String
        public var error: DriverStoreError
    }

    /// Stages the package of `infPath` (the INF, its catalog and the files it copies on the
    /// sandbox's architecture): refused when the linter finds errors, when there is no catalog or
    /// it does not cover every file, or a file is missing. An identical package reuses its folder
    /// and published name.
    /// Each attempt appends a "Setup Import Driver Package" section to setupapi.dev.log.
    ///
    /// Then, as Windows does from Vista on, the INFs its CopyINF directives name (by their path
    /// from the INF's folder) are staged as packages of their own, and theirs in turn; one already
    /// in the store is left as it is. Microsoft does not say what a CopyINF package that cannot be
    /// staged does to the import: drvkit keeps the package staged and reports it in
    /// ``Added/copyINFFailures`` [?].
    public static func add(infPath: String, sandbox: Sandbox) throws -> Added {
        var visited: Set<String> = [URL(fileURLWithPath: infPath).standardizedFileURL.path]
        return try add(infPath: infPath, sandbox: sandbox, visited: &visited)
    }

    static func add(infPath: String, sandbox: Sandbox, visited: inout Set<String>) throws -> Added {
        var added = try importPackage(infPath: infPath, sandbox: sandbox)
        for path in added.copyINFs where visited.insert(URL(fileURLWithPath: path).standardizedFileURL.path).inserted {
            do { added.copiedPackages.append(try add(infPath: path, sandbox: sandbox, visited: &visited)) }
            catch let error as DriverStoreError { added.copyINFFailures.append(CopyINFFailure(infPath: path, error: error)) }
        }
        return added
    }

    /// Stages one package (``stage(infPath:sandbox:)``) and logs the import in setupapi.dev.log.
    static func importPackage(infPath: String, sandbox: Sandbox) throws -> Added {
        let header = ">>>  [Setup Import Driver Package - \(infPath)]"
        do {
            let added = try stage(infPath: infPath, sandbox: sandbox)
            var log = [header, "     sto: {Setup Import Driver Package: \(infPath)}"]
            log.append(added.alreadyExisted ? "     sto:      Driver package already imported as '\(added.package.publishedName)'."
                                            : "     sto:      Published Driver Store Entry '\(added.package.publishedName)' in \(added.package.storePath)")
            log.append("     sig:      Signer Name  = \(added.package.signer ?? "(none)")")
            log += added.copyINFs.map { "     inf:      CopyINF: \($0)" }
            log += added.reasons.map { "     sig:      \($0)" }
            log += ["     sto: {Setup Import Driver Package - exit(0x00000000)}", "<<<  [Exit status: SUCCESS]"]
            try? SetupLog.append(log, sandbox: sandbox)
            return added
        } catch let error as DriverStoreError {
            let code = String(error.win32Error, radix: 16)
            let log = [header, "!!!  sto: Failed to import driver package: \(error.message)"] + error.details.map { "!!!  sto:      \($0)" }
                + ["<<<  [Exit status: FAILURE(0x\(String(repeating: "0", count: max(0, 8 - code.count)) + code))]"]
            try? SetupLog.append(log, sandbox: sandbox)
            throw error
        }
    }

    static func stage(infPath: String, sandbox: Sandbox) throws -> Added {
        let profile = try sandbox.profile()
        let architecture = profile.platform.architecture
        let tree: SyntaxTree
        do { tree = try INFInput.load(path: infPath) } catch {
            throw DriverStoreError("\(error)", DriverStoreError.fileNotFound)
        }
        let document = INFDocument(tree: tree)
        if let error = document.openError {
            throw DriverStoreError("The INF is not valid: \(error.description)", error.code)
        }
        let lint = Linter().lint(tree: tree, path: infPath)
        let errors = lint.findings.filter { $0.severity == .error }
        if !errors.isEmpty {
            throw DriverStoreError("The INF has \(errors.count) linter error(s); drvkit does not stage it.", DriverStoreError.invalidData,
                                   details: errors.map { f in
                                       let at = lint.source.location(of: f.range.lowerBound)
                                       return "\(infPath):\(at.line):\(at.column): error: \(f.code) \(f.message)"
                                   })
        }
        let root = URL(fileURLWithPath: infPath).deletingLastPathComponent()
        let infName = URL(fileURLWithPath: infPath).lastPathComponent
        let resolver = PackageResolver(document: document, infPath: infPath, architecture: architecture)
        let (files, problems) = resolver.files()
        if let problem = problems.first {
            throw DriverStoreError("\(problem)", DriverStoreError.fileNotFound, details: problems.dropFirst().map(\.description))
        }
        guard let catalogName = document.version.catalogFile(for: architecture)?.fileName else {
            throw DriverStoreError("The third-party INF does not contain digital signature information.", DriverStoreError.noCatalog)
        }
        let (trusted, state, roots, publishers) = try sandbox.read { r in
            (try TrustStore.certificates(r.db), try BootConfiguration.currentState(r.db, profile: profile),
             try TrustStore.certificates(r.db, store: "Root"), try TrustStore.certificates(r.db, store: "TrustedPublisher"))
        }
        let verification = try PackageVerifier.verify(inf: infPath, root: root, trusted: trusted)
        if ["missing", "invalid"].contains(verification.catalogStatus) {
            throw DriverStoreError("The third-party INF does not contain digital signature information.", DriverStoreError.noCatalog,
                                   details: verification.problems)
        }
        for file in verification.files where file.status != .ok {
            switch file.status {
            case .missing: throw DriverStoreError("The system cannot find the file specified.", DriverStoreError.fileNotFound, details: ["\(file.path): \(file.message)"])
            case .notInCatalog, .badSignature:
                throw DriverStoreError("The hash for the file is not present in the specified catalog file. The file is likely corrupt or the victim of tampering.",
                                       DriverStoreError.hashNotInCatalog, details: ["\(file.path): \(file.message)"])
            default: throw DriverStoreError("\(file.path): \(file.message)", DriverStoreError.invalidData)
            }
        }
        // The package's bytes: the INF, its catalog, the files for this architecture.
        var contents: [(path: String, bytes: [UInt8])] = []
        for relative in [infName, catalogName] + files.map(\.relativePath) {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(relative).path) else {
                throw DriverStoreError("The system cannot find the file specified.", DriverStoreError.fileNotFound, details: [relative])
            }
            if !contents.contains(where: { $0.path.lowercased() == relative.lowercased() }) { contents.append((relative, [UInt8](data))) }
        }
        // Whether Windows installs it: its signature (the catalog, verified above to cover every file)
        // against the machine's stores and current boot.
        let catalog = try? Catalog(derEncoded: contents[1].bytes)
        let input = PackagePolicyInput.read(document: document, infPath: infPath, architecture: architecture, signedCatalog: catalog,
                                            files: Array(contents.dropFirst(2)), roots: roots, trustedPublishers: publishers)
        let decision = SigningPolicyEngine.decide(machine: state, signature: input.signature, kind: input.kind)
        let installReasons = decision.reasons.filter { $0.rule.hasPrefix("P") }.map(\.description)
        if decision.install == .blocked {
            throw DriverStoreError("The third-party INF does not contain digital signature information.", DriverStoreError.noCatalog,
                                   details: installReasons)
        }
        let warning = decision.install == .warn ? installReasons.first : nil
        let hash = storeHash(contents)
        let copyINFs = files.filter { $0.isCopiedINF && $0.relativePath.lowercased() != infName.lowercased() }
            .map { root.appendingPathComponent($0.relativePath).path }
        let folder = "\(infName.lowercased())_\(architecture.rawValue)_\(hash)"
        let signature = catalogSignature(catalog?.signedData, trusted: trusted)
        return try sandbox.write { registry in
            let db = registry.db
            if let existing = try Row.fetchOne(db, sql: "SELECT * FROM driver_package WHERE original_name = ? COLLATE NOCASE AND hash = ?",
                                               arguments: [infName, hash]) {
                return Added(package: DriverPackageRecord(row: existing), alreadyExisted: true, warning: warning, reasons: installReasons,
                             copyINFs: copyINFs)
            }
            let used = Set(try String.fetchAll(db, sql: "SELECT published_name FROM driver_package").map { $0.lowercased() })
            var n = 0
            while used.contains("oem\(n).inf") { n += 1 }
            let published = "oem\(n).inf"
            let version = document.version
            let driverVer = version.driverVer?.value
            try db.execute(sql: """
                INSERT INTO driver_package(published_name, original_name, folder, hash, catalog, provider, class_name, class_guid,
                                           driver_date, driver_version, signer, trusted)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [published, infName, folder, hash, catalogName, version.provider?.value ?? "", version.class?.value ?? "",
                                 (version.classGuid?.value ?? "").lowercased(), driverVer?.isoDate ?? "0000-00-00",
                                 driverVer?.versionString ?? "0.0.0.0", signature.signer, signature.trusted])
            let id = db.lastInsertedRowID
            try indexModels(document, platform: profile.platform, package: id, db)
            let transaction = FileTransaction(root: sandbox.root)
            let storeFolder = "C/Windows/System32/DriverStore/FileRepository/" + folder
            for (path, bytes) in contents { try transaction.stage(bytes, at: storeFolder + "/" + path, registry: registry) }
            try transaction.stage(contents[0].bytes, at: "C/Windows/INF/" + published, registry: registry)
            return Added(package: try DriverPackageRecord.withID(id, db)!, alreadyExisted: false, warning: warning, reasons: installReasons,
                         copyINFs: copyINFs)
        }
    }

    /// The models the package offers on `platform`, one row per ID (position 0: the hardware ID,
    /// k: the k-th compatible ID), so that devices find their candidates by index.
    static func indexModels(_ document: INFDocument, platform: TargetPlatform, package: Int64, _ db: Database) throws {
        for manufacturer in document.manufacturers {
            guard let section = manufacturer.modelsSectionName(for: platform) else { continue }
            for model in document.models(inSection: section) {
                let ids = [model.hardwareID ?? ""] + model.compatibleIDs
                for (position, id) in ids.enumerated() where !id.isEmpty {
                    try db.execute(sql: """
                        INSERT INTO driver_model(package, device_id, position, manufacturer, description, install_section, models_section)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [package, DeviceID.fold(id), position, manufacturer.name, model.deviceDescription,
                                         model.installSection, model.modelsSection])
                }
            }
        }
    }

    /// The store folder's hash: the first 8 bytes of SHA-256 over the files sorted by path
    /// (path, NUL, length, bytes), in hex. Windows does not document its own.
    static func storeHash(_ files: [(path: String, bytes: [UInt8])]) -> String {
        var sha = SHA256()
        for file in files.sorted(by: { $0.path.lowercased() < $1.path.lowercased() }) {
            sha.update(data: Array(file.path.lowercased().utf8) + [0])
            withUnsafeBytes(of: UInt64(file.bytes.count).littleEndian) { sha.update(bufferPointer: $0) }
            sha.update(data: file.bytes)
        }
        return sha.finalize().prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// Who signed a catalog (whether or not the machine trusts it) and whether its signature is
    /// trusted, as the signing policy classifies it (a test root only when the machine has it).
    static func catalogSignature(_ signed: SignedData?, trusted: [Certificate]) -> (signer: String?, trusted: Bool) {
        let signature = SignerClassifier.classify(signed, roots: trusted, trustedPublishers: [])
        return (signature.signerName, signature.signer != .unsigned && signature.trustedRoot)
    }

    /// Works out again which packages' catalogs chain to a trusted certificate (the stores changed).
    static func refreshTrust(_ registry: RegistryStore, sandboxRoot: URL) throws {
        let trusted = try TrustStore.certificates(registry.db)
        for package in try DriverPackageRecord.all(registry.db) {
            let catalog = SignerClassifier.catalog(at: sandboxRoot.appendingPathComponent(package.storeRelativePath + "/" + package.catalog))
            let signature = catalogSignature(catalog?.signedData, trusted: trusted)
            try registry.db.execute(sql: "UPDATE driver_package SET signer = ?, trusted = ? WHERE id = ?",
                                    arguments: [signature.signer, signature.trusted, package.id])
        }
    }

    /// The packages in the store, by published name.
    public static func packages(_ sandbox: Sandbox) throws -> [DriverPackageRecord] {
        try sandbox.read { try DriverPackageRecord.all($0.db) }
    }

    /// The package published as `name`, or the error pnputil gives.
    public static func package(_ name: String, _ sandbox: Sandbox) throws -> DriverPackageRecord {
        guard let package = try sandbox.read({ try DriverPackageRecord.named(name, $0.db) }) else {
            throw DriverStoreError("The specified INF is not an installed OEM INF.", DriverStoreError.notInstalledOEM)
        }
        return package
    }

    /// An extension package's `ExtensionId` (from its INF in the store), nil for a base driver package.
    public static func extensionID(of package: DriverPackageRecord, sandbox: Sandbox) -> String? {
        guard package.isExtension else { return nil }
        var documents: [Int64: INFDocument] = [:]
        return (try? Ranking.document(package, &documents, sandboxRoot: sandbox.root))??
            .firstLine(in: "Version", key: "ExtensionId")?.nonEmptyField(1)?.lowercased()
    }

    /// The files of a package's store folder as Windows paths (`C:\\Windows\\System32\\DriverStore\\…`), sorted.
    public static func files(of package: DriverPackageRecord, sandbox: Sandbox) throws -> [String] {
        try relativeFiles(of: package, sandbox: sandbox).map { package.storePath + "\\" + $0.replacingOccurrences(of: "/", with: "\\") }
    }

    /// Copies a package's store folder to `directory` (outside the sandbox: the user asked for it).
    public static func export(_ package: DriverPackageRecord, to directory: String, sandbox: Sandbox) throws {
        let source = sandbox.root.appendingPathComponent(package.storeRelativePath)
        let target = URL(fileURLWithPath: directory).appendingPathComponent(package.folder)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for relative in try relativeFiles(of: package, sandbox: sandbox) {
            let destination = target.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try INFInput.writeAtomically(Array(try Data(contentsOf: source.appendingPathComponent(relative))), to: destination.path)
        }
    }

    /// The regular files under a package's store folder, relative to it with `/`, sorted case-insensitively.
    static func relativeFiles(of package: DriverPackageRecord, sandbox: Sandbox) throws -> [String] {
        let source = sandbox.root.appendingPathComponent(package.storeRelativePath)
        var result: [String] = []
        let items = FileManager.default.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey])
        while let item = items?.nextObject() as? URL {
            guard (try item.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            result.append(String(item.standardizedFileURL.path.dropFirst(source.standardizedFileURL.path.count + 1)))
        }
        return result.sorted { $0.caseInsensitiveCompare($1) == .orderedAscending }
    }
}
