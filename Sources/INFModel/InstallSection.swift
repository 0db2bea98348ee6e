import Foundation

/// The install section Windows picks for a models line, and its companions.
public struct DDInstall: Hashable, Sendable {
    /// The name the models line gives.
    public var baseName: String
    /// The section actually used (`Base.NTamd64`, `Base.NT` or `Base`), as first written.
    public var sectionName: String
    /// The decoration chosen (`NTamd64`), empty for the undecorated section.
    public var decoration: String

    /// The companion section names Windows derives from the chosen one.
    public enum Companion: String, CaseIterable, Sendable {
        case hw = "HW", services = "Services", coInstallers = "CoInstallers", interfaces = "Interfaces"
        case wdf = "Wdf", components = "Components", software = "Software"
        case logConfigOverride = "LogConfigOverride", factDef = "FactDef"
        case filters = "Filters", events = "Events", com = "COM"
    }

    /// `<sectionName>.<companion>`: the companion section's name (it may not exist).
    public func name(of companion: Companion) -> String { sectionName + "." + companion.rawValue }
}

extension DDInstall.Companion {
    /// The first Windows that reads the companion, as (major, minor, build); nil for those every
    /// supported release reads. From Microsoft's page for each section: `.Components` and `.Software`
    /// "Windows 10 Version 1703 and later", `.Events` "Windows 10 version 1809 and later", `.Filters`
    /// "Windows 10 Version 1903 and later", `.COM` "Windows 11 version 24H2 and later".
    public var introduced: (version: (Int, Int, Int), release: String)? {
        switch self {
        case .components, .software: return ((10, 0, 15063), "Windows 10 1703")
        case .events: return ((10, 0, 17763), "Windows 10 1809")
        case .filters: return ((10, 0, 18362), "Windows 10 1903")
        case .com: return ((10, 0, 26100), "Windows 11 24H2")
        default: return nil
        }
    }

    /// Whether `platform` reads the companion.
    public func isRead(on platform: TargetPlatform) -> Bool {
        guard let introduced else { return true }
        return (platform.majorVersion, platform.minorVersion, platform.buildNumber) >= introduced.version
    }
}

extension INFDocument {
    /// The DDInstall section SetupAPI selects for `baseName` on `platform`
    /// (`SetupDiGetActualSectionToInstallEx`): the best matching `Base.<TargetOSVersion>`
    /// (`NTamd64`, `NTamd64.10.0...16299`, `NT`), else `Base`; nil when none exists.
    public func installSection(_ baseName: String, for platform: TargetPlatform) -> DDInstall? {
        let prefix = CaseFolding.fold(baseName) + "."
        var candidates: [(section: String, decoration: TargetOSVersion)] = []
        for s in sections {
            let folded = CaseFolding.fold(s.name)
            guard folded.hasPrefix(prefix) else { continue }
            let suffix = String(s.name.dropFirst(baseName.count + 1))
            if let decoration = TargetOSVersion(suffix) { candidates.append((s.name, decoration)) }
        }
        if let best = TargetOSVersion.best(candidates.map(\.decoration), for: platform, archlessMatchesAnyArchitecture: true),
           let chosen = candidates.first(where: { $0.decoration == best }) {
            return DDInstall(baseName: baseName, sectionName: chosen.section, decoration: best.text)
        }
        if let plain = section(baseName) { return DDInstall(baseName: baseName, sectionName: plain.name, decoration: "") }
        return nil
    }

    /// The lines of a DDInstall companion, empty when the section does not exist.
    public func lines(of companion: DDInstall.Companion, of install: DDInstall) -> [INFLine] {
        lines(in: install.name(of: companion))
    }
}
