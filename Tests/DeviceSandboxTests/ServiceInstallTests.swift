import TestSupport
@testable import DeviceSandbox
import Foundation
import Testing

/// The service-install keys and SPSVCINST flags beyond the required four (installer.md §8).
@Suite struct ServiceInstallTests {
    static let inf = #"""
        [Version]
        Signature = "$Windows NT$"
        [DefaultInstall.NTamd64]
        [DefaultInstall.NTamd64.Services]
        AddService = First, 0x00000000, FirstSvc
        AddService = Second, 0x00000001, SecondSvc
        AddService = Helper, 0x00000000, HelperSvc
        [FirstSvc]
        ServiceType = 1
        StartType = 1
        ErrorControl = 1
        ServiceBinary = %12%\first.sys
        LoadOrderGroup = Extended Base
        Security = "D:P(A;;GA;;;SY)(A;;GRGW;;;BA)"
        [SecondSvc]
        ServiceType = 1
        StartType = 1
        ErrorControl = 1
        ServiceBinary = %12%\second.sys
        LoadOrderGroup = Extended Base
        BootFlags = 0x1
        [HelperSvc]
        ServiceType = 0x10
        StartType = 2
        ErrorControl = 1
        ServiceBinary = %11%\helper.exe
        DisplayName = "Helper"
        RequiredPrivileges = SeChangeNotifyPrivilege, SeImpersonatePrivilege
        ServiceSidType = 1
        DelayedAutoStart = 1
        [Update]
        [Update.Services]
        AddService = Helper, 0x0000D008, HelperSvc2
        AddService = First, 0x00000400, FirstSvc2
        [HelperSvc2]
        ServiceType = 0x10
        StartType = 3
        ErrorControl = 1
        ServiceBinary = %11%\helper.exe
        DisplayName = "Helper 2"
        RequiredPrivileges = SeDebugPrivilege
        ServiceSidType = 3
        DelayedAutoStart = 0
        [FirstSvc2]
        ServiceType = 1
        StartType = 1
        ErrorControl = 1
        ServiceBinary = %12%\first.sys
        LoadOrderGroup = Extended Base
        Security = "D:P(A;;GA;;;SY)"
        [Broken.Services]
        AddService = Broken, 0, BrokenSvc
        [Broken]
        [BrokenSvc]
        ServiceType = 1
        StartType = 3
        ErrorControl = 1
        ServiceBinary = %12%\broken.sys
        Security = "D:P(A;;GA;;;SY"
        """#

    func install(_ section: String, _ sandbox: Sandbox, _ inf: URL) throws {
        _ = try InstallEngine.installSection(section, infPath: inf.path, hkr: nil, sandbox: sandbox)
    }

    func setUp() throws -> (URL, Sandbox, URL) {
        let dir = try CommandRunner.temporaryDirectory()
        let sandbox = try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: "win11-24h2-x64")
        let inf = dir.appendingPathComponent("svc.inf")
        try Self.inf.write(to: inf, atomically: true, encoding: .utf8)
        return (dir, sandbox, inf)
    }

    func value(_ sandbox: Sandbox, _ key: String, _ name: String) throws -> RegistryValue? {
        try sandbox.read { try $0.value(RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\" + key)!, name) }
    }

    @Test func optionalKeysProduceTheirValues() throws {
        let (dir, sandbox, inf) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        try install("DefaultInstall", sandbox, inf)
        let security = try #require(try value(sandbox, "Services\\First\\Security", "Security"))
        #expect(security.knownType == .binary)
        #expect(security.data.count == 20 + 8 + 20 + 24)    // header, ACL, SY ACE, BA ACE
        #expect(Array(security.data[0..<4]) == [1, 0, 0x04, 0x90])
        #expect(try value(sandbox, "Services\\Helper", "RequiredPrivileges")?.multiStringValue == ["SeChangeNotifyPrivilege", "SeImpersonatePrivilege"])
        #expect(try value(sandbox, "Services\\Helper", "ServiceSidType")?.integerValue == 1)
        #expect(try value(sandbox, "Services\\Helper", "DelayedAutostart")?.integerValue == 1)
        #expect(try value(sandbox, "Services\\Second", "BootFlags")?.integerValue == 1)
        #expect(try value(sandbox, "Services\\Helper", "Tag") == nil)   // only drivers in a group get tags
    }

    @Test func driversInAGroupGetTagsAndTagToFrontLeadsTheOrderList() throws {
        let (dir, sandbox, inf) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        try install("DefaultInstall", sandbox, inf)
        let first = try #require(try value(sandbox, "Services\\First", "Tag")?.integerValue)
        let second = try #require(try value(sandbox, "Services\\Second", "Tag")?.integerValue)
        #expect(first != second)
        let order = try #require(try value(sandbox, "Control\\GroupOrderList", "Extended Base"))
        #expect(order.data == [1, 0, 0, 0] + withUnsafeBytes(of: UInt32(second).littleEndian, Array.init))
        // Reinstalling keeps each service's tag.
        try install("DefaultInstall", sandbox, inf)
        #expect(try value(sandbox, "Services\\First", "Tag")?.integerValue == first)
    }

    @Test func noClobberFlagsKeepValuesAndClobberSecurityReplacesTheDescriptor() throws {
        let (dir, sandbox, inf) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        try install("DefaultInstall", sandbox, inf)
        let before = try value(sandbox, "Services\\First\\Security", "Security")
        try install("Update", sandbox, inf)
        // 0xD008: NOCLOBBER_DISPLAYNAME | _REQUIREDPRIVILEGES | _SERVICESIDTYPE | _DELAYEDAUTOSTART.
        #expect(try value(sandbox, "Services\\Helper", "DisplayName")?.stringValue == "Helper")
        #expect(try value(sandbox, "Services\\Helper", "RequiredPrivileges")?.multiStringValue.count == 2)
        #expect(try value(sandbox, "Services\\Helper", "ServiceSidType")?.integerValue == 1)
        #expect(try value(sandbox, "Services\\Helper", "DelayedAutostart")?.integerValue == 1)
        #expect(try value(sandbox, "Services\\Helper", "Start")?.integerValue == 3)
        // SPSVCINST_CLOBBER_SECURITY: the existing service gets the new descriptor (one ACE fewer).
        let after = try #require(try value(sandbox, "Services\\First\\Security", "Security"))
        #expect(after.data.count == (before?.data.count ?? 0) - 24)
    }

    @Test func anExistingServiceKeepsItsSecurityWithoutClobberSecurity() throws {
        let (dir, sandbox, inf) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        try install("DefaultInstall", sandbox, inf)
        let before = try value(sandbox, "Services\\First\\Security", "Security")
        try install("DefaultInstall", sandbox, inf)
        #expect(try value(sandbox, "Services\\First\\Security", "Security") == before)
    }

    @Test func aBrokenSecurityDescriptorFailsTheInstallAtItsLine() throws {
        let (dir, sandbox, inf) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            try install("Broken", sandbox, inf)
            Issue.record("the install should fail")
        } catch let failure as InstallFailure {
            #expect(failure.diagnostic.line == 59 && failure.win32Error == 87)
            #expect(failure.diagnostic.message.contains("ACE without ')'"))
        }
        #expect(try value(sandbox, "Services\\Broken", "Type") == nil)
    }
}
