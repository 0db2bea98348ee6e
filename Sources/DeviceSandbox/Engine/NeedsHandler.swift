import Foundation
import INFModel
import INFSyntax

/// Include and Needs: the sections a section needs, from this INF or from the INFs it includes
/// (looked up in the sandbox's `C:\Windows\INF`, where Windows keeps its system INFs), processed
/// after the section's own directives (see ``InstallEngine/apply``). Each needed section runs once per
/// install, and its own Needs are not followed ("Needs entries cannot be nested").
enum NeedsHandler {
    /// The sections `section` needs, each processed by the same `step` (as Wine passes the kind of call
    /// on to needed sections); in a section that runs because it was `needed`, its Needs are reported.
    static func applyNeeds(of section: String, _ context: InstallContext, _ registry: RegistryStore,
                           _ env: CopyFilesHandler.Environment, step: InstallStep, needed: Bool) throws {
        let document = context.document
        let needs = document.needs(in: section)
        guard !needs.isEmpty else { return }
        if needed {
            for need in needs {
                context.skip(need.line, field: need.fieldNumber, "Needs entries cannot be nested: [\(section)] runs because another section needs it, so its Needs [\(need.value)] is not processed")
            }
            return
        }
        var included: [(document: INFDocument, path: String)] = []
        for include in document.includes(in: section) {
            if let found = try includedINF(include, context, env) { included.append(found) }
        }
        for need in needs {
            if document.hasSection(need.value) {
                guard context.markProcessed(infPath: context.infPath, section: need.value) else { continue }
                context.note(">>>  [Needs \(need.value)]")
                try InstallEngine.apply(need.value, context, registry, env, step: step, needed: true)
            } else if let source = included.first(where: { $0.document.hasSection(need.value) }) {
                guard context.markProcessed(infPath: source.path, section: need.value) else { continue }
                let child = context.child(document: source.document, infPath: source.path)
                child.note(">>>  [Needs \(need.value) of \((source.path as NSString).lastPathComponent)]")
                defer { context.absorb(child) }
                try InstallEngine.apply(need.value, child, registry, env, step: step, needed: true)
            } else {
                context.skip(need.line, field: need.fieldNumber,
                             "Needs names [\(need.value)], which is neither in this INF nor in an INF it includes; skipped")
            }
        }
    }

    /// The included INF in the sandbox's `C:\Windows\INF`, or nil (logged) when it is not there.
    static func includedINF(_ include: DirectiveReference, _ context: InstallContext,
                            _ env: CopyFilesHandler.Environment) throws -> (document: INFDocument, path: String)? {
        let windowsPath = DIRID.paths[17]! + "\\" + include.value
        let relative: String
        do { relative = try FileTransaction.confine(windowsPath, root: env.sandboxRoot) } catch let error as SandboxError {
            throw context.fail(include.line, field: include.fieldNumber, "Include \(include.value): \(error.description)", error: CopyFilesHandler.errorAccessDenied)
        }
        let path = env.sandboxRoot.appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: path) else {
            context.skip(include.line, field: include.fieldNumber,
                         "Include names \(include.value), which is not in the sandbox's \(DIRID.paths[17]!) (copy the system INF there to use its sections)")
            return nil
        }
        do {
            return (INFDocument(tree: try INFInput.load(path: path)), path)
        } catch {
            throw context.fail(include.line, field: include.fieldNumber, "Include \(include.value) cannot be read: \(error)", error: CopyFilesHandler.errorFileNotFound)
        }
    }
}
