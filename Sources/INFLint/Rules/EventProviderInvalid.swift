import INFModel
import INFSyntax

struct EventProviderInvalid: LintRule {
    static let info = RuleInfo(
        code: "DK5043", name: "event-provider-invalid",
        summary: "An ETW provider or channel a `.Events` section registers that Windows cannot register as written.",
        severity: .error, alsoInfVerif: [1180, 1181, 1182],
        whatItDoes: "Follows reached AddEventProvider lines (DDInstall.Events) to their event-provider-install sections and AddChannel lines to their channel-install sections, and reports: a provider that is not a braced GUID, a section without ProviderName or ResourceFile, a provider or channel name that is too long or holds a character Windows refuses, a file that is not `%dirid%\\name`, a channel named twice, a channel type other than 1 to 4, Isolation, Enabled, LoggingRetention or LoggingAutoBackup out of range, LoggingMaxSize under 1 MB, two channels with one Value (InfVerif 1180), LoggingAutoBackup on an Analytic or Debug channel (1181) or without sequential retention (1182).",
        whyBad: "\"INF AddEventProvider Directive\" (Windows 10 1809 on) gives each of these rules; the event log service does not register a provider or channel that breaks them, so the driver's events go nowhere and Event Viewer shows no log for it.",
        references: ["INF AddEventProvider Directive", "INF DDInstall.Events Section", "ChannelType complex type", "InfVerif 1180, 1181, 1182"],
        triggering: [RuleExample(device: Self.provider(channels: "AddChannel = Contoso-Dev/Admin, 0x1, Admin.Channel\nAddChannel = Contoso-Dev/Debug, 0x4, Debug.Channel\n",
                                                       sections: "[Admin.Channel]\nValue = 16\n[Debug.Channel]\nValue = ↓16\n")),
                     RuleExample(device: Self.provider(channels: "AddChannel = Contoso-Dev/Debug, 0x4, Debug.Channel\n",
                                                       sections: "[Debug.Channel]\nLoggingRetention = 2\nLoggingAutoBackup = ↓1\n"))],
        passing: [RuleExample(device: Self.provider(channels: "ImportChannel = System\nAddChannel = Contoso-Dev/Admin, 0x1, Admin.Channel\nAddChannel = Contoso-Dev/Debug, 0x4, Debug.Channel\n",
                                                    sections: "[Admin.Channel]\nValue = 16\nLoggingRetention = 2\nLoggingAutoBackup = 1\n[Debug.Channel]\nValue = 17\n"))])

    /// `Dev` registering one provider, `[Dev.Provider]`, with `channels`, and the channel sections `sections`.
    static func provider(channels: String, sections: String) -> String {
        "[Dev.NT]\n[Dev.NT.Events]\nAddEventProvider = {35356277-0b54-43da-b324-671006d74759}, Dev.Provider\n"
            + "[Dev.Provider]\nProviderName = Contoso-Dev\nResourceFile = %13%\\dev.sys\n" + channels + sections
    }

    /// Characters a provider name and a channel name may not hold ("INF AddEventProvider Directive"),
    /// besides controls: the page lists `'` for providers and `` ` `` for channels.
    static let forbiddenInProvider: Set<Character> = [">", "<", "&", "\"", "|", "\\", ":", "'", "?", "*"]
    static let forbiddenInChannel: Set<Character> = [">", "<", "&", "\"", "|", "\\", ":", "`", "?", "*"]

    func check(_ context: LintContext, into findings: inout Findings) {
        var checked = Set<String>()
        for line in context.reachedLines(key: "AddEventProvider") {
            let guid = (line.field(1) ?? "").trimmingWhitespace()
            if !ClassGuidMalformed.isGUID(guid) {
                findings.add(Self.info, "event provider '\(guid)' is not a GUID of the form {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}", at: line.range(ofField: 1))
            }
            let section = (line.field(2) ?? "").trimmingWhitespace()
            // A missing section is DK3001's; each is read once.
            guard !section.isEmpty, context.document.section(section) != nil, checked.insert(section.lowercased()).inserted else { continue }
            checkProvider(section, at: line, context, into: &findings)
        }
    }

    private func checkProvider(_ name: String, at use: INFLine, _ context: LintContext, into findings: inout Findings) {
        let document = context.document
        let section = document.section(name)?.name ?? name
        if let provider = document.firstLine(in: name, key: "ProviderName") {
            checkName(provider, "provider name", forbidden: Self.forbiddenInProvider, into: &findings)
        } else {
            findings.add(Self.info, "[\(section)] has no ProviderName", at: use.range(ofField: 2))
        }
        if document.firstLine(in: name, key: "ResourceFile") == nil {
            findings.add(Self.info, "[\(section)] has no ResourceFile (the binary holding the provider's metadata)", at: use.range(ofField: 2))
        }
        for key in ["ResourceFile", "MessageFile", "ParameterFile"] {
            guard let line = document.firstLine(in: name, key: key) else { continue }
            let path = (line.field(1) ?? "").trimmingWhitespace()
            guard !Self.isDiridPath(path) else { continue }
            findings.add(Self.info, "\(key) '\(path)' is not written %dirid%\\file name (`%13%\\dev.dll`)", at: line.range(ofField: 1))
        }
        var names: [String: String] = [:], values: [UInt64: String] = [:]
        for line in document.lines(in: name) {
            guard let key = line.key?.trimmingWhitespace().lowercased(), key == "addchannel" || key == "importchannel" else { continue }
            let channel = (line.field(1) ?? "").trimmingWhitespace()
            if !channel.isEmpty, let first = names.updateValue(channel, forKey: channel.lowercased()) {
                findings.add(Self.info, "channel '\(channel)' is already in [\(section)]'s list (as '\(first)')", at: line.range(ofField: 1))
            }
            guard key == "addchannel" else { continue }
            checkName(line, "channel name", forbidden: Self.forbiddenInChannel, into: &findings)
            let typeText = (line.field(2) ?? "").trimmingWhitespace()
            let type = IntegerField.parse(typeText)
            if type.map({ !(1...4).contains($0) }) ?? true {
                findings.add(Self.info, "channel type '\(typeText)' is not 1 (Admin), 2 (Operational), 3 (Analytic) or 4 (Debug)", at: line.range(ofField: 2))
            }
            let channelSection = (line.field(3) ?? "").trimmingWhitespace()
            guard !channelSection.isEmpty, document.section(channelSection) != nil else { continue }
            checkChannel(channelSection, name: channel, type: type, provider: section, values: &values, context, into: &findings)
        }
    }

    private func checkChannel(_ name: String, name channel: String, type: UInt32?, provider: String, values: inout [UInt64: String],
                              _ context: LintContext, into findings: inout Findings) {
        let document = context.document
        let section = document.section(name)?.name ?? name
        func number(_ key: String, in range: ClosedRange<UInt64>?) -> (line: INFLine, value: UInt64?)? {
            guard let line = document.firstLine(in: name, key: key) else { return nil }
            let text = (line.field(1) ?? "").trimmingWhitespace()
            let value = IntegerField.parse(text).map(UInt64.init)
            if let range, value.map({ !range.contains($0) }) ?? true {
                findings.add(Self.info, "\(key) '\(text)' in [\(section)] is not \(range.lowerBound) to \(range.upperBound)", at: line.range(ofField: 1))
            }
            return (line, value)
        }
        _ = number("Isolation", in: 1...3)
        _ = number("Enabled", in: 0...1)
        let retention = number("LoggingRetention", in: 1...2)
        let backup = number("LoggingAutoBackup", in: 0...1)
        if let size = number("LoggingMaxSize", in: nil) {
            if let bytes = size.value, bytes < 1 << 20 {
                findings.add(Self.info, "LoggingMaxSize \(bytes) in [\(section)] is under the 1 MB minimum", at: size.line.range(ofField: 1))
            } else if size.value == nil {
                findings.add(Self.info, "LoggingMaxSize '\(size.line.field(1) ?? "")' in [\(section)] is not a number of bytes", at: size.line.range(ofField: 1))
            }
        }
        if let value = number("Value", in: nil) {
            if let v = value.value, let first = values.updateValue(channel, forKey: v) {
                findings.add(Self.info, "channel Value \(v) of '\(channel)' is also channel '\(first)''s: values are unique within provider [\(provider)]",
                             at: value.line.range(ofField: 1), infVerif: 1180)
            } else if value.value == nil {
                findings.add(Self.info, "channel Value '\(value.line.field(1) ?? "")' in [\(section)] is not a number", at: value.line.range(ofField: 1))
            }
        }
        guard let backup, backup.value == 1 else { return }
        if let type, type >= 3 {
            findings.add(Self.info, "LoggingAutoBackup = 1 cannot be used with channel type \(type == 3 ? "Analytic (3)" : "Debug (4)"): only Admin and Operational channels back up their logs",
                         at: backup.line.range(ofField: 1), infVerif: 1181)
        } else if retention?.value != 2 {
            findings.add(Self.info, "LoggingAutoBackup = 1 needs LoggingRetention = 2 (sequential) in [\(section)]", at: backup.line.range(ofField: 1), infVerif: 1182)
        }
    }

    private func checkName(_ line: INFLine, _ what: String, forbidden: Set<Character>, into findings: inout Findings) {
        let name = (line.field(1) ?? "").trimmingWhitespace()
        if name.utf16.count >= 255 {
            findings.add(Self.info, "\(what) is \(name.utf16.count) characters: Windows takes fewer than 255", at: line.range(ofField: 1))
        } else if let bad = name.first(where: { forbidden.contains($0) || ($0.asciiValue ?? 0x20) < 0x20 }) {
            findings.add(Self.info, "\(what) '\(name)' holds '\(bad.isASCII && bad.asciiValue! < 0x20 ? "\\u{\(String(bad.asciiValue!, radix: 16))}" : String(bad))', which Windows does not allow there",
                         at: line.range(ofField: 1))
        }
    }

    /// `%dirid%\name`: a DIRID token, then a path.
    static func isDiridPath(_ path: String) -> Bool {
        guard path.hasPrefix("%"), let close = path.dropFirst().firstIndex(of: "%") else { return false }
        let dirid = path[path.index(after: path.startIndex)..<close]
        return !dirid.isEmpty && dirid.allSatisfy(\.isNumber) && path[path.index(after: close)...].hasPrefix("\\") && path.count > path.distance(from: path.startIndex, to: close) + 2
    }
}
