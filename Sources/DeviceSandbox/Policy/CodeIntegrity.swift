import Foundation
import INFSyntax

/// The machine's code integrity (WDAC) policies: XML files under `C:\Windows\System32\CodeIntegrity`.
public enum CodeIntegrity {
    /// Copies a policy into the active policies (or the vulnerable driver blocklist's folder); returns its Windows path.
    public static func install(policy path: String, blocklist: Bool, sandbox: Sandbox) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw SandboxError("\(path): error: cannot read the file") }
        let folder = blocklist ? LoadPolicy.blocklistPolicies : LoadPolicy.activePolicies
        let name = (path as NSString).lastPathComponent
        let target = sandbox.root.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try INFInput.writeAtomically([UInt8](data), to: target.appendingPathComponent(name).path)
        return (folder + "/" + name).replacingOccurrences(of: "C/", with: "C:\\").replacingOccurrences(of: "/", with: "\\")
    }
}
