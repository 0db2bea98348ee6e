import INFModel
import INFSyntax

struct DeviceTypeNotSet: LintRule {
    static let info = RuleInfo(
        code: "DK6001", name: "device-type-not-set",
        summary: "A function driver in a non-system class that never sets the device's DeviceType.",
        severity: .warning,
        whatItDoes: "Reports install sections of a device INF whose `.Services` installs the function driver (`AddService` with SPSVCINST_ASSOCSERVICE, 0x2), when Class is not a Microsoft-defined setup class and neither the `.HW` AddReg nor [ClassInstall32] writes `HKR,,DeviceType`.",
        whyBad: "When the PnP manager builds the device stack it takes the device type from the hardware or class key; without one the I/O manager gives the device the type of the bus driver's PDO. The type the driver passes to IoCreateDevice or WdfDeviceInitSetDeviceType is then not what user mode sees, and a POSIX layer's `open()` or `fopen()` on the device (Cygwin, MSYS2) fails with \"Invalid argument\".",
        fix: (.safe, "Adds `HKR,,DeviceType,0x10001,0x22` (FILE_DEVICE_UNKNOWN, or the value given with --device-type) to the `.HW` AddReg section, creating `[X.HW]` and its AddReg section when needed."),
        references: ["INF DDInstall.HW Section", "Specifying Device Types", "Setting Device Object Registry Properties During Installation"],
        triggering: [RuleExample(device: "↓[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n[Dev.NT.Services]\nAddService = dev, 0x00000002, Dev.Service\n[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n")],
        passing: [RuleExample(device: "[Dev.NT]\nCopyFiles = Dev.Files\n[Dev.Files]\ndev.sys\n[Dev.NT.Services]\nAddService = dev, 0x00000002, Dev.Service\n[Dev.Service]\nServiceType = 1\nStartType = 3\nErrorControl = 1\nServiceBinary = %13%\\dev.sys\n[Dev.NT.HW]\nAddReg = Dev.HW.AddReg\n[Dev.HW.AddReg]\nHKR,,DeviceType,0x10001,0x22\n")])

    static func setsDeviceType(_ context: LintContext, addRegIn section: String) -> Bool {
        context.document.references("AddReg", in: section).contains { ref in
            context.document.registryEntries(inSection: ref.value).contains {
                $0.root == .hkr && $0.subkey.isEmpty && $0.valueName?.lowercased() == "devicetype"
            }
        }
    }

    func check(_ context: LintContext, into findings: inout Findings) {
        guard let cls = context.version.class?.value, !cls.isEmpty, !SystemSetupClasses.isSystemClass(cls) else { return }
        let classSets = context.classInstall32Sections
            .contains { Self.setsDeviceType(context, addRegIn: $0.name) }
        if classSets { return }
        var seen = Set<String>()
        for use in context.deviceInstalls where seen.insert(use.install.sectionName.lowercased()).inserted {
            let install = use.install
            let services = context.document.addServices(in: install.name(of: .services))
            guard let function = services.first(where: \.isFunctionDriver), !function.serviceName.isEmpty else { continue }
            let hw = install.name(of: .hw)
            if Self.setsDeviceType(context, addRegIn: hw) { continue }
            findings.add(Self.info,
                "[\(install.sectionName)] installs function driver '\(function.serviceName)' but never sets DeviceType: the I/O manager takes the type from the bus driver's PDO, so open()/fopen() on the device fail with \"Invalid argument\"; add HKR,,DeviceType,0x10001,0x22 to the .HW AddReg",
                at: context.headerRange(of: install.sectionName), fix: fix(context, install: install))
        }
    }

    func fix(_ context: LintContext, install: DDInstall) -> Fix {
        let value = "HKR,,DeviceType,0x10001,0x" + String(context.fixDeviceType, radix: 16)
        let hw = install.name(of: .hw)
        let doc = context.document
        let edit: SourceEdit
        if doc.hasSection(hw) {
            if let target = doc.references("AddReg", in: hw).first(where: { doc.hasSection($0.value) }) {
                edit = context.appendEdit([value], to: target.value)
            } else {
                let name = uniqueName(hw + ".AddReg", context)
                edit = context.appendEdit(["AddReg = \(name)", "", "[\(name)]", value], to: hw)
            }
        } else {
            let name = uniqueName(hw + ".AddReg", context)
            edit = context.newSectionsEdit(["[\(hw)]", "AddReg = \(name)", "", "[\(name)]", value], after: install.sectionName)
        }
        return Fix("set DeviceType in [\(hw)]", safety: .safe, edits: [edit])
    }

    func uniqueName(_ base: String, _ context: LintContext) -> String {
        var name = base, n = 2
        while context.document.hasSection(name) { name = base + "\(n)"; n += 1 }
        return name
    }
}
