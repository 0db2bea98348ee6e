import Foundation
import Testing
import TestSupport
@testable import INFSyntax

/// Where the parser says each key and field is written agrees with the text, on every corpus
/// file and on damaged copies of them: ranges lie inside their line, in order, trimmed of
/// blanks, separated by the `=` and `,` that end them, and a value read straight from the
/// source (not quoted, not rebuilt) is exactly the written text. A line's `=`, `;`, brackets
/// and content end are where it says.
struct FieldPositionTests {
    /// What is wrong with the positions of `tree`'s fields, if anything (empty when all hold).
    static func problems(_ tree: SyntaxTree) -> [String] {
        var problems: [String] = []
        let text = { (r: Range<Int>) in String(decoding: tree.source.units[max(0, r.lowerBound - 20)..<min(tree.source.units.count, r.upperBound + 20)], as: UTF16.self).debugDescription }
        let u = tree.source.units
        for (n, line) in tree.lines.enumerated() {
            let what = "line node \(n) (\(line.kind)) at \(line.range) in \(text(line.range))"
            if !(Int(line.start)...Int(line.end)).contains(Int(line.contentEnd)) { problems.append("\(what): content end \(line.contentEnd) outside the line") }
            if line.comment >= 0 && (u[Int(line.comment)] != 0x3B || line.comment >= line.contentEnd && !line.hasUnterminatedQuote) {
                problems.append("\(what): comment at \(line.comment) is not a ';' before the content end")
            }
            if line.kind == .entry && line.equals >= 0 && u[Int(line.equals)] != 0x3D { problems.append("\(what): '=' at \(line.equals) is not one") }
            if line.kind == .sectionHeader || line.kind == .badSectionHeader {
                if u[Int(line.openBracket)] != 0x5B || line.nameStart != line.openBracket + 1 { problems.append("\(what): '[' or the name's start misplaced") }
                if line.kind == .sectionHeader && (u[Int(line.closeBracket)] != 0x5D || line.nameEnd != line.closeBracket) { problems.append("\(what): ']' or the name's end misplaced") }
            }
        }
        for (n, line) in tree.lines.enumerated() where line.kind == .entry {
            var spans: [(String, FieldNode)] = []
            if line.hasExplicitKey { spans.append(("key", tree.fields[Int(line.keyField)])) }
            spans += line.fieldIndexes.map { ("field \($0 - Int(line.firstField) + 1)", tree.fields[$0]) }
            var previousEnd = Int(line.start)
            for (i, (name, field)) in spans.enumerated() {
                let range = field.range
                let what = "line node \(n) \(name) at \(range) in \(text(range))"
                if range.lowerBound < previousEnd || range.upperBound > Int(line.end) || range.isEmpty != (range.lowerBound == range.upperBound) {
                    problems.append("\(what): outside its line or before the previous field (from \(previousEnd))")
                }
                // A quoted run is kept whole (one left open runs to the `\n`, a `\r` before it included, as SetupAPI reads it).
                if !range.isEmpty && (CharacterClass.isSpace(u[range.lowerBound]) || (!field.quoted && CharacterClass.isSpace(u[range.upperBound - 1]))) {
                    problems.append("\(what): not trimmed")
                }
                if i > 0 {
                    // The text between two fields holds the separator that ends the first.
                    let separator: UInt16 = (i == 1 && line.hasExplicitKey) ? 0x3D : 0x2C
                    if !u[previousEnd..<max(previousEnd, range.lowerBound)].contains(separator) && !range.isEmpty {
                        problems.append("\(what): no '\(Character(Unicode.Scalar(UInt8(separator))))' before it")
                    }
                }
                if !field.cooked && !field.quoted && field.valueCount > 0 && !field.truncated
                    && (Int(field.valueStart) != range.lowerBound || Int(field.valueStart + field.valueCount) != range.upperBound) {
                    problems.append("\(what): value at \(field.valueStart)+\(field.valueCount) is not the written text")
                }
                previousEnd = max(previousEnd, range.upperBound)
            }
        }
        return problems
    }

    @Test func corpusFieldsAreWhereTheyAreWritten() throws {
        guard TestPaths.corpus != nil else { print(TestPaths.corpusMissingMessage); return }
        for url in TestPaths.corpusFiles() {
            let tree = SyntaxTree(bytes: [UInt8](try Data(contentsOf: url)))
            let problems = Self.problems(tree)
            #expect(problems.isEmpty, "\(TestPaths.corpusName(url)): \(problems.prefix(3))")
        }
    }

    @Test func damagedFieldsAreWhereTheyAreWritten() throws {
        guard TestPaths.corpus != nil else { print(TestPaths.corpusMissingMessage); return }
        var rng = SeededGenerator(seed: 0xF1E1D)
        for url in TestPaths.corpusFiles() {
            let bytes = [UInt8](try Data(contentsOf: url))
            for _ in 0..<CorpusMutation.rounds(default: 3) {
                let damaged = CorpusMutation.mutate(bytes, &rng)
                let problems = Self.problems(SyntaxTree(bytes: damaged))
                #expect(problems.isEmpty, "\(TestPaths.corpusName(url)) damaged: \(problems.prefix(3))")
            }
        }
    }
}
