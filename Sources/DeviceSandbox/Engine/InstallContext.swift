import Foundation
import INFModel
import INFSyntax

/// Something an install could not do, or skipped, with the INF line responsible.
public struct InstallDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case skipped, failed }
    public var kind: Kind
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(file):\(line):\(column): \(kind == .failed ? "error" : "warning"): \(message)" }
}

/// Why an install failed as a whole (nothing of it is kept), with SetupAPI's Win32 error.
public struct InstallFailure: Error, Sendable, CustomStringConvertible {
    public var win32Error: UInt32
    public var diagnostic: InstallDiagnostic
    public var description: String { diagnostic.description + " (error 0x\(String(win32Error, radix: 16, uppercase: true)))" }
}

/// Everything a directive handler needs: the INF, where HKR points, the log of what happened.
public final class InstallContext {
    public let document: INFDocument
    public let infPath: String
    /// The key HKR stands for in this section (nil: HKR lines are skipped, as for DefaultInstall).
    public var hkr: RegistryPath?
    /// The key whose `Properties` subkey AddProperty and DelProperty change: the device's `Enum` key
    /// while its DDInstall and `.CoInstallers` sections run; nil where the sandbox models no properties.
    public var propertyOwner: RegistryPath?
    /// A 64-bit machine has a 32-bit registry view (FLG_*_32BITKEY); a 32-bit one has only its own.
    public var is64BitMachine = true
    public private(set) var diagnostics: [InstallDiagnostic] = []
    /// A line per action, for setupapi.dev.log.
    public private(set) var log: [String] = []

    /// The context this one was made for (a section another INF's Needs pulled in), if any.
    private var parent: InstallContext?
    /// `infPath|section` of every section processed in this install, so Needs run each once.
    private var processed: Set<String> = []
    /// A system INF pulled in by Include: its files come from Windows' own store, not from beside it.
    var isIncludedINF: Bool { parent != nil }

    public init(document: INFDocument, infPath: String, hkr: RegistryPath?) {
        self.document = document; self.infPath = infPath; self.hkr = hkr
    }

    /// A context for a section of `document` (an included INF) in the same install.
    func child(document: INFDocument, infPath: String) -> InstallContext {
        let child = InstallContext(document: document, infPath: infPath, hkr: hkr)
        child.is64BitMachine = is64BitMachine
        child.propertyOwner = propertyOwner
        child.driverStoreFolder = driverStoreFolder
        child.parent = self
        return child
    }

    /// Takes over what a child context logged and found.
    func absorb(_ child: InstallContext) {
        diagnostics += child.diagnostics
        log += child.log
    }

    /// Records that `section` of `infPath` runs in this install; false when it already has.
    func markProcessed(infPath: String, section: String) -> Bool {
        if let parent { return parent.markProcessed(infPath: infPath, section: section) }
        return processed.insert(infPath + "|" + section.lowercased()).inserted
    }

    func location(_ line: INFLine, field: Int? = nil) -> (Int, Int) {
        let offset = field.map { line.range(ofField: $0).lowerBound } ?? line.range.lowerBound
        let loc = document.tree.source.location(of: offset)
        return (loc.line, loc.column)
    }

    func skip(_ line: INFLine, field: Int? = nil, _ message: String) {
        let (l, c) = location(line, field: field)
        diagnostics.append(InstallDiagnostic(kind: .skipped, file: infPath, line: l, column: c, message: message))
        log.append("!!!  inf: \(message) (line \(l))")
    }

    func fail(_ line: INFLine, field: Int? = nil, _ message: String, error: UInt32) -> InstallFailure {
        let (l, c) = location(line, field: field)
        return InstallFailure(win32Error: error, diagnostic: InstallDiagnostic(kind: .failed, file: infPath, line: l, column: c, message: message))
    }

    func note(_ text: String) { log.append(text) }

    /// The lines of `section` as SetupAPI reads them at install time: `%N%` DIRID tokens that name
    /// no string become the sandbox's Windows folders.
    func installLines(in section: String) -> [INFLine] {
        document.section(section)?.lines.map(installLine(at:)) ?? []
    }

    /// One line as SetupAPI reads it at install time (see ``installLines(in:)``).
    func installLine(_ line: INFLine) -> INFLine { installLine(at: line.index) }

    private func installLine(at index: Int) -> INFLine {
        document.line(at: index, dirids: { [driverStoreFolder] id in
            id == 13 ? driverStoreFolder : DIRID.paths[id].flatMap { $0.isEmpty ? nil : $0 }
        })
    }

    /// DIRID 13 for this INF: its folder under `DriverStore\FileRepository` (`name.inf_arch`; the
    /// hash Windows appends belongs to staged packages, which `install-section` does not make).
    var driverStoreFolder: String?
    /// An extension INF is being applied: it may not install a function driver (SPSVCINST_ASSOCSERVICE).
    var isExtension = false

    static let view64Bit: UInt32 = 0x1000, view32Bit: UInt32 = 0x4000

    /// The registry key a root abbreviation and subkey name, or nil (logged) when it cannot be used.
    /// `flags` choose the view: 0x4000 (32BITKEY) the 32-bit view of a 64-bit machine, else native.
    func key(root: String, subkey: String, line: INFLine, flags: UInt32 = 0) -> RegistryPath? {
        let base: RegistryPath?
        switch root.trimmingWhitespace().uppercased() {
        case "HKR":
            guard let hkr else { skip(line, field: 1, "HKR has no meaning in this section; line skipped"); return nil }
            base = hkr
        case "HKLM", "HKCR", "HKCU", "HKU": base = RegistryPath(root.trimmingWhitespace())
        default:
            skip(line, field: 1, "unknown registry root '\(root)'; line skipped, as SetupAPI skips it")
            return nil
        }
        guard let path = subkey.isEmpty ? base : base?.appending(subkey) else { return nil }
        if flags & Self.view32Bit != 0 && flags & Self.view64Bit == 0 && is64BitMachine { return path.in32BitView }
        return path
    }
}
