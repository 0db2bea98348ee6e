import INFModel
import INFSyntax

struct DefaultUninstallWithoutLegacyUninstall: LintRule {
    static let info = RuleInfo(
        code: "DK7019", name: "default-uninstall-without-legacy-uninstall",
        summary: "A [DefaultUninstall] section without `LegacyUninstall = 1`.",
        mode: .universal, severity: .error, infVerif: 1422,
        whatItDoes: "Reports `[DefaultUninstall]` sections (decorated or not) that do not set `LegacyUninstall = 1`. Microsoft's page puts the entry in the section itself; one in its `.Services` companion, as two of Microsoft's minifilter samples have it, is accepted too.",
        whyBad: "Since Windows 10 1903 a DefaultInstall INF is a primitive driver: Windows removes it with its driver package (DiUninstallDriver, `pnputil /delete-driver /uninstall`), and a DefaultUninstall section is not allowed. One kept for older Windows must say `LegacyUninstall = 1`, which makes 1903 and later ignore it.",
        references: ["Creating a primitive driver", "INF DefaultUninstall Section"],
        triggering: [RuleExample(Self.primitive("↓[DefaultUninstall.NTamd64]\nDelReg = Tool.Reg\n"))],
        passing: [RuleExample(Self.primitive("[DefaultUninstall.NTamd64]\nLegacyUninstall = 1\nDelReg = Tool.Reg\n")),
                  RuleExample(Self.primitive("[DefaultUninstall.NTamd64]\nDelReg = Tool.Reg\n[DefaultUninstall.NTamd64.Services]\nLegacyUninstall = 1\nDelService = tool, 0x200\n"))])

    static func primitive(_ uninstall: String) -> String {
        "[Version]\nSignature = \"$Windows NT$\"\nClass = System\nClassGuid = {4d36e97d-e325-11ce-bfc1-08002be10318}\nProvider = %Mfg%\n"
            + "[DefaultInstall.NTamd64]\nAddReg = Tool.Reg\n" + uninstall + "[Tool.Reg]\nHKR,,Value,,1\n[Strings]\nMfg = \"Contoso\"\n"
    }

    func check(_ context: LintContext, into findings: inout Findings) {
        for section in context.document.sections {
            guard context.role(of: section.name) == .defaultInstall, section.name.lowercased().hasPrefix("defaultuninstall") else { continue }
            // Microsoft's avscan and change samples set it in the `.Services` companion: taken as meant.
            let legacy = [section.name, section.name + ".Services"].contains { name in
                context.document.lines(in: name, key: "LegacyUninstall").contains { ($0.field(1).flatMap(IntegerField.parse) ?? 0) == 1 }
            }
            guard !legacy else { continue }
            findings.add(Self.info, "[\(section.name)] without LegacyUninstall = 1: Windows 10 1903 and later remove a DefaultInstall package with the driver store, and do not allow this section", at: context.headerRange(of: section.name))
        }
    }
}
