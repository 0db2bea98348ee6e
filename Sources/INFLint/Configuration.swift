import Foundation
import INFSyntax
import INFModel
import Yams

/// Project settings from `.drvkit.yml` (or `--config FILE`):
///
/// ```yaml
/// mode: declarative          # basic, universal, declarative, hardware-dev-center, windows-driver
/// select: [DK1, DK6001]      # only these codes (a prefix selects a family)
/// ignore: [DK3004]           # never these
/// severity:                  # change a rule's severity
///   DK2012: error
/// package: true              # check each INF's folder as a driver package (`--package`)
/// provider: Contoso           # every INF's Provider must be this (`--provider`)
/// wbuild: 10.0.17763          # isolation is checked for what installs on this version and later (`--wbuild`)
/// osver: NTamd64.10.0...22000  # lint only what installs on this Windows (`--osver`)
/// ```
public struct LintConfiguration: Sendable, Equatable, Codable {
    public var mode: LintMode?
    public var select: [String]?
    public var ignore: [String]?
    public var severity: [String: Severity]?
    public var package: Bool?
    public var provider: String?
    public var wbuild: String?
    public var osver: String?

    public init(mode: LintMode? = nil, select: [String]? = nil, ignore: [String]? = nil, severity: [String: Severity]? = nil,
                package: Bool? = nil, provider: String? = nil, wbuild: String? = nil, osver: String? = nil) {
        self.mode = mode; self.select = select; self.ignore = ignore; self.severity = severity; self.package = package
        self.provider = provider; self.wbuild = wbuild; self.osver = osver
    }

    /// The file name looked for in the current folder and its parents.
    public static let fileName = ".drvkit.yml"

    /// Why a configuration file could not be used.
    public struct Error: Swift.Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Reads a configuration file; errors name the file (and the line when YAML says where).
    public static func load(path: String) throws -> LintConfiguration {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw Error(description: "\(path): error: cannot read the configuration file")
        }
        do {
            let config = try YAMLDecoder().decode(LintConfiguration.self, from: text.isEmpty ? "{}" : text)
            for code in (config.select ?? []) + (config.ignore ?? []) + Array((config.severity ?? [:]).keys) where !Self.isCodePattern(code) {
                throw Error(description: "\(path): error: '\(code)' is not a rule code (DK followed by digits)")
            }
            if let osver = config.osver, TargetPlatform(osver: osver) == nil {
                throw Error(description: "\(path): error: osver '\(osver)' is not a target OS such as NTamd64.10.0...22000")
            }
            if let wbuild = config.wbuild, WindowsBuild(wbuild) == nil {
                throw Error(description: "\(path): error: wbuild '\(wbuild)' is not a Windows version such as 10.0.17763")
            }
            return config
        } catch let error as Error {
            throw error
        } catch let error as YamlError {
            throw Error(description: "\(path): error: \(error)".replacingOccurrences(of: "\n", with: " "))
        } catch let error as DecodingError {
            throw Error(description: "\(path): error: \(Self.describe(error))")
        } catch {
            throw Error(description: "\(path): error: \(error)")
        }
    }

    /// The nearest `.drvkit.yml` from `directory` upwards.
    public static func find(from directory: String) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let candidate = url.appendingPathComponent(fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    static func isCodePattern(_ s: String) -> Bool {
        s.uppercased().hasPrefix("DK") && s.count >= 3 && s.count <= 6 && s.dropFirst(2).allSatisfy(\.isNumber)
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c):
            let path = c.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? c.debugDescription : "\(path): \(c.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// Whether `code` matches a pattern list (a pattern is a code or a code prefix such as `DK6`).
    static func matches(_ code: String, _ patterns: [String]) -> Bool {
        patterns.contains { code.uppercased().hasPrefix($0.uppercased()) }
    }

    /// Whether a rule runs under this configuration and the command line's selections.
    public func isEnabled(_ code: String, select: [String] = [], ignore: [String] = []) -> Bool {
        let selected = select.isEmpty ? (self.select ?? []) : select
        if !selected.isEmpty && !Self.matches(code, selected) { return false }
        return !Self.matches(code, (self.ignore ?? []) + ignore)
    }
}
