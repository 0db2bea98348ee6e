import INFSyntax

/// The canonical layout of a file, checked as a whole against what SetupAPI reads.
public struct CheckedFormatting: Sendable {
    /// The text to write: the canonical layout, or the file as it was.
    public let units: [UInt16]
    /// Why the file was left as written, when its canonical layout would read differently to SetupAPI.
    public let keptAsWritten: String?
}

extension CanonicalFormatter {
    /// ``format(_:)``, kept only when the whole formatted file reads to SetupAPI as `tree` does
    /// (``SetupAPIReading``): the same sections, keys and values, or the same refusal on the same
    /// line. Otherwise the file is left as written, with the reason.
    ///
    /// `format(_:)` re-reads every line it rewrites; this also catches what only shows in the
    /// whole file, such as an error line that moves when blank lines above it go.
    public static func formatCheckingReading(_ tree: SyntaxTree) -> CheckedFormatting {
        let formatted = format(tree)
        if formatted == tree.source.units { return CheckedFormatting(units: formatted, keptAsWritten: nil) }
        let before = SetupAPIReading(INFDocument(tree: tree))
        let after = SetupAPIReading(INFDocument(tree: SyntaxTree(source: SourceText(units: formatted, encoding: tree.source.encoding,
                                                                                         oddByte: tree.source.oddByte))))
        if before == after { return CheckedFormatting(units: formatted, keptAsWritten: nil) }
        return CheckedFormatting(units: tree.source.units, keptAsWritten: reason(before: before.refusal, after: after.refusal))
    }

    static func reason(before: SetupAPIError?, after: SetupAPIError?) -> String {
        guard let before else { return "the canonical layout would change what SetupAPI reads" }
        let refusal = "SetupAPI refuses it (\(before.name), line \(before.line))"
        guard let after else { return "\(refusal), but would open it in the canonical layout" }
        if after.code == before.code { return "\(refusal), and the canonical layout would move that to line \(after.line)" }
        return "\(refusal), and would report \(after.name) on line \(after.line) in the canonical layout"
    }
}
