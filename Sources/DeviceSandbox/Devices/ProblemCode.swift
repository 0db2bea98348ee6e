/// Device Manager problem codes (installer.md §9): `CM_PROB_*` with their text.
public enum ProblemCode {
    public static let notConfigured = 1, failedStart = 10, needRestart = 14, disabled = 22, failedInstall = 28
    public static let serviceDisabled = 32, driverFailedLoad = 39, serviceKeyInvalid = 40, unsignedDriver = 52

    /// `CM_PROB_FAILED_INSTALL`, as pnputil prints it in brackets.
    public static func symbol(_ code: Int) -> String {
        switch code {
        case 1: return "CM_PROB_NOT_CONFIGURED"
        case 10: return "CM_PROB_FAILED_START"
        case 14: return "CM_PROB_NEED_RESTART"
        case 18: return "CM_PROB_REINSTALL"
        case 22: return "CM_PROB_DISABLED"
        case 24: return "CM_PROB_DEVICE_NOT_THERE"
        case 28: return "CM_PROB_FAILED_INSTALL"
        case 31: return "CM_PROB_FAILED_ADD"
        case 32: return "CM_PROB_DISABLED_SERVICE"
        case 37: return "CM_PROB_FAILED_DRIVER_ENTRY"
        case 39: return "CM_PROB_DRIVER_FAILED_LOAD"
        case 40: return "CM_PROB_DRIVER_SERVICE_KEY_INVALID"
        case 43: return "CM_PROB_FAILED_POST_START"
        case 52: return "CM_PROB_UNSIGNED_DRIVER"
        default: return "CM_PROB_\(code)"
        }
    }

    /// What Device Manager says, followed by ` (Code N)`.
    public static func message(_ code: Int) -> String {
        let text: String
        switch code {
        case 1: text = "This device is not configured correctly."
        case 10: text = "This device cannot start."
        case 14: text = "This device cannot work properly until you restart your computer."
        case 18: text = "Reinstall the drivers for this device."
        case 22: text = "This device is disabled."
        case 24: text = "This device is not present, is not working properly, or does not have all its drivers installed."
        case 28: text = "The drivers for this device are not installed."
        case 31: text = "This device is not working properly because Windows cannot load the drivers required for this device."
        case 32: text = "A driver (service) for this device has been disabled. An alternate driver may be providing this functionality."
        case 37: text = "Windows cannot initialize the device driver for this hardware."
        case 39: text = "Windows cannot load the device driver for this hardware. The driver may be corrupted or missing."
        case 40: text = "Windows cannot access this hardware because its service key information in the registry is missing or recorded incorrectly."
        case 43: text = "Windows has stopped this device because it has reported problems."
        case 52: text = "Windows cannot verify the digital signature for the drivers required for this device. A recent hardware or software change might have installed a file that is signed incorrectly or damaged, or that might be malicious software from an unknown source."
        default: text = "This device has a problem."
        }
        return text + " (Code \(code))"
    }

    /// NTSTATUS values pnputil shows as `Problem Status` (0: none shown).
    public static let statusNoDriver: UInt32 = 0xC000_0490           // installer.md §9
    public static let statusNoFunctionDriver: UInt32 = 0xC000_0494   // installer.md §9
    public static let statusImageMissing: UInt32 = 0xC000_0034       // STATUS_OBJECT_NAME_NOT_FOUND
    public static let statusInvalidImageHash: UInt32 = 0xC000_0428   // STATUS_INVALID_IMAGE_HASH
    public static let statusDriverBlocked: UInt32 = 0xC000_036C      // STATUS_DRIVER_BLOCKED (code integrity policy)
}
