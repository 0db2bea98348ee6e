import INFModel
import INFSyntax

struct SoftwareInstallInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK5037", name: "software-install-invalid",
        summary: "An AddSoftware line or software-install section Windows cannot act on: a missing or unknown SoftwareType, an entry its type requires left out, an absolute SoftwareBinary.",
        severity: .error, alsoInfVerif: [1141, 1142],
        whatItDoes: "Reports, for reached AddSoftware lines, flags other than 0 and 1, and in the software-install section each names: no SoftwareType, or one other than 1 (MSI or EXE) and 2 (Microsoft Store link); for type 1, no SoftwareBinary or SoftwareVersion (InfVerif 1142), a SoftwareBinary that is not a path in the driver package (a drive, a leading `\\`, a DIRID other than 13, the package's driver store folder: InfVerif 1141), a binary no CopyFiles of the INF copies, a SoftwareVersion that is not `w.x.y.z` with parts up to 65535, and an INF whose Class is not SoftwareComponent; for type 2, no SoftwareID (1142) or one that is not `pfn://…`.",
        whyBad: "\"INF AddSoftware Directive\": SoftwareType is required; type 1 needs SoftwareBinary and SoftwareVersion, runs the binary from the package's driver store folder (`tool.exe` or `%13%\\tool.exe`, copied there by CopyFiles to DIRID 13) and must come from a component INF; type 2 needs a `pfn://` SoftwareID. Without them the software is never installed, and Windows says nothing to the user.",
        references: ["INF AddSoftware Directive", "Using a Component INF File", "InfVerif 1141, 1142"],
        triggering: [RuleExample(Self.componentINF("SoftwareType = 1\nSoftwareBinary = ↓C:\\Tools\\tool.exe\nSoftwareVersion = 1.0.0.0\n", copies: false)),
                     RuleExample(Self.componentINF("↓SoftwareType = 2\n")),
                     RuleExample(Self.componentINF("SoftwareType = 1\nSoftwareBinary = tool.exe\nSoftwareVersion = ↓1.0\n"))],
        passing: [RuleExample(Self.componentINF("SoftwareType = 1\nSoftwareBinary = tool.exe\nSoftwareArguments = <<DeviceInstanceID>>\nSoftwareVersion = 1.0.0.0\n")),
                  RuleExample(Self.componentINF("SoftwareType = 2\nSoftwareID = pfn://Contoso.Tool_8wekyb3d8bbwe\n"))])

    /// A software component INF whose `[Tool.Install]` section holds `body` (copying `tool.exe` unless `copies` is false).
    static func componentINF(_ body: String, copies: Bool = true) -> String {
        "[Version]\nSignature = \"$Windows NT$\"\nClass = SoftwareComponent\nClassGuid = {5c4c3332-344d-483c-8739-259e934c9cc8}\n"
            + "[Manufacturer]\nContoso = Models, NTamd64.10.0...16299\n[Models.NTamd64.10.0...16299]\nTool = Tool, SWC\\Contoso_Tool\n"
            + "[DestinationDirs]\nDefaultDestDir = 13\n[Tool.NT]\n" + (copies ? "CopyFiles = Tool.Files\n[Tool.Files]\ntool.exe\n" : "")
            + "[Tool.NT.Services]\nAddService = ,2\n[Tool.NT.Software]\nAddSoftware = ContosoTool,, Tool.Install\n[Tool.Install]\n" + body
    }

    func check(_ context: LintContext, into findings: inout Findings) {
        for line in context.reachedLines(key: "AddSoftware") {
            let flags = (line.field(2) ?? "").trimmingWhitespace()
            guard !flags.isEmpty, IntegerField.parse(flags).map({ $0 > 1 }) ?? true else { continue }
            findings.add(Self.info, "AddSoftware flags '\(flags)' are not 0 (run once) or 1 (run for each device)", at: line.range(ofField: 2))
        }
        for name in context.reachedSections([.softwareInstall]) {
            check(section: name, context, into: &findings)
        }
    }

    private func check(section name: String, _ context: LintContext, into findings: inout Findings) {
        let document = context.document
        let section = document.section(name)?.name ?? name
        func entry(_ key: String) -> INFLine? { document.firstLine(in: name, key: key) }
        guard let typeLine = entry("SoftwareType") else {
            findings.add(Self.info, "[\(section)] has no SoftwareType: Windows does not know what to install", at: context.headerRange(of: section))
            return
        }
        let type = IntegerField.parse((typeLine.field(1) ?? "").trimmingWhitespace())
        switch type {
        case 1:
            if let binary = entry("SoftwareBinary"), let path = binary.field(1)?.trimmingWhitespace(), !path.isEmpty {
                if Self.isAbsolute(path) {
                    findings.add(Self.info, "SoftwareBinary '\(path)' must be a path in the driver package: Windows runs it from the driver store",
                                 at: binary.range(ofField: 1), infVerif: 1141)
                } else if !context.copiedFiles.contains(where: { $0.destinationName.caseInsensitiveCompare(LintContext.fileName(ofPath: path)) == .orderedSame }) {
                    findings.add(Self.info, "SoftwareBinary '\(path)' is not copied by any CopyFiles of the INF: copy it to the driver store (DIRID 13)",
                                 at: binary.range(ofField: 1))
                }
            } else {
                findings.add(Self.info, "[\(section)] has SoftwareType 1 but no SoftwareBinary", at: typeLine.range, infVerif: 1142)
            }
            if let version = entry("SoftwareVersion") {
                let value = (version.field(1) ?? "").trimmingWhitespace()
                if !Self.isFourPartVersion(value) {
                    findings.add(Self.info, "SoftwareVersion '\(value)' is not w.x.y.z with parts up to 65535", at: version.range(ofField: 1))
                }
            } else {
                findings.add(Self.info, "[\(section)] has SoftwareType 1 but no SoftwareVersion", at: typeLine.range, infVerif: 1142)
            }
            let className = context.version.class?.value.trimmingWhitespace() ?? ""
            if className.caseInsensitiveCompare("SoftwareComponent") != .orderedSame {
                let from = className.isEmpty ? "an INF without a Class" : "class '\(className)'"
                findings.add(Self.info, "SoftwareType 1 runs only from a component INF (Class = SoftwareComponent), not from \(from)",
                             at: typeLine.range(ofField: 1))
            }
        case 2:
            guard let id = entry("SoftwareID") else {
                findings.add(Self.info, "[\(section)] has SoftwareType 2 but no SoftwareID", at: typeLine.range, infVerif: 1142)
                return
            }
            let value = (id.field(1) ?? "").trimmingWhitespace()
            if !value.lowercased().hasPrefix("pfn://") || value.count == 6 {
                findings.add(Self.info, "SoftwareID '\(value)' is not a Microsoft Store package family name written `pfn://<name>`", at: id.range(ofField: 1))
            }
        default:
            findings.add(Self.info, "SoftwareType '\(typeLine.field(1) ?? "")' is not 1 (MSI or EXE) or 2 (Microsoft Store link)", at: typeLine.range(ofField: 1))
        }
    }

    /// Whether a path leaves the driver package: a drive, a root or share, or a DIRID other than 13
    /// (Microsoft's own examples write `%13%\\ContosoCtrlPnl.exe` as well as a bare name).
    static func isAbsolute(_ path: String) -> Bool {
        let chars = Array(path)
        if chars.first == "\\" || chars.first == "/" { return true }
        if chars.first == "%" { return !path.hasPrefix("%13%\\") }
        return chars.count >= 2 && chars[1] == ":" && chars[0].isLetter
    }

    /// `w.x.y.z`, each a decimal number up to 65535.
    static func isFourPartVersion(_ value: String) -> Bool {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.count <= 5 && $0.allSatisfy(\.isASCII) && UInt32($0).map { $0 <= 65535 } == true }
    }
}
