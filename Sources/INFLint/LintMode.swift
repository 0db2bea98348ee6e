/// How strict the linter is, matching InfVerif's switches. Each mode includes the ones before it.
public enum LintMode: String, CaseIterable, Comparable, Sendable, Codable {
    /// Syntax, structure, references, [Version], device registry values (no InfVerif switch).
    case basic
    /// InfVerif `/u`: universal INF restrictions.
    case universal
    /// InfVerif `/k`: universal plus declarative (DCH) rules.
    case declarative
    /// InfVerif `/h`: what Hardware Dev Center requires for a WHQL signature: declarative plus driver
    /// package isolation, with the exceptions Microsoft lists (global registry paths, DIRIDs) allowed.
    case hardwareDevCenter = "hardware-dev-center"
    /// InfVerif `/w`: declarative plus driver package isolation.
    case windowsDriver = "windows-driver"

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The InfVerif switch this mode corresponds to, if any.
    public var infVerifSwitch: String? {
        switch self {
        case .basic: return nil
        case .universal: return "/u"
        case .declarative: return "/k"
        case .hardwareDevCenter: return "/h"
        case .windowsDriver: return "/w"
        }
    }
}
