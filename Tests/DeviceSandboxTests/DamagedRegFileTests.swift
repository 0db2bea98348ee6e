import Foundation
import Testing
import TestSupport
@testable import DeviceSandbox

/// Damaged `.reg` files (seeded mutations) are read as reg import reads them, passing over the lines
/// it cannot read, or refused (a damaged header) with an error that names the file and line; never a crash.
struct DamagedRegFileTests {
    static let rounds = CorpusMutation.rounds(default: 300)

    static let export = """
        Windows Registry Editor Version 5.00\r
        \r
        [HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]\r
        @="default value"\r
        "Start"=dword:00000003\r
        "Blob"=hex:00,01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f,10,11,12,13,14,15,\\\r
          16,17\r
        "Multi"=hex(7):41,00,00,00,42,00,00,00,00,00\r
        "Wide"=hex(b):01,00,00,00,00,00,00,00\r
        "Custom"=hex(20):de,ad\r
        "Quote\\"And\\\\Backslash"="C:\\\\Program Files\\\\\\"x\\""\r
        "Gone"=-\r
        \r
        [-HKEY_LOCAL_MACHINE\\SOFTWARE\\Old]\r
        \r
        [HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Sub]\r
        "Expand"=hex(2):25,00,00,00\r

        """

    @Test func damagedRegFilesAreImportedOrRefusedWithTheLine() throws {
        var rng = SeededGenerator(seed: 0x4E6_F11E)
        let regedit4 = Array(Self.export.replacingOccurrences(of: "Windows Registry Editor Version 5.00", with: "REGEDIT4").utf8)
        let originals = [RegFile.encode(Self.export), regedit4]
        for original in originals {
            let contents = try RegFile.read(original, path: "x.reg")
            #expect(contents.changes.count == 12 && contents.ignored.isEmpty, "\(contents.ignored)")
        }
        // A value name without its closing quote used to run past the end of the line (a crash).
        let unclosed = try RegFile.read(Array("REGEDIT4\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\n\"x\n".utf8), path: "x.reg")
        #expect(unclosed.ignored == [.init(line: 3, reason: "the value name has no closing quote")])
        var imported = 0, refused = 0
        for _ in 0..<Self.rounds {
            for original in originals {
                do {
                    let contents = try RegFile.read(CorpusMutation.mutate(original, &rng), path: "x.reg")
                    #expect(contents.ignored.allSatisfy { $0.line >= 1 && !$0.reason.isEmpty })
                    imported += 1
                } catch let error as SandboxError {
                    refused += 1
                    #expect(error.description.hasPrefix("x.reg:") && error.description.contains(": error: "), "\(error)")
                }
            }
        }
        #expect(imported > 0 && refused > 0, "imported \(imported), refused \(refused)")
    }
}
