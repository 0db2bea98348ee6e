import ArgumentParser
import Authenticode
import DeviceSandbox
import Foundation
import INFModel
import INFSyntax
import Reporting
import SigningPolicy
import X509

/// `on` / `off` switches, as CLI.md spells them.
enum OnOff: String, ExpressibleByArgument, CaseIterable {
    case on, off
    var isOn: Bool { self == .on }
}

extension SignerClass: ExpressibleByArgument {}

extension Drvkit {
    struct Policy: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Will a driver install and load on a machine, and why (signing and test-mode policy).",
                                                        subcommands: [Check.self, Profiles.self])

        struct Profiles: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the machine profiles and their defaults.")
            func run() throws {
                Terminal.write("profile                release                 secure boot  HVCI  blocklist\n")
                for p in MachineProfile.all {
                    let state = MachineState(profile: p)
                    let line = p.name.padding(toLength: 23, withPad: " ", startingAt: 0)
                        + p.release.displayName.padding(toLength: 24, withPad: " ", startingAt: 0)
                        + (state.secureBoot ? "on " : "off").padding(toLength: 13, withPad: " ", startingAt: 0)
                        + (state.hvci ? "on " : "off").padding(toLength: 6, withPad: " ", startingAt: 0)
                        + (state.blocklistEnforced ? "on" : "off")
                    Terminal.write(line + "\n")
                }
            }
        }

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Decide install and load for a package folder, or for a hypothetical signer (--signer).",
                discussion: "Switches not given take the profile's defaults (drvkit policy profiles). Exit 0 when the driver installs and loads, 1 otherwise.")
            @Argument(help: "A package folder (its INF, catalog and binaries).") var directory: String?
            @Option(help: "Machine profile, e.g. win10-22h2-x64.") var machine: String
            @Option(help: "What-if: the signer, without files.") var signer: SignerClass?
            @Option(help: "What-if: when the signing certificate was issued (YYYY-MM-DD).") var certIssued: String?
            @Option(help: "What-if: when the signing certificate expires (YYYY-MM-DD).") var certExpires: String?
            @Option(help: "What-if: the date of the signature's time-stamp (YYYY-MM-DD; leave out for none).") var timestamp: String?
            @Option(help: "What-if: when the cross-certificate of a cross-signed chain expires (YYYY-MM-DD).") var crossCertExpires: String?
            @Option(help: "The machine's date, against which certificates expire (YYYY-MM-DD; today by default).") var date: String?
            @Flag(help: "What-if: a kernel-mode driver (default).") var kernelMode = false
            @Flag(help: "What-if: a user-mode (UMDF) driver.") var userMode = false
            @Flag(help: "What-if: a boot-start driver.") var bootStart = false
            @Flag(help: "What-if: the .sys carries an embedded signature.") var embeddedSignature = false
            @Flag(help: "What-if: the test root is imported into Root and TrustedPublisher.") var testRootImported = false
            @Option(help: "What-if: the catalog's format, 1 or 2 (SHA-256 members, which Windows 7 cannot read).") var catalogVersion = 1
            @Option(help: "on|off") var secureBoot: OnOff?
            @Option(help: "on|off (bcdedit /set testsigning)") var testSigning: OnOff?
            @Option(help: "on|off (bcdedit /set nointegritychecks; a no-op on modelled releases)") var noIntegrityChecks: OnOff?
            @Flag(help: "This boot was started with F7, \"Disable driver signature enforcement\".") var disableEnforcementOnce = false
            @Option(help: "on|off (memory integrity)") var hvci: OnOff?
            @Flag(help: "The machine was upgraded in place from an earlier release.") var upgradedFromEarlierRelease = false
            @Option(help: "on|off: the kernel trust policy that distrusts cross-signed drivers (Windows 11 24H2, Server 2025).") var kernelTrustPolicy: OnOff?
            @Option(help: "on|off: Windows 7 SHA-2 code signing support (KB3033929).") var sha2Support: OnOff?
            @Option(help: "A certificate (PEM) in the machine's Root store; repeat for several.") var trust: [String] = []
            @Option(help: "A certificate (PEM) in the machine's TrustedPublisher store; repeat for several.") var trustedPublisher: [String] = []
            @Option(help: "A WDAC (App Control) policy XML whose deny rules apply; repeat for several.") var wdacPolicy: [String] = []
            @Flag(help: "Print JSON.") var json = false

            func validate() throws {
                if (directory == nil) == (signer == nil) { throw ValidationError("give a package folder or --signer") }
                if kernelMode && userMode { throw ValidationError("--kernel-mode and --user-mode exclude each other") }
                if MachineProfile.named(machine) == nil {
                    throw ValidationError("unknown machine profile '\(machine)'; see drvkit policy profiles")
                }
                for (name, value) in [("--cert-issued", certIssued), ("--cert-expires", certExpires), ("--timestamp", timestamp),
                                      ("--cross-cert-expires", crossCertExpires), ("--date", date)] {
                    if let value, PolicyCheck.date(value) == nil { throw ValidationError("\(name) must be YYYY-MM-DD") }
                }
                if !(1...2).contains(catalogVersion) { throw ValidationError("--catalog-version takes 1 or 2, not \(catalogVersion)") }
            }

            func run() throws {
                var state = MachineState(profile: MachineProfile.named(machine)!)
                if let secureBoot { state.secureBoot = secureBoot.isOn }
                if let testSigning { state.testSigning = testSigning.isOn }
                if let noIntegrityChecks { state.noIntegrityChecks = noIntegrityChecks.isOn }
                if let hvci { state.hvci = hvci.isOn }
                if let kernelTrustPolicy { state.kernelTrustPolicy = kernelTrustPolicy.isOn }
                if let sha2Support { state.sha2Support = sha2Support.isOn }
                state.enforcementDisabledThisBoot = disableEnforcementOnce
                state.upgradedFromEarlierRelease = upgradedFromEarlierRelease
                if let date { state.date = PolicyCheck.date(date)! }
                let policies = try wdacPolicy.map { path in
                    do { return try WDACPolicy(contentsOf: path) } catch {
                        throw CommandFailure(exitCode: 3, message: "\(path): error: \(error)")
                    }
                }
                let decision: PolicyDecision
                if let directory {
                    decision = try PolicyCheck.decide(directory: directory, state: state, roots: try SigningInputs.trusted(trust),
                                                      publishers: try SigningInputs.trusted(trustedPublisher), policies: policies)
                } else {
                    let signature = PackageSignature(signer: signer!, leafIssued: certIssued.flatMap(PolicyCheck.date),
                                                     trustedRoot: testRootImported ? true : nil, trustedPublisher: testRootImported ? true : nil,
                                                     embeddedSignature: embeddedSignature, catalogVersion: catalogVersion,
                                                     leafExpires: certExpires.flatMap(PolicyCheck.date), timestamped: timestamp.flatMap(PolicyCheck.date),
                                                     crossCertificateExpires: crossCertExpires.flatMap(PolicyCheck.date))
                    decision = SigningPolicyEngine.decide(machine: state, signature: signature,
                                                          kind: DriverKind(kernelMode: !userMode, bootStart: bootStart))
                }
                Terminal.write(json ? PolicyCheck.json(decision) + "\n" : PolicyCheck.text(decision, state))
                if !decision.installsAndLoads { throw CommandFailure(exitCode: 1, message: nil) }
            }
        }
    }
}

/// The package side of `policy check` and its output.
enum PolicyCheck {
    static func date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: text)
    }

    static func decide(directory: String, state: MachineState, roots: [Certificate], publishers: [Certificate],
                       policies: [WDACPolicy]) throws -> PolicyDecision {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure(exitCode: 3, message: "\(directory): error: not a folder")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        guard let inf = names.filter({ $0.lowercased().hasSuffix(".inf") && INFInput.isRegularFileOrMissing(directory + "/" + $0) }).sorted().first else {
            throw CommandFailure(exitCode: 3, message: "\(directory): error: no INF file in the package folder")
        }
        let path = URL(fileURLWithPath: directory).appendingPathComponent(inf).path
        let input: PackagePolicyInput
        do { input = try PackagePolicyInput.read(infPath: path, architecture: state.profile.platform.architecture, roots: roots, trustedPublishers: publishers) }
        catch let failure as CommandFailure { throw failure }
        catch { throw CommandFailure(exitCode: 3, message: "\(path): error: \(error)") }
        let denials = state.profile.cpu == .x86 && policies.isEmpty ? [] : policies.flatMap { policy in
            input.binaries.flatMap { policy.denials(forKernelFile: $0.path, bytes: $0.bytes) }
        }
        // The kernel images (native subsystem) are what memory integrity checks.
        let hvciProblems = input.binaries.flatMap { binary -> [String] in
            guard let pe = try? PEFile(bytes: binary.bytes), pe.isNativeSubsystem else { return [] }
            return pe.memoryIntegrityProblems.map { "\((binary.path as NSString).lastPathComponent): \($0)" }
        }
        return SigningPolicyEngine.decide(machine: state, signature: input.signature, kind: input.kind, deniedBy: denials,
                                          memoryIntegrityProblems: hvciProblems)
    }

    static func json(_ d: PolicyDecision) -> String {
        var fields: [(String, JSON)] = [("install", .string(d.install.rawValue)), ("load", .string(d.load.rawValue)),
                                        ("signer", .string(d.signer.rawValue)), ("reasons", .array(d.reasons.map { .string($0.description) }))]
        if let code = d.problemCode { fields.append(("problemCode", .int(code))) }
        if d.thisBootOnly { fields.append(("thisBootOnly", .bool(true))) }
        if d.testMode { fields.append(("testMode", .bool(true))) }
        return JSON.object(fields).serialized
    }

    static func text(_ d: PolicyDecision, _ state: MachineState) -> String {
        var out = "machine: \(state.profile.release.displayName) \(state.profile.cpu.rawValue), Secure Boot \(state.secureBoot ? "on" : "off"), "
            + "test signing \(state.testSigning ? "on" : "off"), HVCI \(state.hvci ? "on" : "off")"
            + (state.enforcementDisabledThisBoot ? ", signature enforcement disabled for this boot (F7)" : "") + "\n"
        out += "signer:  \(d.signer.rawValue)\n"
        out += "install: \(d.install.rawValue)\n"
        out += "load:    \(d.load.rawValue)" + (d.problemCode.map { " (Code \($0))" } ?? "")
            + (d.thisBootOnly ? " (this boot only)" : "") + (d.testMode && d.load == .allowed ? " (Test Mode)" : "") + "\n"
        out += "why:\n" + d.reasons.map { "  \($0.rule)  \($0.text)\n" }.joined()
        return out
    }
}
