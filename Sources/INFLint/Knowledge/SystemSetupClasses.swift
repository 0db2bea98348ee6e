/// Microsoft-defined setup classes (`devguid.h`): the device setup classes available to vendors and those
/// reserved for system use, and the classes of file system filter drivers.
public enum SystemSetupClasses {
    /// Lower-cased class name → class GUID (lower-cased, with braces).
    public static let guids: [String: String] = {
        let s = "-e325-11ce-bfc1-08002be10318}"
        let table: [(String, String)] = [
            ("1394", "{6bdd1fc1-810f-11d0-bec7-08002be2092f}"), ("61883", "{7ebefbc0-3200-11d2-b4c2-00a0c9697d07}"),
            ("AudioEndpoint", "{c166523c-fe0c-4a94-a586-f1a80cfbbf3e}"), ("AudioProcessingObject", "{5989fce8-9cd0-467d-8a6a-5419e31529d4}"),
            ("AVC", "{c06ff265-ae09-48f0-812c-16753d7cba83}"), ("Battery", "{72631e54-78a4-11d0-bcf7-00aa00b7b32a}"),
            ("Biometric", "{53d29ef7-377c-4d14-864b-eb3a85769359}"), ("Bluetooth", "{e0cbf06c-cd8b-4647-bb8a-263b43f0f974}"),
            ("Camera", "{ca3e7ab9-b4c3-4ae6-8251-579ef933890f}"), ("CDROM", "{4d36e965" + s),
            ("ComputeAccelerator", "{f01a9d53-3ff6-48d2-9f97-c8a7004be10c}"), ("Computer", "{4d36e966" + s),
            ("DiskDrive", "{4d36e967" + s), ("Display", "{4d36e968" + s), ("Dot4", "{48721b56-6795-11d2-b1a8-0080c72e74a2}"),
            ("Dot4Print", "{49ce6ac8-6f86-11d2-b1e5-0080c72e74a2}"), ("Extension", "{e2f84ce7-8efa-411c-aa69-97454ca4cb57}"),
            ("FDC", "{4d36e969" + s), ("Firmware", "{f2e7dd72-6468-4e36-b6f1-6488f42c1b52}"), ("FloppyDisk", "{4d36e980" + s),
            ("HDC", "{4d36e96a" + s), ("HIDClass", "{745a17a0-74d3-11d0-b6fe-00a0c90f57da}"),
            ("Holographic", "{d612553d-06b1-49ca-8938-e39ef80eb16f}"), ("Image", "{6bdd1fc6-810f-11d0-bec7-08002be2092f}"),
            ("Infrared", "{6bdd1fc5-810f-11d0-bec7-08002be2092f}"), ("Keyboard", "{4d36e96b" + s),
            ("LegacyDriver", "{8ecc055d-047f-11d1-a537-0000f8753ed1}"), ("Media", "{4d36e96c" + s),
            ("MediumChanger", "{ce5939ae-ebde-11d0-b181-0000f8753ec4}"), ("Modem", "{4d36e96d" + s), ("Monitor", "{4d36e96e" + s),
            ("Mouse", "{4d36e96f" + s), ("MTD", "{4d36e970" + s), ("Multifunction", "{4d36e971" + s),
            ("MultiPortSerial", "{50906cb8-ba12-11d1-bf5d-0000f805f530}"), ("Net", "{4d36e972" + s), ("NetClient", "{4d36e973" + s),
            ("NetService", "{4d36e974" + s), ("NetTrans", "{4d36e975" + s), ("PCMCIA", "{4d36e977" + s),
            ("PnpPrinters", "{4658ee7e-f050-11d1-b6bd-00c04fa372a7}"), ("Ports", "{4d36e978" + s), ("Printer", "{4d36e979" + s),
            ("Processor", "{50127dc3-0f36-415e-a6cc-4cb3be910b65}"), ("Proximity", "{5630831c-06c9-4856-b327-f5d32586e060}"),
            ("SBP2", "{d48179be-ec20-11d1-b6b8-00c04fa372a7}"), ("SCSIAdapter", "{4d36e97b" + s),
            ("SecurityAccelerator", "{268c95a1-edfe-11d3-95c3-0010dc4050a5}"), ("SecurityDevices", "{d94ee5d8-d189-4994-83d2-f68d7d41b0e6}"),
            ("Sensor", "{5175d334-c371-4806-b3ba-71fd53c9258d}"), ("SideShow", "{997b5d8d-c442-4f2e-baf3-9c8e671e9e21}"),
            ("SmartCard", "{990a2bd7-e738-46c7-b26f-1cf8fb9f1391}"), ("SmartCardFilter", "{db4f6ddd-9c0e-45e4-9597-78dbbad0f412}"),
            ("SmartCardReader", "{50dd5230-ba8a-11d1-bf5d-0000f805f530}"), ("SoftwareComponent", "{5c4c3332-344d-483c-8739-259e934c9cc8}"),
            ("System", "{4d36e97d" + s), ("TapeDrive", "{6d807884-7d21-11cf-801c-08002be10318}"),
            ("UCM", "{e6f1aa1c-7f3b-4473-b2e8-c97d8ac71d53}"), ("Unknown", "{4d36e97e" + s),
            ("USB", "{36fc9e60-c465-11cf-8056-444553540000}"), ("USBDevice", "{88bae032-5a81-49f0-bc3d-a4ff138216d6}"),
            ("Volume", "{71a27cdd-812a-11d0-bec7-08002be2092f}"), ("VolumeSnapshot", "{533c5b84-ec70-11d2-9505-00c04f79deaf}"),
            ("WCEUSBS", "{25dbce51-6c8f-4a72-8a6d-b54c2b4fc835}"), ("WPD", "{eec5ad98-8080-425f-922a-dabf3de3f69a}"),
            ("USBFunctionController", "{bbbe8734-08fa-4966-b6a6-4e5ad010cdd7}"), ("SDHost", "{a0a588a4-c46f-4b37-b7ea-c82fe89870c6}"),
            ("SoftwareDevice", "{62f9c741-b25a-46ce-b54c-9bccce08b6f2}"), ("PrintQueue", "{1ed2bbf9-11f0-4084-b21f-ad83a8e6dcdc}"),
            ("WSDPrintDevice", "{c30ecea0-11ef-4ef9-b02e-6af81e6e65c0}"), ("XnaComposite", "{d61ca365-5af4-4486-998b-9db4734c6ca3}"),
            ("Generic", "{ff494df1-c4ed-4fac-9b3f-3786f6e91e7e}"), ("BarcodeScanner", "{c243ffbd-3afc-45e9-b3d3-2ba18bc7ebc5}"),
            // Reserved for system use ("System-Defined Device Setup Classes Reserved for System Use").
            ("Adapter", "{4d36e964" + s), ("APMSupport", "{d45b1c18-c8fa-11d1-9f77-0000f805f530}"),
            ("Decoder", "{6bdd1fc2-810f-11d0-bec7-08002be2092f}"), ("1394Debug", "{66f250d6-7801-4a64-b139-eea80a450b24}"),
            ("Sound", "{4d36e97c" + s),
            ("Enum1394", "{c459df55-db08-11d1-b009-00a0c9081ff6}"), ("NoDriver", "{4d36e976" + s), ("PrinterUpgrade", "{4d36e97a" + s),
            // File system filter drivers ("File System Filter Driver Classes and Class GUIDs").
            ("ActivityMonitor", "{b86dff51-a31e-4bac-b3cf-e8cfe75c9fc2}"), ("Undelete", "{fe8f1572-c67a-48c0-bbac-0b5c6d66cafb}"),
            ("AntiVirus", "{b1d1a169-c54f-4379-81db-bee7d88d7454}"), ("Replication", "{48d3ebc4-4cf8-48ff-b869-9c68ad42eb9f}"),
            ("ContinuousBackup", "{71aa14f8-6fad-4622-ad77-92bb9d7e6947}"), ("ContentScreener", "{3e3f0674-c83c-4558-bb26-9820e1eba5c5}"),
            ("QuotaManagement", "{8503c911-a6c7-4919-8f79-5028f5866b0c}"), ("SystemRecovery", "{2db15374-706e-4131-a0c7-d7c78eb0289a}"),
            ("CFSMetaDataServer", "{cdcf0939-b75b-4630-bf76-80f7ba655884}"), ("HSM", "{d546500a-2aeb-45f6-9482-f4b1799c3177}"),
            ("Compression", "{f3586baf-b5aa-49b5-8d6c-0569284c639f}"), ("Encryption", "{a0a701c0-a511-42ff-aa6c-06dc0395576f}"),
            ("Virtualization", "{f75a86c0-10d8-4c3a-b233-ed60e4cdfaac}"), ("PhysicalQuotaManagement", "{6a0a8e78-bba6-4fc4-a709-1e33cd09d67e}"),
            ("OpenFileBackup", "{f8ecafa6-66d1-41a5-899b-66585d7216b7}"), ("SecurityEnhancer", "{d02bc3da-0c8e-4945-9bd5-f1883c226c8c}"),
            ("CopyProtection", "{89786ff1-9c12-402f-9c9e-17753c7f4375}"),
        ]
        return Dictionary(uniqueKeysWithValues: table.map { ($0.0.lowercased(), $0.1) })
    }()

    /// Class GUID (lower-cased) → the system class name as spelled in `guids`' source.
    public static let names: [String: String] = Dictionary(guids.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })

    /// Whether `name` is a Microsoft-defined class.
    public static func isSystemClass(_ name: String) -> Bool { guids[name.lowercased()] != nil }
}

/// Values Windows reads from a device's hardware key or class key.
public enum DeviceProperties {
    /// `FILE_DEVICE_*` values defined in current SDK headers (0x01–0x5F), plus the vendor range.
    public static func isValidDeviceType(_ v: UInt32) -> Bool { (0x01...0x5F).contains(v) || (0x8000...0xFFFF).contains(v) }

    /// The documented `FILE_*` device characteristics bits.
    public static let characteristicsMask: UInt32 = 0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x20 | 0x40 | 0x80 | 0x100
        | 0x800 | 0x1000 | 0x2000 | 0x20000 | 0x40000

    /// Value names Windows reads from the hardware or class key.
    public static let names: Set<String> = ["devicetype", "devicecharacteristics", "security", "exclusive"]

    /// `FILE_DEVICE_UNKNOWN`, the usual choice for a software-defined device.
    public static let fileDeviceUnknown: UInt32 = 0x22
}
