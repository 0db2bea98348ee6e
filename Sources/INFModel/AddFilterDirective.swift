/// `AddFilter = FilterName, [flags], filter-install-section` in a `DDInstall.Filters` section ("INF
/// AddFilter Directive", Windows 10 1903+), with what its section says: exactly one of
/// `FilterLevel = name` and `FilterPosition = Upper|Lower`.
public struct AddFilterDirective: Hashable, Sendable {
    public enum Position: String, Hashable, Sendable { case upper, lower }

    public var line: INFLine
    /// The service that joins the stack.
    public var service: String
    public var level: String?
    public var position: Position?
    /// Why Windows cannot apply the line (no service or section, flags not 0, not exactly one valid
    /// level or position), or nil.
    public var problem: String?

    public init(line: INFLine, in document: INFDocument) {
        self.line = line
        service = line.nonEmptyField(1) ?? ""
        guard !service.isEmpty else { problem = "no service name"; return }
        if let flags = line.nonEmptyField(2), IntegerField.parse(flags) != 0 { problem = "flags must be 0"; return }
        guard let section = line.nonEmptyField(3) else { problem = "no filter-install section"; return }
        guard document.hasSection(section) else { problem = "[\(section)] does not exist"; return }
        level = document.firstLine(in: section, key: "FilterLevel")?.nonEmptyField(1)
        let positionText = document.firstLine(in: section, key: "FilterPosition")?.nonEmptyField(1)
        switch (level, positionText) {
        case (.some, .some): problem = "[\(section)] gives both FilterLevel and FilterPosition"
        case (nil, nil): problem = "[\(section)] gives neither FilterLevel nor FilterPosition"
        case (nil, .some(let text)):
            position = Position(rawValue: text.lowercased())
            if position == nil { problem = "FilterPosition '\(text)' is not Upper or Lower" }
        default: break
        }
    }
}
