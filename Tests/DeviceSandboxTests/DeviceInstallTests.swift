import Foundation
import Testing
import TestSupport
@testable import DeviceSandbox

/// Installing drivers on devices (installer.md §5) and the problem codes of §9.
struct DeviceInstallTests {
    func setUp(machine: String = "win11-24h2-x64") throws -> (URL, Sandbox) {
        let dir = try CommandRunner.temporaryDirectory()
        return (dir, try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: machine))
    }

    /// Stages `package` and installs it on a Root\Toaster device: test-signed, trusted and in Test Mode,
    /// or (`trusted: false`) unsigned in a boot without signature enforcement (F7).
    func install(_ package: TestDriverPackage, _ dir: URL, _ sandbox: Sandbox, trusted: Bool = true) throws -> DeviceNode {
        if trusted {
            if (try? Devices.device("ROOT\\TOASTER\\0000", sandbox)) == nil {
                for store in ["Root", "TrustedPublisher"] { try TrustStore.add(file: TestDriverPackage.signerPEM(in: dir), store: store, sandbox: sandbox) }
                try sandbox.enterTestMode()
            }
        } else {
            try sandbox.bootWithoutSignatureEnforcement()
        }
        let staged = try DriverStore.add(infPath: package.build(in: dir, folder: "pkg-\(UUID().uuidString)", signer: trusted ? TestDriverPackage.signer : nil), sandbox: sandbox)
        if (try? Devices.device("ROOT\\TOASTER\\0000", sandbox)) == nil { try Devices.add(hardwareIDs: ["Root\\Toaster"], description: "Toaster", sandbox: sandbox) }
        _ = try Devices.installDrivers(onlyPackage: staged.package.id, sandbox: sandbox)
        return try Devices.device("ROOT\\TOASTER\\0000", sandbox)
    }

    /// `.Services` lines installing each of `names` as a demand-start kernel service (no
    /// SPSVCINST_ASSOCSERVICE: filters), all from the package's `toaster.sys`.
    static func filterServices(_ names: String...) -> String {
        "[Dev.NT.Services]\n" + names.map { "AddService = \($0),, Filter_Service\n" }.joined()
            + "[Filter_Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %13%\\toaster.sys\n"
    }

    func value(_ sandbox: Sandbox, _ key: String, _ name: String) throws -> RegistryValue? {
        try sandbox.read { try $0.value(RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\" + key)!, name) }
    }

    @Test func aDeviceWithoutADriverHasCode28() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let device = try Devices.add(hardwareIDs: ["Root\\Nothing"], sandbox: sandbox)
        #expect(device.problem == 28 && device.problemStatus == 0xC000_0490)
        #expect(try value(sandbox, "Enum\\ROOT\\NOTHING\\0000", "ConfigFlags")?.integerValue == 0x40)
    }

    @Test func aTrustedDriverStartsAndWritesTheEnumAndDriverKeys() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let device = try install(TestDriverPackage(), dir, sandbox)
        #expect(device.isStarted && device.problem == 0)
        #expect(device.driverKey == "{4d36e97d-e325-11ce-bfc1-08002be10318}\\0000")
        let e = "Enum\\ROOT\\TOASTER\\0000"
        #expect(try value(sandbox, e, "Driver")?.stringValue == device.driverKey)
        #expect(try value(sandbox, e, "Service")?.stringValue == "toaster")
        #expect(try value(sandbox, e, "DeviceDesc")?.stringValue == "@oem0.inf,%Desc%;Contoso Toaster")
        #expect(try value(sandbox, e, "Mfg")?.stringValue == "@oem0.inf,%Mfg%;Contoso")
        #expect(try value(sandbox, e, "ClassGUID")?.stringValue == "{4d36e97d-e325-11ce-bfc1-08002be10318}")
        #expect(try value(sandbox, e, "ConfigFlags")?.integerValue == 0)
        #expect(try value(sandbox, e, "DeviceType")?.integerValue == 0x22)   // from .HW, on the Enum key
        let d = "Control\\Class\\" + device.driverKey!
        #expect(try value(sandbox, d, "InfPath")?.stringValue == "oem0.inf")
        #expect(try value(sandbox, d, "InfSection")?.stringValue == "Dev")
        #expect(try value(sandbox, d, "InfSectionExt")?.stringValue == ".NT")
        #expect(try value(sandbox, d, "DriverDate")?.stringValue == "11-1-2026")
        #expect(try value(sandbox, d, "DriverDateData")?.data == [0x00, 0x00, 0x15, 0xf0, 0x93, 0x69, 0xdd, 0x01])
        #expect(try value(sandbox, d, "DriverVersion")?.stringValue == "1.0.0.0")
        #expect(try value(sandbox, d, "MatchingDeviceId")?.stringValue == "root\\toaster")
        #expect(try value(sandbox, d, "ProviderName")?.stringValue == "Contoso")
        #expect(try value(sandbox, "Services\\toaster", "ImagePath")?.stringValue.hasPrefix("\\SystemRoot\\System32\\DriverStore\\FileRepository\\toaster.inf_amd64_") == true)
    }

    @Test func anUnsignedKernelDriverRunsInAnF7BootAndGetsCode52AfterANormalOne() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let device = try install(TestDriverPackage(), dir, sandbox, trusted: false)
        #expect(device.isStarted)
        let reboot = try BootConfiguration.reboot(sandbox: sandbox)
        #expect(reboot.changes.map(\.after) == [52])
        let after = try Devices.device("ROOT\\TOASTER\\0000", sandbox)
        #expect(after.problem == 52 && after.problemStatus == 0xC000_0428)
        let (dir86, sandbox86) = try setUp(machine: "win7-x86")
        defer { try? FileManager.default.removeItem(at: dir86) }
        var x86 = TestDriverPackage()
        x86.modelsDecoration = "NTx86"
        x86.architecture = .x86
        #expect(try install(x86, dir86, sandbox86, trusted: false).isStarted)
        _ = try BootConfiguration.reboot(sandbox: sandbox86)
        #expect(try Devices.device("ROOT\\TOASTER\\0000", sandbox86).isStarted)   // 32-bit Windows 7 loads unsigned kernel drivers
    }

    @Test func aMissingImageIsCode39AndADisabledServiceCode32() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        var missing = TestDriverPackage()
        missing.serviceBinary = "other.sys"
        #expect(try install(missing, dir, sandbox).problem == 39)
        let (dir2, sandbox2) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir2) }
        var disabled = TestDriverPackage()
        disabled.startType = 4
        #expect(try install(disabled, dir2, sandbox2).problem == 32)
    }

    /// The filters `UpperFilters` names load with the device: installed by the package (a service without
    /// SPSVCINST_ASSOCSERVICE, "Installing a Filter Driver"), it starts; a filter nobody installed is Code 39.
    @Test func aDeviceFilterLoadsWithTheDeviceAndAMissingOneIsCode39() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        var filtered = TestDriverPackage()
        filtered.modelsDecoration = "NTamd64.10.0...18362"   // .Filters is read from Windows 10 1903 on (DK4016)
        filtered.extraSections = """
            [Dev.HW.AddReg]
            HKR,,UpperFilters,0x00010000,toasterflt


            """ + Self.filterServices("toasterflt")
        let device = try install(filtered, dir, sandbox)
        #expect(device.isStarted)
        let stack = try Devices.stack(of: device, sandbox)
        #expect(stack.servicesTopDown == ["toasterflt", "toaster"] && stack.className == "System")
        let (dir2, sandbox2) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir2) }
        var missing = TestDriverPackage()
        missing.extraSections = "[Dev.HW.AddReg]\nHKR,,LowerFilters,0x00010000,nosuchflt\n"
        let broken = try install(missing, dir2, sandbox2)
        #expect(broken.problem == 39 && broken.problemStatus == 0xC000_0034)
    }

    /// `AddFilter` in `DDInstall.Filters` ("Device filter driver ordering"): a positional filter joins the
    /// stack without an UpperFilters value; levels the .HW defines order the filters; a filter the
    /// system lacks keeps the device from starting. (A malformed AddFilter line is DK5022's: such a
    /// package is not staged.)
    @Test func declarativeFiltersJoinTheStackByLevel() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        var filtered = TestDriverPackage()
        filtered.modelsDecoration = "NTamd64.10.0...18362"   // .Filters is read from Windows 10 1903 on (DK4016)
        filtered.extraSections = """
            [Dev.HW.AddReg]
            HKR,,UpperFilterLevels,0x00010000,"Encryption","Monitoring"
            HKR,,UpperFilterDefaultLevel,,"Monitoring"

            [Dev.NT.Filters]
            AddFilter = monitor,, Monitor_Install
            AddFilter = crypt, 0, Crypt_Install
            AddFilter = gone,, Gone_Install

            [Monitor_Install]
            FilterPosition = Upper

            [Crypt_Install]
            FilterLevel = Encryption

            [Gone_Install]
            FilterLevel = Compression


            """ + Self.filterServices("monitor", "crypt")
        let device = try install(filtered, dir, sandbox)
        #expect(device.isStarted)
        let stack = try Devices.stack(of: device, sandbox)
        // Load order: Encryption, then the default level Monitoring; "gone" names a level nobody defined.
        #expect(stack.compoundUpperFilters == ["crypt", "monitor"] && stack.upperFilters.isEmpty)
        #expect(stack.servicesTopDown == ["monitor", "crypt", "toaster"])
        let log = try String(contentsOf: sandbox.systemDrive.appendingPathComponent("Windows/INF/setupapi.dev.log"), encoding: .utf8)
        #expect(log.contains("dvi: Filter crypt registered at level Encryption") && log.contains("dvi: Filter monitor registered as upper filter"))

        // A positional filter whose service is not installed: Code 39.
        let (dir2, sandbox2) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir2) }
        var missing = TestDriverPackage()
        missing.modelsDecoration = "NTamd64.10.0...18362"
        missing.extraSections = "[Dev.NT.Filters]\nAddFilter = nosuchflt,, Lower_Install\n[Lower_Install]\nFilterPosition = lower\n"
        let broken = try install(missing, dir2, sandbox2)
        let brokenStack = try Devices.stack(of: broken, sandbox2)
        #expect(broken.problem == 39 && brokenStack.compoundLowerFilters == ["nosuchflt"])
    }

    /// A class the machine lacks is installed from `[ClassInstall32]` (HKR = the class key) and its
    /// `.Services` companion ("INF ClassInstall32.Services Section").
    @Test func aNewClassGetsItsKeyAndItsServices() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        var package = TestDriverPackage()
        package.extraSections = """
            [ClassInstall32.NTamd64]
            AddReg = Class.AddReg

            [Class.AddReg]
            HKR,,,0,"Contoso Gadgets"

            [ClassInstall32.NTamd64.Services]
            AddService = gadgetbus,, Filter_Service


            """ + Self.filterServices("unused").replacingOccurrences(of: "[Dev.NT.Services]\nAddService = unused,, Filter_Service\n", with: "")
        package.text = package.inf.text
            .replacingOccurrences(of: "Class       = System", with: "Class       = ContosoGadget")
            .replacingOccurrences(of: "{4d36e97d-e325-11ce-bfc1-08002be10318}", with: "{5c7a7d25-4e9b-4b5b-9e1a-2f1b8e7c3d11}")
        let device = try install(package, dir, sandbox)
        #expect(device.isStarted)
        #expect(try value(sandbox, "Control\\Class\\{5c7a7d25-4e9b-4b5b-9e1a-2f1b8e7c3d11}", "")?.stringValue == "Contoso Gadgets")
        #expect(try value(sandbox, "Control\\Class\\{5c7a7d25-4e9b-4b5b-9e1a-2f1b8e7c3d11}", "Class")?.stringValue == "ContosoGadget")
        #expect(try value(sandbox, "Services\\gadgetbus", "Start")?.integerValue == 3)
    }

    /// Extension INFs ("Using an Extension INF File") go on top of a device's base driver, one per
    /// ExtensionId (the newest DriverVer), never as its driver and never with a function driver.
    @Test func extensionINFsApplyOnTopOfTheBaseDriver() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = "{3846ad8c-dd27-433d-ab89-453654cd542a}", b = "{9b1f2c44-0d5e-4e8a-9f31-6c2d7e8a1b20}"
        func applied() throws -> [String] { try sandbox.read { try ExtensionInstaller.applied(to: "ROOT\\TOASTER\\0000", $0.db).map(\.publishedName) } }
        func driverValue(_ name: String) throws -> UInt64? {
            let device = try Devices.device("ROOT\\TOASTER\\0000", sandbox)
            return try value(sandbox, "Control\\Class\\" + (device.driverKey ?? "none"), name)?.integerValue
        }
        // Alone, an extension installs on nothing: the device has no base driver.
        #expect(try install(TestDriverPackage.extensionINF(id: a, driverVer: "11/02/2026,1.0.0.0", setting: 1), dir, sandbox).problem == 28)
        let based = try install(TestDriverPackage(), dir, sandbox)
        #expect(based.isStarted && based.service == "toaster")
        #expect(try applied() == ["oem0.inf"] && driverValue("Setting") == 1)
        #expect(try value(sandbox, "Enum\\ROOT\\TOASTER\\0000\\Device Parameters", "Calibration")?.integerValue == 42)
        // A newer extension with the same ExtensionId takes its place; one with another ID adds to it,
        // with a service of its own (not the function driver).
        _ = try install(TestDriverPackage.extensionINF(id: a, driverVer: "11/03/2026,1.0.0.0", setting: 2), dir, sandbox)
        #expect(try applied() == ["oem2.inf"] && driverValue("Setting") == 2)
        func service(_ flags: String) -> String {
            "AddService = other, \(flags), Other_Service\n[Other_Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %12%\\other.sys\n"
        }
        // An extension that brings a function driver is not staged (DK5019, InfVerif 1383).
        #expect(throws: DriverStoreError.self) {
            _ = try install(TestDriverPackage.extensionINF(id: b, driverVer: "11/01/2026,1.0.0.0", setting: 3, services: service("0x00000002")), dir, sandbox)
        }
        let both = try install(TestDriverPackage.extensionINF(id: b, driverVer: "11/01/2026,1.0.0.0", setting: 3, settingName: "Other", services: service("0")), dir, sandbox)
        #expect(both.isStarted && both.service == "toaster")
        #expect(try applied() == ["oem2.inf", "oem3.inf"] && driverValue("Other") == 3)
        #expect(try value(sandbox, "Services\\other", "Start")?.integerValue == 3)
        // Deleting the newer extension of ID a: refused while applied; with /uninstall the older one returns.
        #expect(throws: DriverStoreError.self) { try DriverStore.delete("oem2.inf", uninstall: false, force: false, sandbox: sandbox) }
        let deleted = try DriverStore.delete("oem2.inf", uninstall: true, force: false, sandbox: sandbox)
        #expect(deleted.uninstalledFrom.map(\.instanceID) == ["ROOT\\TOASTER\\0000"])
        #expect(try applied() == ["oem0.inf", "oem3.inf"] && driverValue("Setting") == 1)
    }

    /// A sandbox made before declarative filters were kept gets their table when it is opened.
    @Test func anOlderSandboxGainsTheFilterTable() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        try sandbox.write { try $0.db.execute(sql: "DROP TABLE device_filter") }
        let reopened = try Sandbox.open(at: sandbox.root.path)
        #expect(try reopened.read { try $0.db.tableExists("device_filter") })
        #expect(try install(TestDriverPackage(), dir, reopened).isStarted)
    }

    /// Without levels the registry value's filters come first, then positional ones; with levels, both
    /// go to the default level (the last when none is named).
    @Test func filterListsMergeAsTheOrderingPageSays() {
        let filters: [(service: String, position: String?, level: String?)] = [("p", "upper", nil), ("a", nil, "A"), ("c", nil, "C"), ("l", "lower", nil)]
        #expect(DeviceStack.compound(legacy: ["r"], side: "upper", levels: [], defaultLevel: nil, filters) == ["r", "p"])
        #expect(DeviceStack.compound(legacy: ["r"], side: "upper", levels: ["A", "B", "C"], defaultLevel: "b", filters) == ["a", "r", "p", "c"])
        #expect(DeviceStack.compound(legacy: ["r"], side: "upper", levels: ["A", "C"], defaultLevel: nil, filters) == ["a", "r", "p", "c"])
        #expect(DeviceStack.compound(legacy: [], side: "lower", levels: [], defaultLevel: nil, filters) == ["l"])
        var stack = DeviceStack()
        stack.upperClassFilters = ["uc1", "uc2"]; stack.compoundUpperFilters = ["u1", "u2"]; stack.function = "f"
        stack.lowerClassFilters = ["lc"]; stack.compoundLowerFilters = ["l1", "l2"]
        #expect(stack.servicesTopDown == ["uc2", "uc1", "u2", "u1", "f", "lc", "l2", "l1"])
    }

    @Test func disablingIsCode22AndEnablingRestartsTheDevice() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try install(TestDriverPackage(), dir, sandbox)
        let disabled = try Devices.setDisabled(true, "ROOT\\TOASTER\\0000", sandbox: sandbox)
        #expect(disabled.problem == 22 && !disabled.isStarted)
        #expect(try value(sandbox, "Enum\\ROOT\\TOASTER\\0000", "ConfigFlags")?.integerValue == 0x1)
        #expect(try Devices.setDisabled(false, "ROOT\\TOASTER\\0000", sandbox: sandbox).isStarted)
    }

    @Test func aNewerVersionReplacesTheDriverInItsKeyAndABootDriverNeedsAReboot() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        var v1 = TestDriverPackage()
        v1.startType = 0
        let first = try install(v1, dir, sandbox)
        #expect(first.isStarted && !first.rebootNeeded)
        var v2 = v1
        v2.driverVer = "11/20/2026,2.0.0.0"
        let second = try install(v2, dir, sandbox)
        #expect(second.driverKey == first.driverKey && second.packageID != first.packageID)
        #expect(second.rebootNeeded && !second.isStarted)
        #expect(try value(sandbox, "Control\\Class\\" + second.driverKey!, "DriverVersion")?.stringValue == "2.0.0.0")
        // Reinstalling the same package changes nothing: it is already the current driver.
        let again = try Devices.installDrivers(onlyPackage: second.packageID, sandbox: sandbox)
        #expect(again.installed.isEmpty)
    }

    @Test func componentsBecomeChildDevicesAndSoftwareIsRecorded() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        var package = TestDriverPackage()
        package.modelsDecoration = "NTamd64.10.0...15063"   // .Components and .Software: Windows 10 1703 on (DK4016)
        package.extraSections = """
            [Dev.NT.Components]
            AddComponent = ToasterControl,, Control_Install

            [Control_Install]
            ComponentIDs = VID_1234&PID_5678&CONTROL
            Description = %Desc%

            [Dev.NT.Software]
            AddSoftware = ToasterApp,, App_Install

            [App_Install]
            SoftwareType = 2
            SoftwareID = pfn://Contoso.ToasterApp_abcdefghijklm

            """
        let parent = try install(package, dir, sandbox)
        let child = try Devices.device("SWD\\DRIVERENUM\\TOASTERCONTROL#ROOT#TOASTER#0000", sandbox)
        #expect(child.hardwareIDs == ["SWC\\VID_1234&PID_5678&CONTROL"] && child.parent == parent.instanceID)
        #expect(child.description == "Contoso Toaster" && child.problem == 28)
        let log = try String(contentsOf: sandbox.systemDrive.appendingPathComponent("Windows/INF/setupapi.dev.log"), encoding: .utf8)
        #expect(log.contains("Software component 'ToasterControl'") && log.contains("AddSoftware 'ToasterApp' (SoftwareType 2) recorded"))
        // Removing the parent with its subtree removes the component too.
        _ = try Devices.remove(parent.instanceID, subtree: true, sandbox: sandbox)
        #expect(try Devices.all(sandbox).isEmpty)
    }

    /// AddFilter, AddEventProvider, AddComServer and AddTrigger are not modelled yet: each line is reported
    /// as skipped, with its place, rather than dropped in silence.
    @Test func declarativeDirectivesTheSandboxDoesNotModelAreReported() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        var package = TestDriverPackage()
        package.modelsDecoration = "NTamd64.10.0...26100"   // .COM: Windows 11 24H2 on (DK4016)
        package.extraSections = """
            AddTrigger = Svc.Trigger

            [Svc.Trigger]
            Type = 1
            Action = 1
            SubType = {6f1373c7-eec8-495c-bfe5-1270336368df}

            [Dev.NT.Events]
            AddEventProvider = {35356277-0b54-43da-b324-671006d74759}, Provider_Install

            [Provider_Install]
            ProviderName = Contoso
            ResourceFile = %13%\\toaster.sys

            [Dev.NT.COM]
            AddComServer = ToasterServer,, Server_Install

            [Server_Install]
            ServerType = 1
            ServerBinary = %13%\\toaster.sys   ; the package's one file
            AddComClass = {bb2b85ab-9473-42e5-8d1a-0f01d3879879}

            """
        let device = try install(package, dir, sandbox)
        #expect(device.isStarted)
        let log = try String(contentsOf: sandbox.systemDrive.appendingPathComponent("Windows/INF/setupapi.dev.log"), encoding: .utf8)
        for expected in ["AddTrigger is not applied", "AddEventProvider in [Dev.NT.Events] is not applied",
                         "AddComServer in [Dev.NT.COM] is not applied"] {
            #expect(log.contains(expected), "\(expected)")
        }
    }

    @Test func removingADeviceRemovesItsKeysButNotTheService() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let device = try install(TestDriverPackage(), dir, sandbox)
        _ = try Devices.remove(device.instanceID, sandbox: sandbox)
        #expect(try sandbox.read { try $0.key(RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Enum\\ROOT\\TOASTER\\0000")!) } == nil)
        #expect(try sandbox.read { try $0.key(RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\" + device.driverKey!)!) } == nil)
        #expect(try value(sandbox, "Services\\toaster", "Type") != nil)
        #expect(try Devices.all(sandbox).isEmpty)
    }
}
