import Foundation

/// Running the outside tools the tests check drvkit against (osslsigncode, openssl).
public enum ExternalTools {
    /// Whether `name` is on PATH.
    public static func has(_ name: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }

    /// Runs a tool and returns its exit status and combined output.
    @discardableResult
    public static func run(_ name: String, _ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A self-signed code-signing certificate and key made with openssl, in `directory`.
    public static func makeTestCertificate(in directory: URL) throws -> (cert: URL, key: URL) {
        let cert = directory.appendingPathComponent("test-ca.pem"), key = directory.appendingPathComponent("test-key.pem")
        let result = try run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", cert.path,
                                         "-subj", "/CN=drvkit test signer", "-days", "2", "-addext", "extendedKeyUsage=codeSigning"])
        guard result.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: result.output]) }
        return (cert, key)
    }
}
