import Foundation
import Testing
import TestSupport
@testable import DeviceSandbox

struct RegistryTests {
    func makeSandbox() throws -> (URL, Sandbox) {
        let dir = try CommandRunner.temporaryDirectory()
        return (dir, try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: "win11-24h2-x64"))
    }

    static let key = RegistryPath("HKLM\\SOFTWARE\\Contoso\\Test")!

    static let values: [RegistryValue] = [
        .string("", "default value"),
        .string("Quote\"And\\Backslash", "C:\\Program Files\\\"x\""),
        .string("Path", "%SystemRoot%\\System32\\drivers\\contoso.sys", expand: true),
        .multiString("UpperFilters", ["contosoflt", "other"]),
        .dword("Start", 3),
        RegistryValue(name: "Big", type: .qword, data: [1, 2, 3, 4, 5, 6, 7, 8]),
        RegistryValue(name: "Blob", type: .binary, data: (0..<100).map { UInt8($0) }),
        RegistryValue(name: "None", type: .none, data: []),
        RegistryValue(name: "Custom", type: 0x20, data: [0xDE, 0xAD]),
        RegistryValue(name: "OddString", type: .string, data: [0x41, 0x00, 0x42]),   // not NUL-terminated
        RegistryValue(name: "ShortDword", type: .dword, data: [1, 2]),
        .string("Ünïcødé ✓", "日本語"),
    ]

    @Test func valuesKeepTypeAndBytesAndExportImportKeepsWhatRegeditCanWrite() throws {
        let (dir, a) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        try a.write { r in for v in Self.values { try r.setValue(Self.key, v) } }
        _ = try a.write { r in try r.createKey(Self.key.appending("Sub\\Deeper")) }
        let stored = try a.read { try $0.values(Self.key) }
        #expect(Set(stored) == Set(Self.values))

        let exported = RegFile.export(try RegistryTools.snapshot(a, RegistryPath("HKLM\\SOFTWARE\\Contoso")!))
        #expect(exported.split(separator: "\r\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 80 })
        #expect(exported.contains("\"Blob\"=hex:00,01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f,10,11,12,13,14,15,\\\r\n  16,17,"))
        #expect(exported.contains("\"Start\"=dword:00000003\r\n"))
        #expect(exported.contains("@=\"default value\"\r\n"))
        #expect(exported.contains("\"Quote\\\"And\\\\Backslash\"=\"C:\\\\Program Files\\\\\\\"x\\\"\"\r\n"))
        #expect(exported.contains("\"Custom\"=hex(20):de,ad\r\n"))

        let b = try Sandbox.create(at: dir.appendingPathComponent("sb2").path, machine: "win11-24h2-x64")
        try RegistryTools.importFile(b, bytes: RegFile.encode(exported), path: "x.reg")
        let again = RegFile.export(try RegistryTools.snapshot(b, RegistryPath("HKLM\\SOFTWARE\\Contoso")!))
        #expect(again == exported)
        // regedit writes REG_SZ as a string even when its data is not one: OddString comes back as "".
        let lossy: Set<String> = ["OddString"]
        #expect(Set(try b.read { try $0.values(Self.key) }.filter { !lossy.contains($0.name) }) == Set(Self.values.filter { !lossy.contains($0.name) }))
        #expect(try b.read { try $0.value(Self.key, "OddString") } == .string("OddString", ""))
    }

    /// Values as `reg export` writes them: the cases of Wine's reg export tests (complex_data_test,
    /// empty_hex_test, embedded_null_test), which pass on Windows.
    @Test(arguments: [
        (RegistryValue(name: "Undefined hex", type: 0x100, data: Array("%PATH%\0".utf8)), "\"Undefined hex\"=hex(100):25,50,41,54,48,25,00"),
        (.string("double\"quote", "\"Hello, World!\""), "\"double\\\"quote\"=\"\\\"Hello, World!\\\"\""),
        (.multiString("Multiple strings", ["Line1", "Line2", "Line3"]),
         "\"Multiple strings\"=hex(7):4c,00,69,00,6e,00,65,00,31,00,00,00,4c,00,69,00,6e,\\\r\n  00,65,00,32,00,00,00,4c,00,69,00,6e,00,65,00,33,00,00,00,00,00"),
        (.string("Backslash", "Use \\\\ to escape a backslash"), "\"Backslash\"=\"Use \\\\\\\\ to escape a backslash\""),
        (.string("String expansion", "%HOME%\\%PATH%", expand: true),
         "\"String expansion\"=hex(2):25,00,48,00,4f,00,4d,00,45,00,25,00,5c,00,25,00,50,\\\r\n  00,41,00,54,00,48,00,25,00,00,00"),
        (RegistryValue(name: "", type: 4, data: [0x78, 0x56, 0x34, 0x12]), "@=dword:12345678"),
        (RegistryValue(name: "43981", type: 0xabcd, data: Array("Value\0".utf8)), "\"43981\"=hex(abcd):56,61,6c,75,65,00"),
        (RegistryValue(name: "Wine1a", type: 0, data: []), "\"Wine1a\"=hex(0):"),
        (RegistryValue(name: "Wine1b", type: 1, data: []), "\"Wine1b\"=\"\""),
        (RegistryValue(name: "Wine1e", type: 4, data: []), "\"Wine1e\"=hex(4):"),
        (RegistryValue(name: "Wine4b", type: 1, data: [0, 0, 0, 0, 0, 0, 0, 0]), "\"Wine4b\"=\"\""),
        (RegistryValue(name: "Wine4d", type: 1, data: [0, 0, 0x61, 0, 0x62, 0, 0x63, 0]), "\"Wine4d\"=\"\""),
        (RegistryValue(name: "Wine4h", type: 1, data: [0x61, 0, 0x62, 0, 0x63, 0, 0, 0, 0x64, 0, 0x65, 0, 0x66, 0, 0, 0]), "\"Wine4h\"=\"abc\""),
        (.string("Wine5c", "Value1\\0"), "\"Wine5c\"=\"Value1\\\\0\""),
    ])
    func exportLineAsRegeditWritesIt(_ value: RegistryValue, _ expected: String) {
        #expect(RegFile.line(for: value) == expected)
    }

    @Test func importDeletesAndReadsRegedit4() throws {
        let (dir, sandbox) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n\"Exp\"=hex(2):25,53,25,00\r\n\"Gone\"=\"x\"\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A\\B]\r\n\r\n"
        try RegistryTools.importFile(sandbox, bytes: Array(text.utf8), path: "a.reg")
        let exp = try #require(try sandbox.read { try $0.value(RegistryPath("HKLM\\SOFTWARE\\A")!, "exp") })
        #expect(exp.knownType == .expandString && exp.stringValue == "%S%")
        let delete = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n\"Gone\"=-\r\n\r\n[-HKEY_LOCAL_MACHINE\\SOFTWARE\\A\\B]\r\n"
        try RegistryTools.importFile(sandbox, bytes: RegFile.encode(delete), path: "d.reg")
        #expect(try sandbox.read { try $0.value(RegistryPath("HKLM\\SOFTWARE\\A")!, "Gone") } == nil)
        #expect(try sandbox.read { try $0.key(RegistryPath("HKLM\\SOFTWARE\\A\\B")!) } == nil)
        // Lines reg import cannot read are passed over and listed; the rest is imported.
        let ignored = try RegistryTools.importFile(sandbox, bytes: Array("REGEDIT4\n\"x\"=\"y\"\n[HKLM\\A]\n\"x\"=hex:zz\n\"y\"=\"kept\"\n".utf8), path: "bad.reg")
        #expect(ignored.map(\.line) == [2, 4])
        #expect(try sandbox.read { try $0.value(RegistryPath("HKLM\\A")!, "y") } == .string("y", "kept"))
        #expect(throws: SandboxError.self) { try RegistryTools.importFile(sandbox, bytes: Array("regedit4\n[HKLM\\A]\n".utf8), path: "bad.reg") }
    }

    @Test func keysAreCaseInsensitiveAndCurrentControlSetIsAnAlias() throws {
        let (dir, sandbox) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        try sandbox.write { r in try r.setValue(RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Services\\Contoso")!, .dword("Type", 1)) }
        let value = try sandbox.read { try $0.value(RegistryPath("hkey_local_machine\\system\\controlset001\\SERVICES\\contoso")!, "TYPE") }
        #expect(value?.integerValue == 1)
        #expect(try sandbox.read { try $0.subkeys(RegistryPath("HKLM\\SYSTEM\\ControlSet001\\Services")!) } == ["Contoso"])
        #expect(try sandbox.read { try $0.value(RegistryPath("HKLM\\SYSTEM\\Select")!, "Current") }?.integerValue == 1)
        #expect(try sandbox.read { try $0.value(RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4D36E972-E325-11CE-BFC1-08002BE10318}")!, "Class") }?.stringValue == "Net")
    }

    @Test func otherSchemaVersionsAreRefused() throws {
        let (dir, sandbox) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        try sandbox.database.write { try $0.execute(sql: "UPDATE meta SET value = '999' WHERE key = 'schema'") }
        #expect(throws: SandboxError.self) { try Sandbox.open(at: sandbox.root.path) }
        #expect(throws: SandboxError.self) { try Sandbox.open(at: dir.appendingPathComponent("nothing").path) }
        #expect(throws: SandboxError.self) { try Sandbox.create(at: dir.path, machine: "x") }   // not empty
    }

    @Test func aDamagedDatabaseIsReportedWithTheSandbox() throws {
        let (dir, sandbox) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = sandbox.root.appendingPathComponent(Sandbox.databaseName)
        var bytes = [UInt8](try Data(contentsOf: file))
        bytes.replaceSubrange(0..<16, with: Array("not a database!!".utf8))
        try Data(bytes).write(to: file)
        let error = #expect(throws: SandboxError.self) { try Sandbox.open(at: sandbox.root.path) }
        #expect(error?.description == "\(sandbox.root.path): error: cannot read the sandbox database sandbox.sqlite: file is not a database")
    }

    @Test func concurrentWritersAreSerialised() throws {
        let (dir, _) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("sb").path
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            let sandbox = try! Sandbox.open(at: path)
            for j in 0..<20 { try! sandbox.write { try $0.setValue(RegistryPath("HKLM\\SOFTWARE\\Race")!, .dword("v\(i)-\(j)", UInt32(j))) } }
        }
        #expect(try Sandbox.open(at: path).read { try $0.values(RegistryPath("HKLM\\SOFTWARE\\Race")!) }.count == 160)
    }
}
