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
