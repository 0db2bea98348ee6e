import Foundation
import INFModel
import INFSyntax

/// A file a CopyFiles directive copies.
public struct CopiedFile: Sendable {
    public var destinationName: String
    public var sourceName: String
    public var flags: UInt32?
    /// The file-list section, or nil for `CopyFiles = @file`.
    public var listSection: String?
    public var line: INFLine
    public var range: Range<Int>
}

extension LintContext {
    /// The first value of `key` in `[Version]`.
    public func versionValue(_ key: String) -> INFLine? { document.firstLine(in: "Version", key: key) }

    /// The install sections Windows picks on current Windows (``platform(_:)``) on `architecture` for
    /// the INF's models lines, each once, in models order.
    public func currentInstalls(on architecture: Architecture) -> [DDInstall] {
        let platform = self.platform(architecture)
        var seen = Set<String>()
        return document.models(for: platform).compactMap { model in
            guard let install = document.installSection(model.installSection, for: platform),
                  seen.insert(install.sectionName.lowercased()).inserted else { return nil }
            return install
        }
    }

    /// For each models section (each decoration of each [Manufacturer] entry; undecorated ones as
    /// written), the oldest Windows its decoration admits, never older than `floor` (major, minor),
    /// and the install section Windows picks there for each of its models lines.
    public func oldestInstalls(floor: (major: Int, minor: Int)? = nil) -> [(modelsSection: String, platform: TargetPlatform, install: DDInstall)] {
        var result: [(String, TargetPlatform, DDInstall)] = []
        for m in document.manufacturers {
            let decorations: [(name: String, parsed: TargetOSVersion?)] = m.rawDecorations.isEmpty
                ? [(m.modelsSection, nil)]
                : m.decorations.compactMap { d in d.parsed.map { (m.modelsSection + "." + d.text, $0) } }
            for (section, decoration) in decorations where decoration?.isArchitecturePlaceholder != true {
                var platform = TargetPlatform(architecture: decoration?.architecture ?? .x86, majorVersion: decoration?.majorVersion ?? 5,
                                              minorVersion: decoration?.minorVersion ?? 1, buildNumber: decoration?.buildNumber ?? 0,
                                              productType: decoration?.productType ?? 1, suiteMask: decoration?.suiteMask ?? 0)
                if let floor, (platform.majorVersion, platform.minorVersion) < (floor.major, floor.minor) {
                    (platform.majorVersion, platform.minorVersion, platform.buildNumber) = (floor.major, floor.minor, 0)
                }
                for model in document.models(inSection: section) {
                    guard let install = document.installSection(model.installSection, for: platform) else { continue }
                    result.append((section, platform, install))
                }
            }
        }
        return result
    }

    /// The lower-cased names of the reached sections whose role is one of `roles`, in name order.
    public func reachedSections(_ roles: Set<SectionRole>) -> [String] {
        graph.roles.filter { roles.contains($0.value) }.keys.sorted()
    }

    /// The lines keyed `key` (`CopyINF`, `AddInterface`…) of every reached section, section by section in name order.
    public func reachedLines(key: String) -> [INFLine] {
        graph.roles.keys.sorted().flatMap { document.lines(in: $0, key: key) }
    }

    /// The lines of every reached section whose key is one of `keys` (lower-cased), in the same order.
    public func reachedLines(keys: Set<String>) -> [INFLine] {
        graph.roles.keys.sorted().flatMap { document.lines(in: $0).filter { $0.key.map { keys.contains($0.lowercased()) } ?? false } }
    }

    /// The lines of every section a `directive` (`AddProperty`…) of a reached section names, each
    /// section once (from the references the section graph already collected).
    public func linesOfSections(namedBy directive: String) -> [INFLine] {
        let wanted = directive.lowercased()
        var seen = Set<String>()
        return graph.references.filter { $0.directive.lowercased() == wanted && seen.insert($0.target.lowercased()).inserted }
            .flatMap { document.lines(in: $0.target) }
    }

    /// Every file copied by a reached CopyFiles directive (``copiedFiles`` keeps them).
    func collectCopiedFiles() -> [CopiedFile] {
        var result: [CopiedFile] = []
        var listsSeen = Set<String>()
        for section in graph.roles.keys.sorted() {
            for line in document.lines(in: section, key: "CopyFiles") {
                for (i, field) in line.fields.enumerated() {
                    let item = CopyFilesItem(field)
                    switch item {
                    case .file(let name):
                        result.append(CopiedFile(destinationName: name, sourceName: name, flags: nil, listSection: nil,
                                                 line: line, range: line.range(ofField: i + 1)))
                    case .section(let list):
                        guard !list.isEmpty, listsSeen.insert(list.lowercased()).inserted else { continue }
                        for entry in document.fileCopyEntries(inSection: list) where !entry.destinationName.isEmpty {
                            result.append(CopiedFile(destinationName: entry.destinationName, sourceName: entry.sourceName,
                                                     flags: entry.flags, listSection: list, line: entry.line, range: entry.line.range(ofField: 1)))
                        }
                    }
                }
            }
        }
        return result
    }

    /// Whether the package itself delivers a file called `name` (compared case-insensitively): a
    /// reached CopyFiles directive copies it, or `[SourceDisksFiles]` lists it for a targeted
    /// architecture. Other files a service names (WUDFRd.sys, winusb.sys, usbser.sys) are Windows' own.
    public func packageDelivers(_ name: String) -> Bool {
        let lower = name.lowercased()
        return copiedFiles.contains { $0.destinationName.lowercased() == lower }
            || ([nil] + architectures.map(Optional.some)).contains { sourceDisksFiles(for: $0)[lower] != nil }
    }

    /// The file name at the end of a path written with `\` or `/` (`%13%\dev.sys` → `dev.sys`).
    public static func fileName(ofPath path: String) -> String {
        path.split(whereSeparator: { $0 == "\\" || $0 == "/" }).last.map(String.init) ?? ""
    }

    /// The AddService lines of every reached `.Services` section (``addServices`` keeps them).
    func collectAddServices() -> [(directive: AddServiceDirective, section: String)] {
        graph.roles.filter { $0.value == .services }.keys.sorted().flatMap { section in
            document.addServices(in: section).map { ($0, section) }
        }
    }

    /// The service-install sections named by reached AddService lines (``serviceInstallSections`` keeps them).
    func collectServiceInstallSections() -> [(section: ServiceInstallSection, directive: AddServiceDirective)] {
        var seen = Set<String>()
        return addServices.compactMap { entry in
            guard let name = entry.directive.installSection, seen.insert(name.lowercased()).inserted,
                  let section = document.serviceInstallSection(name) else { return nil }
            return (section, entry.directive)
        }
    }

    /// AddReg lines writing the device property `name` (DeviceType, Security…) with HKR into a
    /// key Windows reads it from: the hardware key (`.HW`) or the class key (`ClassInstall32`).
    public func devicePropertyWrites(_ name: String) -> [RegistryEntry] {
        registryUses.filter { use in
            use.directive.lowercased() == "addreg" && (use.context == .hardwareKey || use.context == .classKey)
                && use.entry.root == .hkr && use.entry.subkey.isEmpty && use.entry.valueName?.lowercased() == name.lowercased()
        }.map(\.entry)
    }

    /// The range of a line's content (for findings about a whole line).
    public func range(of line: INFLine) -> Range<Int> { line.range }

    /// An edit replacing the written text of field `n` of `line`.
    public func replaceField(_ n: Int, of line: INFLine, with text: String) -> SourceEdit {
        SourceEdit(range: line.range(ofField: n), replacement: text)
    }

    /// Today's date as (year, month, day), for plausibility checks.
    static var today: (Int, Int, Int) {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return (c.year ?? 2000, c.month ?? 1, c.day ?? 1)
    }
}

extension LintContext {
    /// HKR AddReg lines of `.HW` sections that write the device's `UpperFilters` or `LowerFilters`,
    /// with the value's name as written (DK7017, DK6008).
    var filterListWrites: [(entry: RegistryEntry, name: String)] {
        registryUses.compactMap { use in
            guard use.context == .hardwareKey, use.entry.root == .hkr, use.directive.lowercased() == "addreg", use.entry.subkey.isEmpty,
                  let name = use.entry.valueName?.trimmingWhitespace(), ["upperfilters", "lowerfilters"].contains(name.lowercased()) else { return nil }
            return (use.entry, name)
        }
    }
}

extension RegistryEntry {
    /// FLG_ADDREG_NOCLOBBER, DELVAL, APPEND, KEYONLY, OVERWRITEONLY: AddReg lines that do not set a whole value.
    static let partialWrites: UInt32 = 0x2 | 0x4 | 0x8 | 0x10 | 0x20

    /// The value an AddReg line sets whole: the key `root\subkey\name` (lower-cased) and its type and
    /// data; nil for a line that sets no whole value (DK5035, DK5016 compare them).
    var wholeValueWrite: (key: String, value: String)? {
        guard let root, let flags, flags & Self.partialWrites == 0, let type = valueType else { return nil }
        return ("\(root.rawValue)\\\(subkey)\\\(valueName ?? "")".lowercased(), "\(type) \(data.map { $0.trimmingWhitespace() }.joined(separator: ","))")
    }
}
