import Foundation
import Testing
import TestSupport
@testable import INFLint
@testable import INFSyntax

struct EngineTests {
    static let inf = """
        [Version]
        Signature = "$Windows NT$"
        Provider = %Missing%
        [S]
        A = %Other% ; drvkit-ignore DK3002
        ; drvkit-ignore
        B = %Third%
        C = %Fourth% ; drvkit-ignore DK1234
        [Strings]
        """

    func codes(_ linter: Linter, _ text: String = inf) -> [String] {
        linter.lint(tree: SyntaxTree(text), path: "t.inf").findings.map(\.code)
    }

    @Test func foldersYieldTheirRegularINFFilesOnly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("drvkit-collect-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub/folder.inf"), withIntermediateDirectories: true)
        for name in ["a.INF", "sub/b.inx", "sub/c.inf.in", "notes.txt"] { try Data().write(to: dir.appendingPathComponent(name)) }
        #expect(mkfifo(dir.appendingPathComponent("pipe.inf").path, 0o600) == 0)   // reading it would block
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.inf").path, withDestinationPath: "a.INF")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("dangling.inf").path, withDestinationPath: "gone.inf")
        let found = Linter.collectFiles(dir.path).map { String($0.dropFirst(dir.path.count + 1)) }
        #expect(found == ["a.INF", "dangling.inf", "link.inf", "sub/b.inx", "sub/c.inf.in"])
    }

    @Test func inlineSuppressionOnTheLineOrAbove() {
        let findings = Linter(select: ["DK3002"]).lint(tree: SyntaxTree(Self.inf), path: "t.inf").findings
        let lines = findings.map { SyntaxTree(Self.inf).lineNumber(of: $0.range.lowerBound) }
        #expect(lines == [3, 8])
    }

    @Test func selectAndIgnoreTakeCodesAndPrefixes() {
        #expect(Set(codes(Linter(select: ["DK3"]))).allSatisfy { $0.hasPrefix("DK3") })
        #expect(!codes(Linter(ignore: ["DK3002"])).contains("DK3002"))
        #expect(codes(Linter(select: ["DK2006"])).isEmpty)
    }

    /// Each mode runs every rule of the mode before it, except a rule a stricter one supersedes
    /// there, and that one runs instead. (Declarative mode adds no rule: it makes DK7010 report
    /// Reboot and Restart too.)
    @Test func modesAddRules() {
        func codes(_ mode: LintMode) -> Set<String> { Set(Linter(mode: mode).activeRules.map { Linter.info(of: $0).code }) }
        for (less, more) in zip(LintMode.allCases, LintMode.allCases.dropFirst()) {
            for code in codes(less).subtracting(codes(more)) {
                let superseded = RuleRegistry.infos.first { $0.code == code }?.supersededIn
                #expect(superseded?.mode == more && codes(more).contains(String(superseded?.by.prefix(6) ?? "")), "\(code) stops in \(more)")
            }
        }
        #expect(codes(.basic).count < codes(.universal).count && codes(.declarative).count < codes(.windowsDriver).count)
    }

    /// The sections the newer declarative directives name are reached, not reported unused (DK3005).
    @Test func declarativeDirectivesReachTheirSections() throws {
        let path = TestPaths.fixtures.appendingPathComponent("lint/declarative-directives.inf").path
        let findings = try Linter(mode: .windowsDriver).lint(path: path).findings
        #expect(findings.isEmpty, "\(findings.map { "\($0.code) \($0.message)" })")
    }

    /// Sections named by the still image class installer's entries, and `.Security` companions of AddReg
    /// and CopyFiles lists, are reached.
    @Test func stillImageEntriesAndSecurityCompanionsReachTheirSections() {
        let inf = RuleExample.deviceSkeleton("""
            [Dev.NT]
            SubClass = StillImage
            DeviceData = Dev.DeviceData
            Events = Dev.Events
            UninstallSection = Dev.Uninstall
            AddReg = Dev.Reg
            CopyFiles = Dev.Files
            [Dev.DeviceData]
            Server = local
            [Dev.Events]
            ScanButton = "Scan", {a6c5a715-8c6e-11d2-977a-0000f87a926f}, *
            [Dev.Uninstall]
            DelReg = Dev.Reg
            [Dev.Reg]
            HKR,,Value,,1
            [Dev.Reg.Security]
            "D:P(A;;GA;;;SY)(A;;GA;;;BA)"
            [Dev.Files]
            dev.sys
            [Dev.Files.Security]
            "D:P(A;;GA;;;SY)"
            """)
        let findings = Linter(select: ["DK3005"]).lint(tree: SyntaxTree(inf), path: "x.inf").findings
        #expect(findings.isEmpty, "\(findings.map(\.message))")
    }

    /// An empty undecorated models section beside decorated ones blocks Windows 2000 on purpose; one with
    /// models in it is dead text.
    @Test func onlyAnEmptyUndecoratedModelsSectionIsExpected() {
        func unused(_ body: String) -> [String] {
            Linter(select: ["DK3005"]).lint(tree: SyntaxTree(RuleExample.deviceSkeleton(body)), path: "x.inf").findings.map(\.message)
        }
        #expect(unused("[Dev.NT]\n[Models]\n; nothing for Windows 2000\n").isEmpty)
        #expect(unused("[Dev.NT]\n[Models]\n%Dev.Desc% = Dev, Root\\Dev\n") == ["[Models] is never used: no directive or entry point refers to it"])
    }

    /// A template that names a section through a generator's placeholder may use any section.
    @Test func aPlaceholderSectionReferenceInATemplateSilencesUnusedSections() {
        let body = "[Dev.NT]\n[Dev.NT.HW]\nAddReg = #USE_GUID#\n[WithGuid]\nHKR,,DeviceInterfaceGUIDs,0x10000,{1}\n"
        let findings = Linter(select: ["DK3005"]).lint(tree: SyntaxTree(RuleExample.deviceSkeleton(body)), path: "x.inf.in").findings
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        let plain = Linter(select: ["DK3005"]).lint(tree: SyntaxTree(RuleExample.deviceSkeleton(body.replacingOccurrences(of: "#USE_GUID#", with: "Other"))), path: "x.inf").findings
        #expect(plain.map(\.message).contains("[WithGuid] is never used: no directive or entry point refers to it"))
    }

    /// stampinf writes a template's DriverVer: words standing for it (OpenVPN's "filled in by
    /// stampinf") are not a malformed date there, but a date that is wrong still is.
    @Test func aTemplatesPlaceholderDriverVerIsNotMalformed() {
        func findings(_ driverVer: String, path: String) -> [String] {
            let text = "[Version]\nSignature = \"$Windows NT$\"\nDriverVer = \(driverVer)\n"
            return Linter(select: ["DK2011"]).lint(tree: SyntaxTree(text), path: path).findings.map(\.message)
        }
        #expect(findings("filled in by stampinf", path: "OemVista.inf.in").isEmpty)
        #expect(findings("$DATE$,1.0.0.0", path: "x.inx").isEmpty)
        #expect(findings("13/01/2024,1.0.0.0", path: "x.inx") == ["DriverVer: month 13 is not 1 to 12"])
        #expect(findings("filled in by stampinf", path: "x.inf") == ["DriverVer: date 'filled in by stampinf' is not mm/dd/yyyy"])
    }

    @Test func packageRulesRunOnlyWithAPackageFolder() {
        var linter = Linter(mode: .basic)
        #expect(!linter.activeRules.contains { Linter.info(of: $0).readsPackageFolder })
        linter.packageFolderInspector = { _, _ in PackageFolder() }
        #expect(linter.activeRules.filter { Linter.info(of: $0).readsPackageFolder }.count == 7)
        // A template is never inspected: its files are named before stamping.
        linter.packageFolderInspector = { _, _ in PackageFolder(fileIssues: [.init(fileName: "x.sys", line: nil, kind: .missing, message: "x.sys is missing")]) }
        let template = "[Version]\nSignature = \"$Windows NT$\"\n[Manufacturer]\nC = M, NT$ARCH$\n[M.NT$ARCH$]\nD = I, Root\\D\n[I]\nCopyFiles = @x.sys\n"
        #expect(!linter.lint(tree: SyntaxTree(template), path: "x.inx").findings.contains { $0.code == "DK8001" })
        #expect(linter.lint(tree: SyntaxTree(template.replacingOccurrences(of: "$ARCH$", with: "amd64")), path: "x.inf").findings.contains { $0.code == "DK8001" })
    }

    @Test func severityDependsOnMode() throws {
        let info = try #require(RuleRegistry.info("DK2002"))
        #expect(info.severity(in: .basic) == .warning)
        #expect(info.severity(in: .windowsDriver) == .error)
    }

    @Test func configurationFileSelectsIgnoresAndChangesSeverity() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("drvkit-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(".drvkit.yml")
        try "mode: universal\nignore: [DK3004]\nseverity:\n  DK3002: warning\n".write(to: file, atomically: true, encoding: .utf8)
        let config = try LintConfiguration.load(path: file.path)
        #expect(config.mode == .universal)
        #expect(LintConfiguration.find(from: dir.path) == file.path)
        let findings = Linter(mode: .universal, configuration: config).lint(tree: SyntaxTree(Self.inf), path: "t.inf").findings
        #expect(findings.filter { $0.code == "DK3002" }.allSatisfy { $0.severity == .warning })
        #expect(!findings.contains { $0.code == "DK3004" })
        try "select: [XX12]\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: LintConfiguration.Error.self) { try LintConfiguration.load(path: file.path) }
        try "mode: [".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: LintConfiguration.Error.self) { try LintConfiguration.load(path: file.path) }
    }

    @Test func fixesAreTextEditsThatLeaveTheRestByteIdentical() {
        let text = "[Version] junk\r\nSignature = \"$Chicago$\" ; keep me\r\n[Strings]\r\n"
        let tree = SyntaxTree(text)
        let (fixed, applied) = Linter(select: ["DK1005", "DK2002"]).fix(tree: tree, path: "t.inf")
        #expect(applied == 2)
        #expect(String(decoding: fixed, as: UTF16.self) == "[Version] ; junk\r\nSignature = \"$Windows NT$\" ; keep me\r\n[Strings]\r\n")
    }

    @Test func deviceTypeFixUsesTheRequestedValueAndCreatesSections() {
        let source = RuleExample.deviceSkeleton(RuleExample.kernelService())
        var linter = Linter(select: ["DK6001"])
        linter.fixDeviceType = 0x8001
        let (fixed, applied) = linter.fix(tree: SyntaxTree(source), path: "t.inf")
        let text = String(decoding: fixed, as: UTF16.self)
        #expect(applied == 1)
        #expect(text.contains("[Dev.NT]\n\n[Dev.NT.HW]\nAddReg = Dev.NT.HW.AddReg\n\n[Dev.NT.HW.AddReg]\nHKR,,DeviceType,0x10001,0x8001\n"))
    }

    @Test func overlappingEditsApplyOnce() {
        let units = Array("abcdef".utf16)
        let (out, applied) = FixApplier.apply([SourceEdit(range: 1..<3, replacement: "X"), SourceEdit(range: 2..<4, replacement: "Y"),
                                               SourceEdit(range: 5..<5, replacement: "Z")], to: units)
        #expect(String(decoding: out, as: UTF16.self) == "aXdeZf")
        #expect(applied == 2)
    }
}
