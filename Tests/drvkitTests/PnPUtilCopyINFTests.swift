import Foundation
import Testing
import TestSupport
@testable import WindowsTools

/// `pnputil /add-driver` of a package whose CopyINF names an INF that cannot be staged: the package
/// is added, and a warning names the CopyINF package and why.
struct PnPUtilCopyINFTests {
    @Test func aCopyINFPackageThatCannotBeStagedIsAWarning() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try EchoPackage.source(dir.appendingPathComponent("copyinf")) {
            $0.replacingOccurrences(of: "[Echo_Device.NT]\n", with: "[Echo_Device.NT]\nCopyINF = child.inf\n")
        }
        // child.inf ships in the package (echo.cat covers it), but its own catalog is gone from the folder.
        try "[Version]\nSignature = \"$Windows NT$\"\nClass = Sample\nClassGuid = {78A1C341-4539-11d3-B88D-00C04FAD5171}\nProvider = Contoso\nCatalogFile = child.cat\nDriverVer = 11/20/2026,1.0.0.0\n"
            .write(to: source.deletingLastPathComponent().appendingPathComponent("child.inf"), atomically: true, encoding: .utf8)
        let signer = (cert: ToolFixtures.built.cert, key: ToolFixtures.built.dir.appendingPathComponent("test.key").path)
        let inf = try EchoPackage.build(source, into: dir, name: "pkg", signer: signer)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("pkg/child.inf").path))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("pkg/child.cat"))
        let add = PnPUtil.run(["--sandbox", sb, "/add-driver", inf])
        #expect(add.exitCode == 0)
        #expect(add.output.contains("Published Name:         oem0.inf\nWarning: CopyINF package child.inf was not added: The third-party INF does not contain digital signature information.\n"),
                "\(add.output)")
        #expect(PnPUtil.run(["--sandbox", sb, "/enum-drivers"]).output.components(separatedBy: "Published Name:").count == 2)
    }

    /// A package built with its CopyINF package (in a subfolder, with its own catalog) stages both.
    @Test func aBuiltCopyINFPackageIsStagedWithoutAWarning() throws {
        let (dir, sb) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try PackageCopyINFTests().source(dir.appendingPathComponent("copyinf"), copied: "comp\\comp.inf", catalog: "comp.cat")
        let signer = (cert: ToolFixtures.built.cert, key: ToolFixtures.built.dir.appendingPathComponent("test.key").path)
        let inf = try EchoPackage.build(source, into: dir, name: "pkg", signer: signer)
        let add = PnPUtil.run(["--sandbox", sb, "/add-driver", inf])
        #expect(add.exitCode == 0)
        #expect(!add.output.contains("Warning"), "\(add.output)")
        let drivers = PnPUtil.run(["--sandbox", sb, "/enum-drivers"]).output
        #expect(drivers.contains("Original Name:      comp.inf") && drivers.contains("Original Name:      echo.inf"), "\(drivers)")
    }
}
