import INFModel
import INFSyntax

struct DefaultInstallUndecorated: LintRule {
    static let info = RuleInfo(
        code: "DK7014", name: "default-install-undecorated",
        summary: "A [DefaultInstall] section without an architecture decoration.",
        mode: .universal, severity: .error, infVerif: 1421,
        whatItDoes: "Reports `[DefaultInstall]` and `[DefaultInstall.NT…]` sections that name no architecture: a universal INF's DefaultInstall must be written `[DefaultInstall.NTamd64]`, `[DefaultInstall.NTarm64]` and so on. Templates may use `$ARCH$`.",
        whyBad: "Windows treats a DefaultInstall INF as a primitive driver, installed and removed through the driver store, only when its DefaultInstall sections are architecture-decorated and no undecorated one is present; otherwise the INF is run as a script that Windows cannot undo.",
        references: ["Using a Universal INF File", "Creating a primitive driver", "INF DefaultInstall Section"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nClass = System\nClassGuid = {4d36e97d-e325-11ce-bfc1-08002be10318}\nProvider = %Mfg%\n↓[DefaultInstall]\nAddReg = Tool.Reg\n↓[DefaultInstall.NT]\nAddReg = Tool.Reg\n[Tool.Reg]\nHKR,,Value,,1\n[Strings]\nMfg = \"Contoso\"\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\nClass = System\nClassGuid = {4d36e97d-e325-11ce-bfc1-08002be10318}\nProvider = %Mfg%\n[DefaultInstall.NTamd64]\nAddReg = Tool.Reg\n[DefaultInstall.NTamd64.Services]\nAddService = ,2\n[Tool.Reg]\nHKR,,Value,,1\n[Strings]\nMfg = \"Contoso\"\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for section in context.document.sections {
            guard context.role(of: section.name) == .defaultInstall, section.name.lowercased().hasPrefix("defaultinstall") else { continue }
            let decoration = String(section.name.dropFirst("DefaultInstall".count).drop { $0 == "." })
            let parsed = TargetOSVersion(decoration)
            if parsed?.architecture != nil || parsed?.isArchitecturePlaceholder == true { continue }
            if context.isTemplate && decoration.contains(where: { "$!".contains($0) }) { continue }
            findings.add(Self.info, "[\(section.name)] names no architecture: a universal INF writes [DefaultInstall.NTamd64], [DefaultInstall.NTarm64]…", at: context.headerRange(of: section.name))
        }
    }
}
