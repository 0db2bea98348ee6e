import Testing
@testable import INFLint
import INFSyntax

/// Messages that carry advice beyond the rule's summary.
struct RuleMessageTests {
    static func messages(_ code: String, _ mode: LintMode, _ body: String) -> [String] {
        Linter(mode: mode, select: [code]).lint(tree: SyntaxTree(RuleExample.deviceSkeleton(body)), path: "x.inf").findings.map(\.message)
    }

    /// DK7007's case InfVerif numbers apart: a needed section without the suffix its parent has is 1311.
    @Test func aNeededSectionWithoutTheSuffixIs1311() {
        let body = "[Dev.NT]\n[Dev.NT.Services]\nInclude = machine.inf\nNeeds = PCI.Install, PCI.Install.HW\n"
        let findings = Linter(mode: .universal, select: ["DK7007"]).lint(tree: SyntaxTree(RuleExample.deviceSkeleton(body)), path: "x.inf").findings
        #expect(findings.map(\.infVerif) == [1311, nil], "\(findings)")
        #expect(findings.first?.message.hasSuffix("which must have the suffix '.Services' to be read as a section of the same kind") == true)
    }

    /// AddReg flag cases InfVerif numbers on their own: a custom type without BINVALUETYPE (1264),
    /// REG_MULTI_SZ as a custom type (1263), APPEND on a value that is not REG_MULTI_SZ (1265).
    @Test(arguments: [("DK5002", "0x00040000,1", 1264), ("DK5002", "0x00070001,1", 1263), ("DK5004", "0x00000008,1", 1265),
                      ("DK5003", "0x00010001,on", 1268), ("DK5003", "0x00000001,1FF", 1267)])
    func addRegFlagCasesCarryTheirInfVerifCode(_ code: String, _ flagsAndData: String, _ infVerif: Int) {
        let body = "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\nHKR,,Value,\(flagsAndData)\n"
        let findings = Linter(mode: .basic, select: [code]).lint(tree: SyntaxTree(RuleExample.deviceSkeleton(body)), path: "x.inf").findings
        #expect(findings.map { $0.infVerif ?? RuleRegistry.info(code)?.infVerif } == [infVerif], "\(findings)")
    }

    /// DK6008 also sees the filter lists set as device properties, and only in extension INFs.
    @Test func extensionFiltersSetAsPropertiesAreReported() {
        let body = "AddProperty = Ext.Props\n[Ext.Props]\n{a45c254e-df1c-4efd-8020-67d146a850e0},20,0x2012,,\"ContosoLower\"\n"
        let findings = Linter(mode: .basic, select: ["DK6008"]).lint(tree: SyntaxTree(ExtensionFilterByRegistry.extensionINF(body)), path: "x.inf").findings
        #expect(findings.map(\.message) == ["DEVPKEY_Device_LowerFilters set with AddProperty: an extension INF adds filters with AddFilter in a [DDInstall.Filters] section, which Windows merges with the other packages' filters"], "\(findings)")
        let base = RuleExample.deviceSkeleton("[Dev.NT]\n[Dev.NT.HW]\nAddReg = Dev.HW.Reg\n[Dev.HW.Reg]\nHKR,,UpperFilters,0x00010000,\"ContosoFilter\"\n")
        #expect(Linter(mode: .basic, select: ["DK6008"]).lint(tree: SyntaxTree(base), path: "x.inf").findings.isEmpty)
    }

    /// DK5016's InfVerif 1332 case: the same service, the same settings, but its key's values written differently.
    @Test func aServiceKeyValueWrittenDifferentlyIs1332() {
        func device(_ install: String, _ mode: String) -> String {
            RuleExample.kernelService(install: install, section: "\(install).Service") + "AddReg = \(install).SvcReg\n[\(install).SvcReg]\nHKR,Parameters,Mode,0x10001,\(mode)\n"
        }
        func findings(_ second: String) -> [Finding] {
            let inf = RuleExample.deviceSkeleton(device("Dev", "1") + device("Dev2", second))
                .replacingOccurrences(of: "%Dev.Desc% = Dev, Root\\Dev\n", with: "%Dev.Desc% = Dev, Root\\Dev\n%Dev.Desc% = Dev2, Root\\Dev2\n")
            return Linter(mode: .universal, select: ["DK5016"]).lint(tree: SyntaxTree(inf), path: "x.inf").findings
        }
        let differing = findings("2")
        #expect(differing.map(\.infVerif) == [1332], "\(differing)")
        #expect(differing.first?.message.contains("write its key's value parameters\\mode differently") == true, "\(differing)")
        #expect(findings("1").isEmpty)
    }

    @Test func minifilterInstancesOutsideParametersNameWindows11_24H2() {
        let messages = Self.messages("DK7016", .windowsDriver, ServiceStateOutsideParameters.service
            + "HKR,,SupportedFeatures,0x10001,0x3\nHKR,Instances,DefaultInstance,,\"Top\"\nHKR,,Tag,0x10001,1\n")
        #expect(messages.count == 3)
        #expect(messages[0].hasSuffix("(from Windows 11 24H2 the Filter Manager reads a minifilter's Instances and SupportedFeatures under Parameters)"))
        #expect(messages[1].hasPrefix("writes service subkey Instances:") && messages[1].contains("Windows 11 24H2"))
        #expect(messages[2] == "writes the root of the service key: an isolated package keeps service state under HKR,Parameters")
    }

    @Test(arguments: [
        ("DK7003", LintMode.universal, "HKLM,\"SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WINEVT\\Publishers\\{1}\",,,\"Contoso\"", "AddEventProvider in a [DDInstall.Events] section"),
        ("DK7003", .universal, "HKLM,SYSTEM\\CurrentControlSet\\Control\\WMI\\Autologger\\Contoso,Start,0x10001,1", "AddAutoLogger"),
        ("DK7003", .hardwareDevCenter, "HKLM,Software\\Microsoft\\Windows\\CurrentVersion\\WINEVT\\Channels\\Contoso,Enabled,0x10001,1", "AddEventProvider"),
        ("DK7003", .universal, "HKLM,Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce,Contoso,,setup.exe", "AddSoftware"),
        ("DK7013", .windowsDriver, "HKCR,AudioEngine\\AudioProcessingObjects\\{1},FriendlyName,,Contoso", "register the APO with HKR lines"),
        ("DK7013", .windowsDriver, "HKCR,CLSID\\{1},,,Contoso", "AddComServer"),
    ])
    func globalWritesNameWhatToUseInstead(_ code: String, _ mode: LintMode, _ line: String, _ advice: String) {
        let messages = Self.messages(code, mode, "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\n" + line + "\n")
        #expect(messages.count == 1 && messages[0].contains(advice), "\(messages)")
    }
}
