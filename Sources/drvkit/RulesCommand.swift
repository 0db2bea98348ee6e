import ArgumentParser
import INFLint
import Reporting

extension Drvkit {
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List drvkit's lint rules, or show one rule's documentation and examples.")

        @Argument(help: "A rule code (DK6001), a rule name (device-type-not-set), or an InfVerif error code (1304): the rules that check it.")
        var rule: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let infos: [RuleInfo]
            if let rule, let info = RuleRegistry.info(rule) {
                infos = [info]
            } else if let rule, let code = Int(rule) {
                // InfVerif's numbers (`infverif /code 1304`): every rule that carries it.
                infos = RuleRegistry.infos.filter { $0.infVerif == code || $0.alsoInfVerif.contains(code) }
                guard !infos.isEmpty else {
                    throw CommandFailure(exitCode: 2, message: "error: no drvkit rule checks InfVerif \(code); run 'drvkit rules' for the list")
                }
            } else if let rule {
                throw CommandFailure(exitCode: 2, message: "error: no rule '\(rule)'; run 'drvkit rules' for the list")
            } else {
                infos = RuleRegistry.infos
            }
            // One rule named: its document; otherwise (all rules, or an InfVerif code several rules carry) a list.
            let single = rule != nil && (infos.count == 1 || Int(rule!) == nil)
            if json {
                let value: JSON = .array(infos.map(Self.json))
                Terminal.write((single && Int(rule!) == nil ? Self.json(infos[0]) : value).serialized + "\n")
            } else if single {
                Terminal.write(infos.map(\.documentation).joined(separator: "\n"))
            } else {
                for i in infos {
                    let infVerif = i.infVerif.map { "InfVerif \($0)" } ?? ""
                    Terminal.write("\(i.code)  \(i.name.padding(toLength: 40, withPad: " ", startingAt: 0)) \(i.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(i.mode.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)) \(infVerif.padding(toLength: 14, withPad: " ", startingAt: 0)) \(i.summary)\n")
                }
            }
        }

        static func json(_ i: RuleInfo) -> JSON {
            var members: [(String, JSON)] = [
                ("code", .string(i.code)), ("name", .string(i.name)), ("family", .string(i.family)),
                ("mode", .string(i.mode.rawValue)), ("severity", .string(i.severity.rawValue)),
                ("severityByMode", .object(i.modes.map { ($0.rawValue, .string(i.severity(in: $0).rawValue)) })),
                ("supersededIn", i.supersededIn.map { .object([("mode", .string($0.mode.rawValue)), ("by", .string($0.by))]) } ?? .null),
                ("infverif", i.infVerif.map(JSON.int) ?? .null), ("alsoInfverif", .array(i.alsoInfVerif.map(JSON.int))),
                ("readsPackageFolder", .bool(i.readsPackageFolder)),
                ("requiredOption", i.requiredOption.map(JSON.string) ?? .null),
                ("summary", .string(i.summary)),
                ("documentation", .string(i.documentation)),
            ]
            if let fix = i.fix { members.append(("fix", .object([("safety", .string(fix.safety.rawValue)), ("description", .string(fix.description))]))) }
            members.append(("examples", .object([("triggering", .array(i.triggering.map { .string($0.text) })),
                                                 ("passing", .array(i.passing.map { .string($0.text) }))])))
            return .object(members)
        }
    }
}
