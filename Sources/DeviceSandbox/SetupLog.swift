import Foundation

/// `C:\Windows\INF\setupapi.dev.log` (installer.md §10): each install's section, appended.
public enum SetupLog {
    /// Appends one or more sections (each opened by a `>>>  [` line and closed by `<<<  [Exit status`),
    /// with their start and end times.
    public static func append(_ lines: [String], sandbox: Sandbox, date: Date = Date()) throws {
        guard !lines.isEmpty else { return }
        let stamp = stamp(date)
        var out: [String] = []
        for line in lines {
            if line.hasPrefix("<<<  [Exit") { out.append("<<<  Section end \(stamp)") }
            out.append(line)
            if line.hasPrefix(">>>  [") { out.append(">>>  Section start \(stamp)") }
        }
        try write(out, sandbox: sandbox)
    }

    /// `[Boot Session: …]`, the line Windows writes at each boot.
    public static func appendBootSession(sandbox: Sandbox, date: Date = Date()) throws {
        try write(["", "[Boot Session: \(stamp(date))]", ""], sandbox: sandbox)
    }

    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy/MM/dd HH:mm:ss.SSS"
        return formatter.string(from: date)
    }

    static func write(_ out: [String], sandbox: Sandbox) throws {
        let url = sandbox.systemDrive.appendingPathComponent("Windows/INF/setupapi.dev.log")
        let text = out.joined(separator: "\r\n") + "\r\n"
        if !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: url.path, contents: Data("[Device Install Log]\r\n     OS Version = \((try? sandbox.profile().osVersion) ?? "10.0")\r\n\r\n".utf8))
        }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }
}
