import Foundation
import Testing
import TestSupport
@testable import DeviceSandbox

/// Driver ranking (installer.md §4): identifier, feature and signature scores, then DriverVer.
struct RankingTests {
    @Test(arguments: [
        (0, false, 0, UInt32(0x0000)), (2, false, 0, 0x0002),   // device hardware ID n ~ models hardware ID
        (1, false, 1, 0x1001), (0, false, 3, 0x1000),          // device hardware ID n ~ models compatible ID
        (1, true, 0, 0x2001),                                  // device compatible ID n ~ models hardware ID
        (0, true, 1, 0x3000), (2, true, 3, 0x3202),            // device compatible ID j ~ models compatible ID k
    ])
    func identifierScores(n: Int, compatible: Bool, position: Int, expected: UInt32) {
        #expect(Ranking.identifierScore(deviceIndex: n, deviceIDIsCompatible: compatible, position: position) == expected)
    }

    func setUp(machine: String = "win11-24h2-x64") throws -> (URL, Sandbox) {
        let dir = try CommandRunner.temporaryDirectory()
        let sandbox = try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: machine)
        try sandbox.bootWithoutSignatureEnforcement()   // unsigned test packages install (after a warning)
        return (dir, sandbox)
    }

    func stage(_ package: TestDriverPackage, _ folder: String, in dir: URL, _ sandbox: Sandbox, signed: Bool = false) throws -> DriverPackageRecord {
        try DriverStore.add(infPath: package.build(in: dir, folder: folder, signer: signed ? TestDriverPackage.signer : nil), sandbox: sandbox).package
    }

    @Test func hardwareIDsBeatCompatibleIDsAndEarlierPositionsWin() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        var a = TestDriverPackage(); a.name = "a"; a.hardwareIDs = ["PCI\\VEN_1&DEV_2"]                    // device's second hardware ID
        var b = TestDriverPackage(); b.name = "b"; b.hardwareIDs = ["PCI\\VEN_9", "PCI\\VEN_1&DEV_2&REV_3"] // a models compatible ID
        var c = TestDriverPackage(); c.name = "c"; c.hardwareIDs = ["PCI\\CC_0C03"]                        // the device's compatible ID
        for (p, f) in [(a, "a"), (b, "b"), (c, "c")] { _ = try stage(p, f, in: dir, sandbox) }
        try Devices.add(hardwareIDs: ["PCI\\VEN_1&DEV_2&REV_3", "PCI\\VEN_1&DEV_2"], compatibleIDs: ["PCI\\CC_0C03"], sandbox: sandbox)
        let nodes = try Devices.driverNodes(of: "PCI\\VEN_1&DEV_2&REV_3\\0000", sandbox)
        #expect(nodes.map(\.package.originalName) == ["a.inf", "b.inf", "c.inf"])
        #expect(nodes.map { $0.rank & 0xFFFF } == [0x0001, 0x1000, 0x2000])
        #expect(nodes.allSatisfy { $0.rank >> 16 == 0x80FF })   // unsigned with .NT, no FeatureScore
    }

    @Test func signatureAndFeatureScores() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        var plain = TestDriverPackage(); plain.name = "plain"; plain.decoration = ""
        var nt = TestDriverPackage(); nt.name = "nt"; nt.featureScore = "0x10"
        var signed = TestDriverPackage(); signed.name = "signed"
        _ = try stage(plain, "plain", in: dir, sandbox)
        _ = try stage(nt, "nt", in: dir, sandbox)
        _ = try stage(signed, "signed", in: dir, sandbox, signed: true)
        try Devices.add(hardwareIDs: ["Root\\Toaster"], sandbox: sandbox)
        var ranks = Dictionary(uniqueKeysWithValues: try Devices.driverNodes(of: "ROOT\\TOASTER\\0000", sandbox).map { ($0.package.originalName, $0.rank) })
        #expect(ranks["plain.inf"] == 0xC0FF_0000 && ranks["nt.inf"] == 0x8010_0000 && ranks["signed.inf"] == 0x80FF_0000)
        // Once the machine trusts the signer, the signed package's signature score is 0.
        try TrustStore.add(file: TestDriverPackage.signerPEM(in: dir), store: "Root", sandbox: sandbox)
        let nodes = try Devices.driverNodes(of: "ROOT\\TOASTER\\0000", sandbox)
        ranks = Dictionary(uniqueKeysWithValues: nodes.map { ($0.package.originalName, $0.rank) })
        #expect(ranks["signed.inf"] == 0x00FF_0000)
        #expect(nodes.first?.package.originalName == "signed.inf")
    }

    /// FeatureScore is one hexadecimal byte with or without `0x` (Microsoft's display INFs write
    /// `FeatureScore=F6`). A value that is not one is a lint error (DK4011), so it is not staged.
    @Test(arguments: [("F6", UInt32(0x80F6_0000)), ("0x40", 0x8040_0000), ("10", 0x8010_0000), ("ff", 0x80FF_0000)])
    func featureScoreIsOneHexByte(score: String, rank: UInt32) throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        var package = TestDriverPackage(); package.featureScore = score
        _ = try stage(package, "p", in: dir, sandbox)
        try Devices.add(hardwareIDs: ["Root\\Toaster"], sandbox: sandbox)
        #expect(try Devices.driverNodes(of: "ROOT\\TOASTER\\0000", sandbox).map(\.rank) == [rank])
    }

    @Test func aFeatureScoreThatIsNotOneByteIsNotStaged() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        var package = TestDriverPackage(); package.featureScore = "0x1FF"
        let error = #expect(throws: DriverStoreError.self) { try stage(package, "p", in: dir, sandbox) }
        #expect(error?.details.contains { $0.contains("DK4011") } == true)
    }

    @Test func equalRanksGoToTheNewerDateThenTheHigherVersion() throws {
        let (dir, sandbox) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (folder, ver) in [("old", "10/01/2026,9.0.0.0"), ("new", "11/01/2026,1.0.0.0"), ("newer-version", "11/01/2026,1.0.10.0")] {
            var p = TestDriverPackage(); p.driverVer = ver
            _ = try stage(p, folder, in: dir, sandbox)
        }
        try Devices.add(hardwareIDs: ["Root\\Toaster"], sandbox: sandbox)
        let nodes = try Devices.driverNodes(of: "ROOT\\TOASTER\\0000", sandbox)
        #expect(nodes.map(\.package.driverVersion) == ["1.0.10.0", "1.0.0.0", "9.0.0.0"])
    }

    @Test func modelsDecorationsFollowTheSandboxsWindowsVersion() throws {
        let (dir, sandbox) = try setUp(machine: "win10-22h2-x64")
        defer { try? FileManager.default.removeItem(at: dir) }
        var future = TestDriverPackage()
        future.name = "future"
        future.modelsDecoration = "NTamd64.10.0...22000"   // Windows 11 and later
        var server = TestDriverPackage()
        server.name = "server"
        server.modelsDecoration = "NTamd64.10.0.3"          // servers only
        var current = TestDriverPackage()
        current.name = "current"
        current.modelsDecoration = "NTamd64.10.0...19041"
        for p in [future, server, current] { _ = try stage(p, p.name, in: dir, sandbox) }
        try Devices.add(hardwareIDs: ["Root\\Toaster"], sandbox: sandbox)
        #expect(try Devices.driverNodes(of: "ROOT\\TOASTER\\0000", sandbox).map(\.package.originalName) == ["current.inf"])
    }
}
