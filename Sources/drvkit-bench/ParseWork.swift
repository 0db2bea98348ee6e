import INFModel
import INFSyntax

/// The work the parse benchmark times.
enum ParseWork {
    /// Parses and resolves the files `first, first + step, …` of `files`; returns lines + fields (+1 per
    /// file SetupAPI would refuse), which keeps the work from being optimised away.
    static func parseAndResolve(_ files: [[UInt8]], first: Int = 0, step: Int = 1) -> Int {
        var lines = 0, fields = 0
        for i in stride(from: first, to: files.count, by: step) {
            let document = INFDocument(tree: SyntaxTree(bytes: files[i]))
            lines += document.tree.lines.count
            fields += document.tree.fields.count
            if document.openError != nil { fields += 1 }
        }
        return lines &+ fields
    }
}
