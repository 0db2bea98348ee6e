import Foundation
import Testing
@testable import INFLint
import INFModel

/// The tables of Windows facts that rules consult: setup classes, inbox INFs, universal registry exceptions.
struct KnowledgeTableTests {
    @Test func classGUIDsAreWrittenAlikeAndOwnedByOneClass() {
        let shape = /\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}/
        for (name, guid) in SystemSetupClasses.guids {
            #expect(guid.wholeMatch(of: shape) != nil, "\(name): \(guid)")
        }
        #expect(Set(SystemSetupClasses.guids.values).count == SystemSetupClasses.guids.count, "a GUID is listed under two classes")
    }

    /// Class and GUID pairs as `devguid.h` and Microsoft's own samples write them.
    @Test(arguments: [
        ("Holographic", "{d612553d-06b1-49ca-8938-e39ef80eb16f}"),   // GUID_DEVCLASS_HOLOGRAPHIC
        ("Generic", "{ff494df1-c4ed-4fac-9b3f-3786f6e91e7e}"),       // UMDF samples (echo, osrusbfx2)
        ("ActivityMonitor", "{b86dff51-a31e-4bac-b3cf-e8cfe75c9fc2}"), // minifilter samples
        ("Encryption", "{a0a701c0-a511-42ff-aa6c-06dc0395576f}"),    // swapBuffers minifilter
        ("ContentScreener", "{3e3f0674-c83c-4558-bb26-9820e1eba5c5}"), // avscan, scanner
        ("Ports", "{4d36e978-e325-11ce-bfc1-08002be10318}"),
    ])
    func systemClass(_ name: String, _ guid: String) {
        #expect(SystemSetupClasses.guids[name.lowercased()] == guid)
        #expect(SystemSetupClasses.isSystemClass(name.uppercased()))
    }

    /// INFs that the corpus's packages include: all ship with Windows.
    @Test(arguments: ["machine.inf", "msports.inf", "MsHidKmdf.inf", "mshidumdf.inf", "sti.inf", "netcxrd.inf", "msdv.inf",
                      "battery.inf", "wudfrd.inf", "netvwifibus.inf", "winusb.inf", "mdmcpq.inf", "ks.inf", "kscaptur.inf",
                      "wdmaudio.inf", "usb.inf", "pci.inf", "mf.inf", "keyboard.inf", "msmouse.inf", "c_swdevice.inf"])
    func inboxINF(_ name: String) {
        #expect(InboxINFs.contains(name))
    }

    @Test func inboxINFsAreLowerCasedFileNames() {
        #expect(InboxINFs.names.count == 715)
        for name in InboxINFs.names {
            #expect(name.hasSuffix(".inf") && name == name.lowercased() && !name.contains(" "), "\(name)")
        }
        for name in ["contoso.inf", "oem3.inf", "hidclass.inf", "inf", ""] { #expect(!InboxINFs.contains(name), "\(name)") }
    }

    /// AddReg lines "Using a Universal INF File" allows outside HKR, and near misses it does not.
    @Test(arguments: [
        ("HKCR,CLSID\\{1}", UniversalRegistryException.comRegistration),
        ("HKEY_CLASSES_ROOT,,Value", .comRegistration),
        ("HKLM,SOFTWARE\\Classes", .comRegistration),
        ("hklm,software\\classes\\CLSID\\{1}", .comRegistration),
        ("HKLM,Software\\Microsoft\\Windows Media Foundation\\HardwareMFT,EnableDecoders", .mediaFoundationTransform),
        ("HKLM,SOFTWARE\\WowAA32Node\\Microsoft\\Windows Media Foundation", .mediaFoundationTransform),
        ("HKLM,SOFTWARE\\WOW3232Node\\Microsoft\\Windows Media Foundation\\x", .mediaFoundationTransform),
        ("HKLM,SOFTWARE\\ClassesX", nil),
        ("HKLM,SOFTWARE\\Microsoft\\Windows Media FoundationX", nil),
        ("HKLM,SOFTWARE\\Contoso\\Classes", nil),
        ("HKLM,SYSTEM\\CurrentControlSet\\Services\\dev", nil),
        ("HKCU,Software\\Classes", nil),
        ("HKR,,Value", nil),
    ] as [(String, UniversalRegistryException?)])
    func universalRegistryException(_ line: String, _ expected: UniversalRegistryException?) {
        let document = INFDocument("[Reg]\n\(line)\n")
        let entry = document.registryEntries(inSection: "Reg")[0]
        #expect(UniversalRegistryException.covering(entry) == expected, "\(line)")
    }
}
