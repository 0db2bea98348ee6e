import INFModel

/// A simulated machine: a Windows release on one architecture (`win11-24h2-x64`, `server2022-x64`).
public struct MachineProfile: Hashable, Sendable {
    public var name: String
    public var release: String
    public var platform: TargetPlatform

    /// Windows releases: version, build and product type (1 workstation, 3 server).
    static let releases: [(name: String, major: Int, minor: Int, build: Int, productType: Int, architectures: [Architecture])] = [
        ("win7", 6, 1, 7601, 1, [.x86, .amd64]),
        ("win81", 6, 3, 9600, 1, [.x86, .amd64]),
        ("win10-1507", 10, 0, 10240, 1, [.x86, .amd64]),
        ("win10-1607", 10, 0, 14393, 1, [.x86, .amd64]),
        ("win10-22h2", 10, 0, 19045, 1, [.x86, .amd64, .arm64]),
        ("win11-21h2", 10, 0, 22000, 1, [.amd64, .arm64]),
        ("win11-22h2", 10, 0, 22621, 1, [.amd64, .arm64]),
        ("win11-23h2", 10, 0, 22631, 1, [.amd64, .arm64]),
        ("win11-24h2", 10, 0, 26100, 1, [.amd64, .arm64]),
        ("server2016", 10, 0, 14393, 3, [.amd64]),
        ("server2019", 10, 0, 17763, 3, [.amd64]),
        ("server2022", 10, 0, 20348, 3, [.amd64]),
        ("server2025", 10, 0, 26100, 3, [.amd64]),
    ]

    static func suffix(_ architecture: Architecture) -> String {
        switch architecture {
        case .amd64: return "x64"
        case .x86: return "x86"
        case .arm64: return "arm64"
        default: return architecture.rawValue
        }
    }

    /// Every profile name, e.g. `win11-24h2-x64`.
    public static var all: [MachineProfile] {
        releases.flatMap { r in r.architectures.map { named("\(r.name)-\(suffix($0))")! } }
    }

    /// The profile called `name`, nil when there is none.
    public static func named(_ name: String) -> MachineProfile? {
        let lower = name.lowercased()
        for r in releases {
            for a in r.architectures where lower == "\(r.name)-\(suffix(a))" {
                let platform = TargetPlatform(architecture: a, majorVersion: r.major, minorVersion: r.minor, buildNumber: r.build,
                                              productType: r.productType, suiteMask: r.productType == 1 ? 0x100 : 0x110)
                return MachineProfile(name: lower, release: r.name, platform: platform)
            }
        }
        return nil
    }

    /// `10.0.26100` as the setup log and pnputil print it.
    public var osVersion: String { "\(platform.majorVersion).\(platform.minorVersion).\(platform.buildNumber)" }
}
