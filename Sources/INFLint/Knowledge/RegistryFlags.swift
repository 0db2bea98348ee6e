/// AddReg/DelReg flag bits (`FLG_ADDREG_*`).
public enum AddRegFlags {
    public static let binValueType: UInt32 = 0x1
    public static let noClobber: UInt32 = 0x2
    public static let delVal: UInt32 = 0x4
    public static let append: UInt32 = 0x8
    public static let keyOnly: UInt32 = 0x10
    public static let overwriteOnly: UInt32 = 0x20
    public static let key64: UInt32 = 0x1000
    public static let keyOnlyCommon: UInt32 = 0x2000
    public static let key32: UInt32 = 0x4000
    public static let delRegBit: UInt32 = 0x8000
    /// Bits of the low word AddReg defines.
    public static let lowWordMask: UInt32 = 0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x20 | 0x1000 | 0x2000 | 0x4000 | 0x8000
}

/// CopyFiles flag bits (`COPYFLG_*`).
public enum CopyFlags {
    /// WARN_IF_SKIP 0x1 … OVERWRITE_OLDER_ONLY 0x40, PROTECTED_WINDOWS_DRIVER_FILE 0x100, REPLACEONLY 0x400,
    /// NODECOMP 0x800, REPLACE_BOOT_FILE 0x1000, NOPRUNE 0x2000, IN_USE_TRY_RENAME 0x4000.
    public static let knownMask: UInt32 = 0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x20 | 0x40 | 0x100 | 0x400 | 0x800 | 0x1000 | 0x2000 | 0x4000
    public static let noOverwrite: UInt32 = 0x10
    public static let replaceOnly: UInt32 = 0x400
}
