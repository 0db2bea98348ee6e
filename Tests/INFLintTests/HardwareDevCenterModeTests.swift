import Testing
@testable import INFLint
import INFSyntax

/// `--mode hardware-dev-center` (InfVerif /h): isolation with the exceptions Microsoft still allows.
struct HardwareDevCenterModeTests {
    static func codes(_ body: String, _ mode: LintMode, destination: String = "13") -> [String] {
        let inf = RuleExample.deviceSkeleton(body).replacingOccurrences(of: "DefaultDestDir = 13", with: "DefaultDestDir = " + destination)
        return Linter(mode: mode, select: ["DK7"]).lint(tree: SyntaxTree(inf), path: "x.inf").findings.map(\.code)
    }

    static let registry = "[Dev.NT]\nAddReg = Dev.Reg\n[Dev.Reg]\n"

    @Test func modeSitsBetweenDeclarativeAndWindowsDriver() {
        #expect(LintMode(rawValue: "hardware-dev-center") == .hardwareDevCenter)
        #expect(LintMode.hardwareDevCenter.infVerifSwitch == "/h")
        #expect(LintMode.declarative < .hardwareDevCenter && LintMode.hardwareDevCenter < .windowsDriver)
    }

    @Test(arguments: ["HKLM,SOFTWARE\\Khronos\\Vulkan\\Drivers,%13%\\icd.json,0x10001,0",
                      "HKLM,System\\CurrentControlSet\\Control\\Contoso,Value,,1",
                      "HKLM,SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run,Contoso,,tool.exe",
                      "HKCR,Contoso.File,,,Contoso"])
    func globalKeysOnTheListAreAllowed(_ line: String) {
        #expect(!Self.codes(Self.registry + line + "\n", .hardwareDevCenter).contains("DK7003"))
        #expect(Self.codes(Self.registry + line + "\n", .windowsDriver).contains { $0 == "DK7003" || $0 == "DK7013" })
    }

    @Test func otherGlobalKeysAreNot() {
        #expect(Self.codes(Self.registry + "HKLM,SOFTWARE\\Contoso,Value,,1\n", .hardwareDevCenter) == ["DK7003"])
        #expect(Self.codes(Self.registry + "HKLM,SOFTWARE\\KhronosX,Value,,1\n", .hardwareDevCenter) == ["DK7003"])
    }

    @Test func listedDIRIDsAreAllowedAndOthersAreNot() {
        let copy = "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n"
        #expect(Self.codes(copy, .hardwareDevCenter, destination: "12").isEmpty)
        #expect(Self.codes(copy, .hardwareDevCenter, destination: "16422,Contoso").isEmpty)
        #expect(Self.codes(copy, .windowsDriver, destination: "12") == ["DK7011"])
        #expect(Self.codes(copy, .universal, destination: "16422,Contoso") == ["DK7005"])
        #expect(Self.codes(copy, .hardwareDevCenter, destination: "17") == ["DK7011"])
    }

    @Test func aServiceBinaryUnderAListedDIRIDIsAllowed() {
        let service = "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n[Dev.NT.Services]\nAddService = dev, 0x00000002, Dev.Service\n[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %12%\\dev.sys\n"
        #expect(Self.codes(service, .hardwareDevCenter, destination: "12").isEmpty)
        #expect(Self.codes(service, .windowsDriver, destination: "12") == ["DK7011", "DK7011"])
    }
}
