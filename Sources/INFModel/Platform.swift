import Foundation

/// A processor architecture as INF decorations name it.
public enum Architecture: String, CaseIterable, Hashable, Sendable {
    case x86, amd64, arm, arm64, ia64

    /// Parses a decoration or command-line name (`amd64`, `x64`, `ARM64`, case-insensitive).
    public init?(decoration: String) {
        switch decoration.lowercased() {
        case "x86", "i386": self = .x86
        case "amd64", "x64": self = .amd64
        case "arm": self = .arm
        case "arm64": self = .arm64
        case "ia64": self = .ia64
        default: return nil
        }
    }

    /// The `SourceDisksFiles.<name>` / `CatalogFile.NT<name>` spelling.
    public var decorationName: String { rawValue }
}

/// A `TargetOSVersion` decoration: `NT[arch][.[major][.[minor][.[productType][.[suiteMask][.[build]]]]]]`.
public struct TargetOSVersion: Hashable, Sendable, CustomStringConvertible {
    /// The decoration as written (`NTamd64.10.0...16299`).
    public var text: String
    /// The architecture token as written after `NT` (empty when none, `$ARCH$` in a template).
    public var architectureToken: String
    public var architecture: Architecture?
    /// The architecture is stampinf's `$ARCH$` placeholder (a template): it matches any architecture.
    public var isArchitecturePlaceholder = false
    public var majorVersion: Int?
    public var minorVersion: Int?
    public var productType: Int?
    public var suiteMask: UInt32?
    public var buildNumber: Int?

    public var description: String { text }

    /// Parses a decoration; nil when it does not start with `NT`, names an unknown
    /// architecture, or has a non-numeric version field.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.count >= 2, trimmed.prefix(2).lowercased() == "nt" else { return nil }
        let parts = trimmed.dropFirst(2).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 6 else { return nil }
        self.text = trimmed
        self.architectureToken = parts[0]
        if parts[0].isEmpty {
            architecture = nil
        } else if parts[0].lowercased() == "$arch$" {
            architecture = nil
            isArchitecturePlaceholder = true
        } else {
            guard let arch = Architecture(decoration: parts[0]), parts[0].lowercased() != "x64", parts[0].lowercased() != "i386" else { return nil }
            architecture = arch
        }
        func number(_ i: Int) -> Int?? {
            guard i < parts.count, !parts[i].isEmpty else { return .some(nil) }
            guard let v = IntegerField.parse(parts[i]) else { return nil }
            return .some(Int(v))
        }
        guard let major = number(1), let minor = number(2), let product = number(3), let suite = number(4), let build = number(5) else { return nil }
        majorVersion = major; minorVersion = minor; productType = product
        suiteMask = suite.map { UInt32(truncatingIfNeeded: $0) }; buildNumber = build
    }

    /// Whether a machine satisfies the decoration. An architecture-less decoration (`NT`)
    /// matches x86 only in a Manufacturer line (non-x86 needs `NT<arch>` since Server 2003 SP1),
    /// and any architecture for install sections (`[Install.NT]`), as SetupAPI chooses them.
    public func matches(_ platform: TargetPlatform, archlessMatchesAnyArchitecture: Bool) -> Bool {
        if isArchitecturePlaceholder {
            // a template: stamped for whichever architecture is built
        } else if let architecture {
            guard architecture == platform.architecture else { return false }
        } else if !archlessMatchesAnyArchitecture && platform.architecture != .x86 {
            return false
        }
        // Releases before Windows 10 build 14310 do not parse a decoration with a build number at all
        // ("INF Manufacturer Section": an attempt to target them "will actually prevent that OS from
        // considering the decoration valid").
        if buildNumber != nil && (platform.majorVersion, platform.minorVersion, platform.buildNumber) < (10, 0, 14310) { return false }
        if majorVersion != nil || minorVersion != nil || buildNumber != nil {
            let wanted = (majorVersion ?? 0, minorVersion ?? 0, buildNumber ?? 0)
            let have = (platform.majorVersion, platform.minorVersion, platform.buildNumber)
            if wanted > have { return false }
        }
        if let productType, productType != platform.productType { return false }
        if let suiteMask, platform.suiteMask & suiteMask != suiteMask { return false }
        return true
    }

    /// Orders matching decorations: the highest version wins, then the more specific one.
    var specificity: [Int] {
        [majorVersion ?? 0, minorVersion ?? 0, buildNumber ?? 0,
         productType == nil ? 0 : 1, suiteMask == nil ? 0 : 1, architecture == nil && !isArchitecturePlaceholder ? 0 : 1]
    }

    /// The best of `decorations` for `platform`, as Windows picks it.
    public static func best(_ decorations: [TargetOSVersion], for platform: TargetPlatform,
                            archlessMatchesAnyArchitecture: Bool) -> TargetOSVersion? {
        decorations.filter { $0.matches(platform, archlessMatchesAnyArchitecture: archlessMatchesAnyArchitecture) }
            .max { $0.specificity.lexicographicallyPrecedes($1.specificity) }
    }
}

/// The machine an INF is evaluated for: what SetupAPI compares decorations against.
public struct TargetPlatform: Hashable, Sendable, CustomStringConvertible {
    public var architecture: Architecture
    public var majorVersion: Int
    public var minorVersion: Int
    public var buildNumber: Int
    /// 1 workstation, 2 domain controller, 3 server (`VER_NT_*`).
    public var productType: Int
    /// `VER_SUITE_*` bits.
    public var suiteMask: UInt32

    public init(architecture: Architecture, majorVersion: Int = 10, minorVersion: Int = 0,
                buildNumber: Int = 19045, productType: Int = 1, suiteMask: UInt32 = 0x100) {
        self.architecture = architecture; self.majorVersion = majorVersion; self.minorVersion = minorVersion
        self.buildNumber = buildNumber; self.productType = productType; self.suiteMask = suiteMask
    }

    /// Windows 10 22H2 (build 19045) workstation, the default target.
    public static func windows10(_ architecture: Architecture) -> TargetPlatform {
        TargetPlatform(architecture: architecture)
    }

    public var description: String {
        "\(architecture.rawValue) \(majorVersion).\(minorVersion).\(buildNumber) type \(productType)"
    }
}
