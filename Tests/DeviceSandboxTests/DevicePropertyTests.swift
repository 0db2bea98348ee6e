import Foundation
import Testing
import TestSupport
@testable import DeviceSandbox
import INFModel

/// AddProperty and DelProperty in a device's DDInstall section: properties under the device's
/// `Enum\…\Properties` key, changed by a driver update as the flags say.
struct DevicePropertyTests {
    static let custom = "{c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e}"
    static let enumKey = "HKLM\\SYSTEM\\CurrentControlSet\\Enum\\ROOT\\TOASTER\\0000\\Properties\\"

    /// A Root\Toaster package of `version` whose `[Dev.NT]` also runs `directives` (sections merge).
    static func package(version: String, _ directives: String) -> TestDriverPackage {
        var package = TestDriverPackage()
        package.driverVer = "11/0\(version.prefix(1))/2026,\(version)"
        package.extraSections = "[Dev.NT]\n" + directives
        return package
    }

    /// A sandbox in a new temporary folder (the caller removes the folder).
    static func newSandbox() throws -> (URL, Sandbox) {
        let dir = try CommandRunner.temporaryDirectory()
        return (dir, try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: "win11-24h2-x64"))
    }

    /// Stages and installs `package` on Root\Toaster (test-signed, trusted, Test Mode); the install log.
    func install(_ package: TestDriverPackage, _ dir: URL, _ sandbox: Sandbox) throws -> [String] {
        let inf = try package.build(in: dir, folder: "pkg-\(UUID().uuidString)", signer: TestDriverPackage.signer)
        let staged = try DriverStore.add(infPath: inf, sandbox: sandbox)
        return try Devices.installDrivers(onlyPackage: staged.package.id, sandbox: sandbox).log
    }

    func property(_ sandbox: Sandbox, _ subkey: String) throws -> RegistryValue? {
        try sandbox.read { try $0.value(RegistryPath(Self.enumKey + subkey)!, "") }
    }

    @Test func addPropertySetsAndAnUpdateChangesAndDeletesProperties() throws {
        let (dir, sandbox) = try Self.newSandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        for store in ["Root", "TrustedPublisher"] { try TrustStore.add(file: TestDriverPackage.signerPEM(in: dir), store: store, sandbox: sandbox) }
        try sandbox.enterTestMode()
        try Devices.add(hardwareIDs: ["Root\\Toaster"], description: "Toaster", sandbox: sandbox)
        let g = Self.custom

        let first = try install(Self.package(version: "1.0.0.0", """
            AddProperty = Dev.Props
            [Dev.Props]
            DeviceModel,,,,"Toaster 3000"
            GenericDriverInstalled,,,,1
            \(g), 2, 0x2012,, "one", "two"
            \(g), 3, 7,, 5
            \(g), 4, 18,, "stale"

            """), dir, sandbox)
        let model = try #require(try property(sandbox, "{cf73bb51-3abf-44a2-85e0-9a3dc7a12132}\\0002"))
        #expect(model.type == 0xFFFF_0012 && model.stringValue == "Toaster 3000")
        #expect(try property(sandbox, "{a8b865dd-2e3d-4094-ad97-e593a70c75d6}\\0012")?.data == [0xFF])
        #expect(try property(sandbox, "\(g)\\0002")?.multiStringValue == ["one", "two"])
        #expect(try property(sandbox, "\(g)\\0003")?.data == [5, 0, 0, 0])
        #expect(try property(sandbox, "\(g)\\0004")?.type == 0xFFFF_0012)
        #expect(!first.contains { $0.contains("!!!") })

        _ = try install(Self.package(version: "2.0.0.0", """
            DelProperty = Dev.Stale
            AddProperty = Dev.Props
            [Dev.Stale]
            \(g), 4
            \(g), 2, 0x1, "ONE"
            [Dev.Props]
            DeviceModel,,,0x1,"Toaster 4000"
            \(g), 2, 0x2012, 0x4, "two", "three"
            \(g), 3, 7, 0x8, 0x10
            \(g), 5, 7, 0x2, 1

            """), dir, sandbox)
        #expect(try property(sandbox, "{cf73bb51-3abf-44a2-85e0-9a3dc7a12132}\\0002")?.stringValue == "Toaster 3000")   // NOCLOBBER
        #expect(try property(sandbox, "\(g)\\0002")?.multiStringValue == ["two", "three"])   // "one" deleted, "two" not appended twice
        #expect(try property(sandbox, "\(g)\\0003")?.data == [0x15, 0, 0, 0])   // 5 | 0x10
        #expect(try property(sandbox, "\(g)\\0004") == nil)   // deleted
        #expect(try property(sandbox, "\(g)\\0005") == nil)   // OVERWRITEONLY on a property that is not there
    }

    @Test func propertiesOutsideADeviceAreReportedNotApplied() throws {
        let (dir, sandbox) = try Self.newSandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inf = dir.appendingPathComponent("props.inf")
        try """
            [Version]
            Signature = "$Windows NT$"
            [DefaultInstall.NT]
            AddProperty = Props
            [Props]
            DeviceModel,,,,"Model"
            """.write(to: inf, atomically: true, encoding: .utf8)
        let result = try InstallEngine.installSection("DefaultInstall", infPath: inf.path, hkr: nil, sandbox: sandbox)
        #expect(result.diagnostics.map(\.message) == ["AddProperty in [DefaultInstall.NT] is not applied by this version of drvkit's sandbox, which models device instance properties only; [Props] is skipped"])
        #expect(result.diagnostics.first?.line == 4)
    }

    @Test func aLineWindowsCannotReadIsSkippedAndTheOthersApply() throws {
        let (dir, sandbox) = try Self.newSandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let document = INFDocument("""
            [Version]
            Signature = "$Windows NT$"
            [Dev.NT]
            AddProperty = Props
            [Props]
            DeviceColour,,,,"red"
            DeviceModel,,,,"Model"
            """)
        let context = InstallContext(document: document, infPath: "props.inf", hkr: nil)
        let owner = RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Enum\\ROOT\\TOASTER\\0000")!
        context.propertyOwner = owner
        try sandbox.write { registry in try PropertyHandler.apply(in: "Dev.NT", context, registry) }
        #expect(context.diagnostics.map { "\($0.line):\($0.column)" } == ["6:1"])
        #expect(context.diagnostics.first?.message.hasSuffix("; line skipped") == true)
        #expect(try property(sandbox, "{cf73bb51-3abf-44a2-85e0-9a3dc7a12132}\\0002")?.stringValue == "Model")
    }
}
