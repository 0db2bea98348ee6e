/// A `[Manufacturer]` line: `%Mfg% = ModelsSection[, TargetOSVersion...]`.
public struct ManufacturerEntry: Hashable, Sendable {
    public var name: String
    public var line: INFLine
    /// The models section's undecorated name.
    public var modelsSection: String
    /// The decorations listed after it (unparseable ones are kept as nil with their text).
    public var decorations: [(text: String, parsed: TargetOSVersion?)] { rawDecorations.map { ($0, TargetOSVersion($0)) } }
    public var rawDecorations: [String]

    /// The models section Windows reads on `platform`: the best matching decoration's
    /// `[Models.Decoration]`; the undecorated section only when nothing is listed and the
    /// machine is x86. Nil when the entry installs nothing on that platform.
    public func modelsSectionName(for platform: TargetPlatform) -> String? {
        let parsed = rawDecorations.compactMap(TargetOSVersion.init)
        if rawDecorations.isEmpty { return platform.architecture == .x86 ? modelsSection : nil }
        guard let best = TargetOSVersion.best(parsed, for: platform, archlessMatchesAnyArchitecture: false) else { return nil }
        return modelsSection + "." + best.text
    }

    /// Every models section name the entry can select (undecorated plus each decoration).
    public var allModelsSectionNames: [String] {
        rawDecorations.isEmpty ? [modelsSection] : rawDecorations.map { modelsSection + "." + $0 }
    }

    public static func == (a: Self, b: Self) -> Bool { a.line == b.line }
    public func hash(into h: inout Hasher) { h.combine(line) }
}

/// A models line: `device-description = install-section, hw-id[, compatible-id...]`.
public struct ModelEntry: Hashable, Sendable {
    public var deviceDescription: String
    public var installSection: String
    /// The hardware ID (field 2), nil when the line has none.
    public var hardwareID: String?
    /// Further IDs (fields 3…), ranked below the hardware ID.
    public var compatibleIDs: [String]
    /// The models section the line is in.
    public var modelsSection: String
    public var line: INFLine
}

extension INFDocument {
    /// The `[Manufacturer]` entries.
    public var manufacturers: [ManufacturerEntry] {
        lines(in: "Manufacturer").compactMap { line in
            guard let models = line.field(1)?.trimmingWhitespace(), !models.isEmpty else { return nil }
            let decorations = line.fields.dropFirst().map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            return ManufacturerEntry(name: line.key ?? models, line: line, modelsSection: models, rawDecorations: Array(decorations))
        }
    }

    /// The models lines of one models section.
    public func models(inSection name: String) -> [ModelEntry] {
        lines(in: name).compactMap { line in
            guard let install = line.field(1) else { return nil }
            return ModelEntry(deviceDescription: line.key ?? "", installSection: install,
                              hardwareID: line.nonEmptyField(2), compatibleIDs: Array(line.fields.dropFirst(2)).filter { !$0.isEmpty },
                              modelsSection: section(name)?.name ?? name, line: line)
        }
    }

    /// The models Windows would offer on `platform`, across all manufacturers.
    public func models(for platform: TargetPlatform) -> [ModelEntry] {
        manufacturers.compactMap { $0.modelsSectionName(for: platform) }.flatMap { models(inSection: $0) }
    }

    /// Every models line of every models section any manufacturer can select.
    public var allModels: [ModelEntry] {
        var seen = Set<String>()
        return manufacturers.flatMap(\.allModelsSectionNames).filter { seen.insert(CaseFolding.fold($0)).inserted }
            .flatMap { models(inSection: $0) }
    }
}

import Foundation
