import Testing
@testable import INFModel

struct TypedModelTests {
    static let inf = """
        [Version]
        Signature   = "$Windows NT$"
        Class       = Ports
        ClassGuid   = {4D36E978-E325-11CE-BFC1-08002BE10318}
        Provider    = %Mfg%
        CatalogFile = plain.cat
        CatalogFile.NTamd64 = amd64.cat
        DriverVer   = 7/4/2024,1.2.3.4
        PnpLockdown = 1

        [Manufacturer]
        %Mfg% = Models, NTx86, NTamd64, NTamd64.10.0...16299, NTarm64.10.0.1

        [Models.NTx86]
        %Dev% = Dev_Install, USB\\VID_1234&PID_0001
        [Models.NTamd64]
        %Dev% = Dev_Install, USB\\VID_1234&PID_0001, USB\\Class_02
        [Models.NTamd64.10.0...16299]
        %Dev% = Dev_Install, USB\\VID_1234&PID_0002
        [Models.NTarm64.10.0.1]
        %Dev% = Dev_Install, USB\\VID_1234&PID_0003

        [Dev_Install.NT]
        CopyFiles = Dev.Files, @extra.dll
        AddReg = A1, A2
        Include = machine.inf
        Needs = PCI.Install
        [Dev_Install.NTamd64]
        CopyFiles = Dev.Files
        [Dev_Install.NTamd64.HW]
        AddReg = Dev.HW.AddReg
        [Dev_Install.NTamd64.Services]
        AddService = devsvc, 0x00000002, Dev.Service
        [Dev.Service]
        DisplayName = %Dev%
        ServiceType = 1
        StartType = 3
        ErrorControl = 1
        ServiceBinary = %13%\\dev.sys
        [Dev.HW.AddReg]
        HKR,,DeviceType,0x10001,0x22
        HKR,Sub,Name,0x00010000,"a","b"
        HKLM,System\\X,,,
        [Dev.Files]
        dev.sys,,,0x4000
        [DestinationDirs]
        DefaultDestDir = 13
        Dev.Files = 12, sub
        [SourceDisksNames]
        1 = %Disk%,,,\\x86
        [SourceDisksNames.amd64]
        1 = %Disk%,,,\\amd64
        [SourceDisksFiles]
        dev.sys = 1
        [SourceDisksFiles.amd64]
        dev.sys = 1,amd64dir
        [Strings]
        Mfg = "Contoso"
        Dev = "Contoso Device"
        Disk = "Disk 1"
        """

    let document = INFDocument(inf)

    @Test func versionSection() throws {
        let v = document.version
        #expect(v.signature?.value == "$Windows NT$")
        #expect(v.class?.value == "Ports")
        #expect(v.provider?.value == "Contoso")
        #expect(v.pnpLockdown?.value == "1")
        #expect(v.catalogFile(for: .amd64)?.file.value == "amd64.cat")
        #expect(v.catalogFile(for: .arm64)?.file.value == "plain.cat")
        let driverVer = try #require(v.driverVer?.value)
        #expect(driverVer.isoDate == "2024-07-04")
        #expect(driverVer.version == [1, 2, 3, 4])
    }

    @Test(arguments: [
        ("7/4/2024", "1.2.3.4", true), ("07/04/2024", "1.2", true), ("13/01/2024", nil, false),
        ("02/30/2024", nil, false), ("02/29/2024", nil, true), ("02/29/2023", nil, false),
        ("2024-07-04", nil, false), ("07/04/24", nil, false), ("07/04/2024", "1.2.3.65536", false),
        ("07/04/2024", "1.2.3.4.5", false), ("07/04/2024", "a.b", false),
    ] as [(String, String?, Bool)])
    func driverVerParsing(_ date: String, _ version: String?, _ valid: Bool) {
        let parsed = DriverVer.parse(date: date, version: version)
        #expect(((try? parsed.get()) != nil) == valid)
    }

    @Test func driverVerOrdersByDateThenVersion() throws {
        let a = try DriverVer.parse(date: "01/01/2024", version: "9.0.0.0").get()
        let b = try DriverVer.parse(date: "01/02/2024", version: "1.0.0.0").get()
        let c = try DriverVer.parse(date: "01/02/2024", version: "1.0.0.1").get()
        #expect(a < b && b < c)
    }

    @Test func decorations() throws {
        let d = try #require(TargetOSVersion("NTamd64.10.0...16299"))
        #expect(d.architecture == .amd64 && d.majorVersion == 10 && d.minorVersion == 0 && d.buildNumber == 16299)
        #expect(d.productType == nil && d.suiteMask == nil)
        #expect(TargetOSVersion("NT")?.architecture == nil)
        #expect(TargetOSVersion("NTfoo") == nil)
        #expect(TargetOSVersion("amd64") == nil)
        #expect(TargetOSVersion("NTamd64.x") == nil)
        let template = try #require(TargetOSVersion("NT$ARCH$.10.0...16299"))
        #expect(template.isArchitecturePlaceholder && template.architecture == nil)
        #expect(template.matches(.windows10(.arm64), archlessMatchesAnyArchitecture: false))
        let server = TargetPlatform(architecture: .amd64, buildNumber: 20348, productType: 3)
        #expect(TargetOSVersion("NTamd64.10.0.3")!.matches(server, archlessMatchesAnyArchitecture: false))
        #expect(!TargetOSVersion("NTamd64.10.0.1")!.matches(server, archlessMatchesAnyArchitecture: false))
        // Before build 14310 a decoration with a build number is not parsed at all ("INF Manufacturer Section").
        let rtm = TargetPlatform(architecture: .amd64, buildNumber: 10240)
        #expect(!TargetOSVersion("NTamd64.10.0...10240")!.matches(rtm, archlessMatchesAnyArchitecture: false))
        #expect(TargetOSVersion("NTamd64.10.0")!.matches(rtm, archlessMatchesAnyArchitecture: false))
        #expect(TargetOSVersion("NTamd64.10.0...10240")!.matches(.windows10(.amd64), archlessMatchesAnyArchitecture: false))
    }

    /// The companions newer Windows added, from each section's Microsoft page.
    @Test func companionsAreReadFromTheirRelease() {
        let v1809 = TargetPlatform(architecture: .amd64, buildNumber: 17763)
        #expect(DDInstall.Companion.events.isRead(on: v1809) && !DDInstall.Companion.filters.isRead(on: v1809))
        #expect(DDInstall.Companion.components.isRead(on: v1809) && !DDInstall.Companion.com.isRead(on: v1809))
        #expect(DDInstall.Companion.hw.isRead(on: TargetPlatform(architecture: .amd64, majorVersion: 6, minorVersion: 1, buildNumber: 7601)))
        #expect(DDInstall.Companion.filters.introduced?.release == "Windows 10 1903")
    }

    @Test func modelsSectionChoice() {
        let mfg = document.manufacturers
        #expect(mfg.count == 1 && mfg[0].name == "Contoso")
        #expect(mfg[0].modelsSectionName(for: .windows10(.amd64)) == "Models.NTamd64.10.0...16299")
        let win81 = TargetPlatform(architecture: .amd64, majorVersion: 6, minorVersion: 3, buildNumber: 9600)
        #expect(mfg[0].modelsSectionName(for: win81) == "Models.NTamd64")
        #expect(mfg[0].modelsSectionName(for: .windows10(.x86)) == "Models.NTx86")
        #expect(mfg[0].modelsSectionName(for: .windows10(.arm64)) == "Models.NTarm64.10.0.1")
        #expect(mfg[0].modelsSectionName(for: TargetPlatform(architecture: .arm64, buildNumber: 19045, productType: 3)) == nil)
        let models = document.models(for: .windows10(.amd64))
        #expect(models.map(\.hardwareID) == ["USB\\VID_1234&PID_0002"])
        let older = document.models(inSection: "Models.NTamd64")
        #expect(older.first?.compatibleIDs == ["USB\\Class_02"])
        #expect(document.allModels.count == 4)
    }

    @Test func undecoratedManufacturerInstallsNothingOffX86() {
        let doc = INFDocument("[Version]\nSignature=$Windows NT$\n[Manufacturer]\nM=Models\n[Models]\nD=I,ID\n")
        #expect(doc.models(for: .windows10(.x86)).count == 1)
        #expect(doc.models(for: .windows10(.amd64)).isEmpty)
    }

    @Test func installSectionChoiceAndCompanions() throws {
        let amd64 = try #require(document.installSection("Dev_Install", for: .windows10(.amd64)))
        #expect(amd64.sectionName == "Dev_Install.NTamd64")
        #expect(document.lines(of: .hw, of: amd64).count == 1)
        let x86 = try #require(document.installSection("dev_install", for: .windows10(.x86)))
        #expect(x86.sectionName == "Dev_Install.NT")
        #expect(document.installSection("Missing", for: .windows10(.x86)) == nil)
    }

    @Test func directives() {
        let copy = document.references("CopyFiles", in: "Dev_Install.NT").map { CopyFilesItem($0.value) }
        #expect(copy == [.section("Dev.Files"), .file("extra.dll")])
        #expect(document.references("AddReg", in: "Dev_Install.NT").map(\.value) == ["A1", "A2"])
        #expect(document.includes(in: "Dev_Install.NT").map(\.value) == ["machine.inf"])
        #expect(document.needs(in: "Dev_Install.NT").map(\.value) == ["PCI.Install"])
    }

    @Test func registryEntries() {
        let entries = document.registryEntries(inSection: "Dev.HW.AddReg")
        #expect(entries.count == 3)
        #expect(entries[0].root == .hkr && entries[0].valueName == "DeviceType")
        #expect(entries[0].flags == 0x10001 && entries[0].valueType == .dword && entries[0].data == ["0x22"])
        #expect(entries[1].valueType == .multiString && entries[1].data == ["a", "b"])
        #expect(entries[2].root == .hklm && entries[2].subkey == "System\\X" && entries[2].valueName == "")
    }

    @Test func services() throws {
        let services = document.addServices(in: "Dev_Install.NTamd64.Services")
        #expect(services.count == 1 && services[0].serviceName == "devsvc" && services[0].isFunctionDriver)
        let section = try #require(document.serviceInstallSection(services[0].installSection ?? ""))
        #expect(section.isKernelDriver && !section.isBootStart)
        #expect(section.serviceBinary?.value == "%13%\\dev.sys")
        #expect(section.displayName?.value == "Contoso Device")
    }

    @Test func filesAndDisks() {
        #expect(document.fileCopyEntries(inSection: "Dev.Files").first?.flags == 0x4000)
        #expect(document.destination(forFileList: "Dev.Files")?.dirid == 12)
        #expect(document.destination(forFileList: "Other")?.dirid == 13)
        #expect(document.sourceDisksFiles(for: .amd64)["dev.sys"]?.subdirectory == "amd64dir")
        #expect(document.sourceDisksFiles(for: .x86)["dev.sys"]?.subdirectory == "")
        #expect(document.sourceDisks(for: .amd64)["1"]?.path == "\\amd64")
        #expect(document.sourceDisks(for: .x86)["1"]?.description == "Disk 1")
    }

    @Test(arguments: [("0x10", UInt32(16)), ("010", 8), ("48", 48), ("", 0), ("-1", 0xFFFF_FFFF), ("0x", nil), ("12a", nil)] as [(String, UInt32?)])
    func integers(_ text: String, _ value: UInt32?) {
        #expect(IntegerField.parse(text) == value)
    }
}
