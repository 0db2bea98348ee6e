import ArgumentParser
import DeviceSandbox
import Foundation
import INFSyntax
import SigningPolicy
import WindowsTools

extension Drvkit.SandboxCommand {
    struct Bcdedit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bcdedit", abstract: "bcdedit /set testsigning|nointegritychecks on|off, or /enum (effective at the next boot).",
            discussion: "Refused under Secure Boot, as Windows refuses it.")
        @Argument(parsing: .captureForPassthrough, help: "[--sandbox DIR] /set NAME on|off, or /enum") var arguments: [String] = []

        func run() throws {
            let (location, rest) = SandboxArgument.split(arguments)
            let args = rest.map { $0.lowercased() }
            let box: Sandbox
            do { box = try Sandbox.open(at: location) } catch let error as SandboxError {
                throw CommandFailure(exitCode: 3, message: error.description)
            }
            if args.isEmpty || args == ["/enum"] {
                let (state, boot, pending) = try BootConfiguration.current(box)
                Terminal.write("Windows Boot Loader (boot \(boot))\n-------------------\n")
                Terminal.write("testsigning             \(state.testSigning ? "Yes" : "No")\n")
                Terminal.write("nointegritychecks       \(state.noIntegrityChecks ? "Yes" : "No")\n")
                let nextTest = pending[BootConfiguration.Setting.testSigning] == true, nextNoIC = pending[BootConfiguration.Setting.noIntegrityChecks] == true
                if nextTest != state.testSigning || nextNoIC != state.noIntegrityChecks {
                    Terminal.write("(next boot: testsigning \(nextTest ? "Yes" : "No"), nointegritychecks \(nextNoIC ? "Yes" : "No"))\n")
                }
                return
            }
            guard args.count == 3, args[0] == "/set" else {
                throw CommandFailure(exitCode: 2, message: "The parameter is incorrect.\nRun \"bcdedit /?\" for command line assistance.")
            }
            if let refusal = try BootConfiguration.bcdedit(set: args[1], args[2], sandbox: box) {
                throw CommandFailure(exitCode: 1, message: refusal)
            }
            Terminal.write("The operation completed successfully.\n")
        }
    }

    struct Reboot: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Boot the machine again: pending settings take effect and every driver is re-evaluated.",
            discussion: "--disable-driver-signature-enforcement is F7 at the Startup Settings screen: for this boot only.")
        @Flag(help: "Start with driver signature enforcement disabled (F7), for this boot only.") var disableDriverSignatureEnforcement = false
        @OptionGroup var sandbox: SandboxOption

        func run() throws {
            let result = try BootConfiguration.reboot(disableDriverSignatureEnforcement: disableDriverSignatureEnforcement, sandbox: try sandbox.open())
            let s = result.state
            var modes: [String] = []
            if s.testSigning && !s.secureBoot { modes.append("Test Mode") }
            if s.enforcementDisabledThisBoot { modes.append("driver signature enforcement disabled for this boot") }
            Terminal.write("boot \(result.boot): \(s.profile.release.displayName) \(s.profile.cpu.rawValue), Secure Boot \(s.secureBoot ? "on" : "off")"
                           + (modes.isEmpty ? "" : ", " + modes.joined(separator: ", ")) + "\n")
            for change in result.changes {
                func text(_ code: Int) -> String { code == 0 ? "started" : "Code \(code)" }
                Terminal.write("\(change.instanceID): \(text(change.before)) -> \(text(change.after))\n")
            }
        }
    }

    struct Machine: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or change firmware and machine settings (Secure Boot, HVCI, …); changes take effect at the next boot.")
        @Option(help: "on|off") var secureBoot: OnOff?
        @Option(help: "on|off (memory integrity)") var hvci: OnOff?
        @Option(help: "on|off: upgraded in place from a release before Windows 10 1607") var upgradedFromEarlierRelease: OnOff?
        @Option(help: "on|off: the kernel trust policy that distrusts cross-signed drivers") var kernelTrustPolicy: OnOff?
        @OptionGroup var sandbox: SandboxOption

        func run() throws {
            let box = try sandbox.open()
            var changes: [BootConfiguration.Setting: Bool] = [:]
            if let secureBoot { changes[.secureBoot] = secureBoot.isOn }
            if let hvci { changes[.hvci] = hvci.isOn }
            if let upgradedFromEarlierRelease { changes[.upgraded] = upgradedFromEarlierRelease.isOn }
            if let kernelTrustPolicy { changes[.kernelTrustPolicy] = kernelTrustPolicy.isOn }
            if !changes.isEmpty { try BootConfiguration.set(changes, sandbox: box) }
            let (state, boot, pending) = try BootConfiguration.current(box)
            func onOff(_ b: Bool?) -> String { b == true ? "on" : "off" }
            Terminal.write("machine: \(state.profile.name) (\(state.profile.release.displayName)), boot \(boot)\n")
            Terminal.write("                         this boot  next boot\n")
            for (label, now, next) in [("Secure Boot", state.secureBoot, pending[.secureBoot]), ("HVCI", state.hvci, pending[.hvci]),
                                       ("test signing", state.testSigning, pending[.testSigning]),
                                       ("upgraded", state.upgradedFromEarlierRelease, pending[.upgraded]),
                                       ("kernel trust policy", state.kernelTrustPolicy, pending[.kernelTrustPolicy])] {
                Terminal.write(label.padding(toLength: 25, withPad: " ", startingAt: 0) + onOff(now).padding(toLength: 11, withPad: " ", startingAt: 0) + onOff(next) + "\n")
            }
            if state.enforcementDisabledThisBoot { Terminal.write("driver signature enforcement is disabled for this boot (F7)\n") }
        }
    }

    struct Wdac: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "wdac", abstract: "Add a WDAC (App Control) policy XML to the machine's active code integrity policies.",
            discussion: "With --blocklist it is the vulnerable driver blocklist, enforced only where the machine enforces the blocklist (HVCI, or on by default).")
        @Argument(help: "The policy XML.") var policy: String
        @Flag(help: "Install it as the vulnerable driver blocklist.") var blocklist = false
        @OptionGroup var sandbox: SandboxOption

        func run() throws {
            let box = try sandbox.open()
            do { _ = try WDACPolicy(contentsOf: policy) } catch {
                throw CommandFailure(exitCode: 3, message: "\(policy): error: \(error)")
            }
            let path = try CodeIntegrity.install(policy: policy, blocklist: blocklist, sandbox: box)
            Terminal.write("installed \(path)\n")
        }
    }
}
