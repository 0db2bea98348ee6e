import Foundation
import Testing
@testable import INFSyntax

/// Which paths folder scans read, and reading what is not a regular file.
struct INFInputTests {
    @Test func regularFilesAndMissingOnesAreReadableButFIFOsAndFoldersAreNot() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("drvkit-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("folder.inf"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a.inf").path
        try Data("[Version]\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(mkfifo(dir.appendingPathComponent("pipe.inf").path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.inf").path, withDestinationPath: "a.inf")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("dangling.inf").path, withDestinationPath: "gone.inf")
        let readable = ["a.inf", "link.inf", "dangling.inf", "missing.inf", "pipe.inf", "folder.inf"].filter {
            INFInput.isRegularFileOrMissing(dir.appendingPathComponent($0).path)
        }
        #expect(readable == ["a.inf", "link.inf", "dangling.inf", "missing.inf"])
        // A device is read to its end: /dev/null is empty, so it is not an INF.
        #expect(throws: INFInputError(path: "/dev/null", reason: .notAnINF)) { try INFInput.load(path: "/dev/null") }
    }

    /// Output goes through links to their targets, and into pipes and devices as it is: renaming a
    /// temporary file over `/dev/null` (as root) would leave a regular file in its place.
    @Test func writingKeepsLinksAndWritesIntoPipesWithoutReplacingThem() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("drvkit-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let real = dir.appendingPathComponent("real.txt").path, link = dir.appendingPathComponent("link.txt").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: real))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.txt")
        try INFInput.writeAtomically(Array("new".utf8), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.txt")
        #expect(FileManager.default.contents(atPath: real) == Data("new".utf8))

        let pipe = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let reader = open(pipe, O_RDONLY | O_NONBLOCK)   // a reader, so that opening for writing does not wait
        #expect(reader >= 0)
        defer { close(reader) }
        try INFInput.writeAtomically(Array("through the pipe".utf8), to: pipe)
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(reader, &buffer, buffer.count)
        #expect(count == 16 && Array(buffer[0..<16]) == Array("through the pipe".utf8))
        var info = stat()
        #expect(stat(pipe, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(throws: INFInputError.self) { try INFInput.writeAtomically([1], to: dir.path) }
    }
}
