import Foundation
import Testing
import TestSupport

/// `drvkit policy check` and `policy profiles` through the executable (CLI.md's Policy section).
struct PolicyCommandTests {
    func check(_ args: String...) throws -> CommandResult { try CommandRunner.run(["policy", "check"] + args) }

    @Test func whatIfJSONHasCLIMdsShape() throws {
        let r = try check("--signer", "unsigned", "--machine", "win10-22h2-x64", "--json")
        #expect(r.exitCode == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["install"] as? String == "blocked" && object["load"] as? String == "blocked")
        #expect(object["signer"] as? String == "unsigned" && object["problemCode"] as? Int == 52)
        #expect((object["reasons"] as? [String])?.last?.hasPrefix("L4: ") == true)
        let ok = try check("--signer", "whql", "--machine", "server2022-x64", "--json")
        #expect(ok.exitCode == 0 && !ok.stdout.contains("problemCode"))
        let f7 = try check("--signer", "unsigned", "--machine", "win10-22h2-x64", "--disable-enforcement-once", "--json")
        #expect(f7.exitCode == 0 && f7.stdout.contains("\"thisBootOnly\":true"))
    }

    @Test func switchesAndTheirValidation() throws {
        #expect(try check("--signer", "cross-signed", "--cert-issued", "2014-01-10", "--machine", "win10-1607-x64").exitCode == 0)
        #expect(try check("--signer", "cross-signed", "--cert-issued", "2019-01-10", "--machine", "win10-1607-x64").exitCode == 1)
        #expect(try check("--signer", "cross-signed", "--cert-issued", "2019-01-10", "--machine", "win10-1607-x64", "--upgraded-from-earlier-release").exitCode == 0)
        let test = try check("--signer", "test", "--machine", "win10-22h2-x64", "--secure-boot", "off", "--test-signing", "on")
        #expect(test.exitCode == 0 && test.stdout.contains("load:    allowed (Test Mode)"))
        #expect(try check("--signer", "test", "--machine", "win11-24h2-x86").exitCode == 2)
        #expect(try check("--machine", "win10-22h2-x64").exitCode == 2)
        #expect(try check("--signer", "whql", "--machine", "win10-22h2-x64", "--cert-issued", "yesterday").exitCode == 2)
        let profiles = try CommandRunner.run(["policy", "profiles"])
        #expect(profiles.stdout.contains("win11-24h2-arm64") && profiles.stdout.contains("server2025-x64"))
    }

    /// An expired certificate holds only through a time-stamp from before its expiry.
    @Test func expiryWhatIf() throws {
        let base = ["--signer", "cross-signed", "--cert-issued", "2014-01-10", "--cert-expires", "2017-01-10", "--machine", "win10-22h2-x64"]
        let lapsed = try CommandRunner.run(["policy", "check"] + base + ["--date", "2026-11-26"])
        #expect(lapsed.exitCode == 1 && lapsed.stdout.contains("expired on 2017-01-10 and the signature has no time-stamp"), "\(lapsed.stdout)")
        #expect(try CommandRunner.run(["policy", "check"] + base + ["--date", "2026-11-26", "--timestamp", "2015-06-01"]).exitCode == 0)
        #expect(try CommandRunner.run(["policy", "check"] + base + ["--date", "2016-11-26"]).exitCode == 0)
        let late = try CommandRunner.run(["policy", "check"] + base + ["--timestamp", "2016-06-01", "--cross-cert-expires", "2016-01-01"])
        #expect(late.exitCode == 1 && late.stdout.contains("after its cross-certificate expired"), "\(late.stdout)")
        #expect(try CommandRunner.run(["policy", "check"] + base + ["--timestamp", "June"]).exitCode == 2)
    }

    @Test func aTestSignedPackageFolder() throws {
        let pkg = URL(fileURLWithPath: ToolFixtures.built.v1).deletingLastPathComponent().path
        let untrusted = try check(pkg, "--machine", "win10-22h2-x64", "--json")
        #expect(untrusted.stdout.contains("\"install\":\"blocked\"") && untrusted.stdout.contains("\"signer\":\"test\""))
        let testMode = try check(pkg, "--machine", "win10-22h2-x64", "--secure-boot", "off", "--test-signing", "on",
                                 "--trust", ToolFixtures.built.cert, "--trusted-publisher", ToolFixtures.built.cert)
        #expect(testMode.exitCode == 0, "\(testMode.stdout)")
        #expect(testMode.stdout.contains("install: allowed") && testMode.stdout.contains("load:    allowed (Test Mode)"))
        // The boot-start package: its echo.sys has no embedded signature, which a boot-start driver needs.
        let boot = URL(fileURLWithPath: ToolFixtures.built.bootV2).deletingLastPathComponent().path
        let bootResult = try check(boot, "--machine", "win10-22h2-x64", "--secure-boot", "off", "--test-signing", "on", "--trust", ToolFixtures.built.cert, "--json")
        #expect(bootResult.stdout.contains("\"problemCode\":52") && bootResult.stdout.contains("L5: "))
    }

    /// The same test-signed package loads in Windows 7's Test Mode with a v1 catalog, not with a v2
    /// one, which Windows 7 cannot read; what-if takes the catalog version too.
    @Test func aVersion2CatalogIsReadFromThePackage() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inf = try EchoPackage.source(dir)
        let cert = dir.appendingPathComponent("test.pem").path, key = dir.appendingPathComponent("test.key").path
        #expect(try CommandRunner.run(["cert", "create", "--subject", "CN=Contoso Test", "--cert-out", cert, "--key-out", key, "--key-bits", "2048"]).exitCode == 0)
        for version in ["1", "2"] {
            let pkg = dir.appendingPathComponent("v" + version).path
            let build = try CommandRunner.run(["package", "build", inf.path, "--arch", "amd64", "-o", pkg, "--os", "8_X64,10_X64",
                                               "--catalog-version", version, "--sign", "--cert", cert, "--key", key])
            #expect(build.exitCode == 0, "\(build.stderr)")
            let result = try check(pkg, "--machine", "win7-x64", "--test-signing", "on", "--trust", cert, "--trusted-publisher", cert, "--json")
            #expect(result.exitCode == (version == "1" ? 0 : 1), "\(result.stdout)")
            #expect(result.stdout.contains("P1: The catalog is version 2") == (version == "2"), "\(result.stdout)")
            #expect(try check(pkg, "--machine", "win81-x64", "--secure-boot", "off", "--test-signing", "on", "--trust", cert).exitCode == 0)
        }
        let whatIf = try check("--signer", "whql", "--machine", "win7-x64", "--catalog-version", "2", "--json")
        #expect(whatIf.exitCode == 1 && whatIf.stdout.contains("\"problemCode\":52"), "\(whatIf.stdout)")
        #expect(try check("--signer", "whql", "--machine", "win7-x64", "--catalog-version", "3").exitCode == 2)
    }

    @Test func aWDACDenyRuleBlocksTheDriver() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pkg = URL(fileURLWithPath: ToolFixtures.built.v1).deletingLastPathComponent()
        let show = try CommandRunner.run(["catalog", "show", pkg.appendingPathComponent("echo.cat").path, "--json"])
        // The catalog's digest for echo.sys is its Authenticode SHA-1: the hash a WDAC rule names.
        let sha1 = try #require(catalogHash(of: "echo.sys", in: show.stdout))
        let policy = dir.appendingPathComponent("blocklist.xml")
        try """
            <?xml version="1.0" encoding="utf-8"?>
            <SiPolicy xmlns="urn:schemas-microsoft-com:sipolicy" PolicyType="Base Policy">
              <VersionEx>10.0.0.0</VersionEx>
              <Rules><Rule><Option>Enabled:Unsigned System Integrity Policy</Option></Rule></Rules>
              <FileRules>
                <Deny ID="ID_DENY_ECHO_SHA1" FriendlyName="echo.sys Hash Sha1" Hash="\(sha1)" />
                <Deny ID="ID_DENY_OTHER" FriendlyName="other.sys" FileName="other.sys" MinimumFileVersion="0.0.0.0" MaximumFileVersion="2.0.0.0" />
              </FileRules>
              <Signers />
              <SigningScenarios>
                <SigningScenario Value="131" ID="ID_SIGNINGSCENARIO_DRIVERS_1" FriendlyName="Driver blocklist">
                  <ProductSigners>
                    <FileRulesRef><FileRuleRef RuleID="ID_DENY_ECHO_SHA1" /><FileRuleRef RuleID="ID_DENY_OTHER" /></FileRulesRef>
                  </ProductSigners>
                </SigningScenario>
              </SigningScenarios>
            </SiPolicy>
            """.write(to: policy, atomically: true, encoding: .utf8)
        let blocked = try check(pkg.path, "--machine", "win11-24h2-x64", "--secure-boot", "off", "--test-signing", "on",
                                "--trust", ToolFixtures.built.cert, "--wdac-policy", policy.path, "--json")
        #expect(blocked.exitCode == 1)
        #expect(blocked.stdout.contains("\"problemCode\":39") && blocked.stdout.contains("L1: A code integrity (WDAC) policy denies it: echo.sys Hash Sha1 (file hash of echo.sys)"))
        let broken = dir.appendingPathComponent("broken.xml")
        try "<NotAPolicy/>".write(to: broken, atomically: true, encoding: .utf8)
        let refused = try check(pkg.path, "--machine", "win11-24h2-x64", "--wdac-policy", broken.path)
        #expect(refused.exitCode == 3 && refused.stderr.contains("broken.xml: error: not a WDAC policy"))
    }

    /// The SHA-1 tag of `file` in `catalog show --json` output.
    func catalogHash(of file: String, in json: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let members = object["members"] as? [[String: Any]] else { return nil }
        return members.first { $0["file"] as? String == file }?["digest"] as? String
    }
}
