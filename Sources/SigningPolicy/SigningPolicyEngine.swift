import Foundation

/// The decision table of signing.md §6: install rules P1–P4, then load rules L0–L11 (the first
/// deciding load rule wins), and drvkit's L12 (memory integrity and the driver's image).
public enum SigningPolicyEngine {
    /// 2015-07-29: cross-signed kernel drivers whose certificate was issued before this date keep loading on 1607+.
    public static let crossSigningCutoff: Date = {
        var c = DateComponents(); c.year = 2015; c.month = 7; c.day = 29
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: c)!
    }()

    /// Decides for `signature` and `kind` on `machine`; `deniedBy` lists code integrity (WDAC) deny
    /// rules that match the package's files, `memoryIntegrityProblems` what in the kernel driver's
    /// image memory integrity refuses (``Authenticode/PEFile/memoryIntegrityProblems``).
    public static func decide(machine: MachineState, signature: PackageSignature, kind: DriverKind,
                              deniedBy: [String] = [], memoryIntegrityProblems: [String] = []) -> PolicyDecision {
        var reasons: [PolicyReason] = []
        var signature = signature
        if signature.catalogVersion >= 2 && !machine.profile.release.isWindows8OrLater && signature.signer != .unsigned {
            // "Catalog version 2 is not supported on Windows Server 2008 R2 or Windows 7" (New-FileCatalog):
            // the files' SHA-256 hashes are not found, so no signature covers them.
            reasons.append(.init(rule: "P1", text: "The catalog is version 2 (SHA-256 file hashes), which \(machine.profile.release.displayName) cannot read: its signature covers none of the package's files there."))
            signature = PackageSignature(signer: .unsigned, embeddedSignature: signature.embeddedSignature, catalogVersion: signature.catalogVersion)
        }
        if let expired = expiry(of: signature, on: machine) {
            reasons.append(.init(rule: "P1", text: expired))
            signature = PackageSignature(signer: .unsigned, embeddedSignature: signature.embeddedSignature, catalogVersion: signature.catalogVersion)
        }
        let install = installOutcome(machine, signature, &reasons)
        var decision = PolicyDecision(signer: signature.signer, install: install, load: .allowed, problemCode: nil,
                                      thisBootOnly: false, testMode: machine.testSigning && !machine.secureBoot, reasons: reasons)
        load(machine, signature, kind, deniedBy, memoryIntegrityProblems, &decision)
        return decision
    }

    /// Why a cross-signed or commercial signature no longer counts on `machine`'s date, or nil.
    ///
    /// "As long as driver packages are timestamped before the expiration date of the leaf-signing
    /// certificate, the packages continue working", and "if you sign a kernel-mode driver with an
    /// EV certificate after the issuing cross-certificate expires, the resulting driver doesn't
    /// load, run, or install" ("Deprecation of software publisher certificates…"). Authenticode
    /// itself holds a signature valid past its certificate only through a time-stamp. Test and
    /// Microsoft signatures are left alone: test certificates are the machine owner's choice, and
    /// Microsoft time-stamps what it signs.
    static func expiry(of s: PackageSignature, on m: MachineState) -> String? {
        guard s.signer == .crossSigned || s.signer == .commercial else { return nil }
        let day = { (date: Date) in String(ISO8601DateFormatter().string(from: date).prefix(10)) }
        if let signed = s.timestamped {
            if s.signer == .crossSigned, let cross = s.crossCertificateExpires, signed > cross {
                return "The package was signed (time-stamped \(day(signed))) after its cross-certificate expired (\(day(cross))): a kernel-mode driver signed then \"doesn't load, run, or install\"."
            }
            if let expires = s.leafExpires, signed > expires {
                return "The package was time-stamped \(day(signed)), after its signing certificate expired (\(day(expires))): the signature never held."
            }
            return nil
        }
        guard let expires = s.leafExpires, m.date > expires else { return nil }
        return "The signing certificate expired on \(day(expires)) and the signature has no time-stamp, so it no longer counts (only a time-stamp from before expiry keeps a package working)."
    }

    // MARK: Install (P1–P4)

    static func installOutcome(_ m: MachineState, _ s: PackageSignature, _ reasons: inout [PolicyReason]) -> InstallOutcome {
        let release = m.profile.release
        let strict = m.profile.cpu != .x86 && release.isWindows8OrLater
        if s.signer == .unsigned || !s.trustedRoot {
            let rule = s.signer == .unsigned ? "P1" : "P2"
            let what = s.signer == .unsigned ? "The package has no valid signature (no catalog, an unsigned catalog, or files changed after signing)"
                                             : "The package is signed, but its certificate chain ends at a root this machine does not trust"
            if !strict {
                reasons.append(.init(rule: rule, text: "\(what); \(m.profile.cpu == .x86 ? "32-bit Windows" : release.displayName) installs it after the red \"Windows can't verify the publisher of this driver software\" warning."))
                return .warn
            }
            if m.enforcementDisabledThisBoot {
                reasons.append(.init(rule: rule, text: "\(what); with driver signature enforcement disabled for this boot (F7), Windows installs it after a warning."))
                return .warn
            }
            if s.signer != .unsigned && m.testSigning && !m.secureBoot {
                reasons.append(.init(rule: "P2", text: "\(what); in Test Mode Windows installs it after a warning [spec: unverified]."))
                return .warn
            }
            reasons.append(.init(rule: rule, text: "\(what); 64-bit Windows 8 and later refuse to install it: \"The third-party INF does not contain digital signature information.\""))
            return .blocked
        }
        if !s.trustedPublisher {
            reasons.append(.init(rule: "P3", text: "The signature chains to a trusted root, but the publisher\(s.signerName.map { " (\($0))" } ?? "") is not in the TrustedPublisher store: Windows asks \"Would you like to install this device software?\" (import the certificate into TrustedPublisher to install silently)."))
            return .warn
        }
        reasons.append(.init(rule: "P4", text: s.signer == .test || s.signer == .commercial || s.signer == .crossSigned
                             ? "The publisher is in the TrustedPublisher store: Windows installs the package without asking."
                             : "Microsoft signed the package (\(s.signer.rawValue)): Windows installs it without asking."))
        return .allowed
    }

    // MARK: Load (L0–L12)

    static func load(_ m: MachineState, _ s: PackageSignature, _ kind: DriverKind, _ deniedBy: [String], _ hvciProblems: [String],
                     _ d: inout PolicyDecision) {
        func allow(_ rule: String, _ text: String) { d.reasons.append(.init(rule: rule, text: text)); d.load = .allowed }
        func block(_ rule: String, _ code: Int, _ text: String) {
            d.reasons.append(.init(rule: rule, text: text)); d.load = .blocked; d.problemCode = code
        }
        let release = m.profile.release
        let code52 = "Device Manager shows Code 52 (\"Windows cannot verify the digital signature for the drivers required for this device\")."
        if !kind.kernelMode {
            return allow("L0", "A user-mode (UMDF) driver: the kernel does not check its signature when it loads (only installation does).")
        }
        if !deniedBy.isEmpty {
            return block("L1", 39, "A code integrity (WDAC) policy denies it: \(deniedBy.joined(separator: "; ")). Windows logs Code Integrity event 3077 and does not load it (Code 39 [?]).")
        }
        if m.hvci && !hvciProblems.isEmpty {
            // Not in signing.md's table: "Implement memory integrity compatible code" lists what the image must not do.
            return block("L12", 39, "Memory integrity (HVCI) is on and the driver's image is not compatible with it: \(hvciProblems.joined(separator: "; ")). Code integrity does not load it, whatever its signature (Code 39 [?]).")
        }
        if m.enforcementDisabledThisBoot {
            d.thisBootOnly = true
            return allow("L2", "Driver signature enforcement is disabled for this boot (F7): the driver loads now, and gets Code 52 after the next normal boot. This is not Test Mode.")
        }
        let lenientX86 = m.profile.cpu == .x86 && (!release.isWindows8OrLater || !m.secureBoot)
        if lenientX86 && !(kind.bootStart && !s.embeddedSignature) {
            return allow("L3", "32-bit Windows\(release.isWindows8OrLater ? " without Secure Boot" : " 7") loads kernel drivers without checking their signature (boot-start drivers excepted).")
        }
        if kind.bootStart && !s.embeddedSignature && (s.signer != .unsigned || lenientX86) {
            return block("L5", 52, "A boot-start driver must carry an embedded signature in its .sys file; a catalog signature is not enough at boot. \(code52)")
        }
        if s.signer == .unsigned {
            return block("L4", 52, "No valid signature covers the driver's files. \(code52)")
        }
        if m.testSigning && !m.secureBoot {
            d.testMode = true
            return allow("L6", "Test Mode is on (bcdedit /set testsigning on, Secure Boot off): any signature loads, trusted root or not; the desktop shows the \"Test Mode\" watermark.")
        }
        if s.signer == .test || s.signer == .commercial {
            return block("L7", 52, "A \(s.signer == .test ? "test" : "commercial (non-Microsoft)") signature is not enough for kernel mode outside Test Mode. \(code52)")
        }
        if m.kernelTrustPolicy && release.hasKernelTrustPolicy && s.signer == .crossSigned {
            return block("L11", 52, "The kernel trust policy (\(release.displayName)) no longer trusts cross-signed drivers unless they are allow-listed. \(code52)")
        }
        let oldPolicy = !release.is1607OrLater || !m.secureBoot
        if release.isServer && release.is1607OrLater {
            if s.signer == .attestation {
                return block("L10", 52, "\(release.displayName) loads only WHQL (HLK-tested) drivers; attestation signing is for Windows client. \(code52)")
            }
        }
        if s.signer == .whql || s.signer == .microsoft {
            if release.major == 6 && release.minor == 1 && s.sha256Only && !m.sha2Support {
                return block("L8", 52, "Windows 7 without SHA-2 code signing support (KB3033929) cannot verify a SHA-256 signature. \(code52)")
            }
            return allow(release.isServer && release.is1607OrLater ? "L10" : oldPolicy ? "L8" : "L9", "Microsoft (WHQL) signed: loads on every release.")
        }
        if s.signer == .attestation {
            if release.major < 10 {
                return block("L8", 52, "Attestation signing is recognised from Windows 10 on; \(release.displayName) does not trust it. \(code52)")
            }
            return allow(oldPolicy ? "L8" : "L9", "Attestation signed by Microsoft: loads on Windows 10 and 11 client.")
        }
        // Cross-signed.
        if oldPolicy {
            return allow("L8", "Cross-signed: \(release.is1607OrLater ? "with Secure Boot off" : "before Windows 10 1607") the kernel accepts cross-signed drivers.")
        }
        if let issued = s.leafIssued, issued < crossSigningCutoff {
            return allow("L9", "Cross-signed with a certificate issued before 29 July 2015: still accepted on \(release.displayName) with Secure Boot.")
        }
        if m.upgradedFromEarlierRelease {
            return allow("L9", "Cross-signed: this machine was upgraded from a release before 1607, so it keeps accepting cross-signed drivers.")
        }
        if release.build == 14393 && !release.isServer && kind.bootStart {
            return allow("L9", "Cross-signed boot-start driver on Windows 10 1607: accepted at that release's launch.")
        }
        let issued = s.leafIssued.map { " (certificate issued \(ISO8601DateFormatter().string(from: $0).prefix(10)))" } ?? ""
        return block(release.isServer ? "L10" : "L9", 52, "Cross-signed\(issued): \(release.displayName) with Secure Boot loads only Microsoft-signed (WHQL or attestation) kernel drivers, unless the certificate predates 29 July 2015 or the machine was upgraded. \(code52)")
    }
}
