import INFModel

/// A Windows version as InfVerif's `/wbuild` takes it: `Major.Minor.Build`.
public struct WindowsBuild: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var build: Int

    /// Windows 10 version 1809, where InfVerif `/w` starts enforcing Windows Driver rules unless told otherwise.
    public static let isolationDefault = WindowsBuild(major: 10, minor: 0, build: 17763)

    public init(major: Int, minor: Int, build: Int) { self.major = major; self.minor = minor; self.build = build }

    /// `10.0.17763`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.trimmingWhitespace().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]), a >= 0, b >= 0, c >= 0 else { return nil }
        self.init(major: a, minor: b, build: c)
    }

    /// The version a decoration asks for at least (none: 0.0.0).
    init(_ decoration: TargetOSVersion) {
        self.init(major: decoration.majorVersion ?? 0, minor: decoration.minorVersion ?? 0, build: decoration.buildNumber ?? 0)
    }

    public var description: String { "\(major).\(minor).\(build)" }

    public static func < (a: Self, b: Self) -> Bool { (a.major, a.minor, a.build) < (b.major, b.minor, b.build) }

    /// A workstation of this version.
    func platform(_ architecture: Architecture) -> TargetPlatform {
        TargetPlatform(architecture: architecture, majorVersion: major, minorVersion: minor, buildNumber: build)
    }
}

extension TargetPlatform {
    /// The machine InfVerif's `/osver` names, written as a models decoration (`NTamd64.10.0...22000`):
    /// an architecture and at least a major and minor version; the build is 0, the product type a
    /// workstation and the suite mask single-user unless the decoration says otherwise. Nil otherwise.
    public init?(osver text: String) {
        guard let decoration = TargetOSVersion(text), let architecture = decoration.architecture,
              let major = decoration.majorVersion, let minor = decoration.minorVersion else { return nil }
        self.init(architecture: architecture, majorVersion: major, minorVersion: minor, buildNumber: decoration.buildNumber ?? 0,
                  productType: decoration.productType ?? 1, suiteMask: decoration.suiteMask ?? 0x100)
    }
}

/// The models and install sections Windows picks on some versions: from a version on (`--wbuild`:
/// what InfVerif's Windows Driver checks, `/w` and the isolation part of `/h`, look at) or on exactly
/// one platform (`--osver`). A section Windows picks only on older versions (a `Models.NTamd64.6.1`
/// beside a `Models.NTamd64.10.0...17763`) is left to the rules of those versions ("Validating
/// Windows Drivers": `/wbuild`, default 10.0.17763).
struct InstallScope {
    /// Lower-cased models section names.
    var models: Set<String> = []
    /// Lower-cased install section names (the chosen DDInstall sections; their companions go with them).
    var installs: Set<String> = []

    init(_ document: INFDocument, architectures: [Architecture], from build: WindowsBuild) {
        var bases = Set<String>()
        for manufacturer in document.manufacturers {
            guard !manufacturer.rawDecorations.isEmpty else {
                models.insert(manufacturer.modelsSection.lowercased())
                continue
            }
            for architecture in architectures {
                if let chosen = manufacturer.modelsSectionName(for: build.platform(architecture)) { models.insert(chosen.lowercased()) }
            }
            // Decorations for `build` or later apply there whatever else is listed (a server's, a later build's).
            for decoration in manufacturer.rawDecorations.compactMap(TargetOSVersion.init) where WindowsBuild(decoration) >= build {
                models.insert((manufacturer.modelsSection + "." + decoration.text).lowercased())
            }
        }
        for section in models {
            for model in document.models(inSection: section) { bases.insert(model.installSection) }
        }
        for base in bases {
            for architecture in architectures {
                if let chosen = document.installSection(base, for: build.platform(architecture)) { installs.insert(chosen.sectionName.lowercased()) }
            }
            let prefix = base.lowercased() + "."
            for section in document.sections where section.name.lowercased().hasPrefix(prefix) {
                guard let decoration = TargetOSVersion(String(section.name.dropFirst(prefix.count))),
                      decoration.majorVersion != nil, WindowsBuild(decoration) >= build else { continue }
                installs.insert(section.name.lowercased())
            }
        }
    }

    /// The models and install sections Windows picks on exactly `platform` (InfVerif `/osver`).
    init(_ document: INFDocument, platform: TargetPlatform) {
        for manufacturer in document.manufacturers {
            guard let chosen = manufacturer.modelsSectionName(for: platform) else { continue }
            models.insert(chosen.lowercased())
            for model in document.models(inSection: chosen) {
                if let install = document.installSection(model.installSection, for: platform) { installs.insert(install.sectionName.lowercased()) }
            }
        }
    }

    /// Whether `lower` (a lower-cased install-family section name) is a scoped install section or one of its companions.
    func includesInstallFamilyMember(_ lower: String) -> Bool {
        installs.contains(lower) || installs.contains { lower.hasPrefix($0 + ".") && LintContext.companions[String(lower.dropFirst($0.count + 1))] != nil }
    }
}
