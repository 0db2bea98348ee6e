import Foundation
import Testing
import TestSupport
@testable import DeviceSandbox

/// Each section is processed by its own SetupAPI call, which reads only its own directives: AddService
/// in an install section and AddReg in a `.Services` section do nothing (a needed section is read by
/// the call that needs it).
struct InstallStepTests {
    static let inf = #"""
        [Version]
        Signature = "$Windows NT$"
        [DefaultInstall.NTamd64]
        AddService = Ghost, 0, Svc.Install
        AddReg = Own
        [Own]
        HKLM,Software\Steps,Install,,"yes"
        [DefaultInstall.NTamd64.Services]
        AddService = Real, 0, Svc.Install
        AddReg = FromServices
        Needs = Extra
        [Extra]
        AddService = Also, 0, Svc.Install
        AddReg = FromServices
        [FromServices]
        HKLM,Software\Steps,Services,,"yes"
        [Svc.Install]
        ServiceType = 1
        StartType = 3
        ErrorControl = 1
        ServiceBinary = %12%\real.sys
        """#

    @Test func eachSectionReadsOnlyTheDirectivesOfItsCall() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sandbox = try Sandbox.create(at: dir.appendingPathComponent("sb").path, machine: "win11-24h2-x64")
        let inf = dir.appendingPathComponent("s.inf")
        try Self.inf.write(to: inf, atomically: true, encoding: .utf8)
        let result = try InstallEngine.installSection("DefaultInstall", infPath: inf.path, hkr: nil, sandbox: sandbox)
        let services = RegistryPath("HKLM\\SYSTEM\\CurrentControlSet\\Services")!
        let steps = RegistryPath("HKLM\\SOFTWARE\\Steps")!
        func value(_ key: RegistryPath, _ name: String) throws -> String? { try sandbox.read { try $0.value(key, name) }?.stringValue }
        #expect(try value(services.appending("Real"), "ImagePath") != nil)
        #expect(try value(services.appending("Also"), "ImagePath") != nil)
        #expect(try value(services.appending("Ghost"), "ImagePath") == nil)
        #expect(try value(steps, "Install") == "yes")
        #expect(try value(steps, "Services") == nil)
        let messages = result.diagnostics.map { "\($0.line): \($0.message)" }
        #expect(messages.count == 3, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("4: AddService in [DefaultInstall.NTamd64] is never processed") && $0.hasSuffix("it belongs in [DefaultInstall.NTamd64.Services]") })
        #expect(messages.contains { $0.hasPrefix("10: AddReg in [DefaultInstall.NTamd64.Services] is never processed") && $0.contains("SetupInstallServicesFromInfSection") })
        #expect(messages.contains { $0.hasPrefix("14: AddReg in [Extra] is never processed") && $0.hasSuffix("it belongs in the install section or its .HW companion") })
    }
}
