import INFModel
import INFSyntax

struct IncludeOfNonInboxINF: LintRule {
    static let info = RuleInfo(
        code: "DK7012", name: "include-of-non-inbox-inf",
        summary: "Include of an INF that is not one of Windows' own.",
        mode: .windowsDriver, severity: .error,
        whatItDoes: "Reports `Include` naming an INF other than the inbox ones drivers commonly build on (machine.inf, ks.inf, wdmaudio.inf, usb.inf, winusb.inf, mdmcpq.inf, netvwifibus.inf, hidclass.inf, …).",
        whyBad: "An isolated package may depend only on INFs that ship with Windows; another package's INF may be missing, renamed as oemN.inf, or updated independently.",
        references: ["Driver package isolation", "INF Include Directive"],
        triggering: [RuleExample(device: "[Dev.NT]\nInclude = ↓contoso-common.inf\nNeeds = Common.Install\n")],
        passing: [RuleExample(device: "[Dev.NT]\nInclude = machine.inf\nNeeds = PCI.Install\n")])

    static let inbox: Set<String> = ["machine.inf", "ks.inf", "kscaptur.inf", "wdmaudio.inf", "usb.inf", "usbport.inf", "winusb.inf",
                                     "mdmcpq.inf", "hidclass.inf", "input.inf", "keyboard.inf", "msmouse.inf", "netvwifibus.inf",
                                     "wdma_usb.inf", "bth.inf", "bthpan.inf", "display.inf", "monitor.inf", "disk.inf", "cdrom.inf",
                                     "scsi.inf", "pci.inf", "acpi.inf", "umpass.inf", "wpdmtp.inf", "sensorsalsdriver.inf",
                                     "sensorshidclassdriver.inf", "wudfrd.inf", "wpdfs.inf", "c_swdevice.inf", "netrndis.inf",
                                     "usbser.inf", "mshdc.inf", "hdaudio.inf", "audioendpoint.inf", "swenum.inf", "mf.inf"]

    func check(_ context: LintContext, into findings: inout Findings) {
        for name in context.graph.roles.keys.sorted() {
            for ref in context.document.includes(in: name) where !Self.inbox.contains(ref.value.lowercased()) {
                findings.add(Self.info, "Include of \(ref.value), which is not an inbox INF: isolated packages may depend only on Windows' own", at: ref.range)
            }
        }
    }
}
