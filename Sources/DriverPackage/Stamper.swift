import Foundation
import INFModel
import INFSyntax

/// What `drvkit stamp` writes into a template.
public struct StampOptions: Sendable {
    public var architecture: Architecture
    /// The DriverVer to write; nil keeps a valid existing one (or writes today's date, 1.0.0.0).
    public var driverVer: DriverVer?
    /// `1.NN`: replaces `$KMDFVERSION$` (and `$KMDFCOINSTALLERVERSION$` as `01NNN`).
    public var kmdfVersion: String?
    /// `2.NN` or `2.NN.S`: replaces `$UMDFVERSION$` (written `2.NN.0` for `2.NN`) and `$UMDFCOINSTALLERVERSION$`.
    public var umdfVersion: String?

    public init(architecture: Architecture, driverVer: DriverVer? = nil, kmdfVersion: String? = nil, umdfVersion: String? = nil) {
        self.architecture = architecture; self.driverVer = driverVer; self.kmdfVersion = kmdfVersion; self.umdfVersion = umdfVersion
    }
}

/// Why a template cannot be stamped.
public struct StampError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// stampinf for `.inx` templates: placeholders replaced and DriverVer set, as edits of the lossless
/// text (comments, layout, encoding and line ends stay as they are).
public enum Stamper {
    /// DriverVer for today (UTC) with the given version.
    public static func today(version: [UInt16] = [1, 0, 0, 0]) -> DriverVer {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return DriverVer(month: c.month!, day: c.day!, year: c.year!, version: version, versionPartCount: 4)
    }

    /// Parses `MM/DD/YYYY,w.x.y.z`, or `*` (today, 1.0.0.0), or `*,w.x.y.z`.
    public static func parseDriverVer(_ text: String) throws -> DriverVer {
        let parts = text.split(separator: ",", maxSplits: 1).map { $0.trimmingWhitespace() }
        let versionText = parts.count > 1 ? parts[1] : nil
        if parts.first == "*" {
            guard let versionText else { return today() }
            let parsed = try DriverVer.parse(date: "01/01/2000", version: versionText).mapError { StampError(description: $0.description) }.get()
            return today(version: parsed.version ?? [1, 0, 0, 0])
        }
        return try DriverVer.parse(date: parts.first ?? "", version: versionText).mapError { StampError(description: "--driver-ver: \($0.description)") }.get()
    }

    /// The text for `$KMDFVERSION$` or `$UMDFVERSION$` and for its co-installer keyword. KMDF
    /// versions are `major.minor`; UMDF versions are `major.minor.service` ("Specifying WDF
    /// Directives in INF Files", stampinf -u), so `2.NN` is written `2.NN.0`.
    static func check(_ version: String?, major: String, name: String) throws -> (String, String)? {
        guard let version else { return nil }
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        let isUMDF = name == "umdf"
        let form = isUMDF ? "\(major).NN or \(major).NN.S" : "\(major).NN"
        guard parts.count == 2 || (isUMDF && parts.count == 3), parts[0] == major, let minor = Int(parts[1]), (0...99).contains(minor),
              parts.dropFirst(2).allSatisfy({ !$0.isEmpty && $0.count <= 5 && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            throw StampError(description: "--\(name)-version must look like \(form), not '\(version)'")
        }
        let stamped = isUMDF && parts.count == 2 ? version + ".0" : version
        return (stamped, String(format: "0%@%03d", String(major), minor))
    }

    /// The stamped text.
    public static func stamp(_ tree: SyntaxTree, options: StampOptions) throws -> [UInt16] {
        let kmdf = try check(options.kmdfVersion, major: "1", name: "kmdf")
        let umdf = try check(options.umdfVersion, major: "2", name: "umdf")
        var replacements: [(String, String)] = [("$ARCH$", options.architecture.rawValue)]
        if let kmdf { replacements += [("$KMDFVERSION$", kmdf.0), ("$KMDFCOINSTALLERVERSION$", kmdf.1)] }
        if let umdf { replacements += [("$UMDFVERSION$", umdf.0), ("$UMDFCOINSTALLERVERSION$", umdf.1)] }
        var edits = placeholderEdits(tree.source.units, replacements)
        edits += try driverVerEdits(tree, options: options)
        edits.sort { $0.range.lowerBound < $1.range.lowerBound }
        var out: [UInt16] = []
        var cursor = 0
        let units = tree.source.units
        for edit in edits where edit.range.lowerBound >= cursor {
            out += units[cursor..<edit.range.lowerBound]
            out += edit.replacement
            cursor = edit.range.upperBound
        }
        out += units[cursor...]
        let leftover = String(decoding: out, as: UTF16.self).uppercased()
        for name in ["$KMDFVERSION$", "$UMDFVERSION$", "$KMDFCOINSTALLERVERSION$", "$UMDFCOINSTALLERVERSION$"] where leftover.contains(name) {
            throw StampError(description: "the template uses \(name); pass --\(name.contains("KMDF") ? "kmdf" : "umdf")-version")
        }
        return out
    }

    /// Case-insensitive replacements of placeholders anywhere in the text.
    static func placeholderEdits(_ units: [UInt16], _ replacements: [(String, String)]) -> [SourceEdit] {
        var edits: [SourceEdit] = []
        let upper = units.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
        for (placeholder, value) in replacements {
            let needle = Array(placeholder.utf16)
            var i = 0
            while i + needle.count <= upper.count {
                if upper[i] == needle[0] && Array(upper[i..<(i + needle.count)]) == needle {
                    edits.append(SourceEdit(range: i..<(i + needle.count), replacement: value))
                    i += needle.count
                } else {
                    i += 1
                }
            }
        }
        return edits
    }

    /// Sets [Version] DriverVer: replaces the value of an existing line, or adds a line.
    static func driverVerEdits(_ tree: SyntaxTree, options: StampOptions) throws -> [SourceEdit] {
        let document = INFDocument(tree: tree)
        guard let version = document.section("Version") else { throw StampError(description: "the template has no [Version] section") }
        let existing = document.version.driverVer
        let value: DriverVer
        if let wanted = options.driverVer {
            value = wanted
        } else if let current = existing?.value, current.version != nil {
            return []
        } else {
            value = today()
        }
        let text = String(format: "%02d/%02d/%04d", value.month, value.day, value.year) + "," + (value.versionString ?? "1.0.0.0")
        if let line = existing?.line {
            let node = tree.lines[line.index]
            let written = line.fields.joined()
            if node.fieldCount > 0 && !written.trimmingWhitespace().isEmpty {
                let first = tree.fields[Int(node.firstField)].range.lowerBound
                let last = tree.fields[Int(node.firstField + node.fieldCount - 1)].range.upperBound
                return [SourceEdit(range: first..<last, replacement: text)]
            }
            // An empty value: write it right after `=` (blanks, a comment and the line end stay after it).
            let at = Int(node.equals) + 1
            return [SourceEdit(range: at..<at, replacement: " " + text)]
        }
        let last = tree.lines[max(version.headerLines.last ?? 0, version.lines.last ?? 0)]
        let newline = tree.source.lineEndings == .crlf ? "\r\n" : "\n"
        let prefix = last.end == last.contentEnd ? newline : ""
        return [SourceEdit(range: Int(last.end)..<Int(last.end), replacement: prefix + "DriverVer = " + text + newline)]
    }
}
