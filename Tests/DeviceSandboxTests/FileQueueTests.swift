import Foundation
import Testing
import TestSupport
@testable import DeviceSandbox
import GRDB

/// DelFiles, RenFiles and the COPYFLG version checks, committed in SetupAPI's order.
struct FileQueueTests {
    /// A sandbox and an INF in `src/` whose DefaultInstall has `directives`; `files` are written next to the INF.
    func setUp(_ directives: String, sections: String, files: [String: [UInt8]] = [:]) throws -> (URL, Sandbox, String) {
        let dir = try CommandRunner.temporaryDirectory()
        let sandbox = try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: "win11-24h2-x64")
        let src = dir.appendingPathComponent("src")
        try FileManager.default.createDirectory(at: src, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: src.appendingPathComponent(name)) }
        let inf = src.appendingPathComponent("q.inf")
        try """
            [Version]
            Signature = "$Windows NT$"
            [SourceDisksNames]
            1 = "Disk"
            [SourceDisksFiles]
            \(files.keys.sorted().map { "\($0) = 1" }.joined(separator: "\n"))
            [DestinationDirs]
            DefaultDestDir = 12
            [DefaultInstall.NTamd64]
            \(directives)
            \(sections)
            """.write(to: inf, atomically: true, encoding: .utf8)
        return (dir, sandbox, inf.path)
    }

    func drivers(_ sandbox: Sandbox) -> URL { sandbox.systemDrive.appendingPathComponent("Windows/System32/drivers") }

    func image(_ version: (UInt32, UInt32)?, _ marker: String) -> [UInt8] {
        var writer = PEWriter()
        writer.fileVersion = version
        writer.sections[1].data = Array(marker.utf8)
        return writer.bytes()
    }

    @Test func deletesThenRenamesThenCopies() throws {
        let (dir, sandbox, inf) = try setUp("CopyFiles = C\nDelFiles = D\nRenFiles = R", sections: """
            [C]
            stale.sys,new.sys,,0x400
            [D]
            stale.sys
            missing.sys
            [R]
            renamed.sys,old.sys
            """, files: ["new.sys": Array("new".utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("stale".utf8).write(to: drivers(sandbox).appendingPathComponent("stale.sys"))
        try Data("old".utf8).write(to: drivers(sandbox).appendingPathComponent("old.sys"))
        let result = try InstallEngine.installSection("DefaultInstall", infPath: inf, hkr: nil, sandbox: sandbox)
        // The delete ran first, so COPYFLG_REPLACEONLY found nothing to replace.
        #expect(!FileManager.default.fileExists(atPath: drivers(sandbox).appendingPathComponent("stale.sys").path))
        #expect(!FileManager.default.fileExists(atPath: drivers(sandbox).appendingPathComponent("old.sys").path))
        #expect(try String(contentsOf: drivers(sandbox).appendingPathComponent("renamed.sys"), encoding: .utf8) == "old")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.log.contains { $0.contains("Deleting 'C:\\Windows\\System32\\drivers\\stale.sys'") })
        #expect(result.log.contains { $0.contains("Renaming 'C:\\Windows\\System32\\drivers\\old.sys' to 'C:\\Windows\\System32\\drivers\\renamed.sys'") })
        #expect(result.log.contains { $0.contains("absent; not copied (COPYFLG_REPLACEONLY)") })
    }

    @Test func renamesOntoAnExistingFileOrFromNothingAreSkippedWithTheLine() throws {
        let (dir, sandbox, inf) = try setUp("RenFiles = R", sections: "[R]\nkeep.sys,old.sys\nnew.sys,ghost.sys\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("keep".utf8).write(to: drivers(sandbox).appendingPathComponent("keep.sys"))
        try Data("old".utf8).write(to: drivers(sandbox).appendingPathComponent("old.sys"))
        let result = try InstallEngine.installSection("DefaultInstall", infPath: inf, hkr: nil, sandbox: sandbox)
        #expect(result.diagnostics.map(\.line) == [12, 13])
        #expect(result.diagnostics[0].message.contains("already exists"))
        #expect(result.diagnostics[1].message.contains("does not exist"))
        #expect(try String(contentsOf: drivers(sandbox).appendingPathComponent("keep.sys"), encoding: .utf8) == "keep")
        #expect(FileManager.default.fileExists(atPath: drivers(sandbox).appendingPathComponent("old.sys").path))
    }

    @Test func theDriverStoreIsNeverDeletedFrom() throws {
        let (dir, sandbox, inf) = try setUp("DelFiles = D", sections: "[D]\nq.sys\n[DestinationDirs]\nD = 13\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try InstallEngine.installSection("DefaultInstall", infPath: inf, hkr: nil, sandbox: sandbox)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.contains("DIRID 13") == true)
    }

    struct VersionCase: Sendable, CustomTestStringConvertible {
        var flags: String
        var installed: (UInt32, UInt32)?
        var incoming: (UInt32, UInt32)?
        var replaced: Bool
        var testDescription: String { "flags \(flags), installed \(String(describing: installed)), incoming \(String(describing: incoming))" }
    }

    static let versionCases: [VersionCase] = [
        // COPYFLG_NO_VERSION_DIALOG: keep a newer target, replace an equal or older one.
        VersionCase(flags: "0x20", installed: (0x2_0000, 0), incoming: (0x1_0000, 0), replaced: false),
        VersionCase(flags: "0x20", installed: (0x1_0000, 5), incoming: (0x1_0000, 5), replaced: true),
        VersionCase(flags: "0x20", installed: (0x1_0000, 0), incoming: (0x1_0000, 1), replaced: true),
        // COPYFLG_OVERWRITE_OLDER_ONLY: replace only an older target.
        VersionCase(flags: "0x40", installed: (0x1_0000, 5), incoming: (0x1_0000, 5), replaced: false),
        VersionCase(flags: "0x40", installed: (0x1_0000, 4), incoming: (0x1_0000, 5), replaced: true),
        // COPYFLG_NOVERSIONCHECK wins; no version on either side means no check; no flags: overwrite.
        VersionCase(flags: "0x24", installed: (0x2_0000, 0), incoming: (0x1_0000, 0), replaced: true),
        VersionCase(flags: "0x40", installed: nil, incoming: (0x1_0000, 0), replaced: true),
        VersionCase(flags: "0", installed: (0x2_0000, 0), incoming: (0x1_0000, 0), replaced: true),
    ]

    @Test(arguments: versionCases)
    func versionFlagsCompareThePEFileVersions(_ c: VersionCase) throws {
        let (dir, sandbox, inf) = try setUp("CopyFiles = C", sections: "[C]\nv.sys,,,\(c.flags)\n", files: ["v.sys": image(c.incoming, "incoming")])
        defer { try? FileManager.default.removeItem(at: dir) }
        let installed = image(c.installed, "installed")
        try Data(installed).write(to: drivers(sandbox).appendingPathComponent("v.sys"))
        _ = try InstallEngine.installSection("DefaultInstall", infPath: inf, hkr: nil, sandbox: sandbox)
        let now = try [UInt8](Data(contentsOf: drivers(sandbox).appendingPathComponent("v.sys")))
        #expect((now != installed) == c.replaced)
    }

    @Test func committedDeletesAndRenamesAreFinishedOnNextOpen() throws {
        let (dir, sandbox, _) = try setUp("", sections: "")
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = drivers(sandbox)
        try Data("a".utf8).write(to: folder.appendingPathComponent("a.sys"))
        try Data("b".utf8).write(to: folder.appendingPathComponent("b.sys"))
        // A crash after the commit: a deletion, a rename, and a rename that already happened.
        try sandbox.database.write { db in
            for (staged, final) in [("", "C/Windows/System32/drivers/a.sys"), ("C/Windows/System32/drivers/b.sys", "C/Windows/System32/drivers/c.sys"),
                                    ("C/Windows/System32/drivers/gone.sys", "C/Windows/System32/drivers/d.sys")] {
                try db.execute(sql: "INSERT INTO pending_file VALUES (?, ?)", arguments: [staged, final])
            }
        }
        _ = try Sandbox.open(at: sandbox.root.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sys") }.sorted() == ["c.sys"])
        #expect(try sandbox.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM pending_file") } == 0)
    }
}
