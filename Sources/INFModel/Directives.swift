/// A directive in an install section (`AddReg = A, B`), with the sections or files it names.
public struct DirectiveReference: Hashable, Sendable {
    /// The directive as written (`AddReg`).
    public var directive: String
    /// The value of one field: a section name, or `@file` for CopyFiles.
    public var value: String
    public var line: INFLine
    public var fieldNumber: Int
    public var range: Range<Int> { line.range(ofField: fieldNumber) }
}

/// Directive names of install sections whose fields name other sections.
public enum DirectiveName {
    /// Directives whose every field is a section name.
    public static let sectionLists: Set<String> = [
        "addreg", "delreg", "bitreg", "copyfiles", "delfiles", "renfiles", "addinterface",
        "addproperty", "delproperty", "addcomponent", "addsoftware", "needs", "ini2reg",
        "updateinis", "updateinifields", "registerdlls", "unregisterdlls", "profileitems",
        "addpowersetting", "addeventprovider", "logconfig",
    ]
}

extension INFDocument {
    /// Every field of every `directive = …` line of `section` (case-insensitive), in order.
    public func references(_ directive: String, in section: String) -> [DirectiveReference] {
        lines(in: section, key: directive).flatMap { line in
            line.fields.enumerated().compactMap { i, value in
                let trimmed = value.trimmingWhitespace()
                guard !trimmed.isEmpty else { return nil }
                return DirectiveReference(directive: line.key ?? directive, value: trimmed, line: line, fieldNumber: i + 1)
            }
        }
    }

    /// `Include = a.inf, b.inf`: system INFs a section pulls from (external references).
    public func includes(in section: String) -> [DirectiveReference] { references("Include", in: section) }

    /// `Needs = Section, …`: sections of this INF or of the included INFs to process with this one.
    public func needs(in section: String) -> [DirectiveReference] { references("Needs", in: section) }
}

import Foundation
