/// The text of a small kernel-driver INF for driver store tests and benchmarks: one models line,
/// one copied `<name>.sys`, a function-driver service, a catalog named `<name>.cat`.
public struct DriverINF: Sendable {
    public var name = "toaster"
    public var hardwareIDs = ["Root\\Toaster"]
    public var driverVer = "11/01/2026,1.0.0.0"
    /// `.NT` or "" (an undecorated DDInstall ranks lower when unsigned).
    public var decoration = ".NT"
    public var featureScore: String?
    public var startType = 3
    /// The service binary's name; a different name than the copied file makes the image missing.
    public var serviceBinary: String?
    public var description = "Contoso Toaster"
    /// The [Manufacturer] decoration (TargetOSVersion) of the models section.
    public var modelsDecoration = "NTamd64"
    /// More sections, appended before [Strings].
    public var extraSections = ""

    public init() {}

    public var text: String {
        """
        [Version]
        Signature   = "$Windows NT$"
        Class       = System
        ClassGuid   = {4d36e97d-e325-11ce-bfc1-08002be10318}
        Provider    = %Provider%
        CatalogFile = \(name).cat
        DriverVer   = \(driverVer)
        PnpLockdown = 1

        [DestinationDirs]
        DefaultDestDir = 13

        [SourceDisksNames]
        1 = %Disk%

        [SourceDisksFiles]
        \(name).sys = 1

        [Manufacturer]
        %Mfg% = Models, \(modelsDecoration)

        [Models.\(modelsDecoration)]
        %Desc% = Dev, \(hardwareIDs.joined(separator: ", "))

        [Dev\(decoration)]
        CopyFiles = Dev.Files
        \(featureScore.map { "FeatureScore = \($0)" } ?? "")

        [Dev.Files]
        \(name).sys

        [Dev\(decoration).HW]
        AddReg = Dev.HW.AddReg

        [Dev.HW.AddReg]
        HKR,,DeviceType,0x10001,0x22

        [Dev\(decoration).Services]
        AddService = \(name), 0x00000002, Svc

        [Svc]
        DisplayName   = %Desc%
        ServiceType   = 1
        StartType     = \(startType)
        ErrorControl  = 1
        ServiceBinary = %13%\\\(serviceBinary ?? name + ".sys")

        \(extraSections)
        [Strings]
        Provider = "Contoso"
        Mfg      = "Contoso"
        Disk     = "Disk"
        Desc     = "\(description)"

        """
    }
}
