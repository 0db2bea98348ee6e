import Foundation
import Testing
import TestSupport
@testable import DeviceSandbox

struct CopyFilesTests {
    func setUp(_ dirs: String, extra: String = "") throws -> (URL, Sandbox, String) {
        let dir = try CommandRunner.temporaryDirectory()
        let sandbox = try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: "win11-24h2-x64")
        let src = dir.appendingPathComponent("src")
        try FileManager.default.createDirectory(at: src.appendingPathComponent("amd64"), withIntermediateDirectories: true)
        try Data("driver bytes".utf8).write(to: src.appendingPathComponent("amd64/drv.sys"))
        try Data("helper".utf8).write(to: src.appendingPathComponent("helper.dll"))
        let inf = src.appendingPathComponent("drv.inf")
        try """
            [Version]
            Signature = "$Windows NT$"
            [SourceDisksNames.amd64]
            1 = "Disk",,,\\amd64
            2 = "Root"
            [SourceDisksFiles.amd64]
            drv.sys = 1
            helper.dll = 2
            [DestinationDirs]
            \(dirs)
            [DefaultInstall.NTamd64]
            CopyFiles = Drv.Files, @helper.dll
            AddReg = R
            [Drv.Files]
            drv.sys,,,0x00000010
            [R]
            HKLM,Software\\CopyTest,Done,,"yes"
            \(extra)
            """.write(to: inf, atomically: true, encoding: .utf8)
        return (dir, sandbox, inf.path)
    }

    @Test func filesLandWhereDestinationDirsSays() throws {
        let (dir, sandbox, inf) = try setUp("DefaultDestDir = 11,Contoso\nDrv.Files = 12")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try InstallEngine.installSection("DefaultInstall", infPath: inf, hkr: nil, sandbox: sandbox)
        let drive = sandbox.systemDrive
        #expect(try String(contentsOf: drive.appendingPathComponent("Windows/System32/drivers/drv.sys"), encoding: .utf8) == "driver bytes")
        #expect(try String(contentsOf: drive.appendingPathComponent("Windows/System32/Contoso/helper.dll"), encoding: .utf8) == "helper")
        // COPYFLG_NO_OVERWRITE keeps what is there.
        try Data("changed".utf8).write(to: drive.appendingPathComponent("Windows/System32/drivers/drv.sys"))
        _ = try InstallEngine.installSection("DefaultInstall", infPath: inf, hkr: nil, sandbox: sandbox)
        #expect(try String(contentsOf: drive.appendingPathComponent("Windows/System32/drivers/drv.sys"), encoding: .utf8) == "changed")
        #expect(!FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent(".staging").path))
    }

    @Test(arguments: ["Drv.Files = -1,D:\\evil", "Drv.Files = 12,..\\..\\..\\escape", "Drv.Files = -1,\\\\server\\share", "Drv.Files = 12,link"])
    func pathsOutsideTheSandboxAreRefusedWithTheLine(_ dirs: String) throws {
        let (dir, sandbox, inf) = try setUp("DefaultDestDir = 11\n" + dirs)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outside = dir.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: sandbox.systemDrive.appendingPathComponent("Windows/System32/drivers/link"), withDestinationURL: outside)
        do {
            _ = try InstallEngine.installSection("DefaultInstall", infPath: inf, hkr: nil, sandbox: sandbox)
            Issue.record("the install should fail")
        } catch let failure as InstallFailure {
            #expect(failure.diagnostic.line == 16, "\(failure)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        #expect(try sandbox.read { try $0.key(RegistryPath("HKLM\\Software\\CopyTest")!) } == nil)
        #expect(!FileManager.default.fileExists(atPath: sandbox.systemDrive.appendingPathComponent("Windows/System32/helper.dll").path))
    }

    @Test func aMissingSourceLeavesNothingHalfDone() throws {
        let (dir, sandbox, inf) = try setUp("DefaultDestDir = 11", extra: "[X]\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.removeItem(at: URL(fileURLWithPath: inf).deletingLastPathComponent().appendingPathComponent("helper.dll"))
        #expect(throws: InstallFailure.self) { try InstallEngine.installSection("DefaultInstall", infPath: inf, hkr: nil, sandbox: sandbox) }
        #expect(!FileManager.default.fileExists(atPath: sandbox.systemDrive.appendingPathComponent("Windows/System32/drv.sys").path))
        #expect(try sandbox.read { try $0.key(RegistryPath("HKLM\\Software\\CopyTest")!) } == nil)
        #expect(!FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent(".staging").path))
    }

    @Test func committedMovesAreFinishedOnNextOpen() throws {
        let (dir, sandbox, _) = try setUp("DefaultDestDir = 11")
        defer { try? FileManager.default.removeItem(at: dir) }
        // A crash after the commit, before the move: the staged file and its record are there.
        let staged = ".staging/crashed/C/Windows/INF/late.txt"
        try FileManager.default.createDirectory(at: sandbox.root.appendingPathComponent(staged).deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("late".utf8).write(to: sandbox.root.appendingPathComponent(staged))
        try sandbox.database.write { try $0.execute(sql: "INSERT INTO pending_file VALUES (?, ?)", arguments: [staged, "C/Windows/INF/late.txt"]) }
        // A crash before the commit: staging with no record.
        try Data("orphan".utf8).write(to: sandbox.root.appendingPathComponent(".staging/crashed/orphan"))
        let reopened = try Sandbox.open(at: sandbox.root.path)
        #expect(try String(contentsOf: reopened.systemDrive.appendingPathComponent("Windows/INF/late.txt"), encoding: .utf8) == "late")
        #expect(!FileManager.default.fileExists(atPath: reopened.root.appendingPathComponent(".staging").path))
    }
}
