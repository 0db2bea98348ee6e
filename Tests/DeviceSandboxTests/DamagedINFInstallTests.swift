import Foundation
import Testing
import TestSupport
@testable import DeviceSandbox
import INFModel
import INFSyntax

/// Installing from damaged INFs (seeded mutations of the corpus) either works or fails with an
/// `InstallFailure` naming a line of the INF, leaving the registry as it was; nothing crashes.
struct DamagedINFInstallTests {
    static let rounds = CorpusMutation.rounds(default: 2)

    @Test func damagedINFsInstallOrFailCleanly() throws {
        guard TestPaths.corpus != nil else { print(TestPaths.corpusMissingMessage); return }
        var rng = SeededGenerator(seed: 0x1457_A11)
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sandbox = try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: "win11-24h2-x64")
        let hkr = RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4d36e97d-e325-11ce-bfc1-08002be10318}\\0000")!
        let platforms = [TargetPlatform(architecture: .amd64, buildNumber: 26100), TargetPlatform(architecture: .x86, buildNumber: 7600)]
        var installed = 0, failed = 0
        for (i, url) in TestPaths.corpusFiles().enumerated() where url.pathExtension.lowercased() == "inf" {
            let original = [UInt8](try Data(contentsOf: url))
            let folder = dir.appendingPathComponent("inf\(i)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let path = folder.appendingPathComponent(url.lastPathComponent).path
            for round in 0..<Self.rounds {
                try Data(CorpusMutation.mutate(original, &rng)).write(to: URL(fileURLWithPath: path))
                guard let tree = try? INFInput.load(path: path) else { continue }
                let document = INFDocument(tree: tree)
                let sections = ["DefaultInstall"] + platforms.flatMap { document.models(for: $0).prefix(2).map(\.installSection) }
                for section in sections {
                    let name = "file \(i) round \(round) (\(TestPaths.corpusName(url))) [\(section)]"
                    let before = try sandbox.registryFingerprint()
                    do {
                        _ = try InstallEngine.installSection(section, infPath: path, hkr: hkr, sandbox: sandbox)
                        installed += 1
                    } catch let failure as InstallFailure {
                        failed += 1
                        #expect(failure.diagnostic.line >= 0 && failure.diagnostic.line <= tree.lines.count + 1, "\(name): \(failure)")
                        #expect(try sandbox.registryFingerprint() == before, "\(name): the registry changed: \(failure)")
                    } catch {
                        Issue.record("\(name): \(error)")
                    }
                }
            }
        }
        #expect(installed > 0 && failed > 0, "installed \(installed), failed \(failed)")
    }
}
