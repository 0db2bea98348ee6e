import INFModel
import INFSyntax

struct DeviceTypeInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK6002", name: "device-type-invalid",
        summary: "DeviceType is not a REG_DWORD holding a FILE_DEVICE_* value.",
        severity: .error,
        whatItDoes: "Reports `DeviceType` values in a hardware or class key that are not REG_DWORD (flags 0x10001), or whose value is neither a defined FILE_DEVICE_* type (0x01 to 0x5F) nor in the vendor range 0x8000 to 0xFFFF.",
        whyBad: "The PnP manager ignores a DeviceType of the wrong type, and an undefined type number confuses the I/O manager and every tool that decodes IOCTLs for the device.",
        references: ["Specifying Device Types", "INF DDInstall.HW Section"],
        triggering: [RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nAddReg = Dev.HW.AddReg\n[Dev.HW.AddReg]\nHKR,,DeviceType,↓0x00000000,\"0x22\"\n")],
        passing: [RuleExample(device: "[Dev.NT]\n[Dev.NT.HW]\nAddReg = Dev.HW.AddReg\n[Dev.HW.AddReg]\nHKR,,DeviceType,0x10001,0x22\n")])

    func check(_ context: LintContext, into findings: inout Findings) {
        for e in context.devicePropertyWrites("devicetype") {
            guard e.valueType == .dword else {
                findings.add(Self.info, "DeviceType must be written as REG_DWORD (flags 0x10001), not with flags '\(e.flagsText ?? "")'", at: e.line.range(ofField: 4))
                continue
            }
            guard let value = DeviceValue.dword(e.data) else {
                findings.add(Self.info, "DeviceType value '\(e.data.joined(separator: ","))' is not a number", at: e.line.range(ofField: 5))
                continue
            }
            if !DeviceProperties.isValidDeviceType(value) {
                findings.add(Self.info, "DeviceType 0x\(String(value, radix: 16)) is not a FILE_DEVICE_* type (0x01-0x5F) nor in the vendor range 0x8000-0xFFFF", at: e.line.range(ofField: 5))
            }
        }
    }
}

/// Reading registry data the way AddReg writes it.
enum DeviceValue {
    /// A REG_DWORD from AddReg data: one number, or up to four byte fields (little-endian).
    static func dword(_ data: [String]) -> UInt32? {
        let fields = data.map { $0.trimmingWhitespace() }
        guard let first = fields.first, !first.isEmpty else { return nil }
        if fields.count == 1 { return IntegerField.parse(first) }
        var value: UInt32 = 0
        for (i, f) in fields.prefix(4).enumerated() {
            guard let b = UInt8(f.lowercased().hasPrefix("0x") ? String(f.dropFirst(2)) : f, radix: 16) else { return nil }
            value |= UInt32(b) << (8 * UInt32(i))
        }
        return value
    }
}
