import Foundation
import Testing
import TestSupport

/// `package build` of an INF whose CopyINF names another INF: that INF heads a package of its own,
/// which Windows stages from the same folder, so its files and catalog are built beside it.
struct PackageCopyINFTests {
    /// A software component package: one data file, its own catalog, no function driver.
    static let component = """
        [Version]
        Signature = "$Windows NT$"
        Class = SoftwareComponent
        ClassGuid = {5c4c3332-344d-483c-8739-259e934c9cc8}
        Provider = Contoso
        CatalogFile = CATALOG
        DriverVer = 11/20/2026,1.0.0.0
        PnpLockdown = 1

        [Manufacturer]
        Contoso = Comp, NTamd64.10.0...16299

        [Comp.NTamd64.10.0...16299]
        "Contoso Component" = Comp_Install, SWC\\Contoso_Comp

        [SourceDisksNames]
        1 = "Disk"

        [SourceDisksFiles]
        comp.dat = 1

        [DestinationDirs]
        Comp_Files = 13

        [Comp_Install.NT]
        CopyFiles = Comp_Files

        [Comp_Files]
        comp.dat

        [Comp_Install.NT.Services]
        AddService = , 0x00000002

        """

    /// The echo package with `CopyINF = <copied>`, and the component INF (naming `catalog`, or no
    /// catalog when nil) and its data file at `copied` under the source folder.
    func source(_ dir: URL, copied: String, catalog: String?) throws -> URL {
        let inf = try EchoPackage.source(dir) { $0.replacingOccurrences(of: "[Echo_Device.NT]\n", with: "[Echo_Device.NT]\nCopyINF = \(copied)\n") }
        let target = inf.deletingLastPathComponent().appendingPathComponent(copied.replacingOccurrences(of: "\\", with: "/"))
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let text = catalog.map { Self.component.replacingOccurrences(of: "CATALOG", with: $0) }
            ?? Self.component.replacingOccurrences(of: "CatalogFile = CATALOG\n", with: "")
        try text.write(to: target, atomically: true, encoding: .utf8)
        try "component data\n".write(to: target.deletingLastPathComponent().appendingPathComponent("comp.dat"), atomically: true, encoding: .utf8)
        return inf
    }

    @Test func theCopiedPackageIsBuiltWithItsFilesAndCatalog() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (cert, key) = try EchoPackage.certificate(dir)
        let inf = try source(dir, copied: "comp\\comp.inf", catalog: "comp.cat")
        let out = dir.appendingPathComponent("pkg").path
        let build = try CommandRunner.run(["package", "build", inf.path, "--arch", "amd64", "-o", out, "--sign", "--cert", cert, "--key", key])
        #expect(build.exitCode == 0, "\(build.stderr)")
        #expect(build.stdout.contains("3 files, catalog echo.cat (signed)\n  CopyINF package comp/comp.inf: 2 files, catalog comp/comp.cat (signed)\n"), "\(build.stdout)")
        for file in ["comp/comp.inf", "comp/comp.dat", "comp/comp.cat"] { #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)") }

        let verify = try CommandRunner.run(["verify", out, "--trust", cert])
        #expect(verify.exitCode == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("comp.inf: catalog comp.cat signed"), "\(verify.stdout)")
        // The component's catalog covers its own file: a changed byte fails it.
        try "component data, changed\n".write(toFile: out + "/comp/comp.dat", atomically: true, encoding: .utf8)
        let tampered = try CommandRunner.run(["verify", out, "--trust", cert])
        #expect(tampered.exitCode == 1)
        #expect(tampered.stdout.contains("FAILED  comp.dat: its SHA-1 hash"), "\(tampered.stdout)")
    }

    /// A copied package's problems fail the build with its own INF's name and line.
    @Test func aCopiedPackagesMissingFileFailsTheBuild() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inf = try source(dir, copied: "comp\\comp.inf", catalog: "comp.cat")
        try FileManager.default.removeItem(at: inf.deletingLastPathComponent().appendingPathComponent("comp/comp.dat"))
        let out = dir.appendingPathComponent("pkg").path
        let build = try CommandRunner.run(["package", "build", inf.path, "--arch", "amd64", "-o", out])
        #expect(build.exitCode == 1)
        #expect(build.stderr.contains("comp.inf:29: error: comp.dat is missing"), "\(build.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// A copied INF that is not an INF fails the build, naming it.
    @Test func aCopiedFileThatIsNotAnINFFailsTheBuild() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inf = try source(dir, copied: "comp.inf", catalog: "comp.cat")
        try "just text\n".write(to: inf.deletingLastPathComponent().appendingPathComponent("comp.inf"), atomically: true, encoding: .utf8)
        let build = try CommandRunner.run(["package", "build", inf.path, "--arch", "amd64", "-o", dir.appendingPathComponent("pkg").path])
        #expect(build.exitCode == 1)
        #expect(build.stderr.contains("comp.inf: error: the CopyINF package cannot be built: not an INF file (no [section] header)"), "\(build.stderr)")
    }

    /// Two INFs naming one catalog (as WinBtrfs's btrfs.inf and btrfs-vol.inf do) get one catalog
    /// that covers both packages.
    @Test func packagesSharingACatalogGetOneThatCoversBoth() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (cert, key) = try EchoPackage.certificate(dir)
        let inf = try source(dir, copied: "comp.inf", catalog: "echo.cat")
        let out = dir.appendingPathComponent("pkg").path
        let build = try CommandRunner.run(["package", "build", inf.path, "--arch", "amd64", "-o", out, "--sign", "--cert", cert, "--key", key])
        #expect(build.exitCode == 0, "\(build.stderr)")
        let verify = try CommandRunner.run(["verify", out, "--trust", cert, "--json"])
        #expect(verify.exitCode == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("\"path\":\"comp.dat\",\"status\":\"ok\"") && verify.stdout.contains("\"path\":\"echo.sys\",\"status\":\"ok\""),
                "\(verify.stdout)")
    }

    /// Signing needs a catalog for every package, the copied ones too.
    @Test func signingACopiedPackageWithoutACatalogIsRefused() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (cert, key) = try EchoPackage.certificate(dir)
        let inf = try source(dir, copied: "comp.inf", catalog: nil)
        let build = try CommandRunner.run(["package", "build", inf.path, "--arch", "amd64", "-o", dir.appendingPathComponent("pkg").path,
                                           "--sign", "--cert", cert, "--key", key])
        #expect(build.exitCode == 1)
        #expect(build.stderr.contains("comp.inf: error: --sign needs a CatalogFile in [Version] for amd64"), "\(build.stderr)")
    }
}
