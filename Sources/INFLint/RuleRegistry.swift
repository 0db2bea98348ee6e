/// Every rule drvkit has, in code order.
public enum RuleRegistry {
    public static let all: [any LintRule.Type] = unsortedRules.sorted { Linter.info(of: $0).code < Linter.info(of: $1).code }

    /// The metadata of every rule, in code order.
    public static let infos: [RuleInfo] = all.map { Linter.info(of: $0) }

    /// The rule with `code` (case-insensitive), or nil.
    public static func rule(_ code: String) -> (any LintRule.Type)? {
        all.first { Linter.info(of: $0).code == code.uppercased() }
    }

    /// The metadata of the rule with `code` or `name`, or nil.
    public static func info(_ codeOrName: String) -> RuleInfo? {
        infos.first { $0.code == codeOrName.uppercased() || $0.name == codeOrName.lowercased() }
    }
}
