/// The SPSVCINST flags of AddService and DelService (installer.md §8, AddService directive page).
enum ServiceFlags {
    static let tagToFront: UInt32 = 0x1
    static let associateService: UInt32 = 0x2
    static let deleteEventLogEntry: UInt32 = 0x4
    static let noClobberDisplayName: UInt32 = 0x8
    static let noClobberStartType: UInt32 = 0x10
    static let noClobberErrorControl: UInt32 = 0x20
    static let noClobberLoadOrderGroup: UInt32 = 0x40
    static let noClobberDependencies: UInt32 = 0x80
    static let noClobberDescription: UInt32 = 0x100
    static let stopService: UInt32 = 0x200
    static let clobberSecurity: UInt32 = 0x400
    static let startService: UInt32 = 0x800
    static let noClobberRequiredPrivileges: UInt32 = 0x1000
    static let noClobberServiceSidType: UInt32 = 0x4000
    static let noClobberDelayedAutoStart: UInt32 = 0x8000
    static let noClobberBootFlags: UInt32 = 0x4_0000
}
