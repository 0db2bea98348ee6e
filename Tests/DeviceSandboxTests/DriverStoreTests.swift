import Foundation
import Testing
import TestSupport
@testable import DeviceSandbox

/// Staging, publishing and deleting driver packages (installer.md §2).
struct DriverStoreTests {
    func setUp(machine: String = "win11-24h2-x64") throws -> (URL, Sandbox) {
        let dir = try CommandRunner.temporaryDirectory()
        let sandbox = try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: machine)
        try sandbox.bootWithoutSignatureEnforcement()   // unsigned test packages install (after a warning)
        return (dir, sandbox)
    }

    @Test func stagingPublishesTheLowestFreeOemNameAndReusesAnIdenticalPackage() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try DriverStore.add(infPath: TestDriverPackage().build(in: dir, folder: "a", signer: nil), sandbox: sandbox)
        #expect(first.package.publishedName == "oem0.inf" && !first.alreadyExisted)
        #expect(first.package.folder.range(of: #"^toaster\.inf_amd64_[0-9a-f]{16}$"#, options: .regularExpression) != nil)
        for file in ["toaster.inf", "toaster.cat", "toaster.sys"] {
            #expect(FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent(first.package.storeRelativePath + "/" + file).path))
        }
        #expect(FileManager.default.contents(atPath: sandbox.systemDrive.appendingPathComponent("Windows/INF/oem0.inf").path)
                == FileManager.default.contents(atPath: dir.appendingPathComponent("a/toaster.inf").path))
        // The same package again: same folder and name.
        let again = try DriverStore.add(infPath: dir.appendingPathComponent("a/toaster.inf").path, sandbox: sandbox)
        #expect(again.alreadyExisted && again.package.publishedName == "oem0.inf" && again.package.folder == first.package.folder)
        // Different contents: a new folder and the next name; after deleting oem0, it is free again.
        var newer = TestDriverPackage()
        newer.driverVer = "11/02/2026,1.0.0.1"
        let second = try DriverStore.add(infPath: newer.build(in: dir, folder: "b", signer: nil), sandbox: sandbox)
        #expect(second.package.publishedName == "oem1.inf" && second.package.folder != first.package.folder)
        _ = try DriverStore.delete("oem0.inf", uninstall: false, force: false, sandbox: sandbox)
        #expect(!FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent(first.package.storeRelativePath).path))
        #expect(!FileManager.default.fileExists(atPath: sandbox.systemDrive.appendingPathComponent("Windows/INF/oem0.inf").path))
        var third = TestDriverPackage()
        third.driverVer = "11/03/2026,1.0.0.2"
        #expect(try DriverStore.add(infPath: third.build(in: dir, folder: "c", signer: nil), sandbox: sandbox).package.publishedName == "oem0.inf")
    }

    @Test func linterErrorsRefuseThePackageWithTheFinding() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inf = try TestDriverPackage().build(in: dir, folder: "a", signer: nil)
        let text = try String(contentsOfFile: inf, encoding: .utf8).replacingOccurrences(of: "11/01/2026,1.0.0.0", with: "13/45/2026,1.0.0.0")
        try text.write(toFile: inf, atomically: true, encoding: .utf8)
        #expect { try DriverStore.add(infPath: inf, sandbox: sandbox) } throws: { error in
            guard let e = error as? DriverStoreError else { return false }
            return e.details.contains { $0.contains("toaster.inf:7:") && $0.contains("DK2011") }
        }
        #expect(try DriverStore.packages(sandbox).isEmpty)
    }

    @Test func aPackageWithoutACatalogOrWithAChangedFileIsRefused() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inf = try TestDriverPackage().build(in: dir, folder: "a", signer: nil)
        let sys = dir.appendingPathComponent("a/toaster.sys")
        var bytes = [UInt8](try Data(contentsOf: sys))
        bytes[bytes.count - 1] ^= 0xFF
        try Data(bytes).write(to: sys)
        #expect { try DriverStore.add(infPath: inf, sandbox: sandbox) } throws: { ($0 as? DriverStoreError)?.win32Error == DriverStoreError.hashNotInCatalog }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("a/toaster.cat"))
        #expect { try DriverStore.add(infPath: inf, sandbox: sandbox) } throws: { ($0 as? DriverStoreError)?.win32Error == DriverStoreError.noCatalog }
        #expect(try DriverStore.packages(sandbox).isEmpty)
        #expect((try FileManager.default.contentsOfDirectory(atPath: sandbox.systemDrive.appendingPathComponent("Windows/System32/DriverStore/FileRepository").path)).isEmpty)
    }

    @Test func deletingAPackageInUseNeedsUninstallOrForce() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = try DriverStore.add(infPath: TestDriverPackage().build(in: dir, folder: "a", signer: nil), sandbox: sandbox)
        var v2 = TestDriverPackage()
        v2.driverVer = "11/05/2026,2.0.0.0"
        let new = try DriverStore.add(infPath: v2.build(in: dir, folder: "b", signer: nil), sandbox: sandbox)
        try Devices.add(hardwareIDs: ["Root\\Toaster"], sandbox: sandbox)
        _ = try Devices.installDrivers(sandbox: sandbox)
        #expect(try Devices.device("ROOT\\TOASTER\\0000", sandbox).packageID == new.package.id)   // the newer date wins
        #expect { try DriverStore.delete("oem1.inf", uninstall: false, force: false, sandbox: sandbox) } throws: {
            ($0 as? DriverStoreError)?.win32Error == DriverStoreError.inUse
        }
        // /uninstall: the device falls back to the next best driver.
        let deleted = try DriverStore.delete("oem1.inf", uninstall: true, force: false, sandbox: sandbox)
        #expect(deleted.uninstalledFrom.map(\.instanceID) == ["ROOT\\TOASTER\\0000"])
        #expect(try Devices.device("ROOT\\TOASTER\\0000", sandbox).packageID == old.package.id)
        // /force: deleted while in use; the device keeps its installed driver.
        _ = try DriverStore.delete("oem0.inf", uninstall: false, force: true, sandbox: sandbox)
        let device = try Devices.device("ROOT\\TOASTER\\0000", sandbox)
        #expect(device.packageID == nil && device.driverKey != nil)
        #expect(try DriverStore.packages(sandbox).isEmpty)
        #expect { try DriverStore.delete("oem7.inf", uninstall: false, force: false, sandbox: sandbox) } throws: {
            ($0 as? DriverStoreError)?.win32Error == DriverStoreError.notInstalledOEM
        }
    }
}
