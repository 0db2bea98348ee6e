import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import INFSyntax

/// JUnit XML built with Foundation's XML document API: a `testsuite` per file, a `testcase` per
/// rule that ran, a `failure` per finding.
public enum JUnitRenderer {
    public static func render(_ report: Report) -> String {
        let root = XMLElement(name: "testsuites")
        root.addAttribute(attribute("name", "drvkit lint"))
        var totalTests = 0, totalFailures = 0
        for file in report.files {
            let suite = XMLElement(name: "testsuite")
            let byCode = Dictionary(grouping: file.diagnostics, by: \.code)
            let failures = file.rulesRun.filter { !(byCode[$0]?.isEmpty ?? true) }.count
            suite.addAttribute(attribute("name", file.path))
            suite.addAttribute(attribute("tests", String(file.rulesRun.count)))
            suite.addAttribute(attribute("failures", String(failures)))
            suite.addAttribute(attribute("errors", "0"))
            totalTests += file.rulesRun.count
            totalFailures += failures
            for code in file.rulesRun {
                let testcase = XMLElement(name: "testcase")
                testcase.addAttribute(attribute("classname", file.path))
                testcase.addAttribute(attribute("name", "\(code) \(report.rules[code]?.name ?? "")"))
                for d in byCode[code] ?? [] {
                    let location = file.source.location(of: d.range.lowerBound)
                    let failure = XMLElement(name: "failure", stringValue: "\(file.path):\(location.line):\(location.column): \(d.severity.rawValue): \(d.message)")
                    failure.addAttribute(attribute("message", d.message))
                    failure.addAttribute(attribute("type", d.severity.rawValue))
                    testcase.addChild(failure)
                }
                suite.addChild(testcase)
            }
            root.addChild(suite)
        }
        root.addAttribute(attribute("tests", String(totalTests)))
        root.addAttribute(attribute("failures", String(totalFailures)))
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        return String(decoding: document.xmlData(options: [.nodePrettyPrint]), as: UTF8.self) + "\n"
    }

    static func attribute(_ name: String, _ value: String) -> XMLNode {
        XMLNode.attribute(withName: name, stringValue: value) as! XMLNode
    }
}
