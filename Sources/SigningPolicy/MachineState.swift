import Foundation

/// A machine at one boot: its profile and the switches that decide driver signing (signing.md §6–7).
public struct MachineState: Hashable, Sendable {
    public var profile: MachineProfile
    public var secureBoot: Bool
    /// `bcdedit /set testsigning on` (Test Mode); refused by Windows while Secure Boot is on.
    public var testSigning: Bool
    /// `bcdedit /set nointegritychecks on`: ignored by the Windows releases drvkit models (a no-op).
    public var noIntegrityChecks: Bool
    /// This boot was started with F7, "Disable driver signature enforcement" (one boot only).
    public var enforcementDisabledThisBoot: Bool
    /// Memory integrity (HVCI).
    public var hvci: Bool
    /// Upgraded in place from an earlier release (keeps the pre-1607 cross-signing rules).
    public var upgradedFromEarlierRelease: Bool
    /// The kernel trust policy that removes trust in cross-signed drivers (L11), where the release has it.
    public var kernelTrustPolicy: Bool
    /// Windows 7 with SHA-2 code signing support (KB3033929 and later).
    public var sha2Support: Bool
    /// The machine's clock, against which certificates expire.
    public var date: Date

    /// The profile's defaults (signing.md §7).
    public init(profile: MachineProfile) {
        self.profile = profile
        secureBoot = profile.release.secureBootDefault
        testSigning = false
        noIntegrityChecks = false
        enforcementDisabledThisBoot = false
        hvci = profile.release.hvciDefault && profile.cpu != .x86
        upgradedFromEarlierRelease = false
        kernelTrustPolicy = false
        sha2Support = true
        date = Date()
    }

    /// The vulnerable driver blocklist applies (on by default, or with HVCI where the release ties it to HVCI).
    public var blocklistEnforced: Bool {
        switch profile.release.blocklistDefault {
        case .off: return false
        case .withHVCI: return hvci
        case .on: return true
        }
    }

    /// Why Windows refuses a `bcdedit /set` of `testsigning` or `nointegritychecks`, if it does.
    public var bcdeditRefusal: String? {
        secureBoot ? "The value is protected by Secure Boot policy and cannot be modified or deleted." : nil
    }
}
