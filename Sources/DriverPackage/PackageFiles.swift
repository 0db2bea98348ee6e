import Foundation
import Authenticode
import INFModel
import INFSyntax

/// A file a driver package must contain, and the INF line that asks for it.
public struct PackageFile: Hashable, Sendable {
    /// The name on the source media (what SourceDisksFiles lists).
    public var sourceName: String
    /// The path inside the package folder (SourceDisksNames path + SourceDisksFiles subdirectory + name).
    public var relativePath: String
    /// The INF line naming the file (for messages), 1-based.
    public var line: Int
    /// True when a service loads it as a kernel driver (ServiceType 1 or 2).
    public var isKernelDriver: Bool
    /// True for an INF that a CopyINF directive names: the driver package it heads is staged too.
    public var isCopiedINF = false
}

/// A problem with a package, pointing at the INF line responsible.
public struct PackageProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String
    public var description: String { line.map { "\(path):\($0): error: \(message)" } ?? "\(path): error: \(message)" }
}

/// Works out which files an INF installs on an architecture, as SetupAPI would copy them.
public struct PackageResolver {
    public let document: INFDocument
    public let infPath: String
    public let architecture: Architecture

    public init(document: INFDocument, infPath: String, architecture: Architecture) {
        self.document = document; self.infPath = infPath; self.architecture = architecture
    }

    /// Windows 11 24H2 workstation on the architecture: every version-decorated section applies.
    public var platform: TargetPlatform { TargetPlatform(architecture: architecture, buildNumber: 26100) }

    /// The install sections Windows would run on this architecture (models' DDInstall with companions,
    /// or DefaultInstall for primitive drivers), plus ClassInstall32.
    public func installSections() -> [String] {
        var roots: [String] = []
        for model in document.models(for: platform) {
            guard let install = document.installSection(model.installSection, for: platform) else { continue }
            roots.append(install.sectionName)
            roots += DDInstall.Companion.allCases.map { install.name(of: $0) }.filter(document.hasSection)
        }
        for base in ["DefaultInstall", "ClassInstall32"] {
            if let install = document.installSection(base, for: platform) {
                roots.append(install.sectionName)
                roots += DDInstall.Companion.allCases.map { install.name(of: $0) }.filter(document.hasSection)
            }
        }
        var seen = Set<String>()
        return roots.filter { seen.insert($0.lowercased()).inserted }
    }

    /// Every file the INF copies on this architecture (and CopyINF's INFs), or the problems found.
    public func files() -> (files: [PackageFile], problems: [PackageProblem]) {
        var files: [PackageFile] = []
        var problems: [PackageProblem] = []
        var names = Set<String>()
        let sourceFiles = document.sourceDisksFiles(for: architecture)
        let disks = document.sourceDisks(for: architecture)
        let kernelBinaries = kernelDriverNames()
        func add(_ name: String, line: INFLine) {
            let lower = name.lowercased()
            guard !name.isEmpty, names.insert(lower).inserted else { return }
            let lineNumber = document.tree.lineNumber(of: line.range.lowerBound)
            guard let entry = sourceFiles[lower] else {
                problems.append(PackageProblem(path: infPath, line: lineNumber, message: "\(name) is not listed in [SourceDisksFiles] for \(architecture.rawValue)"))
                return
            }
            guard let disk = disks[entry.diskID.trimmingWhitespace()] else {
                problems.append(PackageProblem(path: infPath, line: document.tree.lineNumber(of: entry.line.range.lowerBound),
                                               message: "disk \(entry.diskID) of \(name) is not in [SourceDisksNames] for \(architecture.rawValue)"))
                return
            }
            // A driver package keeps its files under the INF's folder (the driver store copies that folder).
            let written = [disk.path, entry.subdirectory, entry.fileName].filter { !$0.isEmpty }.joined(separator: "\\")
            guard let parts = PackagePath.components(written) else {
                let badLine = PackagePath.components(disk.path) == nil ? disk.line : entry.line
                problems.append(PackageProblem(path: infPath, line: document.tree.lineNumber(of: badLine.range.lowerBound),
                                               message: "the source path of \(name), \(written), leaves the INF's folder; a driver package keeps every file under it"))
                return
            }
            files.append(PackageFile(sourceName: entry.fileName, relativePath: parts.joined(separator: "/"), line: lineNumber,
                                     isKernelDriver: kernelBinaries.contains(lower)))
        }
        // A CopyINF names an INF by its path from the INF's folder (a subfolder allowed), not
        // through [SourceDisksFiles] (Microsoft's DCHU sample and WinBtrfs list none).
        func addINF(_ path: String, line: INFLine) {
            let lineNumber = document.tree.lineNumber(of: line.range.lowerBound)
            guard let parts = PackagePath.components(path), let name = parts.last else {
                problems.append(PackageProblem(path: infPath, line: lineNumber,
                                               message: "CopyINF names \(path), which is not under the INF's folder; a driver package keeps every file under it"))
                return
            }
            guard names.insert(parts.joined(separator: "/").lowercased()).inserted else { return }
            files.append(PackageFile(sourceName: name, relativePath: parts.joined(separator: "/"), line: lineNumber, isKernelDriver: false, isCopiedINF: true))
        }
        var queue = installSections()
        var visited = Set(queue.map { $0.lowercased() })
        var index = 0
        while index < queue.count {
            let section = queue[index]; index += 1
            for line in document.lines(in: section) {
                switch line.key?.lowercased() {
                case "copyfiles":
                    for field in line.fields where !field.isEmpty {
                        switch CopyFilesItem(field) {
                        case .file(let name): add(name, line: line)
                        case .section(let list):
                            guard document.hasSection(list) else {
                                problems.append(PackageProblem(path: infPath, line: document.tree.lineNumber(of: line.range.lowerBound), message: "CopyFiles names [\(list)], which does not exist"))
                                continue
                            }
                            for entry in document.fileCopyEntries(inSection: list) { add(entry.sourceName, line: entry.line) }
                        }
                    }
                case "copyinf":
                    for field in line.fields where !field.trimmingWhitespace().isEmpty { addINF(field.trimmingWhitespace(), line: line) }
                case "needs", "addcomponent", "addsoftware":
                    let targets = line.key?.lowercased() == "needs" ? line.fields : [line.field(3)].compactMap { $0 }
                    for target in targets where document.hasSection(target) && visited.insert(target.lowercased()).inserted { queue.append(target) }
                default:
                    break
                }
            }
        }
        return (files, problems)
    }

    /// Lower-cased names of files that services load as kernel drivers.
    func kernelDriverNames() -> Set<String> {
        var names = Set<String>()
        for section in installSections() {
            for service in document.addServices(in: section) {
                guard let name = service.installSection, let install = document.serviceInstallSection(name), install.isKernelDriver,
                      let binary = install.serviceBinary?.value else { continue }
                if let file = binary.split(whereSeparator: { $0 == "\\" || $0 == "/" }).last { names.insert(file.lowercased()) }
            }
        }
        return names
    }

    /// The PE machine an architecture's binaries must have.
    public var machine: PEMachine {
        switch architecture {
        case .x86: return .i386
        case .amd64: return .amd64
        case .arm: return .armNT
        case .arm64: return .arm64
        case .ia64: return .ia64
        }
    }

    /// Checks a file's bytes: a binary must be a PE of the right machine; a kernel driver native.
    public func check(_ file: PackageFile, bytes: [UInt8]) -> String? {
        binaryIssue(file, bytes: bytes)?.message
    }

    /// What is wrong with a file's bytes, if anything: a binary (`.sys`, `.dll`, `.exe`…) that is not a
    /// PE image, a PE built for another machine, or a kernel driver whose subsystem is not native.
    public func binaryIssue(_ file: PackageFile, bytes: [UInt8]) -> (kind: PackageFileProblem, message: String)? {
        let ext = (file.sourceName as NSString).pathExtension.lowercased()
        let binary = ["sys", "dll", "exe", "ocx", "cpl", "drv", "efi"].contains(ext)
        let pe: PEFile
        do {
            pe = try PEFile(bytes: bytes)
        } catch let error as PEError {
            return binary ? (.notPE, "\(file.sourceName) is not a valid PE image: \(error.description) (offset 0x\(String(error.offset, radix: 16)))") : nil
        } catch {
            return nil
        }
        if pe.machine != machine && !(machine == .arm64 && pe.machine == .amd64 && ext != "sys") {
            return (.wrongMachine, "\(file.sourceName) is built for \(pe.machine), not \(architecture.rawValue)")
        }
        if (file.isKernelDriver || ext == "sys") && !pe.isNativeSubsystem {
            return (.notNative, "\(file.sourceName) is a kernel driver but its PE subsystem is \(pe.subsystem), not native (1)")
        }
        return nil
    }

    /// The message for a file missing from the package folder.
    static func missingMessage(_ file: PackageFile) -> String {
        "\(file.sourceName) is missing (looked for \(file.relativePath) next to the INF)"
    }
}
