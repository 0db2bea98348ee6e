import Testing
@testable import INFSyntax
@testable import Reporting

/// Renderer details that the CLI tests do not pin down.
struct RendererTests {
    static let source = SourceText("[Version]\nSignature = \"$Chicago$\"\n\tKey=é\n")

    func report(_ diagnostics: [ReportDiagnostic], path: String = "dir/a b.inf") -> Report {
        Report(files: [ReportFile(path: path, source: Self.source, diagnostics: diagnostics, rulesRun: ["DK0001"])],
               rules: [ReportRule(code: "DK0001", name: "test-rule", summary: "A test.", documentation: "# Doc", infVerif: 1001, defaultSeverity: .error)],
               toolVersion: "0.0.0")
    }

    @Test func jsonEscapesAndCountsLikeTheContract() {
        let d = ReportDiagnostic(code: "DK0001", severity: .error, message: "quote \" and\nnewline", range: 22..<33)
        #expect(JSONRenderer.render(report([d])) == """
            {"files":[{"path":"dir/a b.inf","diagnostics":[{"code":"DK0001","rule":"test-rule","severity":"error","message":"quote \\" and\\nnewline","line":2,"column":13,"endLine":2,"endColumn":24,"infverif":1001}]}],"summary":{"files":1,"errors":1,"warnings":0,"infos":0}}

            """)
    }

    @Test func textPointsAtTheRangeAndExpandsTabs() {
        let d = ReportDiagnostic(code: "DK0001", severity: .warning, message: "m", range: 35..<38)
        let text = TextRenderer.render(report([d]), color: false)
        #expect(text.hasPrefix("dir/a b.inf:3:2: warning: m [DK0001]\n     Key=é\n     ^~~\n"))
        let colored = TextRenderer.render(report([d]), color: true)
        #expect(colored.contains("\u{1B}[1;33mwarning\u{1B}[0m"))
    }

    @Test func emptyRangesGetOneColumn() {
        let d = ReportDiagnostic(code: "DK0001", severity: .info, message: "m", range: 0..<0)
        #expect(JSONRenderer.render(report([d])).contains("\"line\":1,\"column\":1,\"endLine\":1,\"endColumn\":2"))
    }

    @Test func sarifUrisAreEncodedReferences() {
        #expect(SARIFRenderer.uri("dir/a b.inf") == "dir/a%20b.inf")
        #expect(SARIFRenderer.uri("c:\\x\\y.inf") == "c%3A/x/y.inf")
        #expect(SARIFRenderer.uri("/abs/p.inf") == "file:///abs/p.inf")
    }

    @Test func junitEscapesMessages() {
        let d = ReportDiagnostic(code: "DK0001", severity: .error, message: "<&> \"x\"", range: 0..<1)
        let xml = JUnitRenderer.render(report([d]))
        #expect(xml.contains("message=\"&lt;&amp;&gt; &quot;x&quot;\""))
        #expect(xml.contains("<testsuite name=\"dir/a b.inf\" tests=\"1\" failures=\"1\" errors=\"0\">"))
    }
}
