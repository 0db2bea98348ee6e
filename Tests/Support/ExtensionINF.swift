/// The text of a small extension INF (`Class = Extension`, "Using an Extension INF File") for one
/// hardware ID: its DDInstall's `softwareAddReg` lines go to the driver key, its `.HW` writes
/// `Calibration` = 42 in the hardware key, and `services` lines fill its `.Services` section.
public struct ExtensionINF: Sendable {
    public var extensionID: String
    public var driverVer = "11/21/2026,1.0.0.0"
    public var hardwareID = "Root\\Toaster"
    public var catalogFile = "toasterext.cat"
    public var description = "Contoso Toaster Extension"
    /// `HKR,...` lines of the DDInstall's AddReg section; none: the DDInstall has no AddReg.
    public var softwareAddReg: [String] = []
    public var services = ""

    public init(extensionID: String) { self.extensionID = extensionID }

    public var text: String {
        let software = softwareAddReg.isEmpty ? "" : "AddReg = Ext_Software\n\n[Ext_Software]\n" + softwareAddReg.joined(separator: "\n")
        return """
            [Version]
            Signature   = "$Windows NT$"
            Class       = Extension
            ClassGuid   = {e2f84ce7-8efa-411c-aa69-97454ca4cb57}
            Provider    = %Provider%
            ExtensionId = \(extensionID)
            CatalogFile = \(catalogFile)
            DriverVer   = \(driverVer)
            PnpLockdown = 1

            [Manufacturer]
            %Provider% = Ext, NTamd64

            [Ext.NTamd64]
            %Desc% = Ext_Install, \(hardwareID)

            [Ext_Install.NT]
            \(software)

            [Ext_Install.NT.HW]
            AddReg = Ext_Hardware

            [Ext_Hardware]
            HKR,,Calibration,0x10001,42

            [Ext_Install.NT.Services]
            \(services)

            [Strings]
            Provider = "Contoso"
            Desc     = "\(description)"

            """
    }
}
