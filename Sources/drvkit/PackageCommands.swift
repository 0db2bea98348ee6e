import ArgumentParser
import Authenticode
import DriverPackage
import Foundation
import INFModel
import INFSyntax
import Reporting
import X509

/// Reading signing material given on the command line (exit 3 when unreadable).
/// `--cert` and `--key` (or `--pfx` and `--password`) and `--output` of the commands that sign one file (`catalog sign`, `sign`).
struct SigningOptions: ParsableArguments {
    @Option(help: "Signing certificate (PEM; a chain, signer first).") var cert: String?
    @Option(help: "RSA private key (PEM).") var key: String?
    @Option(help: "Certificate and key as one PKCS#12 file, instead of --cert and --key (needs --password).") var pfx: String?
    @Option(help: "The --pfx file's password.") var password: String?
    @Option(name: .shortAndLong, help: "Output file (default: sign in place).") var output: String?

    func validate() throws {
        try SigningInputs.validate(cert: cert, key: key, pfx: pfx, password: password, required: true)
    }

    /// Reads `file`, signs its bytes with `sign` and writes the result atomically to `--output`, else
    /// in place. Errors become exit 3 with the file's name and `describe`'s text.
    func sign(_ file: String, describe: (Error) -> String = { "\($0)" },
              _ sign: ([UInt8], [Certificate], _RSAKey) throws -> [UInt8]) throws {
        let (chain, privateKey) = try SigningInputs.signer(cert: cert, key: key, pfx: pfx, password: password)!
        let signed: [UInt8]
        do { signed = try sign(try SigningInputs.bytes(file), chain, privateKey) }
        catch let failure as CommandFailure { throw failure }
        catch { throw CommandFailure(exitCode: 3, message: "\(file): error: \(describe(error))") }
        try INFInput.writeAtomically(signed, to: output ?? file)
    }
}

enum SigningInputs {
    static func text(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure(exitCode: 3, message: "\(path): error: cannot read the file")
        }
        return text
    }

    /// `--cert` and `--key`, or `--pfx` and `--password`, exactly one pair (none unless `required`).
    static func validate(cert: String?, key: String?, pfx: String?, password: String?, required: Bool) throws {
        let pem = cert != nil || key != nil, pkcs12 = pfx != nil || password != nil
        if pem && pkcs12 { throw ValidationError("give --cert and --key, or --pfx and --password, not both") }
        if pem && (cert == nil || key == nil) { throw ValidationError("--cert and --key go together") }
        if pkcs12 && (pfx == nil || password == nil) { throw ValidationError("--pfx and --password go together") }
        if required && !pem && !pkcs12 { throw ValidationError("signing needs --cert and --key, or --pfx and --password") }
    }

    /// The signing chain and key from PEM files or a PFX; nil when neither is given.
    static func signer(cert: String?, key: String?, pfx: String?, password: String?) throws -> (chain: [Certificate], key: _RSAKey)? {
        if let cert, let key { return try signer(cert: cert, key: key) }
        guard let pfx, let password else { return nil }
        do { return try PFX.read(try bytes(pfx), password: password) } catch let failure as CommandFailure { throw failure } catch {
            throw CommandFailure(exitCode: 3, message: "\(pfx): error: \(error)")
        }
    }

    static func signer(cert: String, key: String) throws -> (chain: [Certificate], key: _RSAKey) {
        do {
            return (try TestCertificate.certificates(pem: try text(cert)), try TestCertificate.privateKey(pem: try text(key)))
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(exitCode: 3, message: "\(cert): error: not a PEM certificate and RSA key pair: \(error)")
        }
    }

    static func trusted(_ paths: [String]) throws -> [Certificate] {
        try paths.flatMap { path -> [Certificate] in
            do { return try TestCertificate.certificates(pem: try text(path)) } catch let failure as CommandFailure { throw failure } catch {
                throw CommandFailure(exitCode: 3, message: "\(path): error: not a PEM certificate: \(error)")
            }
        }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure(exitCode: 3, message: "\(path): error: no such file") }
        return [UInt8](data)
    }
}

typealias _RSAKey = AuthenticodeRSAKey

extension Drvkit {
    struct Cert: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create test-signing certificates.", subcommands: [Create.self])

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Create a self-signed RSA code-signing certificate and key (PEM), usable as its own test root.")
            @Option(help: "Subject, e.g. \"CN=Contoso Test, O=Contoso\".") var subject: String
            @Option(help: "Where to write the certificate (PEM).") var certOut: String
            @Option(help: "Where to write the private key (PEM).") var keyOut: String
            @Option(help: "Also write certificate and key as a PKCS#12 file (for signtool /f, certutil -importpfx).") var pfxOut: String?
            @Option(help: "The PKCS#12 file's password (with --pfx-out).") var password: String?
            @Option(help: "Days of validity.") var days = 365
            @Option(help: "RSA key size: 2048, 3072 or 4096.") var keyBits = 3072

            func validate() throws {
                guard [2048, 3072, 4096].contains(keyBits) else { throw ValidationError("--key-bits takes 2048, 3072 or 4096") }
                guard days > 0 else { throw ValidationError("--days must be positive") }
                guard (pfxOut == nil) == (password == nil) else { throw ValidationError("--pfx-out and --password go together") }
            }

            func run() throws {
                let created: (certificate: Certificate, privateKey: AuthenticodeRSAKey)
                do { created = try TestCertificate.create(subject: subject, days: days, keyBits: keyBits) } catch {
                    throw CommandFailure(exitCode: 2, message: "error: \(error)")
                }
                // Everything is made before anything is written, and the PFX (the likeliest to fail) goes first.
                let certificatePEM = Array(try created.certificate.serializeAsPEM().pemString.utf8)
                if let pfxOut, let password {
                    let pfx = try PFX.export(certificate: created.certificate, privateKey: created.privateKey, password: password)
                    try INFInput.writeAtomically(pfx, to: pfxOut)
                }
                try INFInput.writeAtomically(Array(created.privateKey.pemRepresentation.utf8), to: keyOut)
                try INFInput.writeAtomically(certificatePEM, to: certOut)
                // Two hex digits a byte, as openssl prints it (the SerialNumber's own description drops leading zeros).
                let serial = created.certificate.serialNumber.bytes.map { String(format: "%02x", $0) }.joined(separator: ":")
                Terminal.write("created \(created.certificate.subject) (serial \(serial)), valid for \(days) days\n")
            }
        }
    }

    struct CatalogCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "catalog", abstract: "Show and sign catalog (.cat) files.",
                                                        subcommands: [Show.self, Sign.self])

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Print a catalog's members, attributes and signers.")
            @Argument(help: "The .cat file.") var file: String
            @Flag(help: "Print JSON.") var json = false

            func run() throws {
                let catalog: Catalog
                do { catalog = try Catalog(derEncoded: try SigningInputs.bytes(file)) } catch let failure as CommandFailure { throw failure } catch {
                    throw CommandFailure(exitCode: 3, message: "\(file): error: not a catalog: \(error)")
                }
                let signers = catalog.signedData.certificates.map { "\($0.subject)" }
                let stamp = catalog.signedData.timestamp
                if json {
                    let members: [JSON] = catalog.members.map { m in
                        .object([("tag", .string(m.tagText)), ("file", m.fileName.map(JSON.string) ?? .null),
                                 ("type", .string(m.isPE ? "pe" : "flat")), ("osAttr", m.osAttributes.map(JSON.string) ?? .null),
                                 ("digestAlgorithm", m.digestAlgorithm.map { .string($0.rawValue) } ?? .null),
                                 ("digest", m.digest.map { .string($0.hexUppercase) } ?? .null)])
                    }
                    Terminal.write(JSON.object([
                        ("version", .int(catalog.version)), ("listIdentifier", .string(catalog.listIdentifier.hexUppercase)),
                        ("thisUpdate", catalog.thisUpdate.map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null),
                        ("signed", .bool(catalog.signedData.isSigned)), ("certificates", .array(signers.map(JSON.string))),
                        ("timestamp", stamp.map(TimestampText.json) ?? .null),
                        ("attributes", .array(catalog.attributes.map { .object([("name", .string($0.name)), ("value", .string($0.value))]) })),
                        ("members", .array(members)),
                    ]).serialized + "\n")
                    return
                }
                var out = "catalog v\(catalog.version), \(catalog.members.count) member\(catalog.members.count == 1 ? "" : "s"), \(catalog.signedData.isSigned ? "signed" : "unsigned")\n"
                for a in catalog.attributes { out += "  \(a.name) = \(a.value)\n" }
                for m in catalog.members { out += "  \(m.tagText)  \(m.isPE ? "pe  " : "flat")  \(m.fileName ?? "?")\n" }
                for s in signers { out += "  certificate: \(s)\n" }
                if let stamp { out += "  timestamp: \(TimestampText.describe(stamp))\n" }
                Terminal.write(out)
            }
        }

        struct Sign: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Sign a catalog (RSA, SHA-256), keeping its list as it is.")
            @Argument(help: "The .cat file.") var file: String
            @OptionGroup var signing: SigningOptions

            func run() throws {
                try signing.sign(file) { try AuthenticodeSigner.signCatalog($0, chain: $1, privateKey: $2) }
            }
        }
    }

    struct SignCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sign",
            abstract: "Embed an Authenticode signature (SHA-256) in a PE file, as boot-start drivers need.")
        @Argument(help: "The .sys, .dll or .exe file.") var file: String
        @OptionGroup var signing: SigningOptions
        @Flag(help: "Also hash every page of the image into the signature (signtool /ph).") var pageHashes = false

        func run() throws {
            try signing.sign(file, describe: { error in
                guard let error = error as? PEError else { return "\(error)" }
                return "not a PE file: \(error.description) at offset 0x\(String(error.offset, radix: 16))"
            }) { try AuthenticodeSigner.signPE($0, chain: $1, privateKey: $2, pageHashes: pageHashes) }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a built package: every file in the catalog, the catalog's signature trusted, embedded signatures valid.")
        @Argument(help: "The package folder.") var directory: String
        @Option(help: "A trusted certificate (PEM); repeat for several.") var trust: [String] = []
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandFailure(exitCode: 3, message: "\(directory): error: not a folder")
            }
            let results: [PackageVerification]
            do { results = try PackageVerifier.verify(directory: directory, trusted: try SigningInputs.trusted(trust)) }
            catch let failure as CommandFailure { throw failure }
            catch let problem as PackageProblem { throw CommandFailure(exitCode: 3, message: problem.description) }
            if json {
                Terminal.write(JSON.array(results.map { r in
                    .object([("inf", .string(r.inf)), ("ok", .bool(r.ok)), ("catalog", r.catalog.map(JSON.string) ?? .null),
                             ("catalogStatus", .string(r.catalogStatus)), ("signer", r.signer.map(JSON.string) ?? .null),
                             ("timestamp", r.timestamp.map(TimestampText.json) ?? .null),
                             ("problems", .array(r.problems.map(JSON.string))),
                             ("files", .array(r.files.map { .object([("path", .string($0.path)), ("status", .string($0.status.rawValue)), ("message", .string($0.message))]) }))])
                }).serialized + "\n")
            } else {
                for r in results {
                    Terminal.write("\(r.inf): catalog \(r.catalog ?? "none") \(r.catalogStatus)\(r.signer.map { " by \($0)" } ?? "")\n")
                    if let stamp = r.timestamp { Terminal.write("  timestamp: \(TimestampText.describe(stamp))\n") }
                    for p in r.problems { Terminal.write("  error: \(p)\n") }
                    for f in r.files { Terminal.write("  \(f.status == .ok ? "ok     " : "FAILED ") \(f.path)\(f.status == .ok ? "" : ": \(f.message)")\n") }
                    Terminal.write(r.ok ? "verified\n" : "verification failed\n")
                }
            }
            if !results.allSatisfy(\.ok) { throw CommandFailure(exitCode: 1) }
        }
    }

    struct Package: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Build driver packages.", subcommands: [Build.self])

        struct Build: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Copy an INF and every file it installs on ARCH into DIR, check them, write (and sign) the catalog.")
            @Argument(help: "The INF file.") var inf: String
            @Option(help: "Architecture: x86, amd64, arm or arm64.") var arch: String
            @Option(name: .shortAndLong, help: "The package folder to write.") var output: String
            @Option(help: "Inf2Cat OS list, e.g. 10_X64,10_22H2_X64 (default: Windows 10 for ARCH).") var os: String?
            @Flag(help: "Sign the catalog (needs --cert and --key, or --pfx and --password).") var sign = false
            @Option(help: "Signing certificate (PEM).") var cert: String?
            @Option(help: "RSA private key (PEM).") var key: String?
            @Option(help: "Certificate and key as one PKCS#12 file, instead of --cert and --key (needs --password).") var pfx: String?
            @Option(help: "The --pfx file's password.") var password: String?
            @Option(help: "Catalog format: 1 (SHA-1 members, as Inf2Cat writes; every Windows) or 2 (SHA-256 members; Windows 8 and later).")
            var catalogVersion = 1

            func validate() throws {
                guard let arch = Architecture(decoration: arch) else { throw ValidationError("--arch takes x86, amd64, arm or arm64, not '\(self.arch)'") }
                try SigningInputs.validate(cert: cert, key: key, pfx: pfx, password: password, required: sign)
                if let os, case .failure(let problem) = OSAttributes.resolve(os) { throw ValidationError(problem.message) }
                guard let version = CatalogVersion(rawValue: catalogVersion) else { throw ValidationError("--catalog-version takes 1 or 2, not \(catalogVersion)") }
                if let problem = OSAttributes.problem(catalogVersion: version, osList: os ?? OSAttributes.defaultList(for: arch.rawValue)) {
                    throw ValidationError(problem.message)
                }
            }

            func run() throws {
                let signer = try sign ? SigningInputs.signer(cert: cert, key: key, pfx: pfx, password: password) : nil
                let builder = PackageBuilder(infPath: inf, architecture: Architecture(decoration: arch)!, osList: os, signer: signer,
                                             catalogVersion: CatalogVersion(rawValue: catalogVersion)!)
                do {
                    let result = try builder.build(into: output)
                    Terminal.write("built \(result.outputDirectory): \(result.files.count) file\(result.files.count == 1 ? "" : "s")"
                                   + (result.catalog.map { ", catalog \($0)\(result.signed ? " (signed)" : " (unsigned)")" } ?? "") + "\n")
                    for copied in result.copiedPackages {
                        Terminal.write("  CopyINF package \(copied.inf): \(copied.files.count) file\(copied.files.count == 1 ? "" : "s")"
                                       + (copied.catalog.map { ", catalog \($0)\(result.signed ? " (signed)" : " (unsigned)")" } ?? ", no catalog") + "\n")
                    }
                } catch let problems as [PackageProblem] {
                    for p in problems { Terminal.error(p.description) }
                    throw CommandFailure(exitCode: 1)
                }
            }
        }
    }
}

/// How `catalog show` and `verify` print a signature's time-stamp.
enum TimestampText {
    static func time(_ stamp: SignatureTimestamp) -> String { ISO8601DateFormatter().string(from: stamp.time) }

    static func describe(_ stamp: SignatureTimestamp) -> String {
        "\(time(stamp)) (\(stamp.kind == .rfc3161 ? "RFC 3161" : "Authenticode countersignature"))"
            + (stamp.authority.map { " by \($0)" } ?? "") + (stamp.problem.map { "; INVALID: \($0)" } ?? "")
    }

    static func json(_ stamp: SignatureTimestamp) -> JSON {
        .object([("kind", .string(stamp.kind.rawValue)), ("time", .string(time(stamp))),
                 ("authority", stamp.authority.map(JSON.string) ?? .null), ("problem", stamp.problem.map(JSON.string) ?? .null)])
    }
}
