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
}
