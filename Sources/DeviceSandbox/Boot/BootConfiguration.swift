import Foundation
import GRDB
import SigningPolicy

/// The machine's signing configuration: what firmware and the boot configuration store say
/// (`bcdedit /set testsigning on`, Secure Boot…), which takes effect at the next boot, and the state
/// of the current boot, which the signing policy is decided against.
public enum BootConfiguration {
    /// A setting, as `machine_setting` stores it.
    public enum Setting: String, CaseIterable, Sendable {
        case secureBoot = "secure_boot", testSigning = "test_signing", noIntegrityChecks = "no_integrity_checks"
        case hvci, upgraded, kernelTrustPolicy = "kernel_trust_policy"
    }

    /// Seeds the settings from the profile's defaults and records boot 1 (called when a sandbox is created).
    static func seed(_ db: Database, profile: MachineProfile) throws {
        let defaults = MachineState(profile: profile)
        for (setting, value) in [(Setting.secureBoot, defaults.secureBoot), (.testSigning, false), (.noIntegrityChecks, false),
                                 (.hvci, defaults.hvci), (.upgraded, false), (.kernelTrustPolicy, false)] {
            try db.execute(sql: "INSERT INTO machine_setting VALUES (?, ?)", arguments: [setting.rawValue, value])
        }
        try recordBoot(db, enforcementDisabled: false)
    }

    static func settings(_ db: Database) throws -> [Setting: Bool] {
        var result: [Setting: Bool] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, value FROM machine_setting") {
            if let setting = Setting(rawValue: row["name"]) { result[setting] = row["value"] }
        }
        return result
    }

    static func recordBoot(_ db: Database, enforcementDisabled: Bool) throws {
        let s = try settings(db)
        try db.execute(sql: """
            INSERT INTO boot(secure_boot, test_signing, no_integrity_checks, hvci, upgraded, kernel_trust_policy, enforcement_disabled)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [s[.secureBoot] ?? false, s[.testSigning] ?? false, s[.noIntegrityChecks] ?? false, s[.hvci] ?? false,
                             s[.upgraded] ?? false, s[.kernelTrustPolicy] ?? false, enforcementDisabled])
    }

    /// The machine as it runs in the current boot.
    static func currentState(_ db: Database, profile: MachineProfile) throws -> MachineState {
        var state = MachineState(profile: profile)
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM boot ORDER BY id DESC LIMIT 1") else { return state }
        state.secureBoot = row["secure_boot"]
        state.testSigning = row["test_signing"]
        state.noIntegrityChecks = row["no_integrity_checks"]
        state.hvci = row["hvci"]
        state.upgradedFromEarlierRelease = row["upgraded"]
        state.kernelTrustPolicy = row["kernel_trust_policy"]
        state.enforcementDisabledThisBoot = row["enforcement_disabled"]
        return state
    }

    /// The current boot's machine state, its number, and the settings the next boot will use.
    public static func current(_ sandbox: Sandbox) throws -> (state: MachineState, boot: Int, pending: [Setting: Bool]) {
        let profile = try sandbox.profile()
        return try sandbox.read { registry in
            let state = try currentState(registry.db, profile: profile)
            let boot = try Int.fetchOne(registry.db, sql: "SELECT max(id) FROM boot") ?? 1
            return (state, boot, try settings(registry.db))
        }
    }

    /// `bcdedit /set NAME VALUE` for `testsigning` and `nointegritychecks`: nil when stored (effective
    /// at the next boot), else bcdedit's error message.
    public static func bcdedit(set name: String, _ value: String, sandbox: Sandbox) throws -> String? {
        let setting: Setting
        switch name.lowercased() {
        case "testsigning": setting = .testSigning
        case "nointegritychecks": setting = .noIntegrityChecks
        default: return "The set command specified is not valid."
        }
        let on: Bool
        switch value.lowercased() {
        case "on", "yes", "true", "1": on = true
        case "off", "no", "false", "0": on = false
        default: return "The integer data is not valid as specified."
        }
        return try sandbox.write { registry in
            if try settings(registry.db)[.secureBoot] == true {
                return "An error has occurred setting the element data.\nThe value is protected by Secure Boot policy and cannot be modified or deleted."
            }
            try registry.db.execute(sql: "UPDATE machine_setting SET value = ? WHERE name = ?", arguments: [on, setting.rawValue])
            return nil
        }
    }

    /// Changes firmware and machine settings (Secure Boot, HVCI, …), effective at the next boot.
    /// Turning Secure Boot on clears test signing and nointegritychecks, which it does not allow.
    public static func set(_ changes: [Setting: Bool], sandbox: Sandbox) throws {
        try sandbox.write { registry in
            for (setting, value) in changes {
                try registry.db.execute(sql: "UPDATE machine_setting SET value = ? WHERE name = ?", arguments: [value, setting.rawValue])
            }
            if changes[.secureBoot] == true {
                try registry.db.execute(sql: "UPDATE machine_setting SET value = 0 WHERE name IN ('test_signing', 'no_integrity_checks')")
            }
        }
    }
}
