import Foundation
import Testing
import TestSupport
import WindowsTools

/// devcon's commands with the WDK devcon's messages and exit codes (installer.md §3).
struct DevConTests {
    func devcon(_ sandbox: String, _ args: String...) -> ToolRun { DevCon.run(["--sandbox", sandbox] + args) }
    static let echoLine = "ROOT\\ECHO\\0000" + String(repeating: " ", count: 46) + ": "

    @Test func findStatusAndHardwareIDs() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(devcon(sb, "find", "*").output == Self.echoLine + "Echo device\n1 matching device(s) found.\n")
        #expect(devcon(sb, "findall", "@ROOT\\*").output == Self.echoLine + "Echo device\n1 matching device(s) found.\n")
        #expect(devcon(sb, "find", "'root\\echo").output.hasSuffix("1 matching device(s) found.\n"))
        #expect(devcon(sb, "find", "PCI\\*").output == "No matching devices found.\n")
        #expect(devcon(sb, "status", "Root\\Echo").output == "ROOT\\ECHO\\0000\n    Name: Echo device\n    The device has the following problem: 28\n1 matching device(s) found.\n")
        #expect(devcon(sb, "hwids", "*").output == "ROOT\\ECHO\\0000\n    Name: Echo device\n    Hardware IDs:\n        Root\\Echo\n1 matching device(s) found.\n")
        #expect(devcon(sb, "drivernodes", "*").output == Self.echoLine + "Echo device\n    Name: Echo device\n    No driver nodes found for this device.\n1 matching device(s) found.\n")
        #expect(devcon(sb, "driverfiles", "*").output == "ROOT\\ECHO\\0000\n    Name: Echo device\n    No driver information available for the device.\n1 matching device(s) found.\n")
    }

    @Test func packagesAndUpdates() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(devcon(sb, "dp_enum").output == "There are no third-party driver packages on this machine.\n")
        #expect(devcon(sb, "dp_add", ToolFixtures.built.v1).output == "Driver package 'oem0.inf' added.\n")
        #expect(devcon(sb, "dp_enum").output == """
            The following third-party driver packages are installed on this computer:
            oem0.inf
                Provider: Contoso
                Class: Sample
                Version: 1.0.0.0
                Date: 11/20/2026
                Signer: Contoso Test Signing

            """)
        let update = devcon(sb, "update", ToolFixtures.built.v1, "Root\\Echo")
        #expect(update.output == "Updating drivers for Root\\Echo from \(ToolFixtures.built.v1).\nDrivers installed successfully.\n" && update.exitCode == 0)
        #expect(devcon(sb, "status", "*").output.contains("    Driver is running.\n"))
        let files = devcon(sb, "driverfiles", "*").output
        #expect(files.contains("    Driver installed from C:\\Windows\\INF\\oem0.inf [Echo_Device]. 1 file(s) used by driver:\n        C:\\Windows\\System32\\DriverStore\\FileRepository\\echo.inf_amd64_"))
        let nodes = devcon(sb, "drivernodes", "*").output
        #expect(nodes.contains("""
                Driver node #0:
                    Inf file is C:\\Windows\\INF\\oem0.inf
                    Inf section is Echo_Device
                    Driver description is Contoso Echo Device
                    Manufacturer name is Contoso
                    Provider name is Contoso
                    Driver date is 11/20/2026
                    Driver version is 1.0.0.0
                    Driver node rank is 16711680
                    Driver node flags are 00062000
                        Inf is digitally signed
            """))
        // A boot-start update: installed, reboot needed (exit 1).
        let boot = devcon(sb, "update", ToolFixtures.built.bootV2, "Root\\Echo")
        #expect(boot.output.hasSuffix("Drivers installed successfully.\n") && boot.exitCode == 1)
        let inUse = devcon(sb, "dp_delete", "oem1.inf")
        #expect(inUse.output == "Deleting the specified driver package from the machine failed\nbecause it is in use by a device.\ndevcon failed.\n" && inUse.exitCode == 2)
        #expect(devcon(sb, "dp_delete", "-f", "oem1.inf").output == "Driver package 'oem1.inf' deleted.\n")
        #expect(devcon(sb, "update", ToolFixtures.built.v1, "PCI\\NOTHERE").exitCode == 2)
    }

    @Test func installCreatesARootDevice() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let install = devcon(sb, "install", ToolFixtures.built.v1, "Root\\Echo")
        #expect(install.output == """
            Device node created. Install is complete when drivers are installed...
            Updating drivers for Root\\Echo from \(ToolFixtures.built.v1).
            Drivers installed successfully.

            """)
        #expect(install.exitCode == 0)
        #expect(devcon(sb, "find", "@ROOT\\SAMPLE\\*").output.hasPrefix("ROOT\\SAMPLE\\0000" + String(repeating: " ", count: 44) + ": Contoso Echo Device\n"))
    }

    @Test func enableDisableRestartRemoveAndClasses() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = devcon(sb, "update", ToolFixtures.built.v1, "Root\\Echo")
        #expect(devcon(sb, "disable", "*").output == Self.echoLine + "Disabled\n1 device(s) disabled.\n")
        #expect(devcon(sb, "status", "*").output.contains("    Device is disabled.\n"))
        #expect(devcon(sb, "enable", "=Sample").output == Self.echoLine + "Enabled\n1 device(s) are enabled.\n")
        #expect(devcon(sb, "restart", "Root\\Echo").output == Self.echoLine + "Restarted\n1 device(s) restarted.\n")
        #expect(devcon(sb, "listclass", "Sample").output == "Listing 1 devices in setup class \"Sample\" (Sample).\n" + Self.echoLine + "Contoso Echo Device\n")
        #expect(devcon(sb, "listclass", "Modem").output == "There is no \"Modem\" setup class on the local machine.\n")
        #expect(devcon(sb, "listclass", "System").output == "There are no devices in setup class \"System\" (System devices).\n")
        let classes = devcon(sb, "classes").output
        #expect(classes.hasPrefix("Listing 19 setup classes.\n") && classes.contains("Net                 : Network adapters\n"))
        #expect(devcon(sb, "rescan").output == "Scanning for new hardware.\nScanning completed.\n")
        #expect(devcon(sb, "remove", "Root\\Echo").output == Self.echoLine + "Removed\n1 device(s) were removed.\n")
        #expect(devcon(sb, "remove", "Root\\Echo").output == "No devices were removed.\n")
    }

    @Test func stackShowsTheSetupClassAndControllingService() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(devcon(sb, "stack", "*").output == Self.echoLine + "Echo device\n    Name: Echo device\n    Device is not set up.\n1 matching device(s) found.\n")
        _ = devcon(sb, "update", ToolFixtures.built.v1, "Root\\Echo")
        #expect(devcon(sb, "stack", "*").output == Self.echoLine + """
            Contoso Echo Device
                Name: Contoso Echo Device
                Setup Class: {78a1c341-4539-11d3-b88d-00c04fad5171} Sample
                Controlling service:
                    Echo
            1 matching device(s) found.

            """)
    }

    @Test func syntaxErrorsExitWith3() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = devcon(sb, "find")
        #expect(bad.output == "devcon: Invalid use of find.\nFor more information, type: devcon help find\n" && bad.exitCode == 3)
        #expect(devcon(sb, "frobnicate").exitCode == 3)
        #expect(devcon(sb, "install", "x.inf").exitCode == 3)
        #expect(devcon(sb, "help").output.hasPrefix("Device Console Help:\n"))
        let missing = devcon(sb, "dp_add", dir.appendingPathComponent("none.inf").path)
        #expect(missing.output == "The specified INF path is not valid.\ndevcon failed.\n" && missing.exitCode == 2)
    }

    @Test func theExecutablesExitWithTheLow8BitsOfTheWindowsCode() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pnputil = try CommandRunner.run(["--sandbox", sb, "/add-driver", ToolFixtures.built.v1, "/install"], executable: "pnputil")
        #expect(pnputil.exitCode == 0 && pnputil.stdout.contains("Published Name:         oem0.inf"))
        let nothing = try CommandRunner.run(["pnputil", "--sandbox", sb, "/add-driver", ToolFixtures.built.v1, "/install"])
        #expect(nothing.exitCode == 259 & 0xFF)
        let syntax = try CommandRunner.run(["--sandbox", sb, "find"], executable: "devcon")
        #expect(syntax.exitCode == 3)
        let env = try CommandRunner.run(["status", "*"], executable: "devcon", environment: ["DRVKIT_SANDBOX": sb])
        #expect(env.stdout.contains("Driver is running."))
    }
}
