import Foundation

/// Runs the built executables (drvkit, later pnputil and devcon) the way a user does.
public struct CommandResult: Sendable {
    public var exitCode: Int32
    public var stdout: String
    public var stderr: String
    public var stdoutBytes: [UInt8]
}

public enum CommandRunner {
    /// The folder holding the built products (next to the test bundle).
    public static let productsDirectory: URL = {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("drvkit").path) { return dir }
            dir.deleteLastPathComponent()
        }
        return TestPaths.packageRoot.appendingPathComponent(".build/debug")
    }()

    /// Runs `executable` with `arguments` in `directory`, with `environment` added and `input` (if
    /// any) on its standard input.
    public static func run(_ arguments: [String], executable: String = "drvkit", in directory: URL? = nil,
                           environment: [String: String] = [:], input: String? = nil) throws -> CommandResult {
        let process = Process()
        // A built product by name, or an absolute path (a shell running an example script).
        process.executableURL = executable.hasPrefix("/") ? URL(fileURLWithPath: executable) : productsDirectory.appendingPathComponent(executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        // Read both pipes fully before waiting, so a large output cannot block the child.
        var outData = Data(), errData = Data()
        let group = DispatchGroup()
        let queue = DispatchQueue(label: "drvkit.test.pipes", attributes: .concurrent)
        nonisolated(unsafe) var outBox = Data(), errBox = Data()
        group.enter(); queue.async { outBox = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter(); queue.async { errBox = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.wait()
        outData = outBox; errData = errBox
        process.waitUntilExit()
        return CommandResult(exitCode: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self),
                             stdoutBytes: [UInt8](outData))
    }

    /// A fresh temporary folder, removed by the caller.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("drvkit-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
