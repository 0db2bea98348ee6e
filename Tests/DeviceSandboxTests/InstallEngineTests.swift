import Foundation
import Testing
import TestSupport
@testable import DeviceSandbox
import INFModel
import INFSyntax
import GRDB

/// AddReg, DelReg, BitReg and AddService leave exactly the values installer.md §6 and §8 describe.
struct InstallEngineTests {
    static let inf = #"""
        [Version]
        Signature = "$Windows NT$"

        [DefaultInstall]
        DelReg = Del
        AddReg = Add
        BitReg = Bits

        [Add]
        HKLM,Software\T,Sz,,"text"
        HKLM,Software\T,Sz0,0x00000000,"a","ignored"
        HKLM,Software\T,Multi,0x00010000,"a","b","","c"
        HKLM,Software\T,MultiEmpty,0x00010000
        HKLM,Software\T,Expand,0x00020000,"%%SystemRoot%%\x"
        HKLM,Software\T,Dword,0x00010001,0x22
        HKLM,Software\T,DwordMissing,0x00010001
        HKLM,Software\T,DwordBytes,0x00010001,01,02,00,00
        HKLM,Software\T,None,0x00020001
        HKLM,Software\T,Bin,0x00000001,0a,0B,0x1c,ff
        HKLM,Software\T,Qword,0x000B0001,01,00,00,00,00,00,00,00
        HKLM,Software\T,Keep,0x00000002,"new"
        HKLM,Software\T,Only,0x00000020,"x"
        HKLM,Software\T\KeyOnly,Nope,0x00000010,"x"
        HKLM,Software\T,Multi,0x00010008,"B","d"
        HKLM,Software\T,Gone,0x00000004
        HKLM,Software\T,,,"default"
        HKXX,Software\T,Bad,,"x"
        HKR,,HkrValue,,"h"
        HKLM,Software\T,Skip,0x00008000,"x"
        HKLM,Software\T,Flags,NOTANUMBER,"read as REG_SZ"

        [Del]
        HKLM,Software\Old
        HKLM,Software\T2,Value

        [Bits]
        HKLM,Software\T,Bin,1,0xF0,0
        HKLM,Software\T,Bin,0,0x0F,1
        """#

    func setUp() throws -> (URL, Sandbox, String) {
        let dir = try CommandRunner.temporaryDirectory()
        let sandbox = try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: "win11-24h2-x64")
        let inf = dir.appendingPathComponent("t.inf")
        try Self.inf.write(to: inf, atomically: true, encoding: .utf8)
        try sandbox.write { r in
            try r.setValue(RegistryPath("HKLM\\Software\\T")!, .string("Keep", "old"))
            try r.setValue(RegistryPath("HKLM\\Software\\T")!, .string("Gone", "x"))
            try r.createKey(RegistryPath("HKLM\\Software\\Old\\Sub")!)
            try r.setValue(RegistryPath("HKLM\\Software\\T2")!, .string("Value", "v"))
            try r.setValue(RegistryPath("HKLM\\Software\\T2")!, .string("Other", "o"))
        }
        return (dir, sandbox, inf.path)
    }

    @Test func addRegFlagsProduceTheDocumentedValues() throws {
        let (dir, sandbox, inf) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try InstallEngine.installSection("DefaultInstall", infPath: inf, hkr: RegistryPath("HKLM\\Software\\Hkr"), sandbox: sandbox)
        let t = RegistryPath("HKLM\\Software\\T")!
        func v(_ name: String) throws -> RegistryValue? { try sandbox.read { try $0.value(t, name) } }
        #expect(try v("Sz") == .string("Sz", "text"))
        #expect(try v("Sz0") == .string("Sz0", "a"))
        #expect(try v("Multi") == .multiString("Multi", ["a", "b", "d"]))     // stops at the empty field; APPEND adds "d" only
        #expect(try v("MultiEmpty") == RegistryValue(name: "MultiEmpty", type: .multiString, data: [0, 0]))
        #expect(try v("Expand") == .string("Expand", "%SystemRoot%\\x", expand: true))
        #expect(try v("Dword") == .dword("Dword", 0x22))
        #expect(try v("DwordMissing") == .dword("DwordMissing", 0))
        #expect(try v("DwordBytes") == RegistryValue(name: "DwordBytes", type: .dword, data: [1, 2, 0, 0]))
        #expect(try v("None") == RegistryValue(name: "None", type: .none, data: []))
        #expect(try v("Bin") == RegistryValue(name: "Bin", type: .binary, data: [0xFA, 0x00, 0x1C, 0xFF]))   // BitReg set F0 in byte 0, cleared 0F in byte 1
        #expect(try v("Qword") == RegistryValue(name: "Qword", type: .qword, data: [1, 0, 0, 0, 0, 0, 0, 0]))
        #expect(try v("Keep") == .string("Keep", "old"))
        #expect(try v("Only") == nil)
        #expect(try v("Gone") == nil)
        #expect(try v("") == .string("", "default"))
        #expect(try v("Bad") == nil && v("Skip") == nil)
        #expect(try v("Flags") == .string("Flags", "read as REG_SZ"))
        #expect(try sandbox.read { try $0.key(RegistryPath("HKLM\\Software\\T\\KeyOnly")!) } != nil)
        #expect(try sandbox.read { try $0.value(RegistryPath("HKLM\\Software\\T\\KeyOnly")!, "Nope") } == nil)
        #expect(try sandbox.read { try $0.value(RegistryPath("HKLM\\Software\\Hkr")!, "HkrValue") } == .string("HkrValue", "h"))
        #expect(try sandbox.read { try $0.key(RegistryPath("HKLM\\Software\\Old")!) } == nil)
        #expect(try sandbox.read { try $0.values(RegistryPath("HKLM\\Software\\T2")!) }.map(\.name) == ["Other"])
        #expect(result.diagnostics.contains { $0.message.contains("unknown registry root 'HKXX'") && $0.line == 27 })
        #expect(result.diagnostics.contains { $0.message.contains("NOTANUMBER") && $0.line == 30 })
    }

    @Test func hkrWithoutBindingIsSkippedWithTheLine() throws {
        let (dir, sandbox, inf) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try InstallEngine.installSection("DefaultInstall", infPath: inf, hkr: nil, sandbox: sandbox)
        #expect(result.diagnostics.contains { $0.message.contains("HKR has no meaning") && $0.line == 28 && $0.column == 1 })
    }

    @Test func aFailingServiceRollsBackTheWholeSection() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sandbox = try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: "win11-24h2-x64")
        let inf = dir.appendingPathComponent("s.inf")
        try """
            [Version]
            Signature = "$Windows NT$"
            [DefaultInstall.NTamd64]
            AddReg = R
            [DefaultInstall.NTamd64.Services]
            AddService = good, , Good
            AddService = bad, , Bad
            [R]
            HKLM,Software\\Rollback,Value,,"x"
            [Good]
            ServiceType = 1
            StartType = 3
            ErrorControl = 1
            ServiceBinary = %12%\\good.sys
            DisplayName = "Good"
            Dependencies = FltMgr, +FSFilter Bottom
            [Bad]
            ServiceType = 1
            StartType = 3
            ErrorControl = 1
            """.write(to: inf, atomically: true, encoding: .utf8)
        #expect(throws: InstallFailure.self) { try InstallEngine.installSection("DefaultInstall", infPath: inf.path, hkr: nil, sandbox: sandbox) }
        do { _ = try InstallEngine.installSection("DefaultInstall", infPath: inf.path, hkr: nil, sandbox: sandbox) } catch let failure as InstallFailure {
            #expect(failure.win32Error == 0xE000_0217 && failure.diagnostic.line == 7)
        }
        #expect(try sandbox.read { try $0.key(RegistryPath("HKLM\\Software\\Rollback")!) } == nil)
        #expect(try sandbox.read { try $0.key(RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Services\\good")!) } == nil)
        // Without the bad service the good one is written as §8 says.
        try String(contentsOf: inf, encoding: .utf8).replacingOccurrences(of: "AddService = bad, , Bad\n", with: "").write(to: inf, atomically: true, encoding: .utf8)
        _ = try InstallEngine.installSection("DefaultInstall", infPath: inf.path, hkr: nil, sandbox: sandbox)
        let key = RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Services\\good")!
        let values = Dictionary(uniqueKeysWithValues: try sandbox.read { try $0.values(key) }.map { ($0.name, $0) })
        #expect(values["Type"]?.integerValue == 1 && values["Start"]?.integerValue == 3 && values["ErrorControl"]?.integerValue == 1)
        #expect(values["ImagePath"] == .string("ImagePath", "\\SystemRoot\\System32\\drivers\\good.sys", expand: true))
        #expect(values["DisplayName"]?.stringValue == "Good")
        #expect(values["DependOnService"]?.multiStringValue == ["FltMgr"] && values["DependOnGroup"]?.multiStringValue == ["FSFilter Bottom"])
        #expect(try sandbox.read { try $0.value(RegistryPath("HKLM\\Software\\Rollback")!, "Value") } == .string("Value", "x"))
    }

    /// DefaultInstall of every corpus INF that has one installs, or fails cleanly with an INF line
    /// (the corpus holds INFs without their binaries, so most fail with ERROR_FILE_NOT_FOUND).
    @Test func corpusDefaultInstallSections() throws {
        guard TestPaths.corpus != nil else { print(TestPaths.corpusMissingMessage); return }
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sandbox = try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: "win11-24h2-x64")
        var installed = 0, failed = 0
        for url in TestPaths.corpusFiles() where url.pathExtension.lowercased() == "inf" {
            guard let text = try? String(contentsOf: url, encoding: .isoLatin1), text.lowercased().contains("[defaultinstall") else { continue }
            do {
                _ = try InstallEngine.installSection("DefaultInstall", infPath: url.path, hkr: nil, sandbox: sandbox)
                installed += 1
            } catch let failure as InstallFailure {
                #expect(failure.diagnostic.line >= 1, "\(failure)")
                #expect([2, 5, 0xE000_0217, 0xE000_0101, 0xE000_0100].contains(failure.win32Error), "\(failure)")
                failed += 1
            }
        }
        #expect(installed >= 2 && installed + failed >= 10)
    }

    @Test func diridTokensBecomeFoldersAtInstallTimeButStringValuesStayRaw() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sandbox = try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: "win11-24h2-x64")
        let inf = dir.appendingPathComponent("d.inf")
        try #"""
            [Version]
            Signature = "$Windows NT$"
            [DefaultInstall]
            AddReg = R
            [R]
            HKLM,Software\D,Path,,"%11%\foo.dll"
            HKLM,Software\D,Drivers,,%12%
            HKLM,Software\D,Escaped,,"%%11%%"
            HKLM,Software\D,Unknown,,"%999%\x"
            HKLM,Software\D,FromString,,%S%
            [Strings]
            S = "%10%\s"
            """#.write(to: inf, atomically: true, encoding: .utf8)
        _ = try InstallEngine.installSection("DefaultInstall", infPath: inf.path, hkr: nil, sandbox: sandbox)
        func string(_ name: String) throws -> String? { try sandbox.read { try $0.value(RegistryPath("HKLM\\SOFTWARE\\D")!, name) }?.stringValue }
        #expect(try string("Path") == "C:\\Windows\\System32\\foo.dll")
        #expect(try string("Drivers") == "C:\\Windows\\System32\\drivers")
        #expect(try string("Escaped") == "%11%")
        #expect(try string("Unknown") == "%999%\\x")
        #expect(try string("FromString") == "%10%\\s")   // a [Strings] value is inserted as written
    }

    /// Every corpus INF's first device install section for x64, with HKR bound to a driver key:
    /// it installs, or fails with SetupAPI's error and the INF line, leaving the registry as it was.
    @Test func corpusDeviceSectionsWithHKR() throws {
        guard TestPaths.corpus != nil else { print(TestPaths.corpusMissingMessage); return }
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sandbox = try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: "win11-24h2-x64")
        let hkr = RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4d36e97d-e325-11ce-bfc1-08002be10318}\\0000")!
        var installed = 0, failed = 0
        for url in TestPaths.corpusFiles() where url.pathExtension.lowercased() == "inf" {
            guard let tree = try? INFInput.load(path: url.path) else { continue }
            let document = INFDocument(tree: tree)
            guard document.openError == nil,
                  let model = document.models(for: TargetPlatform(architecture: .amd64, buildNumber: 26100)).first else { continue }
            let before = try sandbox.registryFingerprint()
            do {
                _ = try InstallEngine.installSection(model.installSection, infPath: url.path, hkr: hkr, sandbox: sandbox)
                installed += 1
            } catch let failure as InstallFailure {
                #expect(failure.diagnostic.line >= 1 && failure.diagnostic.line <= tree.lines.count + 1, "\(failure)")
                #expect(try sandbox.registryFingerprint() == before, "\(failure)")
                failed += 1
            }
        }
        #expect(installed >= 5 && installed + failed >= 50, "installed \(installed), failed \(failed)")
    }

    @Test func serviceSectionsRegistryAndEventLogSources() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sandbox = try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: "win11-24h2-x64")
        let inf = dir.appendingPathComponent("s.inf")
        try #"""
            [Version]
            Signature = "$Windows NT$"
            [DefaultInstall.NTamd64]
            [DefaultInstall.NTamd64.Services]
            AddService = Contoso, 0x00000002, Svc, Events, Application, ContosoSource
            AddService = Plain, , Svc, PlainEvents
            [Svc]
            ServiceType = 1
            StartType = 3
            ErrorControl = 1
            ServiceBinary = %12%\contoso.sys
            DelReg = SvcDel
            AddReg = SvcAdd
            BitReg = SvcBits
            [SvcDel]
            HKR,Parameters,Old
            [SvcAdd]
            HKR,Parameters,Old,,"old"
            HKR,Parameters,Bits,0x00000001,01
            HKR,Parameters,Store,,%13%
            [SvcBits]
            HKR,Parameters,Bits,1,0x80,0
            [Events]
            AddReg = EventsAdd
            [EventsAdd]
            HKR,,EventMessageFile,0x00020000,"%%SystemRoot%%\System32\IoLogMsg.dll"
            HKR,,TypesSupported,0x00010001,7
            [PlainEvents]
            AddReg = EventsAdd
            [Remove]
            [Remove.Services]
            DelService = Contoso, 0x00000004, Application, ContosoSource
            DelService = Plain, 0x00000004
            """#.write(to: inf, atomically: true, encoding: .utf8)
        _ = try InstallEngine.installSection("DefaultInstall", infPath: inf.path, hkr: nil, sandbox: sandbox)
        func value(_ key: String, _ name: String) throws -> RegistryValue? { try sandbox.read { try $0.value(RegistryPath(key)!, name) } }
        let source = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\ContosoSource"
        #expect(try value(source, "TypesSupported") == .dword("TypesSupported", 7))
        #expect(try value(source, "EventMessageFile")?.stringValue == "%SystemRoot%\\System32\\IoLogMsg.dll")
        #expect(try value("HKLM\\SYSTEM\\CurrentControlSet\\Services\\EventLog\\System\\Plain", "TypesSupported") != nil)
        #expect(try value("HKLM\\SYSTEM\\CurrentControlSet\\Services\\Contoso\\Parameters", "Bits")?.data == [0x81])
        #expect(try value("HKLM\\SYSTEM\\CurrentControlSet\\Services\\Contoso\\Parameters", "Old")?.stringValue == "old")
        #expect(try value("HKLM\\SYSTEM\\CurrentControlSet\\Services\\Contoso\\Parameters", "Store")?.stringValue
                == "C:\\Windows\\System32\\DriverStore\\FileRepository\\s.inf_amd64")
        #expect(try value("HKLM\\SYSTEM\\CurrentControlSet\\Services\\Contoso", "ImagePath")
                == .string("ImagePath", "\\SystemRoot\\System32\\drivers\\contoso.sys", expand: true))
        // DelService with SPSVCINST_DELETEEVENTLOGENTRY removes the service and its event log source.
        _ = try InstallEngine.installSection("Remove", infPath: inf.path, hkr: nil, sandbox: sandbox)
        #expect(try sandbox.read { try $0.key(RegistryPath(source)!) } == nil)
        #expect(try sandbox.read { try $0.key(RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Services\\EventLog\\System\\Plain")!) } == nil)
        #expect(try sandbox.read { try $0.key(RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Services\\Contoso")!) } == nil)
        #expect(try sandbox.read { try $0.key(RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application")!) } != nil)
    }
}
