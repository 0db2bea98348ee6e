import INFSyntax

/// Which lines belong to which section, after merging sections of the same name, in a few flat
/// arrays (no array per section): section `k` owns `headerLines[headerStarts[k]..<headerStarts[k+1]]`
/// and `entryLines[entryStarts[k]..<entryStarts[k+1]]`. Section numbers follow first appearance.
/// In the usual file, where no name repeats, section `k` has exactly header `k` and `headerStarts`
/// is left empty.
struct SectionLayout: Sendable {
    let headerLines: [Int32]
    let headerStarts: [Int32]
    let entryLines: [Int32]
    let entryStarts: [Int32]
    let count: Int
    /// Folded section name → section number.
    let index: FoldedNameTable

    init(tree: SyntaxTree) {
        var index = FoldedNameTable(capacity: 32)
        // One pass in file order: every header starts a run of entries (its "segment").
        var segmentStarts: [Int32] = []
        var headerLines: [Int32] = []
        // The section of each segment, kept only once some name has repeated (before, segment k is section k).
        var segmentSection: [Int32]? = nil
        let headerCapacity = min(tree.lines.count, 64)
        segmentStarts.reserveCapacity(headerCapacity + 1)
        headerLines.reserveCapacity(headerCapacity)
        var sectionCount = 0
        let entryLines = FoldedNameTable.Text.of(tree) { text in
            tree.lines.withUnsafeBufferPointer { lines in
                // At most one entry per line: the array is filled in place, without a check per append.
                [Int32](unsafeUninitializedCapacity: lines.count) { entries, entryCount in
                    var inSection = false
                    for i in 0..<lines.count {
                        let kind = lines[i].kind
                        // Written always, kept when an entry under a header: no branch on the line's kind
                        // (entries, comments and blank lines alternate unpredictably).
                        entries[entryCount] = Int32(truncatingIfNeeded: i)
                        entryCount &+= kind == .entry && inSection ? 1 : 0
                        if kind == .sectionHeader || kind == .badSectionHeader {
                            inSection = true
                            let line = lines[i]
                            let key = FoldedNameTable.KeyRef(cooked: false, start: line.nameStart, count: line.nameEnd - line.nameStart)
                            let section = index.insertIfAbsent(key, value: sectionCount, in: text)
                            if section == sectionCount {
                                sectionCount += 1
                            } else if segmentSection == nil {
                                segmentSection = (0..<segmentStarts.count).map { Int32($0) }
                            }
                            segmentSection?.append(Int32(section))
                            segmentStarts.append(Int32(entryCount))
                            headerLines.append(Int32(i))
                        }
                    }
                }
            }
        }
        segmentStarts.append(Int32(entryLines.count))
        self.index = index
        self.count = sectionCount
        guard let segmentSection else {
            // Every header opened a new section: the arrays are already grouped.
            self.headerLines = headerLines
            self.headerStarts = []
            self.entryLines = entryLines
            self.entryStarts = segmentStarts
            return
        }
        // Some name was written twice: gather each section's segments, in file order.
        var segmentsOf = [[Int]](repeating: [], count: sectionCount)
        for (segment, section) in segmentSection.enumerated() { segmentsOf[Int(section)].append(segment) }
        var headers: [Int32] = [], entries: [Int32] = []
        var headerStarts: [Int32] = [0], entryStarts: [Int32] = [0]
        headers.reserveCapacity(headerLines.count); entries.reserveCapacity(entryLines.count)
        for segments in segmentsOf {
            for s in segments {
                headers.append(headerLines[s])
                entries.append(contentsOf: entryLines[Int(segmentStarts[s])..<Int(segmentStarts[s + 1])])
            }
            headerStarts.append(Int32(headers.count))
            entryStarts.append(Int32(entries.count))
        }
        self.headerLines = headers
        self.headerStarts = headerStarts
        self.entryLines = entries
        self.entryStarts = entryStarts
    }

    func headers(of section: Int) -> LineIndexes {
        let bounds = headerStarts.isEmpty ? section..<section + 1 : Int(headerStarts[section])..<Int(headerStarts[section + 1])
        return LineIndexes(storage: headerLines, bounds: bounds)
    }

    func entries(of section: Int) -> LineIndexes {
        LineIndexes(storage: entryLines, bounds: Int(entryStarts[section])..<Int(entryStarts[section + 1]))
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
