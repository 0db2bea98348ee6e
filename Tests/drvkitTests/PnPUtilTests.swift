import Foundation
import Testing
import TestSupport
@testable import WindowsTools

/// pnputil's commands with their exact output and Windows exit codes (installer.md §2).
struct PnPUtilTests {
    static let header = "Microsoft PnP Utility\n\n"

    func pnputil(_ sandbox: String, _ args: String...) -> ToolRun { PnPUtil.run(["--sandbox", sandbox] + args) }

    @Test func addAndInstallThenEnumerate() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let add = pnputil(sb, "/add-driver", ToolFixtures.built.v1, "/install")
        #expect(add.output == Self.header + """
            Adding driver package:  echo.inf
            Driver package added successfully.
            Published Name:         oem0.inf
            Driver package installed on device: ROOT\\ECHO\\0000

            Total driver packages:  1
            Added driver packages:  1

            """)
        #expect(add.exitCode == 0)
        // The identical package again: already there, nothing to install (259).
        let again = pnputil(sb, "/add-driver", ToolFixtures.built.v1, "/install")
        #expect(again.output.contains("Driver package added successfully. (Already exists in the system)\nPublished Name:         oem0.inf\n"))
        #expect(again.exitCode == 259)
        let drivers = pnputil(sb, "/enum-drivers")
        #expect(drivers.output == Self.header + """
            Published Name:     oem0.inf
            Original Name:      echo.inf
            Provider Name:      Contoso
            Class Name:         Sample
            Class GUID:         {78a1c341-4539-11d3-b88d-00c04fad5171}
            Driver Version:     11/20/2026 1.0.0.0
            Signer Name:        Contoso Test Signing


            """)
        #expect(pnputil(sb, "-e").output == drivers.output)   // the legacy form
        let devices = pnputil(sb, "/enum-devices", "/ids")
        #expect(devices.output == Self.header + """
            Instance ID:                ROOT\\ECHO\\0000
            Device Description:         Contoso Echo Device
            Class Name:                 Sample
            Class GUID:                 {78a1c341-4539-11d3-b88d-00c04fad5171}
            Manufacturer Name:          Contoso
            Status:                     Started
            Driver Name:                oem0.inf
            Hardware IDs:               Root\\Echo


            """)
        #expect(pnputil(sb, "/enum-devices", "/class", "Net").output == Self.header + "No devices were found on the system.\n")
        #expect(pnputil(sb, "/enum-devices", "/problem").output == Self.header + "No devices were found on the system.\n")
    }

    @Test func anUntrustedPackageIsRefusedUntilAnF7BootAndGetsCode52AfterIt() throws {
        let (dir, sb) = try ToolFixtures.sandbox(trusted: false)
        defer { try? FileManager.default.removeItem(at: dir) }
        let refused = pnputil(sb, "/add-driver", ToolFixtures.built.v1, "/install")
        #expect(refused.output.contains("Failed to add driver package: The third-party INF does not contain digital signature information.\n    P2: "))
        #expect(refused.exitCode == 0xE000_022F)
        _ = try CommandRunner.run(["sandbox", "reboot", "--sandbox", sb, "--disable-driver-signature-enforcement"])
        let add = pnputil(sb, "-i", "-a", ToolFixtures.built.v1)   // the legacy form
        #expect(add.output.contains("Warning: P2: The package is signed, but its certificate chain ends at a root this machine does not trust"))
        #expect(add.output.contains("Driver package installed on device: ROOT\\ECHO\\0000") && add.exitCode == 0)
        #expect(pnputil(sb, "/enum-devices").output.contains("Status:                     Started"))
        let reboot = try CommandRunner.run(["sandbox", "reboot", "--sandbox", sb])
        #expect(reboot.stdout.contains("ROOT\\ECHO\\0000: started -> Code 52"))
        let problem = pnputil(sb, "/enum-devices", "/problem", "52")
        #expect(problem.output.contains("""
            Status:                     Problem
            Problem Code:               52 (0x34) [CM_PROB_UNSIGNED_DRIVER]
            Problem Status:             0xC0000428
            """))
    }

    @Test func aBootStartUpdateNeedsAReboot() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = pnputil(sb, "/add-driver", ToolFixtures.built.v1, "/install")
        let update = pnputil(sb, "/add-driver", ToolFixtures.built.bootV2, "/install")
        #expect(update.output.hasSuffix("Added driver packages:  1\n\nSystem reboot is needed to complete install operations!\n"))
        #expect(update.exitCode == 3010)
    }

    @Test func deleteRefusedWhileInUse() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = pnputil(sb, "/add-driver", ToolFixtures.built.v1, "/install")
        let refused = pnputil(sb, "/delete-driver", "oem0.inf")
        #expect(refused.output == Self.header + "Failed to delete driver package: One or more devices are presently installed using the specified INF.\n")
        #expect(refused.exitCode == 0xE000_023D)
        #expect(pnputil(sb, "-d", "oem0.inf").exitCode == 0xE000_023D)
        let forced = pnputil(sb, "-f", "-d", "oem0.inf")
        #expect(forced.output == Self.header + "Driver package deleted successfully.\n" && forced.exitCode == 0)
        let missing = pnputil(sb, "/delete-driver", "oem0.inf")
        #expect(missing.output.contains("The specified INF is not an installed OEM INF.") && missing.exitCode == 0xE000_023C)
    }

    @Test func exportCopiesTheStoreFolder() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = pnputil(sb, "/add-driver", ToolFixtures.built.v1)
        let target = dir.appendingPathComponent("exported").path
        let export = pnputil(sb, "/export-driver", "oem0.inf", target)
        #expect(export.output == Self.header + "Exporting driver package:   oem0.inf (echo.inf)\nDriver package exported successfully.\n\n")
        let folders = try FileManager.default.contentsOfDirectory(atPath: target)
        #expect(folders.count == 1 && folders[0].hasPrefix("echo.inf_amd64_"))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: target + "/" + folders[0])) == ["echo.inf", "echo.cat", "echo.sys"])
    }

    @Test func deviceCommands() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = pnputil(sb, "/add-driver", ToolFixtures.built.v1)
        // The device has no driver until a scan.
        #expect(pnputil(sb, "/enum-devices").output.contains("Problem Code:               28 (0x1C) [CM_PROB_FAILED_INSTALL]"))
        #expect(pnputil(sb, "/scan-devices").output == Self.header + "Scanning for device hardware changes.\nScan complete.\n")
        #expect(pnputil(sb, "/enum-devices").output.contains("Status:                     Started"))
        let disable = pnputil(sb, "/disable-device", "ROOT\\ECHO\\0000")
        #expect(disable.output == Self.header + "Disabling device:           ROOT\\ECHO\\0000\nDevice disabled successfully.\n")
        #expect(pnputil(sb, "/enum-devices").output.contains("Status:                     Disabled"))
        #expect(pnputil(sb, "/enable-device", "ROOT\\ECHO\\0000").output.hasSuffix("Device enabled successfully.\n"))
        #expect(pnputil(sb, "/restart-device", "ROOT\\ECHO\\0000").output.hasSuffix("Device restarted successfully.\n"))
        let remove = pnputil(sb, "/remove-device", "ROOT\\ECHO\\0000")
        #expect(remove.output == Self.header + "Removing device:            ROOT\\ECHO\\0000\nDevice removed successfully.\n")
        let gone = pnputil(sb, "/remove-device", "ROOT\\ECHO\\0000")
        #expect(gone.exitCode == 0xE000_020B)
    }

    @Test func wildcardPatternsSplitIntoFolderAndName() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["a.inf", "b.INF", "c.txt", "d"] { try Data().write(to: dir.appendingPathComponent(name)) }
        #expect(mkfifo(dir.appendingPathComponent("e.inf").path, 0o600) == 0)   // not a file to read: skipped
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("f.inf"), withIntermediateDirectories: true)
        #expect(PnPUtilDrivers.expand(dir.path + "/*.inf", subdirs: false) == [dir.path + "/a.inf", dir.path + "/b.INF"])
        #expect(PnPUtilDrivers.expand(dir.path + "\\?", subdirs: false) == [dir.path + "/d"])
        #expect(PnPUtilDrivers.expand("x.inf", subdirs: false) == ["x.inf"])
        // A one-character pattern looks in the current folder (corelibs Foundation's path splitting
        // trapped on it in release builds).
        #expect(PnPUtilDrivers.expand("?", subdirs: false).allSatisfy { $0.hasPrefix("./") && $0.count == 3 })
    }

    @Test func wildcardsSubfoldersInstanceFilterAndTheSetupLog() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        // *.inf in a folder finds nothing there; /subdirs finds the two packages and their two sources
        // (which have no catalog: refused, and the last error is the exit code).
        let root = ToolFixtures.built.dir.path
        #expect(pnputil(sb, "/add-driver", root + "/*.inf").exitCode == 2)
        let both = pnputil(sb, "/add-driver", root + "/*.inf", "/subdirs", "/install")
        #expect(both.output.contains("Total driver packages:  8\nAdded driver packages:  4\n"))
        #expect(both.output.contains("Failed to add driver package: The third-party INF does not contain digital signature information.\n    echo.cat is missing from the package\n"))
        #expect(both.exitCode == 0xE000_022F)
        #expect(both.output.contains("Published Name:         oem0.inf") && both.output.contains("Published Name:         oem1.inf"))
        let one = pnputil(sb, "/enum-devices", "/instanceid", "root\\echo\\0000")
        #expect(one.output.contains("Instance ID:                ROOT\\ECHO\\0000") && one.output.contains("Driver Name:                oem1.inf"))
        #expect(pnputil(sb, "/enum-devices", "/instanceid", "ROOT\\NONE\\0000").output.hasSuffix("No devices were found on the system.\n"))
        let log = try String(contentsOfFile: sb + "/C/Windows/INF/setupapi.dev.log", encoding: .utf8)
        #expect(log.contains(">>>  [Device Install (Hardware initiated) - ROOT\\ECHO\\0000]\r\n>>>  Section start "))
        #expect(log.contains("<<<  [Exit status: SUCCESS]"))
    }

    @Test func matchingDriversAreListedBestFirst() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = pnputil(sb, "/add-driver", ToolFixtures.built.v1, "/install")
        _ = pnputil(sb, "/add-driver", ToolFixtures.built.bootV2)
        let out = pnputil(sb, "/enum-devices", "/drivers").output
        #expect(out.contains("""
            Matching Drivers:
                Driver Name:            oem1.inf
                Original Name:          echo.inf
            """))
        #expect(out.contains("    Driver Version:         11/24/2026 1.1.0.0\n"))
        #expect(out.contains("    Matching Device ID:     root\\echo\n    Driver Rank:            00FF0000\n    Driver Status:          Best Ranked\n"))
        #expect(out.contains("    Driver Name:            oem0.inf\n"))
        #expect(out.contains("    Driver Status:          Installed\n"))
        #expect(pnputil(sb, "/enum-devices", "/disconnected").output.hasSuffix("No devices were found on the system.\n"))
    }

    @Test func badSyntaxAndMissingFiles() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let unknown = pnputil(sb, "/add-driver", "x.inf", "/bogus")
        #expect(unknown.output.hasPrefix(Self.header + "Unknown option: /bogus\nInvalid command line syntax.\n") && unknown.exitCode == 87)
        #expect(pnputil(sb, "/frobnicate").exitCode == 87)
        #expect(pnputil(sb, "/?").exitCode == 0)
        let missing = pnputil(sb, "/add-driver", dir.appendingPathComponent("none.inf").path)
        #expect(missing.output.contains("Failed to add driver package:") && missing.exitCode == 2)
        #expect(pnputil(sb, "/add-driver", dir.appendingPathComponent("*.inf").path).exitCode == 2)
    }
}
