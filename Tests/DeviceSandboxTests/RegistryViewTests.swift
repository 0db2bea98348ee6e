import Foundation
import Testing
import TestSupport
@testable import DeviceSandbox

/// FLG_ADDREG/DELREG/BITREG_32BITKEY reach the 32-bit view of a 64-bit machine through the
/// registry redirector's WOW6432Node keys; 64BITKEY and no flag stay native.
struct RegistryViewTests {
    static let inf = #"""
        [Version]
        Signature = "$Windows NT$"
        [DefaultInstall]
        DelReg = Del
        AddReg = Add
        BitReg = Bits
        [Add]
        HKLM,Software\Contoso,View,0x00004000,"32"
        HKLM,Software\Contoso,View,0x00001000,"64"
        HKLM,Software\Contoso,Native,,"native"
        HKCR,CLSID\{00000000-0000-0000-0000-000000000001},,0x00004000,"com32"
        HKCR,.contoso,,0x00004000,"shared"
        HKLM,System\CurrentControlSet\Services\Contoso,View,0x00004000,"system is shared"
        HKLM,Software\Contoso,Gone,0x00004000,"x"
        HKLM,Software\Contoso,Bits,0x00004001,00
        [Del]
        HKLM,Software\Contoso,Nothing,0x00004000
        [Bits]
        HKLM,Software\Contoso,Bits,0x00004001,0x80,0
        """#

    func install(machine: String) throws -> (URL, Sandbox) {
        let dir = try CommandRunner.temporaryDirectory()
        let sandbox = try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: machine)
        let inf = dir.appendingPathComponent("v.inf")
        try Self.inf.write(to: inf, atomically: true, encoding: .utf8)
        _ = try InstallEngine.installSection("DefaultInstall", infPath: inf.path, hkr: nil, sandbox: sandbox)
        // DelReg runs before AddReg, so Gone is written; a second INF deletes it from the 32-bit view.
        let delete = dir.appendingPathComponent("d.inf")
        try "[Version]\nSignature = \"$Windows NT$\"\n[DefaultInstall]\nDelReg = Del\n[Del]\nHKLM,Software\\Contoso,Gone,0x00004000\n"
            .write(to: delete, atomically: true, encoding: .utf8)
        _ = try InstallEngine.installSection("DefaultInstall", infPath: delete.path, hkr: nil, sandbox: sandbox)
        return (dir, sandbox)
    }

    func string(_ sandbox: Sandbox, _ key: String, _ name: String) throws -> String? {
        try sandbox.read { try $0.value(RegistryPath(key)!, name) }?.stringValue
    }

    @Test func x64RedirectsSoftwareButNotSharedKeys() throws {
        let (dir, sandbox) = try install(machine: "win11-24h2-x64")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try string(sandbox, "HKLM\\SOFTWARE\\WOW6432Node\\Contoso", "View") == "32")
        #expect(try string(sandbox, "HKLM\\SOFTWARE\\Contoso", "View") == "64")
        #expect(try string(sandbox, "HKLM\\SOFTWARE\\Contoso", "Native") == "native")
        #expect(try string(sandbox, "HKLM\\SOFTWARE\\Classes\\WOW6432Node\\CLSID\\{00000000-0000-0000-0000-000000000001}", "") == "com32")
        #expect(try string(sandbox, "HKCR\\.contoso", "") == "shared")
        #expect(try string(sandbox, "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Contoso", "View") == "system is shared")
        #expect(try string(sandbox, "HKLM\\SOFTWARE\\WOW6432Node\\Contoso", "Gone") == nil)
        #expect(try sandbox.read { try $0.value(RegistryPath("HKLM\\SOFTWARE\\WOW6432Node\\Contoso")!, "Bits") }?.data == [0x80])
    }

    @Test func x86HasOnlyItsOwnView() throws {
        let (dir, sandbox) = try install(machine: "win10-22h2-x86")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try sandbox.read { try $0.key(RegistryPath("HKLM\\SOFTWARE\\WOW6432Node")!) } == nil)
        #expect(try string(sandbox, "HKLM\\SOFTWARE\\Contoso", "View") == "64")   // the later line wins
        #expect(try string(sandbox, "HKLM\\SOFTWARE\\Contoso", "Gone") == nil)
    }
}
