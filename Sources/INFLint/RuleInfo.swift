import INFSyntax

/// How safe a rule's automatic fix is. `--fix` applies only safe ones.
public enum FixSafety: String, Sendable, Codable {
    /// Keeps comments and what the rule intends; nothing else changes.
    case safe
    /// Changes what gets installed or drops something the author wrote.
    case unsafe
}

/// An INF snippet documenting a rule. In triggering examples `↓` marks where each finding starts.
public struct RuleExample: Sendable, Hashable {
    /// The text as shown in docs (with `↓` markers).
    public var text: String
    /// When true the snippet is placed in a minimal device INF (see ``RuleExample/deviceSkeleton``).
    public var isDeviceSnippet: Bool
    /// What the example's package folder holds, for the DK8xxx rules (`drvkit lint --package`).
    public var packageFolder: PackageFolder?
    /// The mode the example is linted in, when not the rule's own (a rule that differs between modes).
    public var mode: LintMode?
    /// The provider the example is linted against (`drvkit lint --provider`).
    public var expectedProvider: String?
    /// The Windows the example is linted for (`drvkit lint --osver`).
    public var targetOS: String?

    /// A complete INF.
    public init(_ text: String) { self.text = text; isDeviceSnippet = false }
    /// A snippet completing a minimal device INF that installs `Dev` (`[Dev.NT]`, `[Dev.NT.HW]`…).
    public init(device text: String, packageFolder: PackageFolder? = nil) {
        self.text = text; isDeviceSnippet = true; self.packageFolder = packageFolder
    }

    static let marker: Character = "↓"

    /// The example, linted in `mode` instead of the rule's own.
    public func inMode(_ mode: LintMode) -> RuleExample {
        var example = self
        example.mode = mode
        return example
    }

    /// The example, linted with `--osver osver`.
    public func targeting(osver: String) -> RuleExample {
        var example = self
        example.targetOS = osver
        return example
    }

    /// The example, linted with `--provider provider`.
    public func expecting(provider: String) -> RuleExample {
        var example = self
        example.expectedProvider = provider
        return example
    }

    /// The INF to lint, without markers.
    public var source: String {
        let body = text.replacingOccurrences(of: String(Self.marker), with: "")
        return isDeviceSnippet ? Self.deviceSkeleton(body) : body
    }

    /// UTF-16 offsets of the markers in ``source``.
    public var markerOffsets: [Int] {
        let full = isDeviceSnippet ? Self.deviceSkeleton(text) : text
        var offsets: [Int] = []
        var removed = 0
        var offset = 0
        for c in full {
            if c == Self.marker { offsets.append(offset - removed); removed += c.utf16.count }
            offset += c.utf16.count
        }
        return offsets
    }

    /// `[<install>.NT]` whose `.Services` installs the kernel driver service `dev` from `[<section>]`
    /// (`%13%\dev.sys`, demand start unless `startType` says otherwise); `marker` goes before the section's name.
    public static func kernelService(install: String = "Dev", section: String = "Dev.Service", startType: String = "3", marker: String = "") -> String {
        "[\(install).NT]\n[\(install).NT.Services]\nAddService = dev, 0x00000002, \(marker)\(section)\n[\(section)]\n"
            + "ServiceType = 1\nStartType = \(startType)\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n"
    }

    /// A lint-clean device INF around `body`: `Dev` installs on amd64 with `dev.sys`.
    public static func deviceSkeleton(_ body: String) -> String {
        """
        [Version]
        Signature = "$Windows NT$"
        Class = Sample
        ClassGuid = {78A1C341-4539-11d3-B88D-00C04FAD5171}
        Provider = %Mfg%
        CatalogFile = dev.cat
        DriverVer = 01/15/2024,1.0.0.0
        PnpLockdown = 1

        [Manufacturer]
        %Mfg% = Models, NTamd64

        [Models.NTamd64]
        %Dev.Desc% = Dev, Root\\Dev

        [SourceDisksNames]
        1 = %Disk%

        [SourceDisksFiles]
        dev.sys = 1

        [DestinationDirs]
        DefaultDestDir = 13

        \(body)

        [Strings]
        Mfg = "Contoso"
        Dev.Desc = "Contoso Device"
        Disk = "Contoso Disk"

        """
    }
}

/// A rule's identity and documentation.
public struct RuleInfo: Sendable, Hashable {
    /// Stable code, `DK` + four digits; the first digit is the family.
    public var code: String
    /// Kebab-case name saying what is flagged.
    public var name: String
    /// One line: what is wrong.
    public var summary: String
    /// The least strict mode the rule runs in (it runs in every stricter mode too).
    public var mode: LintMode
    /// Default severity, and where a mode changes it.
    public var severity: Severity
    public var severityByMode: [LintMode: Severity]
    /// The InfVerif code the check corresponds to, if any.
    public var infVerif: Int?
    /// Other InfVerif codes some of its findings carry instead (InfVerif names some cases of one
    /// check apart: a missing section named by Needs is 1315, not 1203).
    public var alsoInfVerif: [Int]
    /// From this mode on a stricter rule (`by`) reports everything this one would, so this one
    /// stops running (as InfVerif reports a check as "None" in a mode where another replaces it).
    public var supersededIn: (mode: LintMode, by: String)?
    /// A driver package isolation check: in hardware-dev-center and windows-driver modes it looks only at
    /// sections that install on `--wbuild` (default 10.0.17763) or later, as InfVerif /w does.
    public var isolation: Bool
    /// Docs: what it checks, and what Windows does about it.
    public var whatItDoes: String
    public var whyBad: String
    /// What `--fix` edits, when the rule has a fix.
    public var fix: (safety: FixSafety, description: String)?
    /// Microsoft pages and InfVerif codes to read.
    public var references: [String]
    public var triggering: [RuleExample]
    public var passing: [RuleExample]

    public init(code: String, name: String, summary: String, mode: LintMode = .basic,
                severity: Severity, severityByMode: [LintMode: Severity] = [:], infVerif: Int? = nil, alsoInfVerif: [Int] = [],
                supersededIn: (LintMode, by: String)? = nil, isolation: Bool = false, whatItDoes: String, whyBad: String,
                fix: (FixSafety, String)? = nil, references: [String] = [],
                triggering: [RuleExample], passing: [RuleExample]) {
        self.code = code; self.name = name; self.summary = summary; self.mode = mode
        self.severity = severity; self.severityByMode = severityByMode; self.infVerif = infVerif; self.alsoInfVerif = alsoInfVerif
        self.supersededIn = supersededIn.map { (mode: $0.0, by: $0.by) }
        self.isolation = isolation
        self.whatItDoes = whatItDoes; self.whyBad = whyBad
        self.fix = fix.map { (safety: $0.0, description: $0.1) }
        self.references = references; self.triggering = triggering; self.passing = passing
    }

    /// Whether the rule runs in `mode`: from its own mode on, until a stricter rule supersedes it.
    public func runs(in mode: LintMode) -> Bool {
        self.mode <= mode && supersededIn.map { mode < $0.mode } ?? true
    }

    /// The modes the rule runs in, least strict first.
    public var modes: [LintMode] { LintMode.allCases.filter(runs(in:)) }

    /// The modes and severities in one line, as README's rule table gives them: the first mode
    /// (`to M` when a stricter rule supersedes it in mode M), then the severity and each change,
    /// with the mode it happens in (`warning → error (universal)`).
    public var modesAndSeverities: (modes: String, severities: String) {
        var modes = mode.rawValue
        if supersededIn != nil, let last = self.modes.last, last != mode { modes += " to " + last.rawValue }
        if let requiredOption { modes += ", `\(requiredOption)`" }
        var severities = severity(in: mode).rawValue
        var previous = severity(in: mode)
        for m in self.modes.dropFirst() where severity(in: m) != previous {
            previous = severity(in: m)
            severities += " → \(previous.rawValue) (\(m.rawValue))"
        }
        return (modes, severities)
    }

    /// The severity in `mode` (the strictest override at or below it wins).
    public func severity(in mode: LintMode) -> Severity {
        var result = severity
        for m in LintMode.allCases where m <= mode { if let s = severityByMode[m] { result = s } }
        return result
    }

    /// DK8xxx rules check the files next to the INF, and run only with `drvkit lint --package`.
    public var readsPackageFolder: Bool { code.hasPrefix("DK8") }

    /// The rule compares the INF with the provider given to `drvkit lint --provider`, and runs only then.
    public var needsExpectedProvider: Bool { code == ProviderNotExpected.info.code }

    /// The rule reports what Windows does on the one Windows of `drvkit lint --osver`, and runs only then.
    public var needsTargetOS: Bool { code == NothingInstallsOnTarget.info.code }

    /// The option without which the rule does not run (`--package`, `--provider`), if any.
    public var requiredOption: String? {
        readsPackageFolder ? "--package" : needsExpectedProvider ? "--provider" : needsTargetOS ? "--osver" : nil
    }

    /// Rule family from the code's first digit.
    public var family: String {
        switch code.dropFirst(2).first {
        case "1": return "syntax and structure"
        case "2": return "[Version]"
        case "3": return "references"
        case "4": return "models and decorations"
        case "5": return "install directives"
        case "6": return "device registry values"
        case "7": return "universal, declarative and isolation"
        case "8": return "packaging"
        default: return "other"
        }
    }

    /// The full documentation in Markdown, headed as every rule's docs are.
    public var documentation: String {
        var doc = "# \(code) \(name)\n\n\(summary)\n\n## What it does\n\(whatItDoes)\n\n## Why is this bad?\n\(whyBad)\n\n"
        doc += "## Example\n```ini\n\(triggering.first?.text.replacingOccurrences(of: "↓", with: "") ?? "")\n```\n\nUse instead:\n```ini\n\(passing.first?.text ?? "")\n```\n\n"
        if let fix { doc += "## Fix\n\(fix.description) (\(fix.safety.rawValue))\n\n" }
        doc += "## Modes\nRuns in `\(mode.rawValue)` and stricter modes"
        if let supersededIn { doc += " below `\(supersededIn.mode.rawValue)`, where \(supersededIn.by) reports these findings instead" }
        doc += "; severity: " + modes.map { "\($0.rawValue) \(severity(in: $0).rawValue)" }.joined(separator: ", ") + ".\n"
        if readsPackageFolder { doc += "Reads the files next to the INF, so it runs only with `drvkit lint --package`.\n" }
        if isolation {
            doc += "In `hardware-dev-center` and `windows-driver` modes it looks only at sections that install on Windows \(WindowsBuild.isolationDefault) or later (`--wbuild`), as InfVerif /w does.\n"
        }
        if needsExpectedProvider { doc += "Runs only when a provider is expected: `drvkit lint --provider NAME`, or `provider:` in `.drvkit.yml`.\n" }
        if needsTargetOS { doc += "Runs only for one Windows: `drvkit lint --osver NTamd64.10.0...17763`, or `osver:` in `.drvkit.yml`.\n" }
        doc += "\n"
        doc += "## References\n"
        let infVerifCodes = ([infVerif].compactMap { $0 } + alsoInfVerif).map { "InfVerif \($0)" }
        for r in infVerifCodes + references.filter({ !infVerifCodes.contains($0) }) { doc += "- \(r)\n" }
        return doc
    }

    public static func == (a: Self, b: Self) -> Bool { a.code == b.code }
    public func hash(into h: inout Hasher) { h.combine(code) }
}
