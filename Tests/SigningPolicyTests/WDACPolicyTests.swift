import Authenticode
import Crypto
import Foundation
import SigningPolicy
import Testing
import TestSupport
import X509

/// WDAC deny rules against kernel files: hashes, names with version ranges, signers, audit mode.
struct WDACPolicyTests {
    func policy(fileRules: String, signers: String = "", scenario: String, options: String = "") throws -> WDACPolicy {
        try WDACPolicy(data: Data("""
            <?xml version="1.0" encoding="utf-8"?>
            <SiPolicy xmlns="urn:schemas-microsoft-com:sipolicy" PolicyType="Base Policy">
              <Rules>\(options)</Rules>
              <FileRules>\(fileRules)</FileRules>
              <Signers>\(signers)</Signers>
              <SigningScenarios>
                <SigningScenario Value="131" ID="ID_SIGNINGSCENARIO_DRIVERS_1"><ProductSigners>\(scenario)</ProductSigners></SigningScenario>
                <SigningScenario Value="12" ID="ID_SIGNINGSCENARIO_WINDOWS"><ProductSigners>
                  <FileRulesRef><FileRuleRef RuleID="ID_DENY_USER" /></FileRulesRef></ProductSigners></SigningScenario>
              </SigningScenarios>
            </SiPolicy>
            """.utf8))
    }

    func driver(version: (UInt32, UInt32)) -> [UInt8] {
        var writer = PEWriter()
        writer.subsystem = 1
        writer.fileVersion = version
        return writer.bytes()
    }

    @Test func fileNamesWithVersionRangesAndUserModeRulesLeftOut() throws {
        let p = try policy(fileRules: """
            <Deny ID="ID_DENY_OLD" FriendlyName="vuln.sys up to 2.0" FileName="vuln.sys" MinimumFileVersion="0.0.0.0" MaximumFileVersion="2.0.0.0" />
            <Deny ID="ID_DENY_USER" FriendlyName="user mode only" FileName="vuln.sys" />
            """, scenario: #"<FileRulesRef><FileRuleRef RuleID="ID_DENY_OLD" /></FileRulesRef>"#)
        #expect(p.denials(forKernelFile: "x/VULN.SYS", bytes: driver(version: (0x0001_0002, 0))) == ["vuln.sys up to 2.0 (VULN.SYS version 1.2.0.0)"])
        #expect(p.denials(forKernelFile: "vuln.sys", bytes: driver(version: (0x0002_0001, 0))).isEmpty)
        #expect(p.denials(forKernelFile: "other.sys", bytes: driver(version: (0x0001_0000, 0))).isEmpty)
    }

    @Test func hashesAndAuditMode() throws {
        let bytes = driver(version: (0x0001_0000, 0))
        let sha256 = try PEFile(bytes: bytes).authenticodeDigest(.sha256).hexUppercase
        let rules = #"<Deny ID="ID_DENY_H" FriendlyName="bad.sys Hash Sha256" Hash="\#(sha256)" />"#
        let scenario = #"<FileRulesRef><FileRuleRef RuleID="ID_DENY_H" /></FileRulesRef>"#
        #expect(try policy(fileRules: rules, scenario: scenario).denials(forKernelFile: "bad.sys", bytes: bytes) == ["bad.sys Hash Sha256 (file hash of bad.sys)"])
        let audit = try policy(fileRules: rules, scenario: scenario, options: "<Rule><Option>Enabled:Audit Mode</Option></Rule>")
        #expect(audit.auditMode && audit.denials(forKernelFile: "bad.sys", bytes: bytes).isEmpty)
    }

    @Test func deniedSignersByIssuingCAAndPublisher() throws {
        let ca = try CertificateFactory.issue("Contoso Issuing CA", ekus: [], ca: true)
        let leaf = try CertificateFactory.issue("Contoso Drivers", by: ca)
        let signed = try AuthenticodeSigner.signPE(driver(version: (0x0001_0000, 0)), chain: [leaf.certificate, ca.certificate], privateKey: leaf.key)
        let tbs = Array(ca.certificate.tbsCertificateBytes)
        let tbsHash = Array(SHA256.hash(data: tbs)).hexUppercase
        func signerPolicy(publisher: String) throws -> WDACPolicy {
            try policy(fileRules: "", signers: """
                <Signer ID="ID_SIGNER_CONTOSO" Name="Contoso Issuing CA"><CertRoot Type="TBS" Value="\(tbsHash)" /><CertPublisher Value="\(publisher)" /></Signer>
                """, scenario: #"<DeniedSigners><DeniedSigner SignerId="ID_SIGNER_CONTOSO" /></DeniedSigners>"#)
        }
        #expect(try signerPolicy(publisher: "Contoso Drivers").denials(forKernelFile: "c.sys", bytes: signed) == ["Contoso Issuing CA (signer of c.sys)"])
        #expect(try signerPolicy(publisher: "Someone Else").denials(forKernelFile: "c.sys", bytes: signed).isEmpty)
        // Signed through a catalog instead: the catalog's chain is checked.
        #expect(try signerPolicy(publisher: "Contoso Drivers").denials(forKernelFile: "c.sys", bytes: driver(version: (0x0001_0000, 0)),
                                                                       catalogChain: [leaf.certificate, ca.certificate]).count == 1)
    }

    @Test func notAPolicy() {
        #expect(throws: WDACPolicy.ParseError.self) { try WDACPolicy(data: Data("<Other/>".utf8)) }
        #expect(throws: WDACPolicy.ParseError.self) { try WDACPolicy(data: Data("not xml".utf8)) }
        // An unsupported encoding declaration made corelibs Foundation's XMLDocument crash; truncated
        // text was accepted in its recovery mode. Both are refused with the place.
        let encoding = #expect(throws: WDACPolicy.ParseError.self) {
            try WDACPolicy(data: Data("<?xml version=\"1.0\" encoding=\"u.0\"?>\n<SiPolicy/>".utf8))
        }
        #expect(encoding?.description.hasPrefix("not well-formed XML (line 1, column") == true, "\(String(describing: encoding))")
        let truncated = #expect(throws: WDACPolicy.ParseError.self) {
            try WDACPolicy(data: Data("<?xml version=\"1.0\"?>\n<SiPolicy xmlns=\"urn:schemas-microsoft-com:sipolicy\">\n<Rules>".utf8))
        }
        #expect(truncated?.description.hasPrefix("not well-formed XML (line 3") == true, "\(String(describing: truncated))")
        // Invalid UTF-8 in an attribute name trapped corelibs Foundation's XMLParser.
        let badBytes = #expect(throws: WDACPolicy.ParseError.self) {
            try WDACPolicy(data: Data("<?xml version=\"1.0\"?>\n<SiPolicy ".utf8 + [0xFF, 0xFE] + "Value=\"1\"/>".utf8))
        }
        #expect(badBytes?.description == "not UTF-8 or UTF-16 text (line 2, column 11)")
        // UTF-16 with a BOM is read; cut to an odd length it is not text.
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<SiPolicy xmlns=\"urn:schemas-microsoft-com:sipolicy\"/>".utf16 {
            utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        #expect(throws: Never.self) { try WDACPolicy(data: Data(utf16)) }
        let odd = #expect(throws: WDACPolicy.ParseError.self) { try WDACPolicy(data: Data(utf16.dropLast())) }
        #expect(odd?.description == "not UTF-8 or UTF-16 text (line 2, column 54)")
    }

    /// Damaged policies (seeded mutations) are read or refused with a ParseError, never a crash
    /// (corelibs Foundation's XML reader crashed on some before they were checked).
    @Test func damagedPoliciesAreReadOrRefused() throws {
        let text = Array("""
            <?xml version="1.0" encoding="utf-8"?>
            <SiPolicy xmlns="urn:schemas-microsoft-com:sipolicy" PolicyType="Base Policy">
              <Rules><Rule><Option>Enabled:Audit Mode</Option></Rule></Rules>
              <FileRules><Deny ID="ID_DENY_A" FriendlyName="a" FileName="a.sys" MinimumFileVersion="1.0.0.0" MaximumFileVersion="2.0.0.0" />
                <Deny ID="ID_DENY_B" FriendlyName="b" Hash="0123456789ABCDEF0123456789ABCDEF01234567" /></FileRules>
              <Signers><Signer ID="ID_SIGNER_A" Name="ca"><CertRoot Type="TBS" Value="AABBCC" /><CertPublisher Value="Contoso" /></Signer></Signers>
              <SigningScenarios><SigningScenario Value="131" ID="ID_SIGNINGSCENARIO_DRIVERS_1"><ProductSigners>
                <DeniedSigners><DeniedSigner SignerId="ID_SIGNER_A" /></DeniedSigners>
                <FileRulesRef><FileRuleRef RuleID="ID_DENY_A" /><FileRuleRef RuleID="ID_DENY_B" /></FileRulesRef>
              </ProductSigners></SigningScenario></SigningScenarios>
            </SiPolicy>
            """.utf8)
        #expect(throws: Never.self) { try WDACPolicy(data: Data(text)) }
        var rng = SeededGenerator(seed: 0x3DAC)
        var read = 0, refused = 0
        for round in 0..<CorpusMutation.rounds(default: 3000) {
            let bytes = round % 2 == 0 ? CorpusMutation.mutate(text, &rng) : BinaryMutation.mutate(text, &rng)
            do {
                let policy = try WDACPolicy(data: Data(bytes))
                read += 1
                _ = policy.denials(forKernelFile: "a.sys", bytes: driver(version: (0x0001_0002, 0)))
            } catch is WDACPolicy.ParseError {
                refused += 1
            }
        }
        #expect(read > 0 && refused > 0, "read \(read), refused \(refused)")
    }
}
