import INFModel
import INFSyntax

struct RegistryPathFromWindowsDirid: LintRule {
    static let info = RuleInfo(
        code: "DK5044", name: "registry-path-from-windows-dirid",
        summary: "A registry value that stores a path through a Windows-folder DIRID (`%11%\\x.dll`) instead of `%SystemRoot%`.",
        severity: .error, infVerif: 1258, alsoInfVerif: [1257],
        whatItDoes: "Reports string data of reached AddReg lines that uses a DIRID of a folder under the Windows directory (10, 11, 12, 17, 18, 20, 50, 51): a path through one (InfVerif 1258), or the DIRID alone (1257), and says what to write instead: `%%SystemRoot%%\\System32\\x.dll` in a REG_EXPAND_SZ value (flag 0x00020000).",
        whyBad: "SetupAPI writes the DIRID's folder as it is when the driver is installed. When the INF is processed elsewhere (a driver added to an offline image, an OS upgrade), that folder is not the one the running system will use, and the value points to the wrong place (InfVerif 1257 and 1258). `%SystemRoot%` in an expandable string is resolved when the value is read. Microsoft's own event log example writes `%%SystemRoot%%\\System32\\IoLogMsg.dll`.",
        references: ["INF AddReg Directive", "INF AddService Directive", "Using Dirids", "InfVerif 1257, 1258"],
        triggering: [RuleExample(device: Self.eventLog("↓\"%11%\\IoLogMsg.dll;%12%\\dev.sys\"")),
                     RuleExample(device: "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,ToolsFolder,,↓%10%\n")],
        passing: [RuleExample(device: Self.eventLog("\"%%SystemRoot%%\\System32\\IoLogMsg.dll;%13%\\dev.sys\""))])

    /// The kernel service `dev` with an event log whose EventMessageFile is `data`.
    static func eventLog(_ data: String) -> String {
        "[Dev.NT]\n[Dev.NT.Services]\nAddService = dev, 0x00000002, Dev.Service, Dev.EventLog\n[Dev.Service]\nServiceType = 1\nStartType = 3\n"
            + "ErrorControl = 1\nServiceBinary = %13%\\dev.sys\n[Dev.EventLog]\nAddReg = Dev.EventLog.Reg\n[Dev.EventLog.Reg]\n"
            + "HKR,,EventMessageFile,0x00020000,\(data)\nHKR,,TypesSupported,0x00010001,7\n"
    }

    /// Folders under the Windows directory (by DIRID) and how a registry value reaches them at run
    /// time: their ``DIRID/paths`` with `%SystemRoot%` for `C:\\Windows`. 13, the driver store, is a
    /// package's own folder and is left alone.
    static let windowsFolders: [Int: String] = Dictionary(uniqueKeysWithValues: [10, 11, 12, 17, 18, 20, 50, 51].map { id in
        (id, "%SystemRoot%" + DIRID.paths[id]!.dropFirst("C:\\Windows".count))
    })

    func check(_ context: LintContext, into findings: inout Findings) {
        var reported = Set<Int>()
        for use in context.registryUses where use.directive.lowercased() == "addreg" {
            let entry = use.entry
            guard [.string, .expandString, .multiString].contains(entry.valueType ?? .string) else { continue }
            for (i, value) in entry.data.enumerated() {
                guard let (dirid, folder) = Self.firstWindowsDirid(in: value) else { continue }
                let range = entry.line.range(ofField: 5 + i)
                guard reported.insert(range.lowerBound).inserted else { continue }
                let escaped = folder.replacingOccurrences(of: "%", with: "%%")
                if value.trimmingWhitespace() == "%\(dirid)%" {
                    findings.add(Self.info, "value '\(entry.valueName ?? "")' stores the Windows folder %\(dirid)% as it is at install time: write \(escaped) in a REG_EXPAND_SZ value (0x00020000)",
                                 at: range, infVerif: 1257)
                } else {
                    findings.add(Self.info, "value '\(entry.valueName ?? "")' stores a path through %\(dirid)%, fixed when the driver is installed: write \(escaped)\\… in a REG_EXPAND_SZ value (0x00020000)",
                                 at: range)
                }
            }
        }
    }

    /// The first `%N%` in `value` whose N is a Windows folder DIRID (`%%` is a literal percent sign).
    static func firstWindowsDirid(in value: String) -> (Int, String)? {
        let chars = Array(value)
        var i = 0
        while i < chars.count {
            guard chars[i] == "%" else { i += 1; continue }
            var j = i + 1
            while j < chars.count, chars[j] != "%" { j += 1 }
            guard j < chars.count else { return nil }
            if let n = Int(String(chars[(i + 1)..<j])), let folder = windowsFolders[n] { return (n, folder) }
            i = j + 1
        }
        return nil
    }
}
