import DeviceSandbox
import Foundation

/// Which devices a pnputil device command takes: an instance ID (`/instanceid`, or the device
/// commands' positional one), `/deviceid` (a hardware or compatible ID), `/class` (setup class
/// name or GUID), `/bus` (enumerator name), `/problem [code]`, `/connected`, `/disconnected`.
/// All given must hold; text compares ignore case.
struct PnPUtilDeviceFilter {
    var instanceID: String?
    var deviceID: String?
    var setupClass: String?
    var bus: String?
    /// `/problem`: any problem (nil code) or that one.
    var problem: Int??
    var connected = false
    var disconnected = false

    init(_ options: PnPUtil.Options, instanceID: String? = nil) {
        self.instanceID = instanceID ?? options.values["/instanceid"]
        deviceID = options.values["/deviceid"]
        setupClass = options.values["/class"]
        bus = options.values["/bus"]
        if options.has("/problem") {
            problem = .some(options.values["/problem"].flatMap { Int($0) ?? ($0.lowercased().hasPrefix("0x") ? Int($0.dropFirst(2), radix: 16) : nil) })
        }
        connected = options.has("/connected")
        disconnected = options.has("/disconnected")
    }

    /// Whether the filter names any device at all (the device commands need one).
    var selectsSomething: Bool { instanceID != nil || deviceID != nil || setupClass != nil || bus != nil }

    func matches(_ row: Devices.Summary) -> Bool {
        let device = row.device
        if let instanceID, !Self.same(device.instanceID, instanceID) { return false }
        if let deviceID, !(device.hardwareIDs + device.compatibleIDs).contains(where: { Self.same($0, deviceID) }) { return false }
        if let setupClass, !Self.same(row.className, setupClass) && !Self.sameGuid(row.classGuid, setupClass) { return false }
        if let bus, !Self.same(Self.enumerator(of: device), bus) { return false }
        if let problem {
            guard device.problem != 0 && !device.disabled else { return false }
            if let code = problem, device.problem != code { return false }
        }
        if connected && !device.present { return false }
        if disconnected && device.present { return false }
        return true
    }

    /// The bus enumerator's name: the instance ID's first part (`ROOT`, `PCI`, `USB`).
    static func enumerator(of device: DeviceNode) -> String {
        String(device.instanceID.prefix { $0 != "\\" })
    }

    static func same(_ a: String, _ b: String) -> Bool { a.caseInsensitiveCompare(b) == .orderedSame }

    /// GUIDs compare with or without braces.
    static func sameGuid(_ a: String, _ b: String) -> Bool {
        func bare(_ s: String) -> String { s.trimmingCharacters(in: CharacterSet(charactersIn: "{}")) }
        return !a.isEmpty && same(bare(a), bare(b))
    }
}
