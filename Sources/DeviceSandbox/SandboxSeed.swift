/// What a fresh Windows installation has that driver installs rely on (installer.md §1).
enum SandboxSeed {
    /// Folders of the simulated `C:` drive.
    static let folders = ["Windows/System32/drivers", "Windows/System32/DriverStore/FileRepository", "Windows/INF",
                          "Windows/SysWOW64", "Windows/Help", "Windows/Fonts", "Program Files", "Program Files (x86)",
                          "ProgramData", "Users/Default"]

    static let classes: [(name: String, guid: String, description: String)] = {
        let s = "-e325-11ce-bfc1-08002be10318}"
        return [
            ("System", "{4d36e97d" + s, "System devices"), ("Net", "{4d36e972" + s, "Network adapters"),
            ("Ports", "{4d36e978" + s, "Ports (COM & LPT)"), ("Media", "{4d36e96c" + s, "Sound, video and game controllers"),
            ("DiskDrive", "{4d36e967" + s, "Disk drives"), ("SCSIAdapter", "{4d36e97b" + s, "Storage controllers"),
            ("Display", "{4d36e968" + s, "Display adapters"), ("Keyboard", "{4d36e96b" + s, "Keyboards"),
            ("Mouse", "{4d36e96f" + s, "Mice and other pointing devices"), ("Printer", "{4d36e979" + s, "Printers"),
            ("USB", "{36fc9e60-c465-11cf-8056-444553540000}", "Universal Serial Bus controllers"),
            ("USBDevice", "{88bae032-5a81-49f0-bc3d-a4ff138216d6}", "Universal Serial Bus devices"),
            ("HIDClass", "{745a17a0-74d3-11d0-b6fe-00a0c90f57da}", "Human Interface Devices"),
            ("Bluetooth", "{e0cbf06c-cd8b-4647-bb8a-263b43f0f974}", "Bluetooth"),
            ("Camera", "{ca3e7ab9-b4c3-4ae6-8251-579ef933890f}", "Cameras"),
            ("Sensor", "{5175d334-c371-4806-b3ba-71fd53c9258d}", "Sensors"),
            ("SoftwareComponent", "{5c4c3332-344d-483c-8739-259e934c9cc8}", "Software components"),
            ("Extension", "{e2f84ce7-8efa-411c-aa69-97454ca4cb57}", "Extensions"),
        ]
    }()

    static func seed(_ registry: RegistryStore, machine: String) throws {
        let hklm = RegistryPath(root: "HKEY_LOCAL_MACHINE", components: [])
        try registry.createKey(RegistryPath(root: "HKEY_USERS", components: [".DEFAULT"]))
        try registry.createKey(RegistryPath(root: "HKEY_CURRENT_USER", components: ["Software"]))
        try registry.createKey(hklm.appending("SOFTWARE\\Classes"))
        try registry.createKey(hklm.appending("SOFTWARE\\Microsoft\\Windows\\CurrentVersion"))
        let select = hklm.appending("SYSTEM\\Select")
        for (name, value) in [("Current", 1), ("Default", 1), ("Failed", 0), ("LastKnownGood", 1)] {
            try registry.setValue(select, .dword(name, UInt32(value)))
        }
        let controlSet = hklm.appending("SYSTEM\\ControlSet001")
        for key in ["Enum\\ROOT", "Services", "Control\\DeviceClasses", "Control\\Class"] { try registry.createKey(controlSet.appending(key)) }
        for c in classes {
            let key = controlSet.appending("Control\\Class\\" + c.guid)
            try registry.setValue(key, .string("", c.description))
            try registry.setValue(key, .string("Class", c.name))
        }
    }
}
