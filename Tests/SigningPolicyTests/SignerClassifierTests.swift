import Authenticode
import Foundation
import SigningPolicy
import Testing
import X509

/// Signer classification from real signatures over certificates shaped like each signer (signing.md §5).
struct SignerClassifierTests {
    typealias F = CertificateFactory

    func classify(_ signed: SignedData?, roots: [Certificate] = [], publishers: [Certificate] = []) -> PackageSignature {
        SignerClassifier.classify(signed, roots: roots, trustedPublishers: publishers)
    }

    @Test func unsignedAndTestSigners() throws {
        #expect(classify(nil).signer == .unsigned)
        let test = try F.issue("Contoso Test Signing")
        let catalog = try F.catalog(signedBy: test, chain: [])
        let untrusted = classify(catalog)
        #expect(untrusted.signer == .test && !untrusted.trustedRoot && !untrusted.trustedPublisher)
        #expect(untrusted.signerName == "Contoso Test Signing")
        let rootOnly = classify(catalog, roots: [test.certificate])
        #expect(rootOnly.trustedRoot && !rootOnly.trustedPublisher)
        let both = classify(catalog, roots: [test.certificate], publishers: [test.certificate])
        #expect(both.trustedRoot && both.trustedPublisher)
    }

    @Test func crossSignedKeepsTheLeafIssueDate() throws {
        let msRoot = try F.issue("Microsoft Code Verification Root", ekus: [], ca: true)
        let vendorCA = try F.issue("DigiCert Assured ID Code Signing CA", by: msRoot, ekus: [], ca: true)   // the cross-certificate
        let leaf = try F.issue("Contoso Ltd", by: vendorCA, notBefore: F.date(2014))
        let signature = classify(try F.catalog(signedBy: leaf, chain: [vendorCA.certificate]))
        #expect(signature.signer == .crossSigned)
        #expect(signature.leafIssued == F.date(2014))
        #expect(signature.trustedRoot && !signature.trustedPublisher)
        // What expiry is judged by: the leaf's and the cross-certificate's notAfter; no time-stamp here.
        #expect(signature.leafExpires == leaf.certificate.notValidAfter)
        #expect(signature.crossCertificateExpires == vendorCA.certificate.notValidAfter)
        #expect(signature.timestamped == nil)
    }

    @Test func commercialWithoutACrossCertificate() throws {
        let ca = try F.issue("Sectigo Public Code Signing CA R36", ekus: [], ca: true)
        let leaf = try F.issue("Contoso Ltd", by: ca)
        #expect(classify(try F.catalog(signedBy: leaf, chain: [ca.certificate])).signer == .commercial)
    }

    @Test func microsoftSigners() throws {
        let pca = try F.issue("Microsoft Windows Third Party Component CA 2014", ekus: [], ca: true)
        let whql = try F.issue("Microsoft Windows Hardware Compatibility Publisher", by: pca,
                               ekus: ["1.3.6.1.4.1.311.10.3.5", "1.3.6.1.4.1.311.10.3.39", "1.3.6.1.5.5.7.3.3"])
        let w = classify(try F.catalog(signedBy: whql, chain: [pca.certificate]))
        #expect(w.signer == .whql && w.trustedPublisher)
        let attest = try F.issue("Microsoft Windows Hardware Compatibility Publisher", by: pca,
                                 ekus: ["1.3.6.1.4.1.311.10.3.5.1", "1.3.6.1.4.1.311.10.3.5", "1.3.6.1.5.5.7.3.3"])
        #expect(classify(try F.catalog(signedBy: attest, chain: [pca.certificate])).signer == .attestation)
        let production = try F.issue("Microsoft Windows Production PCA 2011", ekus: [], ca: true)
        let windows = try F.issue("Microsoft Windows", by: production, ekus: ["1.3.6.1.4.1.311.10.3.6", "1.3.6.1.5.5.7.3.3"])
        #expect(classify(try F.catalog(signedBy: windows, chain: [production.certificate])).signer == .microsoft)
    }

    @Test func anAlteredCatalogIsUnsigned() throws {
        let test = try F.issue("Contoso Test Signing")
        var signed = try F.catalog(signedBy: test, chain: [])
        signed.content[signed.content.count / 2] ^= 0xFF
        #expect(classify(signed).signer == .unsigned)
    }
}
