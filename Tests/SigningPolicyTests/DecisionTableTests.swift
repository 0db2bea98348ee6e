import Foundation
import SigningPolicy
import Testing

/// One test per row of signing.md §6's decision table.
struct DecisionTableTests {
    typealias F = CertificateFactory

    struct Row: CustomTestStringConvertible, Sendable {
        var number: Int
        var machine: String
        var configure: @Sendable (inout MachineState) -> Void = { _ in }
        var signature: PackageSignature
        var kind = DriverKind()
        var deniedBy: [String] = []
        /// Acceptable install outcomes ("warn/allowed" rows accept both).
        var install: Set<InstallOutcome>
        var load: LoadOutcome
        var problemCode: Int? = nil
        var thisBootOnly = false
        var testMode = false
        var rule: String
        var testDescription: String { "row \(number): \(machine), \(signature.signer.rawValue) → \(rule)" }
    }

    static func date(_ year: Int, _ month: Int = 6, _ day: Int = 1) -> Date {
        var c = DateComponents(); c.year = year; c.month = month; c.day = day
        return Calendar(identifier: .gregorian).date(from: c)!
    }

    static let unsigned = PackageSignature(signer: .unsigned)
    static let cross2019 = PackageSignature(signer: .crossSigned, leafIssued: date(2019))
    static let cross2014 = PackageSignature(signer: .crossSigned, leafIssued: date(2014))
    static let whql = PackageSignature(signer: .whql)
    static let attestation = PackageSignature(signer: .attestation)

    static let rows: [Row] = [
        Row(number: 1, machine: "win7-x64", signature: unsigned, install: [.warn], load: .blocked, problemCode: 52, rule: "L4"),
        Row(number: 2, machine: "win7-x64", configure: { $0.enforcementDisabledThisBoot = true }, signature: unsigned,
            install: [.warn], load: .allowed, thisBootOnly: true, rule: "L2"),
        Row(number: 3, machine: "win7-x64", signature: cross2019, install: [.warn, .allowed], load: .allowed, rule: "L8"),
        Row(number: 4, machine: "win7-x64", configure: { $0.sha2Support = false }, signature: whql, install: [.allowed],
            load: .blocked, problemCode: 52, rule: "L8"),
        Row(number: 5, machine: "win7-x86", signature: unsigned, install: [.warn], load: .allowed, rule: "L3"),
        Row(number: 6, machine: "win7-x86", signature: unsigned, kind: DriverKind(bootStart: true), install: [.warn], load: .blocked,
            problemCode: 52, rule: "L5"),
        Row(number: 7, machine: "win81-x64", signature: unsigned, install: [.blocked], load: .blocked, problemCode: 52, rule: "L4"),
        Row(number: 8, machine: "win81-x64", configure: { $0.secureBoot = false; $0.testSigning = true },
            signature: PackageSignature(signer: .test, trustedRoot: true, trustedPublisher: true), install: [.allowed], load: .allowed,
            testMode: true, rule: "L6"),
        Row(number: 9, machine: "win10-1507-x64", signature: cross2019, install: [.warn, .allowed], load: .allowed, rule: "L8"),
        Row(number: 10, machine: "win10-1607-x64", signature: cross2019, install: [.warn, .allowed], load: .blocked, problemCode: 52, rule: "L9"),
        Row(number: 11, machine: "win10-1607-x64", signature: cross2014, install: [.warn, .allowed], load: .allowed, rule: "L9"),
        Row(number: 12, machine: "win10-1607-x64", configure: { $0.upgradedFromEarlierRelease = true }, signature: cross2019,
            install: [.warn, .allowed], load: .allowed, rule: "L9"),
        Row(number: 13, machine: "win10-22h2-x64", signature: attestation, install: [.allowed], load: .allowed, rule: "L9"),
        Row(number: 14, machine: "win10-22h2-x64", signature: whql, install: [.allowed], load: .allowed, rule: "L9"),
        Row(number: 15, machine: "win10-22h2-x64", configure: { $0.enforcementDisabledThisBoot = true }, signature: unsigned,
            install: [.warn], load: .allowed, thisBootOnly: true, rule: "L2"),
        Row(number: 16, machine: "win10-22h2-x64", signature: unsigned, install: [.blocked], load: .blocked, problemCode: 52, rule: "L4"),
        Row(number: 17, machine: "win10-22h2-x64", signature: unsigned, kind: DriverKind(kernelMode: false), install: [.blocked],
            load: .allowed, rule: "L0"),
        Row(number: 18, machine: "win10-22h2-x64", configure: { $0.secureBoot = false; $0.testSigning = true },
            signature: PackageSignature(signer: .test), install: [.warn], load: .allowed, testMode: true, rule: "L6"),
        Row(number: 19, machine: "win10-22h2-x64", configure: { $0.secureBoot = false; $0.testSigning = true }, signature: unsigned,
            install: [.blocked], load: .blocked, problemCode: 52, testMode: true, rule: "L4"),
        Row(number: 20, machine: "win10-22h2-x64", signature: cross2014, kind: DriverKind(bootStart: true), install: [.warn, .allowed],
            load: .blocked, problemCode: 52, rule: "L5"),
        Row(number: 21, machine: "win11-24h2-x64", signature: whql, deniedBy: ["Deny rule ID_DENY_X (hash)"], install: [.allowed],
            load: .blocked, problemCode: 39, rule: "L1"),
        Row(number: 22, machine: "win11-24h2-x64", configure: { $0.kernelTrustPolicy = true }, signature: cross2014,
            install: [.warn, .allowed], load: .blocked, problemCode: 52, rule: "L11"),
        Row(number: 23, machine: "server2022-x64", signature: attestation, install: [.allowed], load: .blocked, problemCode: 52, rule: "L10"),
        Row(number: 24, machine: "server2022-x64", signature: whql, install: [.allowed], load: .allowed, rule: "L10"),
    ]

    @Test(arguments: rows)
    func row(_ row: Row) throws {
        var machine = MachineState(profile: try #require(MachineProfile.named(row.machine)))
        row.configure(&machine)
        let d = SigningPolicyEngine.decide(machine: machine, signature: row.signature, kind: row.kind, deniedBy: row.deniedBy)
        #expect(row.install.contains(d.install), "install \(d.install): \(d.reasons)")
        #expect(d.load == row.load, "\(d.reasons)")
        #expect(d.problemCode == row.problemCode)
        #expect(d.thisBootOnly == row.thisBootOnly)
        #expect(d.testMode == row.testMode)
        #expect(d.reasons.last?.rule == row.rule, "\(d.reasons)")
        #expect(d.reasons.allSatisfy { !$0.text.isEmpty })
    }

    @Test func theSeedCaseWorksDuringTheF7BootAndNotAfter() throws {
        let profile = try #require(MachineProfile.named("win10-22h2-x64"))
        var f7 = MachineState(profile: profile)
        f7.enforcementDisabledThisBoot = true
        #expect(SigningPolicyEngine.decide(machine: f7, signature: Self.unsigned, kind: DriverKind()).load == .allowed)
        let normal = MachineState(profile: profile)
        let after = SigningPolicyEngine.decide(machine: normal, signature: Self.unsigned, kind: DriverKind())
        #expect(after.load == .blocked && after.problemCode == 52)
    }

    /// Windows 7 cannot read a v2 catalog ("Catalog version 2 is not supported on Windows Server 2008 R2
    /// or Windows 7", New-FileCatalog), so its signature covers nothing there; Windows 8.1 reads it.
    @Test func aVersion2CatalogSignsNothingOnWindows7() throws {
        let whql2 = PackageSignature(signer: .whql, catalogVersion: 2)
        let win7 = SigningPolicyEngine.decide(machine: MachineState(profile: try #require(MachineProfile.named("win7-x64"))), signature: whql2, kind: DriverKind())
        #expect(win7.install == .warn && win7.load == .blocked && win7.problemCode == 52 && win7.signer == .unsigned)
        #expect(win7.reasons.first?.rule == "P1" && win7.reasons.first?.text.contains("version 2") == true, "\(win7.reasons)")
        let win81 = SigningPolicyEngine.decide(machine: MachineState(profile: try #require(MachineProfile.named("win81-x64"))), signature: whql2, kind: DriverKind())
        #expect(win81.install == .allowed && win81.load == .allowed && win81.signer == .whql)
        let v1 = SigningPolicyEngine.decide(machine: MachineState(profile: try #require(MachineProfile.named("win7-x64"))), signature: Self.whql, kind: DriverKind())
        #expect(v1.load == .allowed)
    }

    /// "As long as driver packages are timestamped before the expiration date of the leaf-signing
    /// certificate, the packages continue working"; a kernel driver signed after its cross-certificate
    /// expired "doesn't load, run, or install" (Deprecation of software publisher certificates…).
    @Test func expiredCertificatesHoldOnlyThroughATimeStamp() throws {
        var machine = MachineState(profile: try #require(MachineProfile.named("win10-22h2-x64")))
        machine.date = F.date(2026)
        // Issued before 29 July 2015, so the cross-signing rules let it load with Secure Boot (L9).
        func crossSigned(timestamped: Date?, crossExpires: Date = F.date(2021)) -> PackageSignature {
            PackageSignature(signer: .crossSigned, leafIssued: F.date(2014), leafExpires: F.date(2017), timestamped: timestamped,
                             crossCertificateExpires: crossExpires)
        }
        let held = SigningPolicyEngine.decide(machine: machine, signature: crossSigned(timestamped: F.date(2015)), kind: DriverKind())
        #expect(held.signer == .crossSigned && held.load == .allowed, "\(held.reasons)")
        let lapsed = SigningPolicyEngine.decide(machine: machine, signature: crossSigned(timestamped: nil), kind: DriverKind())
        #expect(lapsed.signer == .unsigned && lapsed.install == .blocked && lapsed.load == .blocked && lapsed.problemCode == 52)
        #expect(lapsed.reasons.first?.rule == "P1" && lapsed.reasons.first?.text.contains("expired on 2017-03-01") == true, "\(lapsed.reasons)")
        var before = machine
        before.date = F.date(2016)
        #expect(SigningPolicyEngine.decide(machine: before, signature: crossSigned(timestamped: nil), kind: DriverKind()).load == .allowed)
        let lateSigned = crossSigned(timestamped: F.date(2016), crossExpires: F.date(2015))
        let late = SigningPolicyEngine.decide(machine: machine, signature: lateSigned, kind: DriverKind())
        #expect(late.signer == .unsigned && late.reasons.first?.text.contains("after its cross-certificate expired") == true, "\(late.reasons)")
        // A test signature is the machine owner's business: its expiry is not judged.
        let test = PackageSignature(signer: .test, trustedRoot: true, trustedPublisher: true, leafExpires: F.date(2017))
        var testMode = machine
        testMode.secureBoot = false; testMode.testSigning = true
        #expect(SigningPolicyEngine.decide(machine: testMode, signature: test, kind: DriverKind()).load == .allowed)
    }

    /// With memory integrity on, an image it cannot run is not loaded, whatever signs it (L12); off, it is.
    @Test func memoryIntegrityRefusesIncompatibleImages() throws {
        var machine = MachineState(profile: try #require(MachineProfile.named("win11-24h2-x64")))
        machine.hvci = true
        let problems = ["section .text is both writable and executable"]
        let on = SigningPolicyEngine.decide(machine: machine, signature: Self.whql, kind: DriverKind(), memoryIntegrityProblems: problems)
        #expect(on.load == .blocked && on.problemCode == 39 && on.reasons.last?.rule == "L12", "\(on.reasons)")
        #expect(on.reasons.last?.text.contains("writable and executable") == true)
        machine.hvci = false
        #expect(SigningPolicyEngine.decide(machine: machine, signature: Self.whql, kind: DriverKind(), memoryIntegrityProblems: problems).load == .allowed)
        machine.hvci = true
        let userMode = SigningPolicyEngine.decide(machine: machine, signature: Self.whql, kind: DriverKind(kernelMode: false), memoryIntegrityProblems: problems)
        #expect(userMode.load == .allowed)
    }

    @Test func profilesAndDefaults() throws {
        #expect(MachineProfile.named("win11-24h2-x86") == nil)
        #expect(MachineProfile.all.map(\.name).contains("win10-22h2-arm64"))
        let win11 = MachineState(profile: try #require(MachineProfile.named("win11-24h2-x64")))
        #expect(win11.secureBoot && win11.hvci && win11.blocklistEnforced)
        let server = MachineState(profile: try #require(MachineProfile.named("server2016-x64")))
        #expect(!server.blocklistEnforced)
        let win7 = MachineState(profile: try #require(MachineProfile.named("win7-x64")))
        #expect(!win7.secureBoot && win7.bcdeditRefusal == nil)
        #expect(win11.bcdeditRefusal == "The value is protected by Secure Boot policy and cannot be modified or deleted.")
    }
}
