import Foundation
import Testing
import TestSupport

struct RegCommandTests {
    /// A temporary folder (removed by the caller) holding a fresh sandbox, `sb`.
    static func freshSandbox() throws -> (URL, String) {
        let dir = try CommandRunner.temporaryDirectory()
        let sb = dir.appendingPathComponent("sb").path
        let created = try CommandRunner.run(["sandbox", "init", sb])
        #expect(created.exitCode == 0, "\(created.stderr)")
        return (dir, sb)
    }

    @Test func initQueryExportImportThroughTheExecutable() throws {
        let (dir, sb) = try Self.freshSandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let query = try CommandRunner.run(["reg", "query", "HKLM\\SYSTEM\\Select", "--sandbox", sb])
        #expect(query.stdout == "\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\Select\r\n    Current    REG_DWORD    0x1\r\n    Default    REG_DWORD    0x1\r\n    Failed    REG_DWORD    0x0\r\n    LastKnownGood    REG_DWORD    0x1\r\n\r\n")
        let reg = dir.appendingPathComponent("a.reg")
        try RegFileText.sample.write(to: reg)
        #expect(try CommandRunner.run(["reg", "import", reg.path], environment: ["DRVKIT_SANDBOX": sb]).exitCode == 0)
        let out = dir.appendingPathComponent("out.reg").path
        #expect(try CommandRunner.run(["reg", "export", "HKLM\\SOFTWARE\\Contoso", out, "--sandbox", sb]).exitCode == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == RegFileText.sample)
        let json = try CommandRunner.run(["reg", "export", "HKLM\\SOFTWARE\\Contoso", "--json", "--sandbox", sb])
        #expect(json.stdout == "{\"keys\":[{\"path\":\"\",\"values\":[{\"name\":\"\",\"type\":\"REG_SZ\",\"data\":\"x\"}]},{\"path\":\"Sub\",\"values\":[]},{\"path\":\"Sub\\\\Key\",\"values\":[{\"name\":\"Multi\",\"type\":\"REG_MULTI_SZ\",\"data\":[\"a\",\"b\"]},{\"name\":\"N\",\"type\":\"REG_DWORD\",\"data\":34}]}]}\n")
        let recursive = try CommandRunner.run(["reg", "query", "HKLM\\SOFTWARE\\Contoso", "/s", "--sandbox", sb])
        #expect(recursive.stdout == "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\r\n    (Default)    REG_SZ    x\r\n\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Sub\r\n\r\n"
                + "HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Sub\\Key\r\n    Multi    REG_MULTI_SZ    a\\0b\r\n    N    REG_DWORD    0x22\r\n\r\n", "\(recursive.stdout)")
        let missing = try CommandRunner.run(["reg", "query", "HKLM\\SOFTWARE\\Nope", "--sandbox", sb])
        #expect(missing.exitCode == 1 && missing.stderr.hasPrefix("ERROR: The system was unable to find"))
        #expect(try CommandRunner.run(["reg", "query", "HKLM\\X", "--sandbox", dir.appendingPathComponent("none").path]).exitCode == 3)
        #expect(try CommandRunner.run(["reg", "query", "HKLM\\X", "/q", "--sandbox", sb]).exitCode == 2)
    }

    /// reg.exe names keys as they were typed: `CurrentControlSet` and `HKCR` stay, and so does the case.
    @Test func keysAreNamedAsTyped() throws {
        let (dir, sb) = try Self.freshSandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reg = dir.appendingPathComponent("a.reg")
        try "REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\Contoso\\Parameters]\r\n\"N\"=dword:00000001\r\n\r\n[HKEY_CLASSES_ROOT\\.contoso]\r\n@=\"x\"\r\n"
            .write(to: reg, atomically: true, encoding: .utf8)
        #expect(try CommandRunner.run(["reg", "import", reg.path, "--sandbox", sb]).exitCode == 0)
        let query = try CommandRunner.run(["reg", "query", "hklm\\system\\CurrentControlSet\\services\\contoso", "--sandbox", sb])
        // A key without values is not named itself: only its subkeys are listed.
        #expect(query.stdout == "\r\nHKEY_LOCAL_MACHINE\\system\\CurrentControlSet\\services\\contoso\\Parameters\r\n", "\(query.stdout)")
        let recursive = try CommandRunner.run(["reg", "query", "hklm\\system\\CurrentControlSet\\services\\contoso", "/s", "--sandbox", sb])
        #expect(recursive.stdout == "\r\nHKEY_LOCAL_MACHINE\\system\\CurrentControlSet\\services\\contoso\\Parameters\r\n    N    REG_DWORD    0x1\r\n\r\n", "\(recursive.stdout)")
        let classes = try CommandRunner.run(["reg", "query", "HKCR\\.contoso", "--sandbox", sb])
        #expect(classes.stdout == "\r\nHKEY_CLASSES_ROOT\\.contoso\r\n    (Default)    REG_SZ    x\r\n\r\n", "\(classes.stdout)")
        let out = dir.appendingPathComponent("out.reg")
        #expect(try CommandRunner.run(["reg", "export", "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Contoso", out.path, "--sandbox", sb]).exitCode == 0)
        let exported = try #require(String(data: try Data(contentsOf: out), encoding: .utf16LittleEndian))
        #expect(exported.contains("[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Contoso\\Parameters]\r\n\"N\"=dword:00000001\r\n"), "\(exported)")
        // The export reads back into the same keys.
        #expect(try CommandRunner.run(["reg", "import", out.path, "--sandbox", sb]).exitCode == 0)
    }

    /// reg add and reg delete as reg.exe does them (Wine's reg add and delete tests).
    @Test func addAndDelete() throws {
        let (dir, sb) = try Self.freshSandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = "HKCU\\Software\\Wine\\reg_test"
        func reg(_ args: [String], input: String? = nil) throws -> CommandResult {
            try CommandRunner.run(["reg"] + args + ["--sandbox", sb], input: input)
        }
        func query(_ args: [String] = []) throws -> String { try reg(["query", key] + args).stdout }

        // Without /v the default value is set, to "" when no data is given.
        let added = try reg(["add", key, "/f"])
        #expect(added.exitCode == 0 && added.stdout == "The operation completed successfully.\n", "\(added.stderr)")
        #expect(try query() == "\r\nHKEY_CURRENT_USER\\Software\\Wine\\reg_test\r\n    (Default)    REG_SZ    \r\n\r\n")
        #expect(try reg(["add", key, "/v", "N", "/t", "REG_DWORD", "/d", "0x22", "-f"]).exitCode == 0)
        #expect(try reg(["add", key, "/v", "M", "/t", "REG_MULTI_SZ", "/d", "a\\0b", "/f"]).exitCode == 0)
        #expect(try query(["/v", "M"]).contains("    M    REG_MULTI_SZ    a\\0b\r\n"))

        // An existing value is replaced only when the question is answered yes (or with /f).
        let declined = try reg(["add", key, "/v", "N", "/t", "REG_DWORD", "/d", "1"], input: "n\n")
        #expect(declined.exitCode == 0 && declined.stdout == "Value N exists, overwrite(Yes/No)? The operation was cancelled.\n", "\(declined.stdout)")
        #expect(try reg(["add", key, "/v", "N", "/t", "REG_DWORD", "/d", "1"]).stdout.hasSuffix("cancelled.\n"))   // no answer is no
        #expect(try query(["/v", "N"]).contains("0x22"))
        #expect(try reg(["add", key, "/v", "N", "/t", "REG_DWORD", "/d", "1"], input: "Yes\n").exitCode == 0)
        #expect(try query(["/v", "N"]).contains("    N    REG_DWORD    0x1\r\n"))

        let bad = try reg(["add", key, "/v", "D", "/t", "REG_DWORD", "/d", "deadbeef", "/f"])
        #expect(bad.exitCode == 1 && bad.stderr.hasPrefix("ERROR: Invalid syntax. Specify a valid numeric value"))
        for syntax in [["/v"], ["/v", "a", "/ve"], ["/f", "/f"], ["/v", "a", "/s", "##"], ["/x"]] {
            #expect(try reg(["add", key] + syntax).exitCode == 2, "\(syntax)")
        }
        #expect(try reg(["add", "HKCU\\", "/v", "x", "/f"]).exitCode == 1)

        // Deleting: one value, every value, the key; what is missing is an error.
        #expect(try reg(["delete", key, "/v", "M", "/f"]).exitCode == 0)
        let missing = try reg(["delete", key, "/v", "M", "/f"])
        #expect(missing.exitCode == 1 && missing.stderr.hasPrefix("ERROR: The system was unable to find"))
        #expect(try reg(["add", key + "\\Sub", "/v", "x", "/f"]).exitCode == 0)
        #expect(try reg(["delete", key, "/va", "/f"]).exitCode == 0)
        #expect(try query() == "\r\nHKEY_CURRENT_USER\\Software\\Wine\\reg_test\\Sub\r\n")   // subkeys stay
        let kept = try reg(["delete", key], input: "no\n")
        #expect(kept.stdout == "Permanently delete the registry key HKEY_CURRENT_USER\\Software\\Wine\\reg_test (Yes/No)? The operation was cancelled.\n")
        #expect(try reg(["delete", key], input: "y\n").exitCode == 0)
        #expect(try reg(["query", key]).exitCode == 1)
        #expect(try reg(["delete", "HKCU", "/f"]).exitCode == 1)
        #expect(try reg(["delete", key, "/v", "a", "/va"]).exitCode == 2)
    }

    /// reg import passes over the lines it cannot read and says which; a file that is not a
    /// registry script fails.
    @Test func importListsThePassedOverLines() throws {
        let (dir, sb) = try Self.freshSandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reg = dir.appendingPathComponent("a.reg")
        try "REGEDIT4\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]\n\"A\"=dword:1 ; one\n\"B\"=DWORD:2\n# a note\n\"C\"=\"c\"\n".write(to: reg, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["reg", "import", reg.path, "--sandbox", sb])
        #expect(run.exitCode == 0 && run.stdout == "The operation completed successfully.\n")
        #expect(run.stderr == "\(reg.path):4: warning: reg import passes over this line: the data is not \"text\", dword:, hex: or hex(N): (these prefixes are case-sensitive)\n", "\(run.stderr)")
        let query = try CommandRunner.run(["reg", "query", "HKLM\\SOFTWARE\\Contoso", "--sandbox", sb])
        #expect(query.stdout.contains("    A    REG_DWORD    0x1\r\n    C    REG_SZ    c\r\n"), "\(query.stdout)")
        try "\u{FEFF}Windows Registry Editor Version 5.00\n".write(to: reg, atomically: true, encoding: .utf8)
        let bom = try CommandRunner.run(["reg", "import", reg.path, "--sandbox", sb])
        #expect(bom.exitCode == 1 && bom.stderr.contains(":1: error: not a registry script") && bom.stderr.contains("UTF-8 BOM"), "\(bom.stderr)")
    }

    /// `/v NAME` and `/ve` as reg.exe answers them (Wine's reg query_value): the value's name as typed.
    @Test func oneValueWithVAndVE() throws {
        let (dir, sb) = try Self.freshSandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reg = dir.appendingPathComponent("a.reg")
        try RegFileText.sample.write(to: reg)
        #expect(try CommandRunner.run(["reg", "import", reg.path, "--sandbox", sb]).exitCode == 0)
        let key = "HKLM\\SOFTWARE\\Contoso"
        let n = try CommandRunner.run(["reg", "query", key + "\\Sub\\Key", "/v", "n", "--sandbox", sb])
        #expect(n.exitCode == 0 && n.stdout == "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Sub\\Key\r\n    n    REG_DWORD    0x22\r\n\r\n", "\(n.stdout)")
        let defaultValue = try CommandRunner.run(["reg", "query", key, "/ve", "--sandbox", sb])
        #expect(defaultValue.stdout == "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\r\n    (Default)    REG_SZ    x\r\n\r\n", "\(defaultValue.stdout)")
        let unset = try CommandRunner.run(["reg", "query", key + "\\Sub", "/ve", "--sandbox", sb])
        #expect(unset.exitCode == 0 && unset.stdout == "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Sub\r\n    (Default)    REG_SZ    (value not set)\r\n", "\(unset.stdout)")
        let missing = try CommandRunner.run(["reg", "query", key, "/v", "Nope", "--sandbox", sb])
        #expect(missing.exitCode == 1 && missing.stderr.hasPrefix("ERROR: The system was unable to find"))
        let search = try CommandRunner.run(["reg", "query", key, "/v", "Multi", "/s", "--sandbox", sb])
        #expect(search.stdout == "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Sub\\Key\r\n    Multi    REG_MULTI_SZ    a\\0b\r\n\r\nEnd of search: 1 match(es) found.\r\n", "\(search.stdout)")
        for bad in [["/v"], ["/v", "N", "/ve"], ["/s", "/S"], ["/reg:32", "/reg:64"]] {
            #expect(try CommandRunner.run(["reg", "query", key] + bad + ["--sandbox", sb]).exitCode == 2, "\(bad)")
        }
    }

    /// The 32-bit view's keys are named as typed, without WOW6432Node (Wine's reg tests, test9a).
    @Test func regQueryReadsThe32BitViewWithReg32() throws {
        let (dir, sb) = try Self.freshSandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inf = dir.appendingPathComponent("v.inf")
        try "[Version]\r\nSignature=\"$Windows NT$\"\r\n[DefaultInstall]\r\nAddReg=R\r\n[R]\r\nHKLM,Software\\Contoso,View,0x4000,\"32\"\r\n"
            .write(to: inf, atomically: true, encoding: .utf8)
        #expect(try CommandRunner.run(["install-section", inf.path, "DefaultInstall", "--sandbox", sb]).exitCode == 0)
        let view32 = try CommandRunner.run(["reg", "query", "HKLM\\Software\\Contoso", "/reg:32", "--sandbox", sb])
        #expect(view32.exitCode == 0 && view32.stdout.hasPrefix("\r\nHKEY_LOCAL_MACHINE\\Software\\Contoso\r\n") && view32.stdout.contains("View    REG_SZ    32"), "\(view32.stdout)")
        #expect(try CommandRunner.run(["reg", "query", "HKLM\\Software\\Contoso", "/reg:64", "--sandbox", sb]).exitCode == 1)
        #expect(try CommandRunner.run(["reg", "query", "HKLM\\Software\\Contoso", "/reg:16", "--sandbox", sb]).exitCode != 0)
    }
}

enum RegFileText {
    static let sample: Data = {
        let text = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]\r\n@=\"x\"\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Sub]\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Sub\\Key]\r\n\"Multi\"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n\"N\"=dword:00000022\r\n\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in text.utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        return Data(bytes)
    }()
}

struct InstallSectionCommandTests {
    @Test func installsWithHKRAndReportsFailuresWithTheLine() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sb = dir.appendingPathComponent("sb").path
        _ = try CommandRunner.run(["sandbox", "init", sb])
        let inf = dir.appendingPathComponent("frag.inf")
        try "[Version]\r\nSignature=\"$Windows NT$\"\r\n[Frag]\r\nAddReg=R\r\n[R]\r\nHKR,,DeviceType,0x10001,0x22\r\nHKR,Sub,Name,,\"v\"\r\n".write(to: inf, atomically: true, encoding: .utf8)
        let ok = try CommandRunner.run(["install-section", inf.path, "Frag", "--hkr", "HKLM\\SYSTEM\\CurrentControlSet\\Enum\\ROOT\\SAMPLE\\0000\\Device Parameters", "--sandbox", sb])
        #expect(ok.exitCode == 0, "\(ok.stderr)")
        let json = try CommandRunner.run(["reg", "export", "HKLM\\SYSTEM\\CurrentControlSet\\Enum\\ROOT\\SAMPLE", "--json", "--sandbox", sb])
        #expect(json.stdout.contains("{\"path\":\"0000\\\\Device Parameters\",\"values\":[{\"name\":\"DeviceType\",\"type\":\"REG_DWORD\",\"data\":34}]}"))
        #expect(json.stdout.contains("{\"path\":\"0000\\\\Device Parameters\\\\Sub\",\"values\":[{\"name\":\"Name\",\"type\":\"REG_SZ\",\"data\":\"v\"}]}"))
        let log = try String(contentsOfFile: sb + "/C/Windows/INF/setupapi.dev.log", encoding: .utf8)
        #expect(log.contains(">>>  [Install Section - Frag of frag.inf]") && log.contains("<<<  [Exit status: SUCCESS]"))
        let bad = dir.appendingPathComponent("bad.inf")
        try "[Version]\r\nSignature=\"$Windows NT$\"\r\n[S]\r\n[S.Services]\r\nAddService=x,,Missing\r\n".write(to: bad, atomically: true, encoding: .utf8)
        let failed = try CommandRunner.run(["install-section", bad.path, "S", "--sandbox", sb])
        #expect(failed.exitCode == 1 && failed.stderr.contains("bad.inf:5:15: error: AddService 'x' names no service-install section"), "\(failed.stderr)")
    }
}

struct RegDiffCommandTests {
    @Test func diffImportedIntoBeforeGivesAfter() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = dir.appendingPathComponent("before"), after = dir.appendingPathComponent("after")
        _ = try CommandRunner.run(["sandbox", "init", before.path])
        try FileManager.default.copyItem(at: before, to: after)
        let inf = dir.appendingPathComponent("d.inf")
        try "[Version]\r\nSignature=\"$Windows NT$\"\r\n[DefaultInstall]\r\nAddReg=R\r\nDelReg=D\r\n[R]\r\nHKLM,Software\\Diff,New,,\"n\"\r\nHKLM,SYSTEM\\Select,Current,0x10001,2\r\n[D]\r\nHKLM,SYSTEM\\Select,Failed\r\nHKLM,SYSTEM\\CurrentControlSet\\Control\\Class\\{4d36e97d-e325-11ce-bfc1-08002be10318}\r\n"
            .write(to: inf, atomically: true, encoding: .utf8)
        #expect(try CommandRunner.run(["install-section", inf.path, "DefaultInstall", "--sandbox", after.path]).exitCode == 0)
        let diff = try CommandRunner.run(["reg", "diff", "HKLM", before.path, after.path])
        #expect(diff.stdout.contains("[-HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\Class\\{4d36e97d-e325-11ce-bfc1-08002be10318}]\r\n"))
        #expect(diff.stdout.contains("[HKEY_LOCAL_MACHINE\\SYSTEM\\Select]\r\n\"Current\"=dword:00000002\r\n\"Failed\"=-\r\n"))
        let file = dir.appendingPathComponent("diff.reg")
        try diff.stdout.write(to: file, atomically: true, encoding: .utf8)
        #expect(try CommandRunner.run(["reg", "import", file.path, "--sandbox", before.path]).exitCode == 0)
        let a = try CommandRunner.run(["reg", "export", "HKLM", "--sandbox", before.path]).stdoutBytes
        let b = try CommandRunner.run(["reg", "export", "HKLM", "--sandbox", after.path]).stdoutBytes
        #expect(a == b)
        #expect(try CommandRunner.run(["reg", "diff", "HKLM", before.path, after.path]).stdout == "Windows Registry Editor Version 5.00\r\n\r\n")
    }

    @Test func aSavedExportStandsForBefore() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sb = dir.appendingPathComponent("sb").path
        _ = try CommandRunner.run(["sandbox", "init", sb])
        let saved = dir.appendingPathComponent("before.reg").path
        #expect(try CommandRunner.run(["reg", "export", "HKLM\\SYSTEM", saved, "--sandbox", sb]).exitCode == 0)
        #expect(try CommandRunner.run(["reg", "diff", "HKLM\\SYSTEM", saved, sb]).stdout == "Windows Registry Editor Version 5.00\r\n\r\n")
        let inf = dir.appendingPathComponent("d.inf")
        try "[Version]\r\nSignature=\"$Windows NT$\"\r\n[DefaultInstall]\r\nAddReg=R\r\n[R]\r\nHKLM,SYSTEM\\Select,Current,0x10001,2\r\nHKLM,Software\\Outside,X,,\"x\"\r\n"
            .write(to: inf, atomically: true, encoding: .utf8)
        #expect(try CommandRunner.run(["install-section", inf.path, "DefaultInstall", "--sandbox", sb]).exitCode == 0)
        #expect(try CommandRunner.run(["reg", "diff", "HKLM\\SYSTEM", saved, sb]).stdout
                == "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\Select]\r\n\"Current\"=dword:00000002\r\n\r\n")
    }

}
