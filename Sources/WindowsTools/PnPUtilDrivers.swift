import DeviceSandbox
import Foundation
import INFSyntax

/// pnputil's driver package commands: add (and install), delete, enumerate, export.
enum PnPUtilDrivers {
    static let column = 24

    static func add(_ options: PnPUtil.Options, install: Bool, sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        guard !options.positional.isEmpty else { return PnPUtil.usage(run) }
        let files = options.positional.flatMap { expand($0, subdirs: options.has("/subdirs")) }
        var added = 0, installedAny = false, reboot = false
        var lastError: UInt32 = 0
        if files.isEmpty {
            run.line("Failed to add driver package: The system cannot find the file specified.")
            lastError = 2
        }
        for file in files {
            run.field("Adding driver package:", URL(fileURLWithPath: file).lastPathComponent, column: column)
            do {
                let result = try DriverStore.add(infPath: file, sandbox: sandbox)
                added += 1
                if let warning = result.warning { run.line("Warning: \(warning)") }
                run.line("Driver package added successfully." + (result.alreadyExisted ? " (Already exists in the system)" : ""))
                run.field("Published Name:", result.package.publishedName, column: column)
                for failure in result.allCopyINFFailures {
                    run.line("Warning: CopyINF package \(URL(fileURLWithPath: failure.infPath).lastPathComponent) was not added: \(failure.error.message)")
                }
                if install {
                    let outcome = try Devices.installDrivers(onlyPackage: result.package.id, sandbox: sandbox)
                    for device in outcome.installed { run.line("Driver package installed on device: \(device.instanceID)") }
                    installedAny = installedAny || !outcome.installed.isEmpty
                    reboot = reboot || outcome.rebootNeeded
                }
            } catch {
                run.fail("Failed to add driver package", error)
                lastError = run.exitCode
                run.exitCode = 0
            }
            run.line()
        }
        run.field("Total driver packages:", "\(files.count)", column: column)
        run.field("Added driver packages:", "\(added)", column: column)
        run.exitCode = lastError
        if reboot {
            run.line()
            PnPUtil.finish(rebootFor: "install", options, sandbox: sandbox, &run)
        } else if lastError == 0 && install && !installedAny {
            run.exitCode = PnPUtil.errorNoMoreItems
        }
        return run
    }

    /// `X.inf`, or `*.inf`/`dir\*.inf` (with `/subdirs`, in subfolders too), sorted.
    static func expand(_ pattern: String, subdirs: Bool) -> [String] {
        let path = pattern.replacingOccurrences(of: "\\", with: "/")
        // Split by hand: corelibs Foundation's NSString.deletingLastPathComponent traps on
        // one-character strings in optimised builds (`pnputil /add-driver *` crashed).
        let slash = path.lastIndex(of: "/")
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard name.contains("*") || name.contains("?") else { return [path] }
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        var results: [String] = []
        let manager = FileManager.default
        let candidates = subdirs ? (manager.enumerator(atPath: folder)?.allObjects as? [String] ?? [])
                                 : ((try? manager.contentsOfDirectory(atPath: folder)) ?? [])
        for candidate in candidates where fnmatch(name.lowercased(), (candidate as NSString).lastPathComponent.lowercased(), 0) == 0 {
            let path = (folder as NSString).appendingPathComponent(candidate)
            if INFInput.isRegularFileOrMissing(path) { results.append(path) }
        }
        return results.sorted()
    }

    static func delete(_ options: PnPUtil.Options, uninstall: Bool, force: Bool, sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        guard let name = options.positional.first, options.positional.count == 1 else { return PnPUtil.usage(run) }
        do {
            let deleted = try DriverStore.delete((name as NSString).lastPathComponent, uninstall: uninstall, force: force, sandbox: sandbox)
            if uninstall && !deleted.uninstalledFrom.isEmpty { run.line("Driver package uninstalled.") }
            run.line("Driver package deleted successfully.")
        } catch {
            run.fail("Failed to delete driver package", error)
        }
        return run
    }

    /// `/enum-drivers [/class <name | GUID>] [/files]`: the third-party packages in the store, those of
    /// one setup class (name, description or GUID), with the files of each (`Driver Files:` [?]).
    static func enumerate(_ options: PnPUtil.Options, sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        do {
            var classNames: [String: String] = [:]
            var packages: [(DriverPackageRecord, className: String)] = []
            for p in try DriverStore.packages(sandbox) {
                let className = classNames[p.classGuid] ?? ClassNames.description(ofGuid: p.classGuid, fallback: p.className, sandbox)
                classNames[p.classGuid] = className
                if let wanted = options.values["/class"], !PnPUtilDeviceFilter.same(p.className, wanted) && !PnPUtilDeviceFilter.same(className, wanted)
                    && !PnPUtilDeviceFilter.sameGuid(p.classGuid, wanted) { continue }
                packages.append((p, className))
            }
            if packages.isEmpty { run.line("No driver packages found.") }
            for (p, className) in packages {
                run.field("Published Name:", p.publishedName, column: 20)
                run.field("Original Name:", p.originalName.lowercased(), column: 20)
                run.field("Provider Name:", p.provider, column: 20)
                run.field("Class Name:", className, column: 20)
                run.field("Class GUID:", p.classGuid, column: 20)
                if let id = DriverStore.extensionID(of: p, sandbox: sandbox) { run.field("Extension ID:", id, column: 20) }
                run.field("Driver Version:", "\(p.displayDate) \(p.driverVersion)", column: 20)
                if let signer = p.signer { run.field("Signer Name:", signer, column: 20) }
                if options.has("/files") {
                    run.list("Driver Files:", try DriverStore.files(of: p, sandbox: sandbox), column: 20)
                }
                run.line()
            }
        } catch {
            run.fail("Failed to enumerate driver packages", error)
        }
        return run
    }

    static func export(_ options: PnPUtil.Options, sandbox: Sandbox, _ start: ToolRun) -> ToolRun {
        var run = start
        guard options.positional.count == 2 else { return PnPUtil.usage(run) }
        let (name, target) = (options.positional[0], options.positional[1])
        do {
            let packages = name == "*" ? try DriverStore.packages(sandbox) : [try DriverStore.package(name, sandbox)]
            for p in packages {
                run.field("Exporting driver package:", "\(p.publishedName) (\(p.originalName.lowercased()))", column: 28)
                try DriverStore.export(p, to: target, sandbox: sandbox)
                run.line("Driver package exported successfully.")
                run.line()
            }
            if name == "*" {
                run.field("Total driver packages:", "\(packages.count)", column: column)
                run.field("Exported driver packages:", "\(packages.count)", column: column)
            }
        } catch {
            run.fail("Failed to export driver package", error)
        }
        return run
    }
}
