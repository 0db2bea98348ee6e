import INFSyntax

/// What SetupAPI reads from a file, in a form two files can be compared by: either why it refuses
/// the file (the error and its line), or every merged section's name and each line's key and
/// values as written.
///
/// Values are compared before `%strkey%` substitution. Substitution depends only on those values
/// and on the strings sections, which are compared too, so two files that read alike here give the
/// same `inf dump` in every locale.
public struct SetupAPIReading: Equatable, Sendable {
    /// A line as SetupAPI reads it, before substitution.
    struct Line: Equatable, Sendable {
        var key: String?
        var hasExplicitKey: Bool
        var values: [String]
    }

    struct Section: Equatable, Sendable {
        var name: String
        var lines: [Line]
    }

    /// The refusal, when SetupAPI refuses the file.
    public let refusal: SetupAPIError?
    let sections: [Section]

    public init(_ document: INFDocument) {
        refusal = document.openError
        guard refusal == nil else { sections = []; return }
        let tree = document.tree
        sections = document.sections.map { section in
            Section(name: section.name, lines: section.lines.map { index in
                let line = tree.lines[index]
                return Line(key: tree.key(of: line), hasExplicitKey: line.hasExplicitKey, values: tree.values(of: line))
            })
        }
    }

    public static func == (a: Self, b: Self) -> Bool {
        // A refusal is the same when SetupAPI reports the same error on the same line.
        a.refusal?.code == b.refusal?.code && a.refusal?.line == b.refusal?.line && a.sections == b.sections
    }
}
