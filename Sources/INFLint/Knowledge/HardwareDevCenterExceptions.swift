import INFModel

/// The exceptions InfVerif `/h` (Hardware Dev Center's WHQL requirements) allows to driver package
/// isolation, from Microsoft's "InfVerif /h" page ("Current Requirements as of April 2024"). Microsoft
/// removes some with each release until `/h` enforces isolation in full (`windows-driver` here).
public enum HardwareDevCenterExceptions {
    /// HKLM subkeys, lower-cased, under which an AddReg line may write; HKCR is allowed whole.
    static let machineKeys: [String] = [
        "system\\currentcontrolset",
        "software\\classes",
        "software\\khronos",
        "software\\microsoft\\analog\\providers",
        "software\\microsoft\\cellular\\mvsettings\\devicespecific\\cellux",
        "software\\microsoft\\cryptography\\calais\\readers",
        "software\\microsoft\\cryptography\\calais\\smartcards",
        "software\\microsoft\\cryptography\\drm_rng",
        "software\\microsoft\\eapol",
        "software\\microsoft\\palm\\delaymanipulationduration",
        "software\\microsoft\\shell\\oem\\quickactions\\colorprofilequickaction",
        "software\\microsoft\\speech_onecore\\audioinput",
        "software\\microsoft\\windows media foundation",
        "software\\microsoft\\windows nt\\currentversion\\adaptivedisplaybrightness",
        "software\\microsoft\\windows nt\\currentversion\\drivers.desc",
        "software\\microsoft\\windows nt\\currentversion\\drivers32",
        "software\\microsoft\\windows nt\\currentversion\\icm",
        "software\\microsoft\\windows nt\\currentversion\\opengldrivers",
        "software\\microsoft\\windows nt\\currentversion\\winlogon\\notify\\sccertprop",
        "software\\microsoft\\windows\\currentversion\\app paths",
        "software\\microsoft\\windows\\currentversion\\audio",
        "software\\microsoft\\windows\\currentversion\\authentication",
        "software\\microsoft\\windows\\currentversion\\control panel",
        "software\\microsoft\\windows\\currentversion\\controls folder",
        "software\\microsoft\\windows\\currentversion\\explorer",
        "software\\microsoft\\windows\\currentversion\\reliability\\userdefined",
        "software\\microsoft\\windows\\currentversion\\run",
        "software\\microsoft\\windows\\currentversion\\runonce",
        "software\\microsoft\\windows\\currentversion\\uninstall",
        "software\\wow6432node\\microsoft\\windows media foundation",
        "software\\wow6432node\\khronos",
        "software\\wowaa32node\\microsoft\\windows media foundation",
        "software\\wowaa32node\\khronos",
    ]

    /// DIRIDs other than 13 that `[DestinationDirs]` may name.
    public static let dirids: Set<Int> = [10, 11, 12, 23, 51, 52, 55, 16422, 16425, 16426, 16427, 16428, 66000, 66001, 66002, 66003, 66004]

    /// Whether an AddReg line writes where `/h` allows a global write.
    public static func allows(_ entry: RegistryEntry) -> Bool {
        entry.root == .hkcr || machineKeys.contains { entry.writes(under: .hklm, $0) }
    }
}
