/// A processor architecture a Windows release ships on, as profile names spell it.
public enum CPU: String, Sendable, CaseIterable {
    case x86, x64, arm64
}

/// A Windows release and what a machine running it has by default (signing.md §7).
public struct WindowsRelease: Hashable, Sendable {
    public var name: String
    public var displayName: String
    public var major: Int
    public var minor: Int
    public var build: Int
    /// 1 workstation, 3 server (`VER_NT_*`).
    public var productType: Int
    public var cpus: [CPU]
    /// Secure Boot (false where the release predates it: Windows 7).
    public var secureBootDefault: Bool
    public var hvciDefault: Bool
    /// Whether the vulnerable driver blocklist is on: always, or only with HVCI.
    public var blocklistDefault: Blocklist
    public enum Blocklist: Sendable, Hashable { case off, withHVCI, on }

    public var isServer: Bool { productType != 1 }
    /// Windows 8 and later (Secure Boot, SHA-2 everywhere, x64 installs refuse unsigned packages).
    public var isWindows8OrLater: Bool { (major, minor) >= (6, 2) }
    /// Windows 10 1607 and later (the "new" kernel signing policy).
    public var is1607OrLater: Bool { major >= 10 && build >= 14393 }
    /// Windows 11 24H2 and Server 2025, where the kernel trust policy (L11) can be enforced.
    public var hasKernelTrustPolicy: Bool { build >= 26100 }

    /// Every release drvkit models, oldest first.
    public static let all: [WindowsRelease] = [
        .init(name: "win7", displayName: "Windows 7 SP1", major: 6, minor: 1, build: 7601, productType: 1, cpus: [.x86, .x64],
              secureBootDefault: false, hvciDefault: false, blocklistDefault: .off),
        .init(name: "win81", displayName: "Windows 8.1", major: 6, minor: 3, build: 9600, productType: 1, cpus: [.x86, .x64],
              secureBootDefault: true, hvciDefault: false, blocklistDefault: .off),
        .init(name: "win10-1507", displayName: "Windows 10 1507", major: 10, minor: 0, build: 10240, productType: 1, cpus: [.x86, .x64],
              secureBootDefault: true, hvciDefault: false, blocklistDefault: .off),
        .init(name: "win10-1607", displayName: "Windows 10 1607", major: 10, minor: 0, build: 14393, productType: 1, cpus: [.x86, .x64],
              secureBootDefault: true, hvciDefault: false, blocklistDefault: .off),
        .init(name: "win10-22h2", displayName: "Windows 10 22H2", major: 10, minor: 0, build: 19045, productType: 1, cpus: [.x86, .x64, .arm64],
              secureBootDefault: true, hvciDefault: false, blocklistDefault: .withHVCI),
        .init(name: "win11-21h2", displayName: "Windows 11 21H2", major: 10, minor: 0, build: 22000, productType: 1, cpus: [.x64, .arm64],
              secureBootDefault: true, hvciDefault: true, blocklistDefault: .withHVCI),
        .init(name: "win11-22h2", displayName: "Windows 11 22H2", major: 10, minor: 0, build: 22621, productType: 1, cpus: [.x64, .arm64],
              secureBootDefault: true, hvciDefault: true, blocklistDefault: .on),
        .init(name: "win11-23h2", displayName: "Windows 11 23H2", major: 10, minor: 0, build: 22631, productType: 1, cpus: [.x64, .arm64],
              secureBootDefault: true, hvciDefault: true, blocklistDefault: .on),
        .init(name: "win11-24h2", displayName: "Windows 11 24H2", major: 10, minor: 0, build: 26100, productType: 1, cpus: [.x64, .arm64],
              secureBootDefault: true, hvciDefault: true, blocklistDefault: .on),
        .init(name: "server2016", displayName: "Windows Server 2016", major: 10, minor: 0, build: 14393, productType: 3, cpus: [.x64],
              secureBootDefault: true, hvciDefault: false, blocklistDefault: .off),
        .init(name: "server2019", displayName: "Windows Server 2019", major: 10, minor: 0, build: 17763, productType: 3, cpus: [.x64],
              secureBootDefault: true, hvciDefault: false, blocklistDefault: .withHVCI),
        .init(name: "server2022", displayName: "Windows Server 2022", major: 10, minor: 0, build: 20348, productType: 3, cpus: [.x64],
              secureBootDefault: true, hvciDefault: false, blocklistDefault: .withHVCI),
        .init(name: "server2025", displayName: "Windows Server 2025", major: 10, minor: 0, build: 26100, productType: 3, cpus: [.x64],
              secureBootDefault: true, hvciDefault: false, blocklistDefault: .withHVCI),
    ]
}

/// A machine profile: a release on one architecture (`win11-24h2-x64`).
public struct MachineProfile: Hashable, Sendable {
    public var release: WindowsRelease
    public var cpu: CPU

    public var name: String { "\(release.name)-\(cpu.rawValue)" }

    /// Every profile, by release then architecture.
    public static var all: [MachineProfile] { WindowsRelease.all.flatMap { r in r.cpus.map { MachineProfile(release: r, cpu: $0) } } }

    /// The profile called `name` (case-insensitive), nil when there is none.
    public static func named(_ name: String) -> MachineProfile? { all.first { $0.name == name.lowercased() } }

    /// `10.0.26100`.
    public var osVersion: String { "\(release.major).\(release.minor).\(release.build)" }
}
