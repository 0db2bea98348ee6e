import INFModel
import INFSyntax

struct KernelDriverNotMemoryIntegrityCompatible: LintRule {
    static let info = RuleInfo(
        code: "DK8008", name: "kernel-driver-not-memory-integrity-compatible",
        summary: "A kernel driver in the package folder whose image memory integrity (HVCI) will not load.",
        severity: .warning,
        whatItDoes: "With `--package`, reads the headers of `.sys` files and of files a service loads as a kernel driver, and reports a section both writable and executable, a SectionAlignment that is not a multiple of 0x1000, and an import address table inside an executable section.",
        whyBad: "\"Implement memory integrity compatible code\" lists these as incompatibilities: with memory integrity on (the default on new Windows 11 machines) code integrity will not load the driver, and the device does not start. Link with page-aligned sections and without merging .rdata into .text (/MERGE), and keep code and writable data apart. What the code does at run time (executable pool allocations) is not visible in the headers: the HLK's HyperVisor Code Integrity Readiness Test checks that.",
        references: ["Implement memory integrity compatible code", "PE Format", "drvkit policy check --hvci on"],
        triggering: [.copyingDevSys(issue: (.notMemoryIntegrityCompatible, "dev.sys does not load while memory integrity (HVCI) is on: section .text is both writable and executable"))],
        passing: [.copyingDevSys()])

    func check(_ context: LintContext, into findings: inout Findings) {
        context.reportPackageIssues(.notMemoryIntegrityCompatible, as: Self.info, into: &findings)
    }
}
