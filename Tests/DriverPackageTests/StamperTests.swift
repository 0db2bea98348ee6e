import Foundation
import Testing
import TestSupport
@testable import DriverPackage
@testable import INFLint
@testable import INFModel
@testable import INFSyntax

struct StamperTests {
    static let template = """
        [Version]\r
        Signature = "$Windows NT$"\r
        DriverVer = ; stamped by the build\r
        [Manufacturer]\r
        %Mfg% = Models, NT$ARCH$.10.0...16299\r
        [Models.NT$arch$.10.0...16299]\r
        %Dev% = Dev, Root\\Dev\r
        [Dev.NT.Wdf]\r
        KmdfService = dev, Dev.Wdf\r
        [Dev.Wdf]\r
        KmdfLibraryVersion = $KMDFVERSION$\r
        [Strings]\r
        Mfg = "Contoso"\r
        Dev = "Gerät"\r

        """

    func stamp(_ text: String, _ options: StampOptions) throws -> String {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in text.utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let tree = SyntaxTree(bytes: bytes)
        let units = try Stamper.stamp(tree, options: options)
        let out = try SourceText(units: units, encoding: tree.source.encoding).encoded()
        #expect(Array(out.prefix(2)) == [0xFF, 0xFE])   // still UTF-16LE with BOM
        return String(decoding: units, as: UTF16.self)
    }

    /// UmdfLibraryVersion is major.minor.service (stampinf -u): `2.NN` is stamped `2.NN.0`, a
    /// three-part version as given; the co-installer keyword takes major and minor.
    @Test func umdfVersionsAreStampedWithThreeParts() throws {
        let template = "[Version]\r\nSignature = \"$Windows NT$\"\r\n[Dev.Umdf]\r\nUmdfLibraryVersion = $UMDFVERSION$\r\nCoInstaller = WUDFUpdate_$UMDFCOINSTALLERVERSION$.dll\r\n"
        for (given, written) in [("2.33", "2.33.0"), ("2.15.1", "2.15.1")] {
            let text = try stamp(template, StampOptions(architecture: .amd64, umdfVersion: given))
            #expect(text.contains("UmdfLibraryVersion = \(written)\r\n"), "\(given)")
            #expect(text.contains("WUDFUpdate_0\(given.hasPrefix("2.33") ? "2033" : "2015").dll"), "\(given)")
        }
        for bad in ["2", "2.33.", "2.33.0.0", "1.11.0", "2.x"] {
            #expect(throws: StampError.self, "\(bad)") { try stamp(template, StampOptions(architecture: .amd64, umdfVersion: bad)) }
        }
        #expect(throws: StampError.self) { try stamp(template, StampOptions(architecture: .amd64, kmdfVersion: "1.33.0")) }
    }

    @Test func replacesPlaceholdersAndSetsDriverVer() throws {
        let options = StampOptions(architecture: .arm64, driverVer: try Stamper.parseDriverVer("05/06/2025,1.2.3.4"), kmdfVersion: "1.33")
        let text = try stamp(Self.template, options)
        #expect(text.contains("DriverVer = 05/06/2025,1.2.3.4 ; stamped by the build\r\n"))
        #expect(text.contains("%Mfg% = Models, NTarm64.10.0...16299\r\n[Models.NTarm64.10.0...16299]\r\n"))
        #expect(text.contains("KmdfLibraryVersion = 1.33\r\n"))
        #expect(text.contains("Dev = \"Gerät\"\r\n"))
    }

    @Test func refusesMissingVersionsAndBadValues() throws {
        #expect(throws: StampError.self) { try stamp(Self.template, StampOptions(architecture: .amd64)) }
        #expect(throws: StampError.self) { try stamp(Self.template, StampOptions(architecture: .amd64, kmdfVersion: "2.1")) }
        #expect(throws: StampError.self) { try Stamper.parseDriverVer("13/01/2025,1.0.0.0") }
        #expect(try Stamper.parseDriverVer("*,2.0.0.1").version == [2, 0, 0, 1])
    }

    @Test func addsDriverVerWhenMissing() throws {
        let text = try stamp("[Version]\r\nSignature = \"$Windows NT$\"\r\n[Strings]\r\n",
                             StampOptions(architecture: .amd64, driverVer: try Stamper.parseDriverVer("01/02/2026,3.0.0.0")))
        #expect(text == "[Version]\r\nSignature = \"$Windows NT$\"\r\nDriverVer = 01/02/2026,3.0.0.0\r\n[Strings]\r\n")
    }

    /// Corpus templates that lint without errors still lint without errors once stamped.
    @Test func stampedCorpusTemplatesLintAsCleanly() throws {
        guard TestPaths.corpus != nil else { print(TestPaths.corpusMissingMessage); return }
        let linter = Linter(mode: .basic)
        var checked = 0
        for url in TestPaths.corpusFiles() where url.pathExtension.lowercased() == "inx" {
            let tree = SyntaxTree(bytes: [UInt8](try Data(contentsOf: url)))
            let before = linter.lint(tree: tree, path: url.path).findings.filter { $0.severity == .error }
            guard before.isEmpty else { continue }
            let options = StampOptions(architecture: .amd64, driverVer: try Stamper.parseDriverVer("01/15/2025,1.0.0.0"),
                                       kmdfVersion: "1.33", umdfVersion: "2.33")
            let stamped = SyntaxTree(source: SourceText(units: try Stamper.stamp(tree, options: options), encoding: tree.source.encoding))
            let after = linter.lint(tree: stamped, path: url.deletingPathExtension().appendingPathExtension("inf").path).findings.filter { $0.severity == .error }
            #expect(after.isEmpty, "\(TestPaths.corpusName(url)): \(after.map { "\($0.code) \($0.message)" })")
            checked += 1
        }
        #expect(checked >= 20)
    }

    /// Damaged templates (seeded mutations of the corpus) are stamped or refused with a
    /// `StampError`, never a crash; a stamped template still reads back byte for byte.
    @Test func damagedTemplatesAreStampedOrRefused() throws {
        guard TestPaths.corpus != nil else { print(TestPaths.corpusMissingMessage); return }
        var rng = SeededGenerator(seed: 0x57A_3B)
        let options = [StampOptions(architecture: .amd64),
                       StampOptions(architecture: .arm64, driverVer: try Stamper.parseDriverVer("05/06/2025,1.2.3.4"), kmdfVersion: "1.33", umdfVersion: "2.33")]
        var stamped = 0, refused = 0
        for url in TestPaths.corpusFiles() {
            let tree = SyntaxTree(bytes: CorpusMutation.mutate([UInt8](try Data(contentsOf: url)), &rng))
            for option in options {
                do {
                    let units = try Stamper.stamp(tree, options: option)
                    stamped += 1
                    let again = SyntaxTree(source: SourceText(units: units, encoding: tree.source.encoding, oddByte: tree.source.oddByte))
                    #expect(again.printedUnits() == units)
                } catch is StampError {
                    refused += 1
                }
            }
        }
        #expect(stamped > 0 && refused > 0, "stamped \(stamped), refused \(refused)")
    }
}
