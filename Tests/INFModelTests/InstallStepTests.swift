import Testing
import INFModel

/// Which directives each SetupAPI call reads ("INF DDInstall Section" and its companions' pages).
struct InstallStepTests {
    @Test func eachStepReadsItsOwnDirectives() {
        #expect(InstallStep.install.reads("CopyFiles") && InstallStep.install.reads("AddReg") && !InstallStep.install.reads("addservice"))
        #expect(!InstallStep.install.reads("AddInterface"))
        #expect(InstallStep.hardware.reads("BitReg") && InstallStep.hardware.reads("Needs") && !InstallStep.hardware.reads("CopyFiles"))
        #expect(!InstallStep.hardware.reads("AddProperty") && !InstallStep.hardware.reads("AddService"))
        #expect(InstallStep.services.reads("DelService") && InstallStep.services.reads("Include") && !InstallStep.services.reads("AddReg"))
        #expect(InstallStep.interfaces.reads("AddInterface") && !InstallStep.interfaces.reads("AddReg"))
        // Keys no step documents (class installers' own entries) are never called ignored.
        for step in InstallStep.allCases { #expect(step.reads("Characteristics") && step.reads("DriverVer")) }
    }

    @Test func messagesNameWhereTheDirectiveBelongs() {
        #expect(InstallStep.hardware.ignoredMessage("CopyFiles", in: "Dev.NT.HW")?.hasSuffix("it belongs in [Dev.NT]") == true)
        #expect(InstallStep.install.ignoredMessage("AddService", in: "Dev.NT.CoInstallers")?.hasSuffix("it belongs in [Dev.NT.Services]") == true)
        #expect(InstallStep.services.ignoredMessage("AddReg", in: "Dev.NT.Services")?.hasSuffix("it belongs in [Dev.NT] or [Dev.NT.HW]") == true)
        #expect(InstallStep.install.ignoredMessage("AddService", in: "Common", needed: true)?.hasSuffix("the install section's .Services companion") == true)
        #expect(InstallStep.services.ignoredMessage("AddService", in: "Dev.NT.Services") == nil)
    }
}
