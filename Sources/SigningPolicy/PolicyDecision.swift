/// Whether Windows installs a driver package: silently, after a warning dialog, or not at all.
public enum InstallOutcome: String, Sendable, Codable {
    case allowed, warn, blocked
}

/// Whether the kernel loads the driver.
public enum LoadOutcome: String, Sendable, Codable {
    case allowed, blocked
}

/// One step of the decision, in words, naming the rule of signing.md §6 that took it.
public struct PolicyReason: Hashable, Sendable, CustomStringConvertible {
    public var rule: String
    public var text: String
    public var description: String { "\(rule): \(text)" }
}

/// The answer to "will this driver install and load on that machine, and why".
public struct PolicyDecision: Hashable, Sendable {
    public var signer: SignerClass
    public var install: InstallOutcome
    public var load: LoadOutcome
    /// The Device Manager problem code when the load is blocked (52 unsigned, 39 blocked by a code integrity policy).
    public var problemCode: Int?
    /// Loaded only because enforcement is off for this boot (F7): the next normal boot blocks it.
    public var thisBootOnly: Bool
    /// Loaded because Test Mode is on ("Test Mode" watermark on the desktop).
    public var testMode: Bool
    public var reasons: [PolicyReason]

    /// Installs (with or without a dialog) and loads.
    public var installsAndLoads: Bool { install != .blocked && load == .allowed }
}
