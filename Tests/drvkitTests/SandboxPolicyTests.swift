import Foundation
import Testing
import TestSupport

/// The signing policy in the sandbox, end to end through the executables (issue 8's scenarios).
struct SandboxPolicyTests {
    func drvkit(_ args: [String], _ sb: String) throws -> CommandResult { try CommandRunner.run(args + ["--sandbox", sb]) }
    func pnputil(_ sb: String, _ args: String...) throws -> CommandResult { try CommandRunner.run(["--sandbox", sb] + args, executable: "pnputil") }

    @Test func anUnsignedPackageWorksDuringAnF7BootAndGetsCode52AfterTheNextNormalBoot() throws {
        let (dir, sb) = try ToolFixtures.sandbox(trusted: false)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try EchoPackage.source(dir.appendingPathComponent("unsigned"))
        let out = dir.appendingPathComponent("pkg").path
        #expect(try CommandRunner.run(["package", "build", source.path, "--arch", "amd64", "-o", out]).exitCode == 0)
        let refused = try pnputil(sb, "/add-driver", out + "/echo.inf", "/install")
        #expect(refused.stdout.contains("    P1: The package has no valid signature") && refused.exitCode == 0x2F)   // 0xE000022F, low 8 bits
        let f7 = try drvkit(["sandbox", "reboot", "--disable-driver-signature-enforcement"], sb)
        #expect(f7.stdout.hasPrefix("boot 2: Windows 11 24H2 x64, Secure Boot on, driver signature enforcement disabled for this boot\n"))
        let add = try pnputil(sb, "/add-driver", out + "/echo.inf", "/install")
        #expect(add.stdout.contains("Warning: P1: ") && add.stdout.contains("Driver package installed on device: ROOT\\ECHO\\0000"))
        #expect(try CommandRunner.run(["status", "*"], executable: "devcon", environment: ["DRVKIT_SANDBOX": sb]).stdout.contains("Driver is running."))
        let normal = try drvkit(["sandbox", "reboot"], sb)
        #expect(normal.stdout == "boot 3: Windows 11 24H2 x64, Secure Boot on\nROOT\\ECHO\\0000: started -> Code 52\n")
        let machine = try drvkit(["sandbox", "machine"], sb)
        #expect(machine.stdout.contains("Secure Boot              on         on"))
        // The setup log says why, as Windows' does.
        let log = try String(contentsOfFile: sb + "/C/Windows/INF/setupapi.dev.log", encoding: .utf8)
        #expect(log.contains("!!!  sto: Failed to import driver package: The third-party INF does not contain digital signature information.\r\n!!!  sto:      P1: "))
        #expect(log.contains("<<<  [Exit status: FAILURE(0xe000022f)]"))
        #expect(log.contains("[Boot Session: "))
    }

    @Test func aBlocklistedDriverUnderHVCIGetsCode39() throws {
        let (dir, sb) = try ToolFixtures.sandbox()   // test-signed, trusted, Test Mode
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try pnputil(sb, "/add-driver", ToolFixtures.built.v1, "/install").exitCode == 0)
        let show = try CommandRunner.run(["catalog", "show", URL(fileURLWithPath: ToolFixtures.built.v1).deletingLastPathComponent().appendingPathComponent("echo.cat").path, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let members = try #require(object["members"] as? [[String: Any]])
        let sha1 = try #require(members.first { $0["file"] as? String == "echo.sys" }?["digest"] as? String)
        let policy = dir.appendingPathComponent("DriverSiPolicy.xml")
        try """
            <?xml version="1.0" encoding="utf-8"?>
            <SiPolicy xmlns="urn:schemas-microsoft-com:sipolicy" PolicyType="Base Policy">
              <FileRules><Deny ID="ID_DENY_ECHO" FriendlyName="echo.sys (vulnerable)" Hash="\(sha1)" /></FileRules>
              <SigningScenarios><SigningScenario Value="131" ID="ID_SIGNINGSCENARIO_DRIVERS_1"><ProductSigners>
                <FileRulesRef><FileRuleRef RuleID="ID_DENY_ECHO" /></FileRulesRef>
              </ProductSigners></SigningScenario></SigningScenarios>
            </SiPolicy>
            """.write(to: policy, atomically: true, encoding: .utf8)
        let installed = try drvkit(["sandbox", "wdac", policy.path, "--blocklist"], sb)
        #expect(installed.stdout == "installed C:\\Windows\\System32\\CodeIntegrity\\VulnerableDriverBlocklist\\DriverSiPolicy.xml\n")
        // HVCI is on by default on Windows 11 24H2, and so is the blocklist.
        let reboot = try drvkit(["sandbox", "reboot"], sb)
        #expect(reboot.stdout.contains("ROOT\\ECHO\\0000: started -> Code 39"))
        let devices = try pnputil(sb, "/enum-devices", "/problem", "39")
        #expect(devices.stdout.contains("Problem Code:               39 (0x27) [CM_PROB_DRIVER_FAILED_LOAD]\nProblem Status:             0xC000036C"))
    }

    @Test func bcdeditIsRefusedUnderSecureBootAndTakesEffectAtTheNextBoot() throws {
        let (dir, sb) = try ToolFixtures.sandbox(trusted: false)
        defer { try? FileManager.default.removeItem(at: dir) }
        let refused = try CommandRunner.run(["sandbox", "bcdedit", "--sandbox", sb, "/set", "testsigning", "on"])
        #expect(refused.exitCode == 1 && refused.stderr.contains("The value is protected by Secure Boot policy and cannot be modified or deleted."))
        _ = try drvkit(["sandbox", "machine", "--secure-boot", "off"], sb)
        #expect(try CommandRunner.run(["sandbox", "bcdedit", "--sandbox", sb, "/set", "testsigning", "on"]).stdout == "The operation completed successfully.\n")
        let pending = try CommandRunner.run(["sandbox", "bcdedit", "--sandbox", sb, "/enum"])
        #expect(pending.stdout.contains("testsigning             No\n") && pending.stdout.contains("(next boot: testsigning Yes"))
        #expect(try drvkit(["sandbox", "reboot"], sb).stdout.contains("Test Mode"))
        #expect(try CommandRunner.run(["sandbox", "bcdedit", "--sandbox", sb, "/set", "bogus", "on"]).exitCode == 1)
    }
}
