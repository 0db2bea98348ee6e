import Foundation
import Testing
import TestSupport
@testable import DeviceSandbox

/// Include and Needs: needed sections, from this INF or from system INFs in `C:\Windows\INF`, run after
/// the section's own directives ("INF AddProperty Directive", FLG_ADDPROPERTY_NOCLOBBER), and not nested
/// ("INF DDInstall.HW Section").
struct NeedsTests {
    static let inf = #"""
        [Version]
        Signature = "$Windows NT$"
        [DefaultInstall.NTamd64]
        Include = sys.inf, absent.inf
        Needs = Sys.Install, Local.Part, No.Such.Section
        AddReg = Own
        [Own]
        HKLM,Software\Needs,Order,,"own"
        [Local.Part]
        Needs = Local.Part, DefaultInstall.NTamd64
        AddReg = LocalReg
        [LocalReg]
        HKLM,Software\Needs,Local,,"local"
        """#

    static let systemINF = #"""
        [Version]
        Signature = "$Windows NT$"
        [Sys.Install]
        AddReg = SysReg
        CopyFiles = SysFiles
        [SysReg]
        HKLM,Software\Needs,System,,%SysText%
        HKLM,Software\Needs,Order,,"system"
        [SysFiles]
        sysdrv.sys
        [DestinationDirs]
        SysFiles = 12
        [Strings]
        SysText = "from the system INF's own strings"
        """#

    @Test func neededSectionsRunAfterTheSectionFromThisINFAndFromIncludedOnes() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sandbox = try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: "win11-24h2-x64")
        try Self.systemINF.write(to: sandbox.systemDrive.appendingPathComponent("Windows/INF/sys.inf"), atomically: true, encoding: .utf8)
        let inf = dir.appendingPathComponent("n.inf")
        try Self.inf.write(to: inf, atomically: true, encoding: .utf8)
        let result = try InstallEngine.installSection("DefaultInstall", infPath: inf.path, hkr: nil, sandbox: sandbox)
        func string(_ name: String) throws -> String? { try sandbox.read { try $0.value(RegistryPath("HKLM\\SOFTWARE\\Needs")!, name) }?.stringValue }
        #expect(try string("System") == "from the system INF's own strings")
        #expect(try string("Local") == "local")
        #expect(try string("Order") == "system")   // what the section needs runs after its own AddReg
        let messages = result.diagnostics.map { "\(($0.file as NSString).lastPathComponent):\($0.line): \($0.message)" }
        #expect(messages.count == 5, "\(messages)")
        // [Local.Part] runs because DefaultInstall needs it: its own Needs are not followed.
        #expect(messages.contains { $0.hasPrefix("n.inf:10:") && $0.contains("cannot be nested") && $0.contains("[Local.Part]") })
        #expect(messages.contains { $0.hasPrefix("n.inf:10:") && $0.contains("cannot be nested") && $0.contains("[DefaultInstall.NTamd64]") })
        #expect(messages.contains { $0.hasPrefix("n.inf:4:") && $0.contains("absent.inf") })
        #expect(messages.contains { $0.hasPrefix("n.inf:5:") && $0.contains("[No.Such.Section]") })
        #expect(messages.contains { $0.hasPrefix("sys.inf:10:") && $0.contains("sysdrv.sys") })
    }
}
