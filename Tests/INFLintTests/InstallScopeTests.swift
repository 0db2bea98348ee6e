import Foundation
import Testing
import TestSupport
@testable import INFLint
import INFSyntax
import INFModel

/// Isolation rules look only at what installs on `--wbuild` (default 10.0.17763) or later, as
/// InfVerif /w does ("Validating Windows Drivers").
struct InstallScopeTests {
    static let downlevel = TestPaths.fixtures.appendingPathComponent("lint/downlevel-isolation.inf").path

    static func findings(_ mode: LintMode, from build: WindowsBuild? = nil, on osver: String? = nil) throws -> [String] {
        var linter = Linter(mode: mode)
        if let build { linter.isolationBuild = build }
        linter.targetOS = osver.flatMap { TargetPlatform(osver: $0) }
        let result = try linter.lint(path: downlevel)
        let tree = SyntaxTree(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: downlevel))))
        return result.findings.map { "\($0.code)@\(tree.lineNumber(of: $0.range.lowerBound))" }
    }

    @Test func sectionsOnlyOlderWindowsInstallAreLeftOut() throws {
        // Windows 7 to 1803 install [Legacy]: its HKLM write, its copy to DIRID 12 and its service binary there.
        let legacy = ["DK7011@31", "DK7003@41", "DK7011@53"]
        #expect(try Self.findings(.windowsDriver) == [])
        #expect(try Self.findings(.hardwareDevCenter).filter { $0.hasPrefix("DK7011") }.isEmpty)
        #expect(try Self.findings(.windowsDriver, from: WindowsBuild("6.1.7600")!) == legacy)
        // Universal rules are not bounded by version: DK7003 reports the HKLM write there.
        #expect(try Self.findings(.universal).contains("DK7003@41"))
    }

    @Test func scopeFollowsTheDecorationsWindowsPicks() throws {
        let document = INFDocument(tree: SyntaxTree(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: Self.downlevel)))))
        let at1809 = InstallScope(document, architectures: [.amd64], from: .isolationDefault)
        #expect(at1809.models == ["models.ntamd64.10.0...17763"] && at1809.installs == ["isolated.nt"])
        let at7 = InstallScope(document, architectures: [.amd64], from: WindowsBuild("6.1.0")!)
        #expect(at7.models == ["models.ntamd64.6.1", "models.ntamd64.10.0...17763"] && at7.installs == ["legacy.nt", "isolated.nt"])
        #expect(at7.includesInstallFamilyMember("legacy.nt.services") && !at1809.includesInstallFamilyMember("legacy.nt.services"))
    }

    /// `--osver` (InfVerif /osver): only what Windows installs on that one target is linted.
    @Test func aTargetOSLintsWhatInstallsThere() throws {
        #expect(try Self.findings(.universal, on: "NTamd64.6.1") == ["DK7003@41"])
        #expect(try Self.findings(.universal, on: "NTamd64.10.0...17763") == [])
        #expect(try Self.findings(.universal, on: "NTamd64.10.0") == ["DK7003@41"])   // build 0: before 17763
        #expect(try Self.findings(.windowsDriver, from: WindowsBuild("6.1.0")!, on: "NTamd64.10.0...22000") == [])
        let platform = try #require(TargetPlatform(osver: "NTamd64.10.0.3..22000"))
        #expect(platform.architecture == .amd64 && platform.buildNumber == 22000 && platform.productType == 3)
        for bad in ["NTamd64", "NT$ARCH$.10.0", "amd64.10.0", "NT.10.0"] { #expect(TargetPlatform(osver: bad) == nil, "\(bad)") }
    }

    @Test func buildsParseAsInfVerifWritesThem() {
        #expect(WindowsBuild("10.0.17763") == .isolationDefault)
        #expect(WindowsBuild("6.1.7600")! < .isolationDefault && WindowsBuild("10.0.22000")! > .isolationDefault)
        for bad in ["10.0", "10.0.x", "", "NTamd64.10.0.17763", "10.0.17763.1"] { #expect(WindowsBuild(bad) == nil, "\(bad)") }
    }
}
