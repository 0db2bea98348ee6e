import Foundation
import Testing
import TestSupport
@testable import Authenticode

/// Damaged PE images and catalogs (seeded mutations) are read or refused with an error, never a
/// crash; an image that is read can be hashed, versioned and verified, and a PE error's offset
/// lies in the file.
struct DamagedBinaryTests {
    static let rounds = CorpusMutation.rounds(default: 150)

    @Test func damagedImagesAndCatalogsAreReadOrRefused() throws {
        var rng = SeededGenerator(seed: 0xB1_4A27)
        let (certificate, key) = try TestCertificate.create(subject: "CN=drvkit damaged input test", days: 2, keyBits: 2048)
        var images: [[UInt8]] = []
        for plus in [true, false] {
            var writer = PEWriter()
            writer.pe32Plus = plus
            writer.fileVersion = (0x0001_0002, 0x0003_0004)
            writer.trailingData = [1, 2, 3]
            images.append(writer.bytes())
            images.append(try AuthenticodeSigner.signPE(writer.bytes(), chain: [certificate], privateKey: key))
        }
        let unsigned = try AuthenticodeSigner.unsignedCatalog(files: [CatalogInput(name: "a.sys", bytes: images[0]), CatalogInput(name: "a.inf", bytes: [1, 2])],
                                                               osAttributes: "2:10.0", attributes: [("OS", "_v100_X64")])
        var catalogs = [unsigned, try AuthenticodeSigner.signCatalog(unsigned, chain: [certificate], privateKey: key)]
        if let fixtures = try? FileManager.default.contentsOfDirectory(atPath: CatalogTests.fixtures.path) {
            catalogs += try fixtures.filter { $0.hasSuffix(".cat") }.map { [UInt8](try Data(contentsOf: CatalogTests.fixtures.appendingPathComponent($0))) }
        }
        var read = 0, refused = 0
        for _ in 0..<Self.rounds {
            for image in images {
                let bytes = BinaryMutation.mutate(image, &rng)
                do {
                    let pe = try PEFile(bytes: bytes)
                    read += 1
                    _ = pe.authenticodeDigest(.sha256)
                    _ = pe.fileVersion
                    _ = try? pe.embeddedSignatures()
                    _ = AuthenticodeSigner.hasIntactEmbeddedSignature(bytes)
                    _ = try? AuthenticodeSigner.verifyPE(bytes, trusted: [certificate])
                } catch let error as PEError {
                    refused += 1
                    #expect(error.offset >= 0 && error.offset <= bytes.count, "\(error)")
                }
            }
            for catalog in catalogs {
                let bytes = BinaryMutation.mutate(catalog, &rng)
                do {
                    let parsed = try Catalog(derEncoded: bytes)
                    read += 1
                    for member in parsed.members { _ = member.tagText; if let digest = member.digest { _ = parsed.member(forDigest: digest) } }
                    _ = try? SignedData(derEncoded: bytes).verify(trusted: [certificate])
                } catch is CatalogError {
                    refused += 1
                }
            }
        }
        #expect(read > 0 && refused > 0, "read \(read), refused \(refused)")
    }
}
