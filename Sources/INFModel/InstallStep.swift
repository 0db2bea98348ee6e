/// The SetupAPI call that processes a section of an install, and so the directives it reads there.
///
/// Each step reads only its own directives and passes over the others without a word:
/// - `SetupInstallFromInfSection` (DDInstall, `.CoInstallers`, DefaultInstall, ClassInstall32) does
///   files, registry, properties and the rest, but not services ("INF DDInstall Section" lists no
///   AddService; Wine and ReactOS handle AddService only in `SetupInstallServicesFromInfSectionEx`).
/// - `.HW` is installed with `SPINST_REGISTRY` (ReactOS' `SetupDiInstallDevice`); "INF DDInstall.HW
///   Section" lists AddReg, DelReg, BitReg, Include and Needs.
/// - `SetupInstallServicesFromInfSectionEx` (`.Services`) reads AddService and DelService, after
///   Include and Needs ("INF DDInstall.Services Section"; Wine's implementation).
/// - `SetupDiInstallDeviceInterfaces` (`.Interfaces`) reads AddInterface ("INF DDInstall.Interfaces Section").
///
/// A needed section is processed by the same call as the section that needs it.
public enum InstallStep: String, Sendable, CaseIterable {
    case install, hardware, services, interfaces

    /// Directives with an effect that some step processes (lower-cased). Other keys (DriverVer,
    /// class-specific entries a class installer reads) are left alone.
    public static let knownDirectives: Set<String> = [
        "copyfiles", "delfiles", "renfiles", "copyinf", "addreg", "delreg", "bitreg", "addproperty", "delproperty",
        "addservice", "delservice", "addinterface", "registerdlls", "unregisterdlls", "updateinis", "updateinifields",
        "ini2reg", "profileitems", "logconfig", "include", "needs",
    ]

    /// Whether this step reads `directive` (any case). Unknown keys count as read: nothing says otherwise.
    public func reads(_ directive: String) -> Bool {
        let lower = directive.lowercased()
        guard Self.knownDirectives.contains(lower) else { return true }
        switch self {
        case .install: return !["addservice", "delservice", "addinterface"].contains(lower)
        case .hardware: return ["addreg", "delreg", "bitreg", "include", "needs"].contains(lower)
        case .services: return ["addservice", "delservice", "include", "needs"].contains(lower)
        case .interfaces: return ["addinterface", "include", "needs"].contains(lower)
        }
    }

    /// The SetupAPI call, for messages.
    public var processor: String {
        switch self {
        case .install: return "SetupInstallFromInfSection"
        case .hardware: return "SetupInstallFromInfSection with SPINST_REGISTRY (the .HW section)"
        case .services: return "SetupInstallServicesFromInfSection (the .Services section)"
        case .interfaces: return "SetupDiInstallDeviceInterfaces (the .Interfaces section)"
        }
    }

    /// The companion suffix of the sections this step processes (nil for install sections).
    var suffix: String? {
        switch self {
        case .install: return nil
        case .hardware: return ".HW"
        case .services: return ".Services"
        case .interfaces: return ".Interfaces"
        }
    }

    /// Where `directive` is read instead: a section named from `section`'s install section when
    /// `section` is one or its companion (not when it runs because another section needs it), else
    /// a description.
    func home(of directive: String, from section: String, needed: Bool) -> String {
        var base: String?
        let suffix = self.suffix ?? (section.lowercased().hasSuffix(".coinstallers") ? ".CoInstallers" : "")
        if !needed, section.lowercased().hasSuffix(suffix.lowercased()) { base = String(section.dropLast(suffix.count)) }
        switch directive.lowercased() {
        case "addservice", "delservice": return base.map { "[\($0).Services]" } ?? "the install section's .Services companion"
        case "addinterface": return base.map { "[\($0).Interfaces]" } ?? "the install section's .Interfaces companion"
        case "addreg", "delreg", "bitreg": return base.map { "[\($0)] or [\($0).HW]" } ?? "the install section or its .HW companion"
        default: return base.map { "[\($0)]" } ?? "the install section itself"
        }
    }

    /// Why `directive` does nothing in `section`, processed by this step (`needed`: because another
    /// section needs it); nil when the step reads it.
    public func ignoredMessage(_ directive: String, in section: String, needed: Bool = false) -> String? {
        guard !reads(directive) else { return nil }
        return "\(directive) in [\(section)] is never processed: Windows reads this section with \(processor), which ignores \(directive); it belongs in \(home(of: directive, from: section, needed: needed))"
    }
}
