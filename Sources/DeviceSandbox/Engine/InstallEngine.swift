import Foundation
import INFModel
import INFSyntax

/// The result of installing a section.
public struct InstallResult: Sendable {
    public var section: String
    public var diagnostics: [InstallDiagnostic]
    public var log: [String]
}

/// Applies INF sections to a sandbox as SetupAPI does: one handler per directive, everything in
/// one transaction (a failure leaves the sandbox untouched).
public enum InstallEngine {
    /// `rundll32 setupapi,InstallHinfSection SECTION 128 INF`: the section (decorated for the sandbox's
    /// architecture) and its `.Services` section; `hkr` binds HKR (for testing INF fragments).
    public static func installSection(_ sectionName: String, infPath: String, hkr: RegistryPath?, sandbox: Sandbox) throws -> InstallResult {
        let tree = try INFInput.load(path: infPath)
        let document = INFDocument(tree: tree)
        if let error = document.openError {
            throw InstallFailure(win32Error: error.code, diagnostic: InstallDiagnostic(kind: .failed, file: infPath, line: max(error.line, 1), column: 1, message: "SetupAPI refuses this INF: \(error.description)"))
        }
        let platform = try sandbox.profile().platform
        guard let install = document.installSection(sectionName, for: platform) else {
            throw InstallFailure(win32Error: 0xE000_0101, diagnostic: InstallDiagnostic(kind: .failed, file: infPath, line: 1, column: 1, message: "no section [\(sectionName)] (ERROR_SECTION_NOT_FOUND)"))
        }
        let context = InstallContext(document: document, infPath: infPath, hkr: hkr)
        context.is64BitMachine = platform.architecture.hasRegistryViews
        context.driverStoreFolder = CopyFilesHandler.driverStoreFolder(infPath: infPath, architecture: platform.architecture)
        context.note(">>>  [Install Section - \(install.sectionName) of \((infPath as NSString).lastPathComponent)]")
        let environment = CopyFilesHandler.Environment(sandboxRoot: sandbox.root, architecture: platform.architecture,
                                                       queue: FileQueue(root: sandbox.root))
        _ = context.markProcessed(infPath: infPath, section: install.sectionName)
        try sandbox.write { registry in
            try apply(install.sectionName, context, registry, environment)
            let services = install.name(of: .services)
            if document.hasSection(services) { try apply(services, context, registry, environment, step: .services) }
            try environment.queue.commit(context, registry)
        }
        context.note("<<<  [Exit status: SUCCESS]")
        return InstallResult(section: install.sectionName, diagnostics: context.diagnostics, log: context.log)
    }

    /// Runs one section's directives in SetupAPI's order: files (queued; the caller commits the
    /// queue), DelReg, AddReg, BitReg, DelProperty, AddProperty, services, then the sections it
    /// Needs. "INF AddProperty Directive" (FLG_ADDPROPERTY_NOCLOBBER): "Windows processes the INF
    /// sections that are referenced by Include and Needs directives after Windows processes all
    /// other directives within the INF section that included the Include and Needs directives."
    /// (Wine runs them first; Microsoft's page is the authority on Windows.) A section run because
    /// another `needed` it does not follow its own Needs: "Needs entries cannot be nested"
    /// ("INF DDInstall.HW Section"). `step` is the SetupAPI call that processes the section: the
    /// directives it does not read are reported as skipped, as Windows passes over them.
    static func apply(_ section: String, _ context: InstallContext, _ registry: RegistryStore, _ environment: CopyFilesHandler.Environment,
                      step: InstallStep = .install, needed: Bool = false) throws {
        let document = context.document
        for line in document.lines(in: section) {
            if let key = line.key, let message = step.ignoredMessage(key, in: section, needed: needed) { context.skip(line, message) }
        }
        for line in document.lines(in: section, key: "CopyFiles") where step.reads("CopyFiles") { try CopyFilesHandler.copyFiles(line, context, environment) }
        for line in document.lines(in: section, key: "DelFiles") where step.reads("DelFiles") { try DeleteRenameHandler.delFiles(line, context, environment) }
        for line in document.lines(in: section, key: "RenFiles") where step.reads("RenFiles") { try DeleteRenameHandler.renFiles(line, context, environment) }
        func lists(_ directive: String) -> [String] { step.reads(directive) ? document.references(directive, in: section).map(\.value) : [] }
        for list in lists("DelReg") { for line in context.installLines(in: list) { try RegistryHandlers.delReg(line, context, registry) } }
        for list in lists("AddReg") { for line in context.installLines(in: list) { try RegistryHandlers.addReg(line, context, registry) } }
        for list in lists("BitReg") { for line in context.installLines(in: list) { try RegistryHandlers.bitReg(line, context, registry) } }
        if step.reads("AddProperty") { try PropertyHandler.apply(in: section, context, registry) }
        for line in document.lines(in: section, key: "DelService") where step.reads("DelService") { try ServiceHandler.delService(line, context, registry) }
        for line in document.lines(in: section, key: "AddService") where step.reads("AddService") { try ServiceHandler.addService(line, context, registry) }
        try NeedsHandler.applyNeeds(of: section, context, registry, environment, step: step, needed: needed)
        guard step == .install else { return }
        for line in document.lines(in: section, key: "CopyINF") {
            context.note("     inf: CopyINF \(line.fields.joined(separator: ", ")): Windows (Vista and later) stages these packages when it imports this one, not at install")
        }
        let notYet: Set<String> = ["registerdlls", "unregisterdlls", "addinterface",
                                   "updateinis", "updateinifields", "ini2reg", "profileitems"]
        for line in document.lines(in: section) where notYet.contains(line.key?.lowercased() ?? "") {
            context.skip(line, "\(line.key!) is not applied by this version of drvkit's sandbox; the line is skipped")
        }
    }

    /// Appends the install's log to `C:\Windows\INF\setupapi.dev.log` in the sandbox.
    public static func appendLog(_ result: InstallResult, sandbox: Sandbox, date: Date = Date()) throws {
        try SetupLog.append(result.log, sandbox: sandbox, date: date)
    }
}
