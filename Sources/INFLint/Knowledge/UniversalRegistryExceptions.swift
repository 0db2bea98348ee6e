import INFModel

/// The global keys a universal INF's AddReg may write, from Microsoft's "Using a Universal INF File":
/// COM registration under HKCR or HKLM\SOFTWARE\Classes, and hardware Media Foundation transforms under
/// HKLM\SOFTWARE\Microsoft\Windows Media Foundation or its 32-bit views. Driver package isolation
/// (`windows-driver`) allows none of them.
public enum UniversalRegistryException: String, Sendable, CaseIterable {
    case comRegistration = "COM registration"
    case mediaFoundationTransform = "hardware MFT registration"

    /// The HKLM subkeys, lower-cased, under which each exception lets an AddReg line write.
    static let machineKeys: [(prefix: String, exception: Self)] = [
        ("software\\classes", .comRegistration),
        ("software\\microsoft\\windows media foundation", .mediaFoundationTransform),
        // The page names WOW6432Node and WOW3232Node; Windows on Arm's 32-bit view is WowAA32Node.
        ("software\\wow6432node\\microsoft\\windows media foundation", .mediaFoundationTransform),
        ("software\\wow3232node\\microsoft\\windows media foundation", .mediaFoundationTransform),
        ("software\\wowaa32node\\microsoft\\windows media foundation", .mediaFoundationTransform),
    ]

    /// The exception an AddReg line falls under, or nil (HKR lines and other global keys).
    public static func covering(_ entry: RegistryEntry) -> Self? {
        if entry.root == .hkcr { return .comRegistration }
        return machineKeys.first { entry.writes(under: .hklm, $0.prefix) }?.exception
    }
}
