import Authenticode
import Foundation

/// Inf2Cat's `/os:` names and the catalog attributes they produce.
public enum OSAttributes {
    /// `/os:` token → (catalog `OS` value, member `OSAttr` value).
    public static let table: [String: (os: String, osAttr: String)] = [
        "7_X86": ("7X86", "2:6.1"), "7_X64": ("7X64", "2:6.1"),
        "8_X86": ("8X86", "2:6.2"), "8_X64": ("8X64", "2:6.2"),
        "6_3_X86": ("_v63", "2:6.3"), "6_3_X64": ("_v63_X64", "2:6.3"), "6_3_ARM": ("_v63_ARM", "2:6.3"),
        "10_X86": ("_v100", "2:10.0"), "10_X64": ("_v100_X64", "2:10.0"), "10_ARM64": ("_v100_ARM64", "2:10.0"),
        "SERVER10_X64": ("_v100_X64_Server", "2:10.0"),
        "10_22H2_X64": ("_v100_X64_22H2", "2:10.0"), "10_22H2_ARM64": ("_v100_ARM64_22H2", "2:10.0"),
    ]

    /// The default for an architecture (Windows 10 and later).
    public static func defaultList(for architecture: String) -> String {
        switch architecture {
        case "x86": return "10_X86"
        case "arm64": return "10_ARM64"
        default: return "10_X64"
        }
    }

    /// Why a catalog of `version` does not suit the `/os:` list: Windows 7 (and Server 2008 R2) cannot
    /// read version 2 catalogs ("Catalog version 2 is not supported on Windows Server 2008 R2 or
    /// Windows 7", New-FileCatalog). Nil when it suits, or when the list has an unknown token.
    public static func problem(catalogVersion version: CatalogVersion, osList list: String) -> PackageProblem? {
        guard version == .v2, case .success(let resolved) = resolve(list) else { return nil }
        guard resolved.osAttr.split(separator: ",").contains("2:6.1") else { return nil }
        return PackageProblem(path: "--os", line: nil, message: "a version 2 (SHA-256) catalog cannot be read by Windows 7, which '\(list)' names: leave 7_X86/7_X64 out of --os, or use --catalog-version 1")
    }

    /// Resolves a comma-separated `/os:` list; nil names the first unknown token.
    public static func resolve(_ list: String) -> Result<(os: String, osAttr: String), PackageProblem> {
        var os: [String] = [], attrs: [String] = []
        for token in list.split(separator: ",").map({ $0.trimmingWhitespace().uppercased() }) where !token.isEmpty {
            guard let entry = table[token] else {
                return .failure(PackageProblem(path: "--os", line: nil, message: "unknown OS '\(token)'; known: \(table.keys.sorted().joined(separator: ", "))"))
            }
            if !os.contains(entry.os) { os.append(entry.os) }
            if !attrs.contains(entry.osAttr) { attrs.append(entry.osAttr) }
        }
        return .success((os.joined(separator: ","), attrs.joined(separator: ",")))
    }
}
