import INFSyntax

/// Which lines belong to which section, after merging sections of the same name, in one flat
/// array (no array per section): the entry lines of every section, section by section, then
/// the header lines, then where each section's entries start (and, only when some name is
/// written twice, where each section's headers start). Section numbers follow first appearance.
/// In the usual file, where no name repeats, section `k` has exactly header `k`.
struct SectionLayout: Sendable {
    /// Entry lines, one spare slot, header lines, entry starts (sections + 1), header starts (sections + 1, when present).
    private let storage: [Int32]
    private let headerBase: Int
    private let entryStartsBase: Int
    /// Where the header starts are, or nil when section `k` has exactly header `k`.
    private let headerStartsBase: Int?
    let count: Int
    /// Folded section name → section number.
    let index: FoldedNameTable

    init(tree: borrowing SyntaxTree) {
        let headers = tree.headerCount, entries = tree.entryCount
        var index = FoldedNameTable(capacity: headers)
        var sectionCount = 0
        // The section of each header, kept only once some name has repeated (before, header k is section k).
        var segmentSection: [Int32]? = nil
        // Entries at [0, entries] (a spare slot: every line writes one, kept only for an entry),
        // headers after them, then the entry start of each header's segment and the end.
        let headerBase = entries + 1, entryStartsBase = headerBase + headers
        let storage = FoldedNameTable.Text.of(tree) { text in
            tree.lines.withUnsafeBufferPointer { lines in
                [Int32](unsafeUninitializedCapacity: entryStartsBase + headers + 1) { store, filled in
                    var entryCount = 0, headerCount = 0
                    store[entries] = 0
                    for i in 0..<lines.count {
                        let kind = lines[i].kind
                        // No branch on the line's kind for entries (entries, comments and blank
                        // lines alternate unpredictably): every line is written, entries are kept.
                        store[entryCount] = Int32(truncatingIfNeeded: i)
                        entryCount &+= kind == .entry ? 1 : 0
                        guard kind == .sectionHeader || kind == .badSectionHeader else { continue }
                        let line = lines[i]
                        let key = FoldedNameTable.KeyRef(cooked: false, start: line.nameStart, count: line.nameEnd - line.nameStart)
                        let section = index.insertIfAbsent(key, value: sectionCount, in: text)
                        if section == sectionCount {
                            sectionCount += 1
                        } else if segmentSection == nil {
                            segmentSection = (0..<headerCount).map { Int32($0) }
                        }
                        segmentSection?.append(Int32(section))
                        store[headerBase + headerCount] = Int32(truncatingIfNeeded: i)
                        store[entryStartsBase + headerCount] = Int32(truncatingIfNeeded: entryCount)
                        headerCount += 1
                    }
                    store[entryStartsBase + headerCount] = Int32(truncatingIfNeeded: entryCount)
                    filled = entryStartsBase + headers + 1
                }
            }
        }
        self.index = index
        self.count = sectionCount
        guard let segmentSection else {
            // Every header opened a new section: the storage is already grouped.
            self.storage = storage
            self.headerBase = headerBase
            self.entryStartsBase = entryStartsBase
            self.headerStartsBase = nil
            return
        }
        // Some name was written twice: gather each section's segments (a header and the entries
        // after it), in file order.
        var segmentsOf = [[Int]](repeating: [], count: sectionCount)
        for (segment, section) in segmentSection.enumerated() { segmentsOf[Int(section)].append(segment) }
        var grouped: [Int32] = [], headerLines: [Int32] = [], entryStarts: [Int32] = [0], headerStarts: [Int32] = [0]
        grouped.reserveCapacity(entries + 2 * headers + 2 * sectionCount + 3)
        for segments in segmentsOf {
            for s in segments {
                headerLines.append(storage[headerBase + s])
                grouped.append(contentsOf: storage[Int(storage[entryStartsBase + s])..<Int(storage[entryStartsBase + s + 1])])
            }
            entryStarts.append(Int32(grouped.count))
            headerStarts.append(Int32(headerLines.count))
        }
        grouped.append(0)   // the spare slot, as in the usual layout
        self.headerBase = grouped.count
        grouped.append(contentsOf: headerLines)
        self.entryStartsBase = grouped.count
        grouped.append(contentsOf: entryStarts)
        self.headerStartsBase = grouped.count
        grouped.append(contentsOf: headerStarts)
        self.storage = grouped
    }

    func headers(of section: Int) -> LineIndexes {
        guard let headerStartsBase else { return LineIndexes(storage: storage, bounds: headerBase + section..<headerBase + section + 1) }
        return LineIndexes(storage: storage, bounds: headerBase + Int(storage[headerStartsBase + section])..<headerBase + Int(storage[headerStartsBase + section + 1]))
    }

    func entries(of section: Int) -> LineIndexes {
        LineIndexes(storage: storage, bounds: Int(storage[entryStartsBase + section])..<Int(storage[entryStartsBase + section + 1]))
    }
}

/// Indexes into `tree.lines` (a section's headers or entries), in file order.
public struct LineIndexes: RandomAccessCollection, Hashable, Sendable {
    let storage: [Int32]
    let bounds: Range<Int>

    public var startIndex: Int { 0 }
    public var endIndex: Int { bounds.count }
    public subscript(position: Int) -> Int { Int(storage[bounds.lowerBound + position]) }

    public static func == (a: Self, b: Self) -> Bool { a.elementsEqual(b) }
    public func hash(into hasher: inout Hasher) { for i in self { hasher.combine(i) } }
}

extension INFDocument {
    /// A section with all the lines written under every header of that name.
    public struct Section: Sendable {
        /// The name as first written.
        public let name: String
        /// Indexes into `tree.lines` of the headers that open it.
        public let headerLines: LineIndexes
        /// Indexes into `tree.lines` of its entries, in file order.
        public let lines: LineIndexes
    }

    /// The sections of a document in first-appearance order (each built when it is read).
    public struct Sections: RandomAccessCollection, Sendable {
        let layout: SectionLayout
        let tree: SyntaxTree

        public var startIndex: Int { 0 }
        public var endIndex: Int { layout.count }
        public subscript(position: Int) -> Section {
            let headers = layout.headers(of: position)
            return Section(name: tree.sectionName(of: tree.lines[headers[0]]) ?? "", headerLines: headers,
                           lines: layout.entries(of: position))
        }
    }
}
