import INFModel
import INFSyntax

struct ComServerInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK5042", name: "com-server-invalid",
        summary: "A COM server or class a `.COM` section registers that Windows cannot register as written.",
        severity: .error, alsoInfVerif: [1160],
        whatItDoes: "Follows reached AddComServer lines (DDInstall.COM) to their com-server-install sections and AddComClass lines to their com-class-install sections, and reports: a server name or class GUID used twice, flags that are not 0, a server section without ServerType, ServerBinary or AddComClass, a ServerType other than 1 (in-process, the only one supported), a ServerBinary outside the driver store (`%13%\\…`) or not copied by the INF, a class that is not a braced GUID, and a ThreadingModel other than Apartment, Both, Free or Neutral (InfVerif 1160).",
        whyBad: "\"INF AddComServer directive\" and \"INF AddComClass directive\" (Windows 11 24H2): each server section must give ServerType, ServerBinary and at least one AddComClass, only in-process servers are supported, the binary is registered from the package's driver store path, server names are unique in the INF, and ThreadingModel is one of four values. A registration Windows cannot make leaves CoCreateInstance failing with REGDB_E_CLASSNOTREG after the device installs.",
        references: ["INF DDInstall.COM section", "INF AddComServer directive", "INF AddComClass directive", "InfVerif 1160"],
        triggering: [RuleExample(device: Self.comServer(binary: "%13%\\dev_com.dll", threading: "↓Single")),
                     RuleExample(device: Self.comServer(binary: "↓%11%\\dev_com.dll", threading: "Neutral"))],
        passing: [RuleExample(device: Self.comServer(binary: "%13%\\dev_com.dll", threading: "Neutral"))])

    /// `Dev` registering one in-process server with one class whose ThreadingModel is `threading`.
    static func comServer(binary: String, threading: String) -> String {
        "[Dev.NT]\nCopyFiles = Dev.Com.Files\n[Dev.Com.Files]\ndev_com.dll\n[Dev.NT.COM]\nAddComServer = ContosoServer,, Dev.ComServer\n"
            + "[Dev.ComServer]\nServerType = 1\nServerBinary = \(binary)\nAddComClass = {bb2b85ab-9473-42e5-8d1a-0f01d3879879},, Dev.ComClass\n"
            + "[Dev.ComClass]\nDescription = %Dev.Desc%\nThreadingModel = \(threading)\n"
    }

    static let threadingModels: Set<String> = ["apartment", "both", "free", "neutral"]

    func check(_ context: LintContext, into findings: inout Findings) {
        var servers: [String: String] = [:], classes: [String: String] = [:], checked = Set<String>()
        for line in context.reachedLines(key: "AddComServer") {
            let name = (line.field(1) ?? "").trimmingWhitespace()
            if !name.isEmpty, let first = servers.updateValue(name, forKey: name.lowercased()) {
                findings.add(Self.info, "COM server name '\(name)' is already used (as '\(first)'): each AddComServer needs a name of its own", at: line.range(ofField: 1))
            }
            checkFlags(line, "AddComServer", into: &findings)
            let section = (line.field(3) ?? "").trimmingWhitespace()
            // A missing section is DK3001's and a missing name DK3016's; each section is read once.
            guard !section.isEmpty, context.document.section(section) != nil, checked.insert(section.lowercased()).inserted else { continue }
            checkServer(section, at: line, context, classes: &classes, into: &findings)
        }
    }

    private func checkServer(_ name: String, at use: INFLine, _ context: LintContext, classes: inout [String: String], into findings: inout Findings) {
        let document = context.document
        let section = document.section(name)?.name ?? name
        if let type = document.firstLine(in: name, key: "ServerType") {
            let value = (type.field(1) ?? "").trimmingWhitespace()
            if IntegerField.parse(value) != 1 {
                findings.add(Self.info, "ServerType '\(value)' is not 1: Windows registers only in-process COM servers from an INF", at: type.range(ofField: 1))
            }
        } else {
            findings.add(Self.info, "[\(section)] has no ServerType (1, in-process)", at: use.range(ofField: 3))
        }
        if let binary = document.firstLine(in: name, key: "ServerBinary") {
            let path = (binary.field(1) ?? "").trimmingWhitespace()
            if !path.hasPrefix("%13%\\") {
                findings.add(Self.info, "ServerBinary '\(path)' is not in the driver store: COM servers are registered from the package's own folder (%13%\\…)", at: binary.range(ofField: 1))
            } else if !context.packageDelivers(LintContext.fileName(ofPath: path)) {
                findings.add(Self.info, "ServerBinary '\(path)' is not copied by any CopyFiles of the INF", at: binary.range(ofField: 1))
            }
        } else {
            findings.add(Self.info, "[\(section)] has no ServerBinary", at: use.range(ofField: 3))
        }
        let classLines = document.lines(in: name, key: "AddComClass")
        if classLines.isEmpty {
            findings.add(Self.info, "[\(section)] registers no class: a COM server needs at least one AddComClass", at: use.range(ofField: 3))
        }
        for line in classLines {
            let clsid = (line.field(1) ?? "").trimmingWhitespace()
            if !ClassGuidMalformed.isGUID(clsid) {
                findings.add(Self.info, "AddComClass '\(clsid)' is not a class GUID of the form {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}", at: line.range(ofField: 1))
            } else if let first = classes.updateValue(section, forKey: clsid.lowercased()) {
                findings.add(Self.info, "COM class \(clsid) is already registered by [\(first)]", at: line.range(ofField: 1))
            }
            checkFlags(line, "AddComClass", into: &findings)
            let classSection = (line.field(3) ?? "").trimmingWhitespace()
            guard !classSection.isEmpty, let model = document.firstLine(in: classSection, key: "ThreadingModel") else { continue }
            let value = (model.field(1) ?? "").trimmingWhitespace()
            guard !Self.threadingModels.contains(value.lowercased()) else { continue }
            findings.add(Self.info, "ThreadingModel '\(value)' of COM class \(clsid) is not Apartment, Both, Free or Neutral", at: model.range(ofField: 1), infVerif: 1160)
        }
    }

    private func checkFlags(_ line: INFLine, _ directive: String, into findings: inout Findings) {
        let flags = (line.field(2) ?? "").trimmingWhitespace()
        guard !flags.isEmpty, IntegerField.parse(flags) != 0 else { return }
        findings.add(Self.info, "\(directive) flags '\(flags)' are reserved: leave them empty or 0", at: line.range(ofField: 2))
    }
}
