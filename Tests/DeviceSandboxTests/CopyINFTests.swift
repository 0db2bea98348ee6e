import Foundation
import Testing
import TestSupport
@testable import DeviceSandbox

/// CopyINF (Windows Vista and later): importing a package stages the packages its CopyINF
/// directives name, from the INF's folder, as packages of their own.
struct CopyINFTests {
    func setUp() throws -> (URL, Sandbox) {
        let dir = try CommandRunner.temporaryDirectory()
        let sandbox = try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: "win11-24h2-x64")
        try sandbox.bootWithoutSignatureEnforcement()   // unsigned test packages install (after a warning)
        return (dir, sandbox)
    }

    /// `main`, whose DDInstall names `copied` with CopyINF, built into `dir/main` from a source
    /// folder that holds the `component` package's INF and files (`package build` builds the
    /// component's package into the folder too, as a multi-INF package folder has them).
    func buildMain(copying copied: String, in dir: URL, component: TestDriverPackage?) throws -> String {
        let manager = FileManager.default
        if let component {
            let inf = URL(fileURLWithPath: try component.build(in: dir, folder: "child", signer: nil))
            try manager.createDirectory(at: dir.appendingPathComponent("main-src"), withIntermediateDirectories: true)
            for file in try manager.contentsOfDirectory(at: inf.deletingLastPathComponent(), includingPropertiesForKeys: nil) {
                let name = file.lastPathComponent == inf.lastPathComponent ? copied : file.lastPathComponent
                try manager.copyItem(at: file, to: dir.appendingPathComponent("main-src/" + name))
            }
        }
        var main = TestDriverPackage()
        main.name = "mainfn"
        main.extraSections = "[Dev.NT]\nCopyINF = \(copied)\n"
        return try main.build(in: dir, folder: "main", signer: nil)
    }

    @Test func theNamedPackageIsStagedToo() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        var component = TestDriverPackage()
        component.name = "child"
        component.hardwareIDs = ["Root\\Child"]
        let added = try DriverStore.add(infPath: buildMain(copying: "child.inf", in: dir, component: component), sandbox: sandbox)
        #expect(added.package.originalName == "mainfn.inf" && added.copyINFFailures.isEmpty)
        #expect(added.copiedPackages.map(\.package.originalName) == ["child.inf"])
        #expect(Set(try DriverStore.packages(sandbox).map(\.originalName)) == ["mainfn.inf", "child.inf"])
        // Importing again finds both in the store.
        let again = try DriverStore.add(infPath: dir.appendingPathComponent("main/mainfn.inf").path, sandbox: sandbox)
        #expect(again.alreadyExisted && again.copiedPackages.allSatisfy(\.alreadyExisted))
        #expect(try DriverStore.packages(sandbox).count == 2)
    }

    @Test func aCopyINFPackageThatCannotBeStagedIsReportedAndTheImportStands() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        var component = TestDriverPackage()
        component.name = "child"
        let inf = try buildMain(copying: "child.inf", in: dir, component: component)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("main/child.cat"))   // the component's own catalog
        let added = try DriverStore.add(infPath: inf, sandbox: sandbox)
        #expect(added.copiedPackages.isEmpty)
        #expect(added.copyINFFailures.map { URL(fileURLWithPath: $0.infPath).lastPathComponent } == ["child.inf"])
        #expect(try DriverStore.packages(sandbox).map(\.originalName) == ["mainfn.inf"])
    }

    @Test func anINFThatCopiesItselfIsStagedOnce() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let added = try DriverStore.add(infPath: buildMain(copying: "mainfn.inf", in: dir, component: nil), sandbox: sandbox)
        #expect(added.copiedPackages.isEmpty && added.copyINFFailures.isEmpty)
        #expect(try DriverStore.packages(sandbox).count == 1)
    }
}
