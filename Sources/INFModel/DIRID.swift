import INFSyntax

/// Directory identifiers (`%10%`, `12` in DestinationDirs) and the folders they stand for.
public enum DIRID {
    /// Well-known DIRIDs and their Windows paths (`%SystemDrive%` is `C:`).
    public static let paths: [Int: String] = [
        -1: "",                                    // absolute path
        1: "",                                     // the source directory of the INF
        10: "C:\\Windows",
        11: "C:\\Windows\\System32",
        12: "C:\\Windows\\System32\\drivers",
        13: "C:\\Windows\\System32\\DriverStore\\FileRepository",
        17: "C:\\Windows\\INF",
        18: "C:\\Windows\\Help",
        20: "C:\\Windows\\Fonts",
        21: "C:\\Windows\\System32\\viewers",
        23: "C:\\Windows\\System32\\spool\\drivers\\color",
        24: "C:\\",
        25: "C:\\Windows",
        30: "C:\\",
        50: "C:\\Windows\\System",
        51: "C:\\Windows\\System32\\spool",
        52: "C:\\Windows\\System32\\spool\\drivers",
        53: "C:\\Users\\Default",
        54: "C:\\",
        55: "C:\\Windows\\System32\\spool\\prtprocs",
        16406: "C:\\ProgramData\\Microsoft\\Windows\\Start Menu",
        16407: "C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs",
        16408: "C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\Startup",
        16409: "C:\\Users\\Public\\Desktop",
        16415: "C:\\Users\\Public\\Documents",
        16419: "C:\\ProgramData",
        16422: "C:\\Program Files",
        16425: "C:\\Windows\\SysWOW64",
        16426: "C:\\Program Files (x86)",
        16427: "C:\\Program Files\\Common Files",
        16428: "C:\\Program Files (x86)\\Common Files",
        16437: "C:\\Windows\\System32\\spool\\drivers",
        66000: "C:\\Windows\\System32\\spool\\drivers\\x64\\3",
        66001: "C:\\Windows\\System32\\spool\\prtprocs\\x64",
        66002: "C:\\Windows\\System32",
        66003: "C:\\Windows\\System32\\spool\\drivers\\color",
        66004: "C:\\Windows\\System32\\spool\\drivers\\x64\\3",
    ]

    /// Whether `id` is a DIRID Windows defines (user-defined DIRIDs start at 32768; shell folders at 16384).
    public static func isKnown(_ id: Int) -> Bool { paths[id] != nil }

    /// The DIRID of the `%N%` token a path starts with (`%13%\dev.sys` gives 13), the number read
    /// as SetupAPI reads DIRID tokens; nil when the path does not start with one.
    public static func leading(in path: String) -> Int? {
        let units = Array(path.trimmingWhitespace().utf16)
        guard units.first == 0x25, let close = units.dropFirst().firstIndex(of: 0x25) else { return nil }
        return units.withUnsafeBufferPointer { Substitution.dirid(UnsafeBufferPointer(rebasing: $0[1..<close])) }
    }

    /// DIRIDs a driver package must not write to in a declarative (DCH) INF: only 13 is allowed for
    /// driver files; a few others are allowed for specific purposes (see the linter's rules).
    public static let driverStore = 13
}
