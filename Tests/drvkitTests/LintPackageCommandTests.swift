import Foundation
import Testing
import TestSupport

/// `drvkit lint --package`: the package builder's file checks, reported as DK8xxx findings.
struct LintPackageCommandTests {
    /// Lints the echo source made by `make` with `arguments` (text, no colour; `CONFIG` stands for the
    /// `.drvkit.yml` beside the INF); returns the exit code and the output with the folder's path cut.
    func lintPackage(_ make: (URL) throws -> URL, arguments: [String] = ["--package"]) throws -> (Int32, String) {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inf = try make(dir)
        let config = inf.deletingLastPathComponent().appendingPathComponent(".drvkit.yml").path
        let result = try CommandRunner.run(["lint", inf.path] + arguments.map { $0 == "CONFIG" ? config : $0 }, environment: ["NO_COLOR": "1"])
        return (result.exitCode, result.stdout.replacingOccurrences(of: inf.deletingLastPathComponent().path + "/", with: ""))
    }

    @Test func aCompleteSourceFolderLacksOnlyItsCatalog() throws {
        let (code, output) = try lintPackage { try EchoPackage.source($0) }
        #expect(code == 0)
        #expect(output.contains("echo.inf:11:15: warning: echo.cat is not in the package folder"), "\(output)")
        #expect(!output.contains("error:"), "\(output)")
    }

    @Test(arguments: [
        (UInt16(0x14C), UInt16(1), "echo.inf:37:1: error: echo.sys is built for x86, not amd64 or arm64 [DK8003]"),
        (UInt16(0x8664), UInt16(3), "echo.inf:37:1: error: echo.sys is a kernel driver but its PE subsystem is 3, not native (1) [DK8004]"),
    ])
    func binariesAreCheckedAsPackageBuildChecksThem(_ machine: UInt16, _ subsystem: UInt16, _ expected: String) throws {
        let (code, output) = try lintPackage { try EchoPackage.source($0, machine: machine, subsystem: subsystem) }
        #expect(code == 1)
        #expect(output.contains(expected), "\(output)")
    }

    @Test func aMissingOrDamagedFileIsReportedAtTheLineThatCopiesIt() throws {
        let (missingCode, missing) = try lintPackage { dir in
            let inf = try EchoPackage.source(dir)
            try FileManager.default.removeItem(at: inf.deletingLastPathComponent().appendingPathComponent("echo.sys"))
            return inf
        }
        #expect(missingCode == 1)
        #expect(missing.contains("echo.inf:37:1: error: echo.sys is missing (looked for echo.sys next to the INF) [DK8001]"), "\(missing)")
        let (_, damaged) = try lintPackage { dir in
            let inf = try EchoPackage.source(dir)
            try Data("version https://git-lfs.github.com/spec/v1\n".utf8).write(to: inf.deletingLastPathComponent().appendingPathComponent("echo.sys"))
            return inf
        }
        #expect(damaged.contains("echo.inf:37:1: error: echo.sys is not a valid PE image:"), "\(damaged)")
        #expect(damaged.contains("[DK8002]"), "\(damaged)")
    }

    /// A driver linked with a writable and executable section is reported (DK8008), as a warning.
    @Test func memoryIntegrityIncompatibleDriver() throws {
        let (code, output) = try lintPackage { dir in
            let inf = try EchoPackage.source(dir)
            let sys = inf.deletingLastPathComponent().appendingPathComponent("echo.sys")
            var bytes = [UInt8](try Data(contentsOf: sys))
            let text = try #require(bytes.indices.first { bytes[$0..<min($0 + 6, bytes.count)].elementsEqual(Array(".text\0".utf8)) })
            bytes[text + 39] |= 0x80   // IMAGE_SCN_MEM_WRITE on the executable .text
            try Data(bytes).write(to: sys)
            return inf
        }
        #expect(code == 0)
        #expect(output.contains("warning: echo.sys does not load while memory integrity (HVCI) is on: section .text is both writable and executable [DK8008]"), "\(output)")
    }

    @Test func theConfigurationFileCanAskForThePackageCheck() throws {
        let (code, output) = try lintPackage({ dir in
            let inf = try EchoPackage.source(dir, machine: 0x14C)
            let config = inf.deletingLastPathComponent().appendingPathComponent(".drvkit.yml")
            try "package: true\n".write(to: config, atomically: true, encoding: .utf8)
            return inf
        }, arguments: ["--config", "CONFIG"])
        #expect(code == 1)
        #expect(output.contains("[DK8003]"), "\(output)")
    }

    @Test func withoutPackageTheFolderIsNotRead() throws {
        let (code, output) = try lintPackage({ dir in
            let inf = try EchoPackage.source(dir, machine: 0x14C)
            try FileManager.default.removeItem(at: inf.deletingLastPathComponent().appendingPathComponent("echo.sys"))
            return inf
        }, arguments: [])
        #expect(code == 0)
        #expect(!output.contains("DK80"), "\(output)")
    }

    /// echo with a folder per architecture: `x64\echo.sys` and `arm64\echo.sys`, both amd64 images.
    func perArchitectureSource(_ dir: URL, withArm64: Bool) throws -> URL {
        let inf = try EchoPackage.source(dir) {
            $0.replacingOccurrences(of: "[SourceDisksFiles]\necho.sys = 1\n",
                                    with: "[SourceDisksFiles.amd64]\necho.sys = 1,x64\n\n[SourceDisksFiles.arm64]\necho.sys = 1,arm64\n")
        }
        let folder = inf.deletingLastPathComponent()
        for arch in withArm64 ? ["x64", "arm64"] : ["x64"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(arch), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: folder.appendingPathComponent("echo.sys"), to: folder.appendingPathComponent(arch + "/echo.sys"))
        }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("echo.sys"))
        return inf
    }

    @Test func eachArchitecturesFolderIsCheckedForItsOwnMachine() throws {
        let (code, output) = try lintPackage({ try perArchitectureSource($0, withArm64: true) }, arguments: ["--package", "--select", "DK8"])
        #expect(code == 1)
        #expect(output.contains("echo.inf:40:1: error: echo.sys is built for amd64, not arm64 [DK8003]"), "\(output)")
        #expect(!output.contains("not amd64"), "\(output)")
    }

    @Test func anArchitectureWithNoFilesIsNotPartOfThePackage() throws {
        let (_, output) = try lintPackage({ try perArchitectureSource($0, withArm64: false) }, arguments: ["--package", "--select", "DK8"])
        #expect(!output.contains("error:"), "\(output)")
    }

    @Test func aBuiltPackageIsClean() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try EchoPackage.source(dir)
        let out = dir.appendingPathComponent("pkg").path
        let build = try CommandRunner.run(["package", "build", source.path, "--arch", "amd64", "-o", out])
        #expect(build.exitCode == 0, "\(build.stderr)")
        let lint = try CommandRunner.run(["lint", "--package", out, "--format", "json"])
        #expect(lint.exitCode == 0, "\(lint.stdout)")
        #expect(!lint.stdout.contains("DK80"), "\(lint.stdout)")
    }

    @Test func rulesJSONSaysWhichRulesReadThePackageFolder() throws {
        let rules = try CommandRunner.run(["rules", "--json"]).stdout
        let list = try #require(try JSONSerialization.jsonObject(with: Data(rules.utf8)) as? [[String: Any]])
        let reading = list.filter { $0["readsPackageFolder"] as? Bool == true }.compactMap { $0["code"] as? String }
        #expect(reading == ["DK8001", "DK8002", "DK8003", "DK8004", "DK8005", "DK8006", "DK8008"])
        #expect(list.allSatisfy { $0["readsPackageFolder"] is Bool })
    }
}
