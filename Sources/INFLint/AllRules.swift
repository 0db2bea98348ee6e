/// Generated from Sources/INFLint/Rules (one rule per file); keep in sync with `Scripts/register-rules`.
extension RuleRegistry {
    static let unsortedRules: [any LintRule.Type] = [
        CROnlyLineEndings.self,
        ContinuationAtEndOfFile.self,
        ControlCharacter.self,
        DuplicateKey.self,
        DuplicateSection.self,
        EncodingNotSupported.self,
        FieldOverWineLimit.self,
        FieldTooLong.self,
        MixedLineEndings.self,
        SectionHeaderUnclosed.self,
        SectionNameTooLong.self,
        TextAfterSectionHeader.self,
        TextBeforeFirstSection.self,
        UTF8ReadAsAnsi.self,
        UnterminatedQuote.self,
    ]
}
