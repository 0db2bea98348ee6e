@testable import DeviceSandbox

extension Sandbox {
    /// Secure Boot off, `bcdedit /set testsigning on`, reboot: Test Mode, where test-signed drivers load.
    func enterTestMode() throws {
        try BootConfiguration.set([.secureBoot: false], sandbox: self)
        _ = try BootConfiguration.bcdedit(set: "testsigning", "on", sandbox: self)
        _ = try BootConfiguration.reboot(sandbox: self)
    }

    /// A boot with driver signature enforcement disabled (F7): unsigned packages install after a warning.
    func bootWithoutSignatureEnforcement() throws {
        _ = try BootConfiguration.reboot(disableDriverSignatureEnforcement: true, sandbox: self)
    }
}
