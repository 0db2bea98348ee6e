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
        // child.inf ships in the package (echo.cat covers it) but has no catalog of its own.
        try "[Version]\nSignature = \"$Windows NT$\"\nClass = Sample\nClassGuid = {78A1C341-4539-11d3-B88D-00C04FAD5171}\nProvider = Contoso\nDriverVer = 11/20/2026,1.0.0.0\n"
            .write(to: source.deletingLastPathComponent().appendingPathComponent("child.inf"), atomically: true, encoding: .utf8)
        let signer = (cert: ToolFixtures.built.cert, key: ToolFixtures.built.dir.appendingPathComponent("test.key").path)
        let inf = try EchoPackage.build(source, into: dir, name: "pkg", signer: signer)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("pkg/child.inf").path))
        let add = PnPUtil.run(["--sandbox", sb, "/add-driver", inf])
        #expect(add.exitCode == 0)
        #expect(add.output.contains("Published Name:         oem0.inf\nWarning: CopyINF package child.inf was not added: The third-party INF does not contain digital signature information.\n"),
                "\(add.output)")
        #expect(PnPUtil.run(["--sandbox", sb, "/enum-drivers"]).output.components(separatedBy: "Published Name:").count == 2)
    }
}
