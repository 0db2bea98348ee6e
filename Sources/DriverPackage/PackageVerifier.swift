import Authenticode
import Foundation
import INFModel
import INFSyntax
import X509

/// The outcome of checking one file of a package.
public struct VerifiedFile: Sendable {
    public enum Status: String, Sendable { case ok, missing, notInCatalog = "not-in-catalog", badSignature = "bad-signature", invalid }
    public var path: String
    public var status: Status
    public var message: String
}

/// What `drvkit verify` found.
public struct PackageVerification: Sendable {
    public var inf: String
    public var catalog: String?
    public var catalogStatus: String
    public var signer: String?
    /// The catalog signature's time-stamp, when it has one.
    public var timestamp: SignatureTimestamp?
    public var files: [VerifiedFile]
    public var problems: [String]
    /// The INFs its CopyINF directives name that are in the folder (each heads a package of its own).
    public var copiedINFs: [String] = []
    public var ok: Bool { problems.isEmpty && files.allSatisfy { $0.status == .ok } }
}

/// Checks a built package folder: every file the INF installs is present and hashed in the catalog,
/// the catalog is signed by a trusted certificate, embedded PE signatures are valid.
public enum PackageVerifier {
    public static func verify(directory: String, trusted: [Certificate]) throws -> [PackageVerification] {
        let root = URL(fileURLWithPath: directory)
        let infs = try FileManager.default.contentsOfDirectory(atPath: directory).filter {
            $0.lowercased().hasSuffix(".inf") && INFInput.isRegularFileOrMissing(root.appendingPathComponent($0).path)
        }.sorted()
        guard !infs.isEmpty else { throw PackageProblem(path: directory, line: nil, message: "no INF file in the package folder") }
        // The INFs at the top, then those that CopyINF names in subfolders, each with its own folder's files and catalog.
        var queue = infs.map { root.appendingPathComponent($0) }
        var seen = Set(queue.map { $0.standardizedFileURL.path.lowercased() })
        var results: [PackageVerification] = []
        var index = 0
        while index < queue.count {
            let inf = queue[index]; index += 1
            let result = try verify(inf: inf.path, root: inf.deletingLastPathComponent(), trusted: trusted)
            results.append(result)
            for copied in result.copiedINFs.map({ URL(fileURLWithPath: $0) })
            where FileManager.default.fileExists(atPath: copied.path) && seen.insert(copied.standardizedFileURL.path.lowercased()).inserted {
                queue.append(copied)
            }
        }
        return results
    }

    /// Why Windows no longer accepts a signature by `signer`: a signature holds while its certificate
    /// is valid, and after that only with a valid time-stamp from when it was ("A time stamp extends
    /// the validity of a certificate", SignedCode.Timestamp). Nil when it holds at `now`.
    static func validity(of signer: Certificate, stamp: SignatureTimestamp?, now: Date = Date()) -> String? {
        let day = { (d: Date) in String(ISO8601DateFormatter().string(from: d).prefix(10)) }
        if let stamp, stamp.problem == nil {
            guard stamp.time < signer.notValidBefore || stamp.time > signer.notValidAfter else { return nil }
            return "the signer's certificate (valid \(day(signer.notValidBefore)) to \(day(signer.notValidAfter))) was not valid when the signature was time-stamped (\(day(stamp.time)))"
        }
        if now > signer.notValidAfter {
            return "the signer's certificate expired on \(day(signer.notValidAfter)) and the signature has no valid time-stamp: Windows no longer accepts it"
        }
        if now < signer.notValidBefore { return "the signer's certificate is not valid before \(day(signer.notValidBefore))" }
        return nil
    }

    /// Checks one INF of a package folder `root`.
    public static func verify(inf: String, root: URL, trusted: [Certificate]) throws -> PackageVerification {
        let document = INFDocument(tree: try INFInput.load(path: inf))
        var result = PackageVerification(inf: inf, catalog: nil, catalogStatus: "none", signer: nil, files: [], problems: [])
        let architectures = PackageResolver.architectures(of: document)
        // Files present for any architecture the INF targets.
        var files: [PackageFile] = []
        var seen = Set<String>()
        for arch in architectures.sorted(by: { $0.rawValue < $1.rawValue }) {
            let resolver = PackageResolver(document: document, infPath: inf, architecture: arch)
            let (found, _) = resolver.files()
            for f in found where FileManager.default.fileExists(atPath: root.appendingPathComponent(f.relativePath).path) || architectures.count == 1 {
                if seen.insert(f.relativePath.lowercased()).inserted { files.append(f) }
            }
        }
        let catalogName = architectures.compactMap { document.version.catalogFile(for: $0)?.fileName }.first
        var catalog: Catalog?
        if let catalogName {
            result.catalog = catalogName
            let url = root.appendingPathComponent(catalogName)
            if let data = FileManager.default.contents(atPath: url.path) {
                do {
                    let parsed = try Catalog(derEncoded: [UInt8](data))
                    catalog = parsed
                    result.timestamp = parsed.signedData.timestamp
                    if let problem = result.timestamp?.problem { result.problems.append("\(catalogName): time-stamp: \(problem)") }
                    if !parsed.signedData.isSigned {
                        result.catalogStatus = "unsigned"
                        result.problems.append("\(catalogName) is not signed")
                    } else {
                        do {
                            let signer = try parsed.signedData.verify(trusted: trusted)
                            result.signer = "\(signer.subject)"
                            result.catalogStatus = "signed"
                            if let problem = validity(of: signer, stamp: result.timestamp) {
                                result.catalogStatus = "expired"
                                result.problems.append("\(catalogName): \(problem)")
                            }
                        } catch {
                            result.catalogStatus = "untrusted"
                            result.problems.append("\(catalogName): \(error)" + (trusted.isEmpty ? " (pass --trust CERT.pem)" : ""))
                        }
                    }
                } catch {
                    result.catalogStatus = "invalid"
                    result.problems.append("\(catalogName) is not a valid catalog: \(error)")
                }
            } else {
                result.catalogStatus = "missing"
                result.problems.append("\(catalogName) is missing from the package")
            }
        } else {
            result.problems.append("the INF names no CatalogFile")
        }
        result.copiedINFs = files.filter(\.isCopiedINF).map { root.appendingPathComponent($0.relativePath).path }
        let infName = URL(fileURLWithPath: inf).lastPathComponent
        let all = [(infName, false)] + files.map { ($0.relativePath, true) }
        for (path, _) in all {
            let url = root.appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                result.files.append(VerifiedFile(path: path, status: .missing, message: "missing from the package"))
                continue
            }
            let bytes = [UInt8](data)
            let pe = try? PEFile(bytes: bytes)
            // Looked up as Windows looks it up: by SHA-1 in a v1 catalog, by SHA-256 in a v2 catalog.
            let algorithm = catalog?.lookupDigest ?? .sha1
            let digest = pe?.authenticodeDigest(algorithm) ?? FlatDigest.digest(bytes, algorithm)
            if let catalog, catalog.member(forDigest: digest) == nil {
                result.files.append(VerifiedFile(path: path, status: .notInCatalog, message: "its \(algorithm == .sha1 ? "SHA-1" : "SHA-256") hash \(digest.hexUppercase) is not in the catalog: the file changed after the catalog was made"))
                continue
            }
            if let pe, pe.certificateTable.size > 0 {
                do { try AuthenticodeSigner.verifyPE(bytes, trusted: trusted) } catch {
                    result.files.append(VerifiedFile(path: path, status: .badSignature, message: "embedded signature: \(error)"))
                    continue
                }
            }
            result.files.append(VerifiedFile(path: path, status: .ok, message: "ok"))
        }
        return result
    }
}
