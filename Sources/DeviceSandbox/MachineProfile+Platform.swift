import INFModel
import SigningPolicy

extension MachineProfile {
    /// The platform INF decorations are matched against: architecture, version, build, product type.
    public var platform: TargetPlatform {
        let architecture: Architecture = switch cpu {
        case .x86: .x86
        case .x64: .amd64
        case .arm64: .arm64
        }
        return TargetPlatform(architecture: architecture, majorVersion: release.major, minorVersion: release.minor,
                              buildNumber: release.build, productType: release.productType,
                              suiteMask: release.isServer ? 0x110 : 0x100)
    }
}
