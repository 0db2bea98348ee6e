import Foundation
import Testing
import TestSupport
@testable import WindowsTools

/// pnputil's Windows 11 syntax: devices chosen by hardware ID, class and bus; the interface,
/// class and driver file listings; `/reboot` (pnputil-command-syntax, installer.md §2).
struct PnPUtilCurrentSyntaxTests {
    static let header = PnPUtilTests.header
    static let guid = ToolFixtures.interfaceClass

    func pnputil(_ sandbox: String, _ args: String...) -> ToolRun { PnPUtil.run(["--sandbox", sandbox] + args) }

    /// A sandbox whose Root\Echo device and a second device (compatible ID Root\Echo) run the
    /// interfaced echo package.
    func twoDevices() throws -> (dir: URL, sandbox: String) {
        let (dir, sb) = try ToolFixtures.sandbox()
        _ = try CommandRunner.run(["sandbox", "device", "add", "--sandbox", sb, "--hardware-id", "Root\\Other", "--compatible-id", "Root\\Echo"])
        let add = pnputil(sb, "/add-driver", ToolFixtures.built.interfaced, "/install")
        #expect(add.output.contains("installed on device: ROOT\\ECHO\\0000\nDriver package installed on device: ROOT\\OTHER\\0000\n"))
        return (dir, sb)
    }

    @Test func interfacesAreListedWithTheirStatus() throws {
        let (dir, sb) = try twoDevices()
        defer { try? FileManager.default.removeItem(at: dir) }
        let link = "\\\\?\\ROOT#ECHO#0000#\(Self.guid)"
        let echo = """
            Interface Path:         \(link)
            Interface Description:  Echo data interface
            Interface Class GUID:   \(Self.guid)
            Device Instance ID:     ROOT\\ECHO\\0000
            Interface Status:       Enabled

            Interface Path:         \(link)\\Control
            Interface Description:  Unknown
            Interface Class GUID:   \(Self.guid)
            Reference String:       Control
            Device Instance ID:     ROOT\\ECHO\\0000
            Interface Status:       Enabled


            """
        let all = pnputil(sb, "/enum-interfaces", "/class", Self.guid.uppercased())
        #expect(all.output.hasPrefix(Self.header + echo) && all.output.contains("ROOT#OTHER#0000") && all.exitCode == 0)
        #expect(pnputil(sb, "/enum-interfaces", "/disabled").output == Self.header + "No device interfaces were found on the system.\n")
        #expect(pnputil(sb, "/enum-interfaces", "/class", "{00000000-0000-0000-0000-000000000000}").output.hasSuffix("were found on the system.\n"))
        // A disabled device's interfaces are disabled.
        _ = pnputil(sb, "/disable-device", "ROOT\\OTHER\\0000")
        let disabled = pnputil(sb, "/enum-interfaces", "/disabled").output
        #expect(disabled.contains("Device Instance ID:     ROOT\\OTHER\\0000\nInterface Status:       Disabled\n") && !disabled.contains("ROOT#ECHO"))
        #expect(!pnputil(sb, "/enum-interfaces", "/enabled").output.contains("ROOT#OTHER"))
    }

    @Test func devicesShowRelationsServicesStackAndInterfaces() throws {
        let (dir, sb) = try twoDevices()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A device upper filter and a class lower filter join the stack around the function driver.
        _ = try CommandRunner.run(["reg", "add", "HKLM\\SYSTEM\\CurrentControlSet\\Enum\\ROOT\\ECHO\\0000", "/v", "UpperFilters",
                                   "/t", "REG_MULTI_SZ", "/d", "EchoFilter", "/f", "--sandbox", sb])
        _ = try CommandRunner.run(["reg", "add", "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{78a1c341-4539-11d3-b88d-00c04fad5171}",
                                   "/v", "LowerFilters", "/t", "REG_MULTI_SZ", "/d", "ClassLow", "/f", "--sandbox", sb])
        let out = pnputil(sb, "/enum-devices", "/deviceid", "ROOT\\ECHO", "/bus", "root", "/deviceids", "/relations", "/services", "/stack", "/interfaces")
        #expect(out.output.contains("""
            Driver Name:                oem0.inf
            Bus Enumerator Name:        ROOT
            Hardware IDs:               Root\\Echo
            Parent:                     HTREE\\ROOT\\0
            Services:                   EchoFilter
                                        Echo
                                        ClassLow
            Stack:                      \\Driver\\EchoFilter
                                        \\Driver\\Echo
                                        \\Driver\\ClassLow
                                        \\Driver\\PnpManager
            Interfaces:
                Interface Path:         \\\\?\\ROOT#ECHO#0000#\(Self.guid)
                Interface Description:  Echo data interface
                Interface Class GUID:   \(Self.guid)
                Interface Status:       Enabled

            """))
        // The filters are not installed: once the device restarts it cannot load them (Code 39);
        // without them it starts again.
        _ = pnputil(sb, "/restart-device", "ROOT\\ECHO\\0000")
        #expect(pnputil(sb, "/enum-devices", "/instanceid", "ROOT\\ECHO\\0000").output.contains("""
            Status:                     Problem
            Problem Code:               39 (0x27) [CM_PROB_DRIVER_FAILED_LOAD]
            Problem Status:             0xC0000034
            """))
        _ = try CommandRunner.run(["reg", "delete", "HKLM\\SYSTEM\\CurrentControlSet\\Enum\\ROOT\\ECHO\\0000", "/v", "UpperFilters", "/f", "--sandbox", sb])
        _ = pnputil(sb, "/restart-device", "ROOT\\ECHO\\0000")
        #expect(pnputil(sb, "/enum-devices", "/instanceid", "ROOT\\ECHO\\0000").output.contains("Status:                     Problem\nProblem Code:               39"))
        _ = try CommandRunner.run(["reg", "delete", "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{78a1c341-4539-11d3-b88d-00c04fad5171}",
                                   "/v", "LowerFilters", "/f", "--sandbox", sb])
        _ = pnputil(sb, "/restart-device", "ROOT\\ECHO\\0000")
        #expect(pnputil(sb, "/enum-devices", "/instanceid", "ROOT\\ECHO\\0000").output.contains("Status:                     Started"))
        // /deviceid matches compatible IDs too: both devices; /bus names the enumerator.
        #expect(out.output.contains("Instance ID:                ROOT\\OTHER\\0000\n") && out.output.contains("Compatible IDs:             Root\\Echo\n"))
        #expect(pnputil(sb, "/enum-devices", "/bus", "PCI").output == Self.header + "No devices were found on the system.\n")
        // A child device names its parent, and the parent lists it.
        _ = try CommandRunner.run(["sandbox", "device", "add", "--sandbox", sb, "--hardware-id", "USB\\VID_1234&PID_5678",
                                   "--instance-id", "USB\\VID_1234&PID_5678\\1", "--parent", "ROOT\\OTHER\\0000"])
        #expect(pnputil(sb, "/enum-devices", "/instanceid", "ROOT\\OTHER\\0000", "/relations").output
            .contains("Parent:                     HTREE\\ROOT\\0\nChildren:                   USB\\VID_1234&PID_5678\\1\n"))
        let child = pnputil(sb, "/enum-devices", "/bus", "usb", "/relations").output
        #expect(child.contains("Parent:                     ROOT\\OTHER\\0000\n") && child.contains("Bus Enumerator Name:        USB\n"))
        #expect(pnputil(sb, "/enum-devices", "/deviceid", "Root\\Other").output.components(separatedBy: "Instance ID:").count == 2)
    }

    @Test func deviceCommandsTakeEveryDeviceTheSelectionNames() throws {
        let (dir, sb) = try twoDevices()
        defer { try? FileManager.default.removeItem(at: dir) }
        let disable = pnputil(sb, "/disable-device", "/deviceid", "root\\echo")
        #expect(disable.output == Self.header + """
            Disabling device:           ROOT\\ECHO\\0000
            Device disabled successfully.

            Disabling device:           ROOT\\OTHER\\0000
            Device disabled successfully.

            """)
        #expect(pnputil(sb, "/enum-devices", "/class", "Sample").output.components(separatedBy: "Status:                     Disabled").count == 3)
        let enable = pnputil(sb, "/enable-device", "/class", "{78A1C341-4539-11D3-B88D-00C04FAD5171}", "/bus", "ROOT")
        #expect(enable.output.components(separatedBy: "Device enabled successfully.").count == 3 && enable.exitCode == 0)
        #expect(pnputil(sb, "/restart-device", "/deviceid", "Root\\None").output == Self.header + "No devices were found on the system.\n")
        #expect(pnputil(sb, "/restart-device", "/bus", "ROOT", "ROOT\\ECHO\\0000").output.components(separatedBy: "Restarting device:").count == 2)
        #expect(pnputil(sb, "/disable-device").exitCode == 87)
        let remove = pnputil(sb, "/remove-device", "/class", "Sample", "/subtree")
        #expect(remove.output.components(separatedBy: "Device removed successfully.").count == 3)
        #expect(pnputil(sb, "/enum-devices").output == Self.header + "No devices were found on the system.\n")
    }

    @Test func driversByClassWithTheirFilesAndClasses() throws {
        let (dir, sb) = try twoDevices()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = pnputil(sb, "/enum-drivers", "/class", "Sample", "/files").output
        let store = "C:\\Windows\\System32\\DriverStore\\FileRepository\\"
        let folder = String(files.components(separatedBy: store)[1].prefix { $0 != "\\" })
        let lines = ["echo.cat", "echo.inf", "echo.sys"].map { store + folder + "\\" + $0 }
        #expect(folder.hasPrefix("echo.inf_amd64_"))
        let expected: String = "Signer Name:        Contoso Test Signing\nDriver Files:       " + lines.joined(separator: "\n" + String(repeating: " ", count: 20)) + "\n\n"
        #expect(files.hasSuffix(expected))
        #expect(pnputil(sb, "/enum-drivers", "/class", "Net").output == Self.header + "No driver packages found.\n")
        _ = try CommandRunner.run(["reg", "add", "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{78a1c341-4539-11d3-b88d-00c04fad5171}",
                                   "/v", "UpperFilters", "/t", "REG_MULTI_SZ", "/d", "ClassUp\\0Second", "/f", "--sandbox", sb])
        #expect(pnputil(sb, "/enum-classes", "/class", "sample", "/services").output == Self.header + """
            Class GUID:             {78a1c341-4539-11d3-b88d-00c04fad5171}
            Class Name:             Sample
            Class Description:      Sample
            Upper Filters:          ClassUp
                                    Second


            """)
        let display = pnputil(sb, "/enum-classes", "/class", "{4d36e968-e325-11ce-bfc1-08002be10318}").output
        #expect(display.contains("Class Name:             Display\nClass Description:      Display adapters\n"))
        #expect(pnputil(sb, "/enum-devicetree").exitCode == 50)
    }

    /// An extension INF goes on top of the device's base driver: pnputil lists it under Extension
    /// Driver Names and its ExtensionId under /enum-drivers; /delete-driver /uninstall takes it off.
    @Test func extensionDriversAreListedWithTheirDevice() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(pnputil(sb, "/add-driver", ToolFixtures.built.extensionV1, "/install").exitCode == 259)   // no base driver yet
        let base = pnputil(sb, "/add-driver", ToolFixtures.built.v1, "/install")
        #expect(base.output.contains("Driver package installed on device: ROOT\\ECHO\\0000"))
        #expect(pnputil(sb, "/enum-devices").output.contains("Driver Name:                oem1.inf\nExtension Driver Names:     oem0.inf\n"))
        #expect(pnputil(sb, "/enum-drivers").output.contains("Class GUID:         {e2f84ce7-8efa-411c-aa69-97454ca4cb57}\nExtension ID:       \(ToolFixtures.extensionID)\n"))
        #expect(pnputil(sb, "/delete-driver", "oem0.inf").exitCode == 0xE000_023D)
        #expect(pnputil(sb, "/delete-driver", "oem0.inf", "/uninstall").output.hasSuffix("Driver package uninstalled.\nDriver package deleted successfully.\n"))
        let after = pnputil(sb, "/enum-devices").output
        #expect(after.contains("Status:                     Started") && !after.contains("Extension Driver Names:"))
    }

    /// End to end: drvkit's `filter` template (an extension INF with AddFilter), stamped, built and
    /// signed, installs on the running echo device, and its filter joins the stack above echo.
    @Test func theFilterTemplateJoinsTheEchoStack() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = pnputil(sb, "/add-driver", ToolFixtures.built.v1, "/install")
        let source = dir.appendingPathComponent("flt"), inf = source.appendingPathComponent("EchoFilter.inf").path
        #expect(try CommandRunner.run(["new", "filter", "EchoFilter", "--hardware-id", "Root\\Echo", "-o", source.path]).exitCode == 0)
        #expect(try CommandRunner.run(["stamp", source.appendingPathComponent("EchoFilter.inx").path, "--arch", "amd64",
                                       "--driver-ver", "11/22/2026,1.0.0.0", "-o", inf]).exitCode == 0)
        var writer = PEWriter()
        writer.machine = 0x8664
        writer.subsystem = 1
        try Data(writer.bytes()).write(to: source.appendingPathComponent("EchoFilter.sys"))
        let certificate = URL(fileURLWithPath: ToolFixtures.built.cert)
        let package = dir.appendingPathComponent("fltpkg").path
        let build = try CommandRunner.run(["package", "build", inf, "--arch", "amd64", "-o", package, "--sign", "--cert", certificate.path,
                                           "--key", certificate.deletingLastPathComponent().appendingPathComponent("test.key").path])
        #expect(build.exitCode == 0, "\(build.stderr)")
        let add = pnputil(sb, "/add-driver", package + "/EchoFilter.inf", "/install")
        #expect(add.output.contains("Driver package installed on device: ROOT\\ECHO\\0000") && add.exitCode == 0)
        let stack = pnputil(sb, "/enum-devices", "/stack").output
        #expect(stack.contains("Status:                     Started\nDriver Name:                oem0.inf\nExtension Driver Names:     oem1.inf\n"))
        #expect(stack.contains("Stack:                      \\Driver\\EchoFilter\n                            \\Driver\\Echo\n                            \\Driver\\PnpManager\n"))
    }

    @Test func rebootReboots() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = pnputil(sb, "/add-driver", ToolFixtures.built.v1, "/install")
        let update = pnputil(sb, "/add-driver", ToolFixtures.built.bootV2, "/install", "/reboot")
        #expect(update.output.hasSuffix("System reboot is needed to complete install operations!\nRebooting system to complete install operations.\n"))
        #expect(update.exitCode == 1641)
        #expect(pnputil(sb, "/enum-devices").output.contains("Status:                     Started\nDriver Name:                oem1.inf\n"))
    }
}
