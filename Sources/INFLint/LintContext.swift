import Foundation
import INFModel
import INFSyntax

/// What a section is for, as reached from the INF's entry points.
public enum SectionRole: String, Sendable {
    case install, hardware, services, interfaces, coInstallers, wdf, components, software, otherCompanion
    case classInstall, defaultInstall, serviceInstall, eventLog, interfaceInstall, componentInstall, softwareInstall
    case addReg, delReg, bitReg, copyFiles, delFiles, renFiles, other
}

/// The registry key an AddReg line's `HKR` stands for.
public enum RegistryContext: String, Sendable {
    /// The device's hardware key (`DDInstall.HW`): where DeviceType & co. are read.
    case hardwareKey
    /// The class key (`ClassInstall32`): also read for device properties.
    case classKey
    /// The driver's software key (`DDInstall`): Windows ignores device properties here.
    case softwareKey
    case serviceKey, interfaceKey, eventLogKey
    /// No HKR binding (DefaultInstall and others).
    case none
}

/// A directive field naming a section or a file.
public struct SectionReference: Sendable, Hashable {
    public var fromSection: String
    public var directive: String
    public var target: String
    public var line: INFLine
    public var fieldNumber: Int
    public var range: Range<Int> { line.range(ofField: fieldNumber) }
}

/// An AddReg/DelReg/BitReg line and the key its HKR stands for.
public struct RegistryUse: Sendable {
    public var entry: RegistryEntry
    public var context: RegistryContext
    public var directive: String
    public var section: String
}

/// One device install the INF offers: a models line and the DDInstall chosen for an architecture.
public struct DeviceInstall: Sendable, Hashable {
    public var model: ModelEntry
    public var architecture: Architecture
    public var install: DDInstall
}

/// Per-file analysis shared by the rules (computed once, on first use).
public final class LintContext {
    public let document: INFDocument
    public let path: String
    public let mode: LintMode
    public var tree: SyntaxTree { document.tree }
    /// A `.inx` template: `$ARCH$` and other stampinf placeholders are allowed.
    public let isTemplate: Bool
    /// Named as a template (`.inx`, `.in`), not only holding placeholders as a WDK project's `.inf` source does.
    public let isTemplateFileName: Bool
    /// The `FILE_DEVICE_*` value fixes write for DeviceType (`--device-type`; FILE_DEVICE_UNKNOWN by default).
    public var fixDeviceType: UInt32 = 0x22
    /// The Provider the INF must name (`--provider`), or nil.
    public var expectedProvider: String?
    /// The Windows version from which isolation is enforced (`--wbuild`).
    public var isolationBuild = WindowsBuild.isolationDefault
    /// The one Windows the INF is linted for (`--osver`, InfVerif /osver), or nil for every version it targets.
    public var targetOS: TargetPlatform?

    /// With ``targetOS``: lower-cased names of the sections reached from what Windows picks there.
    public lazy var targetOSSections: Set<String>? = targetOS.map { Set(buildGraph(scope: InstallScope(document, platform: $0)).roles.keys) }

    /// Lower-cased names of the sections the isolation rules look at (those reached from models and
    /// install sections that apply on ``isolationBuild`` or later), or nil when that is every reached section.
    public lazy var isolationSections: Set<String>? = {
        let scoped = Set(buildGraph(scope: InstallScope(document, architectures: architectures, from: isolationBuild)).roles.keys)
        return scoped.count == graph.roles.count ? nil : scoped
    }()

    /// The lower-cased name of the section a finding at `offset` is about: the section whose header
    /// comes last before it, or, on a `[DestinationDirs]` line, the file list that line places (nil
    /// before the first section and for DefaultDestDir).
    public func subjectSection(at offset: Int) -> String? {
        let lines = tree.lines
        var lo = 0, hi = lines.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(lines[mid].start) <= offset { lo = mid + 1 } else { hi = mid }
        }
        for i in stride(from: lo - 1, through: 0, by: -1) where lines[i].kind == .sectionHeader {
            guard let name = tree.sectionName(of: lines[i])?.lowercased() else { return nil }
            guard name == "destinationdirs", lo > 0, lines[lo - 1].kind == .entry else { return name }
            let key = document.line(at: lo - 1).key?.trimmingWhitespace().lowercased()
            return key == "defaultdestdir" ? nil : key
        }
        return nil
    }
    /// What `--package` found next to the INF; nil when the folder is not inspected (DK8xxx rules stay quiet).
    public var packageFolder: PackageFolder?

    public init(document: INFDocument, path: String, mode: LintMode) {
        self.document = document
        self.path = path
        self.mode = mode
        let lower = path.lowercased()
        self.isTemplateFileName = lower.hasSuffix(".inx") || lower.hasSuffix(".in")
        self.isTemplate = isTemplateFileName || Template.hasPlaceholders(document.tree.source.units)
    }

    /// Parses `source` (for tests and examples).
    public convenience init(source: String, path: String = "example.inf", mode: LintMode = .basic) {
        self.init(document: INFDocument(source), path: path, mode: mode)
    }

    static let directiveSectionFields: [String: [Int]] = {
        var map: [String: [Int]] = [:]
        for d in ["addreg", "delreg", "bitreg", "copyfiles", "delfiles", "renfiles", "addproperty", "delproperty",
                  "needs", "ini2reg", "updateinis", "updateinifields", "registerdlls", "unregisterdlls",
                  "profileitems", "addpowersetting", "logconfig", "addtrigger", "failureactions"] { map[d] = [] }   // every field
        map["addservice"] = [3, 4]
        // AddComServer/AddComClass (DDInstall.COM), AddFilter (.Filters), AddChannel and AddAutoLogger (.Events).
        for d in ["addinterface", "addcomponent", "addsoftware", "addfilter", "addcomserver", "addcomclass",
                  "addchannel", "addautologger"] { map[d] = [3] }
        for d in ["kmdfservice", "umdfservice", "addeventprovider", "updateautologger", "addautologgerprovider"] { map[d] = [2] }
        // The still image class installer's DDInstall entries (sti_ci.dll): DeviceData, Events, UninstallSection.
        for d in ["devicedata", "events", "uninstallsection"] { map[d] = [1] }
        return map
    }()

    static let companions: [String: SectionRole] = [
        "hw": .hardware, "services": .services, "interfaces": .interfaces, "coinstallers": .coInstallers,
        "wdf": .wdf, "components": .components, "software": .software,
        "logconfigoverride": .otherCompanion, "factdef": .otherCompanion, "filters": .otherCompanion,
        "events": .otherCompanion, "com": .otherCompanion,
        "remove": .otherCompanion, "remove.services": .services, "ndi": .otherCompanion,
    ]

    /// Architectures the package targets: those of the Manufacturer decorations (x86 when undecorated),
    /// and of architecture-decorated `[DefaultInstall.NT<arch>]` sections (an INF without
    /// [Manufacturer], such as a file system driver's, targets those).
    public lazy var architectures: [Architecture] = {
        if let targetOS { return [targetOS.architecture] }
        var set: [Architecture] = []
        for m in document.manufacturers {
            if m.rawDecorations.isEmpty { if !set.contains(.x86) { set.append(.x86) } }
            for d in m.rawDecorations {
                guard let parsed = TargetOSVersion(d) else { continue }
                let archs = Self.architectures(of: parsed)
                for a in archs where !set.contains(a) { set.append(a) }
            }
        }
        let prefix = "defaultinstall."
        for section in document.sections where section.name.lowercased().hasPrefix(prefix) {
            // `DefaultInstall.NTamd64` (not `.NT`, which any architecture reads, nor a companion such as `.NTamd64.Services`).
            guard let parsed = TargetOSVersion(String(section.name.dropFirst(prefix.count))),
                  parsed.architecture != nil || parsed.isArchitecturePlaceholder else { continue }
            for a in Self.architectures(of: parsed) where !set.contains(a) { set.append(a) }
        }
        return set
    }()

    /// `[SourceDisksFiles]` and its architecture-decorated forms (four rules read them: found once).
    public lazy var sourceDisksFilesSections: [INFDocument.Section] = document.sections.filter { $0.name.lowercased().hasPrefix("sourcedisksfiles") }

    /// Source disks for `architecture`, a template's `[SourceDisksNames.$ARCH$]` included.
    public func sourceDisks(for architecture: Architecture?) -> [String: SourceDisk] {
        document.sourceDisks(for: architecture, templateArchitecture: isTemplate)
    }

    /// Source files for `architecture`, a template's `[SourceDisksFiles.$ARCH$]` included.
    public func sourceDisksFiles(for architecture: Architecture?) -> [String: SourceDisksFile] {
        document.sourceDisksFiles(for: architecture, templateArchitecture: isTemplate)
    }

    /// The architectures a decoration targets: its own, x86 for `NT`, amd64 for a template's `NT$ARCH$`.
    public static func architectures(of decoration: TargetOSVersion) -> [Architecture] {
        if decoration.isArchitecturePlaceholder { return [.amd64] }
        return decoration.architecture.map { [$0] } ?? [.x86]
    }

    /// The newest Windows 11 build for an architecture: every version-decorated section applies.
    public func platform(_ architecture: Architecture) -> TargetPlatform {
        if let targetOS, targetOS.architecture == architecture { return targetOS }
        return TargetPlatform(architecture: architecture, majorVersion: 10, minorVersion: 0, buildNumber: 26100, productType: 1, suiteMask: 0x100)
    }

    /// Every device install: each models line of each models section, on each architecture it targets.
    public lazy var deviceInstalls: [DeviceInstall] = {
        var result: [DeviceInstall] = []
        var seen = Set<String>()
        for m in document.manufacturers {
            let sections: [(String, [Architecture])] = m.rawDecorations.isEmpty
                ? [(m.modelsSection, [.x86])]
                : m.rawDecorations.map { d in (m.modelsSection + "." + d, TargetOSVersion(d).map(Self.architectures(of:)) ?? []) }
            for (name, archs) in sections where seen.insert(name.lowercased()).inserted {
                for model in document.models(inSection: name) {
                    for arch in archs {
                        if let install = document.installSection(model.installSection, for: platform(arch)) {
                            result.append(DeviceInstall(model: model, architecture: arch, install: install))
                        }
                    }
                }
            }
        }
        return result
    }()

    /// Sections reached from the entry points, with their role, and every directive reference.
    public lazy var graph: (roles: [String: SectionRole], references: [SectionReference]) = buildGraph()

    /// Lower-cased names of sections reached from an entry point.
    public var reachableSections: Set<String> { Set(graph.roles.keys) }

    /// The role of a reached section (nil when unreached).
    public func role(of section: String) -> SectionRole? { graph.roles[section.lowercased()] }

    /// The graph from the entry points; with `scope`, only from the models and install sections it holds.
    private func buildGraph(scope: InstallScope? = nil) -> (roles: [String: SectionRole], references: [SectionReference]) {
        var roles: [String: SectionRole] = [:]
        var references: [SectionReference] = []
        var queue: [String] = []
        func reach(_ name: String, _ role: SectionRole) {
            let key = name.lowercased()
            guard roles[key] == nil else { return }
            roles[key] = role
            if document.hasSection(name) { queue.append(name) }
        }
        // With decorations listed, an empty undecorated models section is kept on purpose: Windows 2000,
        // which does not read decorations, then installs nothing. One with models is dead text, and reported.
        let legacyBlockers = document.manufacturers.map(\.modelsSection).filter { document.hasSection($0) && document.lines(in: $0).isEmpty }
        let modelsNames = scope?.models ?? Set((document.manufacturers.flatMap(\.allModelsSectionNames) + legacyBlockers).map { $0.lowercased() })
        let installBases = Set((scope.map { $0.models.flatMap { document.models(inSection: $0) } } ?? document.allModels).map { $0.installSection.lowercased() })
        for section in document.sections {
            let name = section.name
            let lower = name.lowercased()
            if ["version", "manufacturer", "destinationdirs", "controlflags", "packagefiles"].contains(lower)
                || lower.hasPrefix("signatureattributes")
                || lower == "strings" || lower.hasPrefix("strings.")
                || lower.hasPrefix("sourcedisksnames") || lower.hasPrefix("sourcedisksfiles") {
                reach(name, .other)
            } else if modelsNames.contains(lower) {
                reach(name, .other)
            } else if let role = installFamilyRole(lower, bases: installBases) {
                if !isOrphanCompanion(lower, role), scope?.includesInstallFamilyMember(lower) ?? true { reach(name, role) }
            } else if let role = installFamilyRole(lower, bases: ["defaultinstall", "defaultuninstall"]) {
                if !isOrphanCompanion(lower, role) { reach(name, role == .install ? .defaultInstall : role) }
            } else if let role = installFamilyRole(lower, bases: ["classinstall32"]) {
                if !isOrphanCompanion(lower, role) { reach(name, role == .install ? .classInstall : role) }
            }
        }
        var i = 0
        while i < queue.count {
            let from = queue[i]; i += 1
            for line in document.lines(in: from) {
                guard let key = line.key?.lowercased(), let fields = Self.directiveSectionFields[key] else { continue }
                let numbers = fields.isEmpty ? Array(1...max(1, line.fields.count)) : fields
                for n in numbers {
                    guard let raw = line.field(n)?.trimmingWhitespace(), !raw.isEmpty else { continue }
                    if (key == "copyfiles" || key == "delfiles") && raw.hasPrefix("@") { continue }
                    references.append(SectionReference(fromSection: from, directive: line.key!, target: raw, line: line, fieldNumber: n))
                    reach(raw, Self.targetRole(directive: key, field: n, from: roles[from.lowercased()] ?? .other))
                }
            }
        }
        // `[list.Security]`: the security descriptor SetupAPI gives the keys or files of an AddReg or CopyFiles list.
        for section in document.sections where section.name.lowercased().hasSuffix(".security") {
            let base = String(section.name.lowercased().dropLast(".security".count))
            if let role = roles[base], role == .addReg || role == .copyFiles { reach(section.name, .other) }
        }
        return (roles, references)
    }

    /// Whether `lower`, an install-family section of `role`, is a companion (`X.HW`, `X.Remove.Services`…)
    /// of an install section `X` that does not exist: Windows derives companions from the install
    /// section it picks, which cannot be a missing one, so `[Base.NTamd64.HW]` without
    /// `[Base.NTamd64]` is never read. (Templates keep theirs: a generator may name `X`.)
    func isOrphanCompanion(_ lower: String, _ role: SectionRole) -> Bool {
        guard role != .install, !isTemplate else { return false }
        let parents = Self.companions.keys.filter { lower.hasSuffix("." + $0) }.map { String(lower.dropLast($0.count + 1)) }
        return !parents.isEmpty && !parents.contains(where: document.hasSection)
    }

    /// The role of `lower` when it is `base`, `base.<decoration>`, or one of their companions.
    func installFamilyRole(_ lower: String, bases: Set<String>) -> SectionRole? {
        if bases.contains(lower) { return .install }
        for base in bases where lower.hasPrefix(base + ".") {
            let rest = String(lower.dropFirst(base.count + 1))
            if let role = Self.companions[rest] { return role }
            if TargetOSVersion(rest) != nil { return .install }
            if isTemplate && Template.hasPlaceholders(Array(rest.utf16)) {
                // A decoration a generator fills in (`DefaultInstall.!ArchDecoration!`).
                let companion = Self.companions.first { rest.hasSuffix("." + $0.key) }
                return companion?.value ?? .install
            }
            // `<decoration>.<companion>`, where a companion may itself contain a dot (Remove.Services).
            for (companion, role) in Self.companions where rest.hasSuffix("." + companion) {
                if TargetOSVersion(String(rest.dropLast(companion.count + 1))) != nil { return role }
            }
        }
        return nil
    }

    static func targetRole(directive: String, field: Int, from: SectionRole) -> SectionRole {
        switch directive {
        case "addreg": return .addReg
        case "delreg": return .delReg
        case "bitreg": return .bitReg
        case "copyfiles": return .copyFiles
        case "delfiles": return .delFiles
        case "renfiles": return .renFiles
        case "addservice": return field == 3 ? .serviceInstall : .eventLog
        case "addinterface": return .interfaceInstall
        case "addcomponent": return .componentInstall
        case "addsoftware": return .softwareInstall
        case "needs": return from
        default: return .other
        }
    }

    /// The `[Version]` section, read once for all rules.
    public lazy var version: VersionSection = document.version

    /// Every file copied by a reached CopyFiles directive, collected once for all rules.
    public lazy var copiedFiles: [CopiedFile] = collectCopiedFiles()

    /// True when the INF installs devices (has `[Manufacturer]` entries).
    public lazy var isDeviceINF: Bool = !document.manufacturers.isEmpty

    /// An extension INF (`Class = Extension`, or the Extension class GUID).
    public var isExtensionINF: Bool { version.isExtension }

    /// The AddService lines of every reached `.Services` section (and DefaultInstall.Services).
    public lazy var addServices: [(directive: AddServiceDirective, section: String)] = collectAddServices()

    /// The service-install sections named by reached AddService lines.
    public lazy var serviceInstallSections: [(section: ServiceInstallSection, directive: AddServiceDirective)] = collectServiceInstallSections()

    /// Every AddReg/DelReg/BitReg line reached, with the key its HKR stands for.
    public lazy var registryUses: [RegistryUse] = {
        var result: [RegistryUse] = []
        var seen = Set<String>()
        for ref in graph.references {
            let directive = ref.directive.lowercased()
            guard ["addreg", "delreg", "bitreg"].contains(directive) else { continue }
            let fromRole = role(of: ref.fromSection) ?? .other
            let context: RegistryContext
            switch fromRole {
            case .hardware: context = .hardwareKey
            case .classInstall: context = .classKey
            case .install, .coInstallers: context = .softwareKey
            case .serviceInstall: context = .serviceKey
            case .interfaceInstall: context = .interfaceKey
            case .eventLog: context = .eventLogKey
            default: context = .none
            }
            guard seen.insert("\(directive)|\(ref.target.lowercased())|\(context.rawValue)").inserted else { continue }
            for entry in document.registryEntries(inSection: ref.target) {
                result.append(RegistryUse(entry: entry, context: context, directive: ref.directive, section: ref.target))
            }
        }
        return result
    }()

    /// `%name%` tokens used outside the strings sections: lower-cased name → where.
    public lazy var stringUses: [(name: String, range: Range<Int>)] = {
        var result: [(String, Range<Int>)] = []
        for section in document.sections {
            let lower = section.name.lowercased()
            if lower == "strings" || lower.hasPrefix("strings.") { continue }
            for lineIndex in section.lines {
                let node = tree.lines[lineIndex]
                var indexes = Array(node.fieldIndexes)
                if node.keyField >= 0 && node.hasExplicitKey { indexes.insert(Int(node.keyField), at: 0) }
                for i in indexes {
                    let field = tree.fields[i]
                    for (name, offset) in Self.tokens(in: tree.value(field)) {
                        let start = field.cooked ? field.range.lowerBound : Int(field.valueStart) + offset
                        let end = field.cooked ? field.range.upperBound : start + name.utf16.count + 2
                        result.append((name, start..<end))
                    }
                }
            }
        }
        return result
    }()

    /// `%name%` tokens of a value (not `%%`, not DIRID numbers), with their UTF-16 offsets.
    static func tokens(in value: String) -> [(String, Int)] {
        let units = Array(value.utf16)
        var result: [(String, Int)] = []
        var open: Int? = nil
        for (i, u) in units.enumerated() where u == 0x25 {
            if let o = open {
                let name = String(decoding: units[(o + 1)..<i], as: UTF16.self)
                if !name.isEmpty && Int(name.trimmingWhitespace()) == nil { result.append((name, o)) }
                open = nil
            } else {
                open = i
            }
        }
        return result
    }

    // MARK: Helpers for rules and fixes

    /// The `[ClassInstall32]` sections, undecorated or decorated (`[ClassInstall32.NTamd64]`).
    public var classInstall32Sections: [INFDocument.Section] {
        document.sections.filter { $0.name.lowercased() == "classinstall32" || $0.name.lowercased().hasPrefix("classinstall32.") }
    }

    /// The range of the first header of `section` (or the start of the file).
    public func headerRange(of section: String) -> Range<Int> {
        guard let s = document.section(section), let h = s.headerLines.first else { return 0..<0 }
        let line = tree.lines[h]
        return Int(line.start)..<Int(line.contentEnd)
    }

    /// The line end the file uses for new lines.
    public var newline: String { tree.source.lineEndings == .crlf ? "\r\n" : "\n" }

    /// Where to insert text after the last line of `section`, and whether a line end must come first.
    public func endOfSection(_ section: String) -> (offset: Int, needsNewline: Bool) {
        guard let s = document.section(section) else { return (tree.source.units.count, true) }
        let last = max(s.headerLines.last ?? 0, s.lines.last ?? 0)
        let line = tree.lines[last]
        return (Int(line.end), line.end == line.contentEnd)
    }

    /// An edit appending `lines` at the end of `section`.
    public func appendEdit(_ lines: [String], to section: String) -> SourceEdit {
        let (offset, needsNewline) = endOfSection(section)
        let text = (needsNewline ? newline : "") + lines.map { $0 + newline }.joined()
        return SourceEdit(range: offset..<offset, replacement: text)
    }

    /// An edit adding new sections after `section` (a blank line, then the text).
    public func newSectionsEdit(_ text: [String], after section: String) -> SourceEdit {
        let (offset, needsNewline) = endOfSection(section)
        let body = (needsNewline ? newline : "") + newline + text.map { $0 + newline }.joined()
        return SourceEdit(range: offset..<offset, replacement: body)
    }
}
