import Foundation
import TestSupport

/// examples/echo with an echo.sys written by the test PE writer, and a signed package built from it.
enum EchoPackage {
    /// A copy of examples/echo (with `edit` applied to the INF) and a kernel-mode echo.sys for `machine`.
    static func source(_ dir: URL, machine: UInt16 = 0x8664, subsystem: UInt16 = 1, fileVersion: (UInt32, UInt32)? = nil,
                       edit: (String) -> String = { $0 }) throws -> URL {
        let source = dir.appendingPathComponent("src")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        let inf = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("examples/echo/echo.inf"), encoding: .utf8)
        try edit(inf).write(to: source.appendingPathComponent("echo.inf"), atomically: true, encoding: .utf8)
        var writer = PEWriter()
        writer.machine = machine
        writer.subsystem = subsystem
        if let fileVersion { writer.fileVersion = fileVersion }
        try Data(writer.bytes()).write(to: source.appendingPathComponent("echo.sys"))
        return source.appendingPathComponent("echo.inf")
    }

    /// A test signing certificate and key in `dir` (2048-bit, for speed).
    static func certificate(_ dir: URL) throws -> (cert: String, key: String) {
        let cert = dir.appendingPathComponent("test.pem").path, key = dir.appendingPathComponent("test.key").path
        let created = try CommandRunner.run(["cert", "create", "--subject", "CN=Contoso Test Signing, O=Contoso", "--cert-out", cert,
                                             "--key-out", key, "--days", "7", "--key-bits", "2048"])
        guard created.exitCode == 0 else { throw CocoaError(.fileWriteUnknown) }
        return (cert, key)
    }

    /// A signed amd64 package of the source in `dir/name`; returns the package's INF path.
    static func build(_ source: URL, into dir: URL, name: String, signer: (cert: String, key: String)) throws -> String {
        let out = dir.appendingPathComponent(name).path
        let build = try CommandRunner.run(["package", "build", source.path, "--arch", "amd64", "-o", out, "--sign", "--cert", signer.cert, "--key", signer.key])
        guard build.exitCode == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: build.stderr]) }
        return out + "/echo.inf"
    }
}
