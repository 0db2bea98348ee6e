import INFModel
import INFSyntax

struct CopyFlagsInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK5013", name: "copy-flags-invalid",
        summary: "CopyFiles flags with undefined bits or contradictory combinations.",
        severity: .error,
        whatItDoes: "Reports file-list lines whose flags field sets bits no COPYFLG_* constant defines, or combines COPYFLG_NO_OVERWRITE with COPYFLG_REPLACEONLY.",
        whyBad: "Undefined bits are ignored or rejected depending on the Windows version, and NO_OVERWRITE with REPLACEONLY means the file is never copied.",
        references: ["INF CopyFiles Directive"],
        triggering: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys,,,↓0x00000410\n")],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys,,,0x00004000\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for file in context.copiedFiles where file.listSection != nil {
            guard let text = file.line.field(4)?.trimmingWhitespace(), !text.isEmpty else { continue }
            guard let flags = IntegerField.parse(text) else {
                findings.add(Self.info, "copy flags '\(text)' is not a number", at: file.line.range(ofField: 4)); continue
            }
            if flags & ~CopyFlags.knownMask != 0 {
                findings.add(Self.info, "copy flags 0x\(String(flags, radix: 16)) set undefined bits", at: file.line.range(ofField: 4))
            } else if flags & CopyFlags.noOverwrite != 0 && flags & CopyFlags.replaceOnly != 0 {
                findings.add(Self.info, "COPYFLG_NO_OVERWRITE with COPYFLG_REPLACEONLY: the file is never copied", at: file.line.range(ofField: 4))
            }
        }
    }
}
