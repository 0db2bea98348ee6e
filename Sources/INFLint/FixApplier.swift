import INFSyntax

/// Applies fixes as edits of the source text; everything else stays byte for byte.
public enum FixApplier {
    /// The text with the non-overlapping edits applied (edits that overlap an earlier one are skipped).
    public static func apply(_ edits: [SourceEdit], to units: [UInt16]) -> (units: [UInt16], applied: Int) {
        let sorted = edits.enumerated().sorted { ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset) }
        var out: [UInt16] = []
        out.reserveCapacity(units.count)
        var cursor = 0
        var applied = 0
        var lastInsertionPoint = -1
        for (_, edit) in sorted {
            guard edit.range.lowerBound >= cursor else { continue }
            // Two insertions at one point would interleave: keep the first only.
            if edit.range.isEmpty && edit.range.lowerBound == lastInsertionPoint { continue }
            out.append(contentsOf: units[cursor..<edit.range.lowerBound])
            out.append(contentsOf: edit.replacement)
            cursor = edit.range.upperBound
            if edit.range.isEmpty { lastInsertionPoint = edit.range.lowerBound }
            applied += 1
        }
        out.append(contentsOf: units[cursor...])
        return (out, applied)
    }
}
