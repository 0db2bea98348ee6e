import INFSyntax

struct ContinuationAtEndOfFile: LintRule {
    static let info = RuleInfo(
        code: "DK1015", name: "continuation-at-end-of-file",
        summary: "The last line ends with a `\\` continuation that has nothing to join.",
        severity: .warning,
        whatItDoes: "Reports a final line that ends in a backslash continuation.",
        whyBad: "The continuation joins nothing; usually a line was lost when the file was cut or generated, and appending text later silently glues it to this line.",
        references: ["General Syntax Rules for INF Files"],
        triggering: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[S]\nA = one,↓\\\n")],
        passing: [RuleExample("[Version]\nSignature = \"$Windows NT$\"\n[S]\nA = one\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        let tree = context.tree
        guard let last = tree.lines.last(where: { $0.kind != .blank && $0.kind != .ignoredTail }), last.kind == .entry else { return }
        let units = tree.source.units
        var end = Int(last.comment >= 0 ? last.comment : last.contentEnd)
        while end > Int(last.start) && (units[end - 1] == 0x20 || units[end - 1] == 0x09 || units[end - 1] == 0x0D || units[end - 1] == 0x0A) { end -= 1 }
        guard end > Int(last.start), units[end - 1] == 0x5C else { return }
        let afterLast = tree.lines.drop { $0 != last }.dropFirst()
        guard afterLast.allSatisfy({ $0.kind == .blank || $0.kind == .ignoredTail }) else { return }
        findings.add(Self.info, "the last line ends with a '\\' continuation but nothing follows", at: end - 1..<end)
    }
}
