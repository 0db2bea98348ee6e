import INFModel

/// What Microsoft's "Porting an INF to follow driver package isolation" says to use instead of writing
/// some well-known global keys, for findings about registry writes outside HKR.
enum GlobalRegistryAdvice {
    static let byKey: [(root: RegistryRoot, prefix: String, advice: String)] = [
        (.hklm, "software\\microsoft\\windows\\currentversion\\winevt", "register ETW providers and event channels with AddEventProvider in a [DDInstall.Events] section (Windows 10 1809 and later)"),
        (.hklm, "system\\currentcontrolset\\control\\wmi\\autologger", "register AutoLoggers with AddAutoLogger or UpdateAutoLogger in a [DDInstall.Events] section (Windows 11 and later)"),
        (.hklm, "software\\microsoft\\windows\\currentversion\\runonce", "run one-time setup from a component INF's AddSoftware"),
        (.hklm, "software\\microsoft\\windows\\currentversion\\run", "ship the application through AddSoftware in a [DDInstall.Software] section, or a demand-start service started by AddTrigger"),
        (.hklm, "system\\currentcontrolset\\services", "write a service's settings with HKR,Parameters in its service-install section's AddReg"),
        (.hkcr, "audioengine\\audioprocessingobjects", "register the APO with HKR lines in the DDInstall section's AddReg"),
    ]

    /// The advice for a line's key, if Microsoft gives one (`; use …` appended to a message).
    static func hint(for entry: RegistryEntry) -> String {
        guard let match = byKey.first(where: { entry.writes(under: $0.root, $0.prefix) }) else { return "" }
        return "; " + match.advice
    }
}
