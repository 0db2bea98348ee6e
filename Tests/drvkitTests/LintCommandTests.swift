import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// `drvkit lint` and `drvkit rules` as users run them.
struct LintCommandTests {
    static let sample = TestPaths.fixtures.appendingPathComponent("lint/sample.inf").path
    static let sarifSchema = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/sarif/sarif-schema-2.1.0.json")

    func copyOfSample(_ dir: URL) throws -> URL {
        let file = dir.appendingPathComponent("sample.inf")
        try FileManager.default.copyItem(atPath: Self.sample, toPath: file.path)
        return file
    }

    @Test func textOutputIsCompilerStyleWithACaret() throws {
        let result = try CommandRunner.run(["lint", Self.sample, "--mode", "universal"], environment: ["NO_COLOR": "1"])
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("\(Self.sample):3:15: error: Signature $Chicago$ is a Windows 9x signature; driver packages must use \"$Windows NT$\" [DK2002]\n    Signature   = \"$Chicago$\"\n                  ^~~~~~~~~~~\n"))
        #expect(!result.stdout.contains("\u{1B}["))
        #expect(result.stdout.hasSuffix("1 file checked: 1 error, 1 warning, 0 info\n"))
    }

    @Test func anOutputThatCannotBeWrittenIsOneLineAndExit3() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("missing/out.json").path
        let result = try CommandRunner.run(["lint", Self.sample, "--format", "json", "--output", output])
        #expect(result.exitCode == 3)
        #expect(result.stderr == "\(output): error: cannot write: No such file or directory\n")
    }

    @Test func jsonOutputHasTheContractShape() throws {
        let result = try CommandRunner.run(["lint", Self.sample, "--format", "json"])
        #expect(result.exitCode == 0)   // basic mode: warnings only
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let files = try #require(object?["files"] as? [[String: Any]])
        let diagnostics = try #require(files.first?["diagnostics"] as? [[String: Any]])
        let first = try #require(diagnostics.first)
        #expect(Set(first.keys).isSuperset(of: ["code", "rule", "severity", "message", "line", "column", "endLine", "endColumn"]))
        #expect(first["code"] as? String == "DK2002" && first["infverif"] as? Int == 1001 && first["line"] as? Int == 3)
        #expect(result.stdout.hasPrefix("{\"files\":[{\"path\":\"\(Self.sample)\",\"diagnostics\":[{\"code\":\"DK2002\",\"rule\":\"signature-not-windows-nt\",\"severity\":\"warning\""))
        let summary = try #require(object?["summary"] as? [String: Int])
        #expect(summary == ["files": 1, "errors": 0, "warnings": 2, "infos": 0])
    }

    @Test func sarifValidatesAgainstTheOfficialSchema() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("out.sarif")
        let result = try CommandRunner.run(["lint", Self.sample, TestPaths.fixtures.appendingPathComponent("inf").path,
                                            "--mode", "windows-driver", "--format", "sarif", "--output", output.path])
        #expect(result.exitCode == 1 && result.stdout.isEmpty)
        let validate = Process()
        validate.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        validate.arguments = ["python3", TestPaths.packageRoot.appendingPathComponent("Tests/Scripts/validate-sarif.py").path,
                              Self.sarifSchema.path, output.path]
        let pipe = Pipe()
        validate.standardOutput = pipe
        try validate.run()
        let messages = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        validate.waitUntilExit()
        #expect(validate.terminationStatus == 0, "SARIF does not validate: \(messages)")
        let sarif = try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any]
        let run = try #require((sarif?["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(Set(results.compactMap { $0["ruleId"] as? String }) == Set(rules.compactMap { $0["id"] as? String }))
        #expect(results.contains { $0["fixes"] != nil })
    }

    @Test func junitHasASuitePerFileAndACasePerRule() throws {
        let result = try CommandRunner.run(["lint", Self.sample, "--format", "junit", "--select", "DK2,DK3"])
        let document = try XMLDocument(data: Data(result.stdout.utf8))
        let suites = try document.nodes(forXPath: "/testsuites/testsuite")
        #expect(suites.count == 1)
        let cases = try document.nodes(forXPath: "/testsuites/testsuite/testcase")
        let rules = try CommandRunner.run(["rules", "--json"]).stdout
        // The DK2 and DK3 rules of basic mode, but for those that need an option not given (--provider).
        let selected = (try JSONSerialization.jsonObject(with: Data(rules.utf8)) as? [[String: Any]] ?? []).filter {
            let code = $0["code"] as? String ?? ""
            return (code.hasPrefix("DK2") || code.hasPrefix("DK3")) && $0["mode"] as? String == "basic" && $0["requiredOption"] is NSNull
        }
        #expect(cases.count == selected.count)
        let failures = try document.nodes(forXPath: "//testcase[failure]")
        #expect(failures.count == 1)
        #expect((failures.first as? XMLElement)?.attribute(forName: "name")?.stringValue == "DK2002 signature-not-windows-nt")
    }

    @Test func fixRewritesOnlyWhatTheRulesFixAndIsIdempotent() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try copyOfSample(dir)
        let before = try String(contentsOf: file, encoding: .utf8)
        let result = try CommandRunner.run(["lint", file.path, "--fix", "--format", "json"])
        #expect(result.stderr.contains("fixed 2 findings in 1 file"))
        let after = try String(contentsOf: file, encoding: .utf8)
        #expect(after == before.replacingOccurrences(of: "\"$Chicago$\"", with: "\"$Windows NT$\"")
            .replacingOccurrences(of: "[Dev_Install.NT]\nCopyFiles = Dev.Files\n", with: "[Dev_Install.NT]\nCopyFiles = Dev.Files\n\n[Dev_Install.NT.HW]\nAddReg = Dev_Install.NT.HW.AddReg\n\n[Dev_Install.NT.HW.AddReg]\nHKR,,DeviceType,0x10001,0x22\n"))
        #expect(result.stdout.contains("\"summary\":{\"files\":1,\"errors\":0,\"warnings\":0,\"infos\":0}"))
        let again = try CommandRunner.run(["lint", file.path, "--fix"])
        #expect(again.exitCode == 0 && !again.stderr.contains("fixed"))
        #expect(try String(contentsOf: file, encoding: .utf8) == after)
    }

    /// `--wbuild` (InfVerif /wbuild) moves where isolation starts; `wbuild:` in `.drvkit.yml` too.
    @Test func wbuildChoosesTheFirstWindowsVersionIsolationIsCheckedFor() throws {
        let inf = TestPaths.fixtures.appendingPathComponent("lint/downlevel-isolation.inf").path
        let current = try CommandRunner.run(["lint", inf, "--mode", "windows-driver"])
        #expect(current.exitCode == 0 && current.stdout.hasSuffix("1 file checked: 0 errors, 0 warnings, 0 info\n"))
        let windows7 = try CommandRunner.run(["lint", inf, "--mode", "windows-driver", "--wbuild", "6.1.7600"])
        #expect(windows7.exitCode == 1 && windows7.stdout.hasSuffix("1 file checked: 3 errors, 0 warnings, 0 info\n"))
        #expect(try CommandRunner.run(["lint", inf, "--wbuild", "NTamd64.10.0"]).exitCode == 2)
        // --osver (InfVerif /osver): the Windows 7 install alone.
        let osver = try CommandRunner.run(["lint", inf, "--mode", "universal", "--osver", "NTamd64.6.1"])
        #expect(osver.exitCode == 1 && osver.stdout.contains(":41:1: error: AddReg writes HKLM"))
        #expect(try CommandRunner.run(["lint", inf, "--osver", "NTamd64"]).exitCode == 2)
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "wbuild: 6.1.7600\n".write(to: dir.appendingPathComponent(".drvkit.yml"), atomically: true, encoding: .utf8)
        #expect(try CommandRunner.run(["lint", inf, "--mode", "windows-driver"], in: dir).exitCode == 1)
        try "wbuild: seven\n".write(to: dir.appendingPathComponent(".drvkit.yml"), atomically: true, encoding: .utf8)
        let broken = try CommandRunner.run(["lint", inf], in: dir)
        #expect(broken.exitCode == 3 && broken.stderr.contains(".drvkit.yml: error: wbuild 'seven'"))
    }

    @Test func configFileAndCommandLineSelection() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try copyOfSample(dir)
        try "severity:\n  DK6001: error\n".write(to: dir.appendingPathComponent(".drvkit.yml"), atomically: true, encoding: .utf8)
        let configured = try CommandRunner.run(["lint", "sample.inf", "--format", "json"], in: dir)
        #expect(configured.exitCode == 1)
        #expect(configured.stdout.contains("\"code\":\"DK6001\",\"rule\":\"device-type-not-set\",\"severity\":\"error\""))
        let ignored = try CommandRunner.run(["lint", file.path, "--ignore", "DK6001,DK2002"], in: dir)
        #expect(ignored.exitCode == 0 && ignored.stdout.hasSuffix("0 errors, 0 warnings, 0 info\n"))
        let failOn = try CommandRunner.run(["lint", file.path, "--select", "DK2002", "--fail-on", "warning"], in: dir)
        #expect(failOn.exitCode == 1)
        // --provider (InfVerif /provider): the substituted Provider must be the one given, ignoring case.
        let provider = try CommandRunner.run(["lint", file.path, "--select", "DK2018", "--provider", "Fabrikam", "--format", "json"], in: dir)
        #expect(provider.exitCode == 1 && provider.stdout.contains("\"code\":\"DK2018\",\"rule\":\"provider-not-expected\",\"severity\":\"error\""))
        #expect(provider.stdout.contains("\"infverif\":1210"))
        #expect(try CommandRunner.run(["lint", file.path, "--select", "DK2018", "--provider", "contoso"], in: dir).exitCode == 0)
        #expect(try CommandRunner.run(["lint", file.path, "--provider", " "], in: dir).exitCode == 2)
        try "provider: Fabrikam\n".write(to: dir.appendingPathComponent(".drvkit.yml"), atomically: true, encoding: .utf8)
        #expect(try CommandRunner.run(["lint", "sample.inf", "--select", "DK2018"], in: dir).stdout.contains("[DK2018]"))
        // Without a provider the rule does not run (and JUnit does not list it).
        let junit = try CommandRunner.run(["lint", file.path, "--format", "junit", "--config", "/dev/null"], in: dir)
        #expect(!junit.stdout.contains("DK2018"))
        try "mode: nonsense\n".write(to: dir.appendingPathComponent(".drvkit.yml"), atomically: true, encoding: .utf8)
        let broken = try CommandRunner.run(["lint", "sample.inf"], in: dir)
        #expect(broken.exitCode == 3 && broken.stderr.contains(".drvkit.yml: error:"))
    }

    @Test func foldersAreSearchedAndBadInputsExit3() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "[Version]\nSignature=\"$Windows NT$\"\n".write(to: dir.appendingPathComponent("sub/UPPER.INF"), atomically: true, encoding: .utf8)
        try "[Version]\nSignature=\"$Windows NT$\"\n".write(to: dir.appendingPathComponent("b.inx"), atomically: true, encoding: .utf8)
        try "not an inf".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let folder = try CommandRunner.run(["lint", dir.path, "--format", "json"])
        #expect(folder.exitCode == 0)
        #expect(folder.stdout.contains("\"files\":2,"))
        try Data([0x4D, 0x5A, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF] + [UInt8](repeating: 0, count: 60)).write(to: dir.appendingPathComponent("bin.inf"))
        let bad = try CommandRunner.run(["lint", dir.path, dir.appendingPathComponent("missing.inf").path])
        #expect(bad.exitCode == 3)
        #expect(bad.stderr.contains("bin.inf: error: binary data, not an INF file\n"))
        #expect(bad.stderr.contains("missing.inf: error: no such file\n"))
        #expect(try CommandRunner.run(["lint", Self.sample, "--select", "XY1"]).exitCode == 2)
    }

    /// A finding InfVerif numbers apart from the rest of its rule's carries its own code: DK3001 for a
    /// missing section named by Needs is InfVerif 1315, by AddService 2006, by AddReg 1203.
    @Test func findingsCarryTheirOwnInfVerifCode() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inf = dir.appendingPathComponent("m.inf")
        try "[Version]\nSignature = \"$Windows NT$\"\n[DefaultInstall.NTamd64]\nNeeds = Gone\nAddReg = Absent\n[DefaultInstall.NTamd64.Services]\nAddService = svc, 0, Missing.Install\n"
            .write(to: inf, atomically: true, encoding: .utf8)
        let json = try CommandRunner.run(["lint", inf.path, "--select", "DK3001", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let diagnostics = try #require((object?["files"] as? [[String: Any]])?.first?["diagnostics"] as? [[String: Any]])
        let codes = Dictionary(diagnostics.map { (($0["line"] as? Int) ?? 0, ($0["infverif"] as? Int) ?? 0) }, uniquingKeysWith: { a, _ in a })
        #expect(codes == [4: 1315, 5: 1203, 7: 2006], "\(json.stdout)")
        let sarif = try CommandRunner.run(["lint", inf.path, "--select", "DK3001", "--format", "sarif"])
        let log = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any]
        let results = ((log?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.compactMap { ($0["properties"] as? [String: Any])?["infverif"] as? Int }.sorted() == [1315, 2006], "\(sarif.stdout)")
        #expect(try CommandRunner.run(["rules", "1315"]).stdout.hasPrefix("# DK3001 section-not-found\n"))
        #expect(try CommandRunner.run(["rules", "DK3001", "--json"]).stdout.contains("\"alsoInfverif\":[1315,2006]"))
    }

    @Test func rulesCommandListsAndDocuments() throws {
        let list = try CommandRunner.run(["rules"])
        #expect(list.exitCode == 0 && list.stdout.contains("DK6001  device-type-not-set"))
        let one = try CommandRunner.run(["rules", "device-type-not-set"])
        for heading in ["# DK6001 device-type-not-set", "## What it does", "## Why is this bad?", "## Example", "Use instead:", "## Fix", "## References"] {
            #expect(one.stdout.contains(heading), "\(heading)")
        }
        let json = try CommandRunner.run(["rules", "DK6001", "--json"])
        #expect(json.stdout.hasPrefix("{\"code\":\"DK6001\",\"name\":\"device-type-not-set\""))
        #expect(try CommandRunner.run(["rules", "DK9999"]).exitCode == 2)
        // An InfVerif number (as `infverif /code`): the rule that checks it, or the list of those that do.
        #expect(try CommandRunner.run(["rules", "1304"]).stdout.hasPrefix("# DK7003 registry-outside-hkr\n"))
        let shared = try CommandRunner.run(["rules", "1234"]).stdout
        #expect(shared.components(separatedBy: "InfVerif 1234").count == 4 && shared.hasPrefix("DK2003  "))
        #expect(try CommandRunner.run(["rules", "1304", "--json"]).stdout.hasPrefix("[{\"code\":\"DK7003\""))
        #expect(try CommandRunner.run(["rules", "9999"]).exitCode == 2)
    }
}
