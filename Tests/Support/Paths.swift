import Foundation

/// Where the tests find the project and the shared test data.
public enum TestPaths {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `Tests/Fixtures`.
    public static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")

    /// `../shared/corpus`, or nil when it is absent (tests then skip with a message).
    public static let corpus: URL? = {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    /// Every `*.inf`, `*.inx` and `*.inf.in` file of the corpus, sorted, relative paths with URLs.
    public static func corpusFiles() -> [URL] {
        guard let corpus else { return [] }
        let enumerator = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            let name = url.lastPathComponent.lowercased()
            if name.hasSuffix(".inf") || name.hasSuffix(".inx") || name.hasSuffix(".inf.in") { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// A corpus file's path relative to the corpus folder (for messages).
    public static func corpusName(_ url: URL) -> String {
        guard let corpus else { return url.lastPathComponent }
        return String(url.path.dropFirst(corpus.path.count + 1))
    }

    public static let corpusMissingMessage = "../shared/corpus is absent: corpus tests skipped"
}
