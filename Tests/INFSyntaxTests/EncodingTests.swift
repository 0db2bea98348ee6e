import Testing
@testable import INFSyntax

struct EncodingTests {
    func roundTrip(_ bytes: [UInt8]) throws -> SyntaxTree {
        let tree = SyntaxTree(bytes: bytes)
        #expect(try tree.printedBytes() == bytes)
        return tree
    }

    @Test func utf16LittleEndianWithBOM() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in "[Version]\r\nSignature=\"$Windows NT$\"\r\nA=Grüße\r\n".utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let tree = try roundTrip(bytes)
        #expect(tree.source.encoding == .utf16LE(bom: true))
        #expect(tree.values(of: tree.lines[2]) == ["Grüße"])
    }

    @Test func utf16BigEndianWithBOM() throws {
        var bytes: [UInt8] = [0xFE, 0xFF]
        for u in "[A]\nk=v\n".utf16 { bytes += [UInt8(u >> 8), UInt8(u & 0xFF)] }
        let tree = try roundTrip(bytes)
        #expect(tree.source.encoding == .utf16BE(bom: true))
        #expect(tree.key(of: tree.lines[1]) == "k")
    }

    @Test func utf16WithoutBOMIsRecognised() throws {
        var bytes: [UInt8] = []
        for u in "[Version]\r\nSignature=$Windows NT$\r\n".utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        bytes.append(0x41) // an odd trailing byte survives too
        let tree = try roundTrip(bytes)
        #expect(tree.source.encoding == .utf16LE(bom: false))
    }

    @Test func utf8WithBOMDecodesAndKeepsInvalidBytes() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("[A]\nk=é".utf8) + [0xFF, 0xC3, 0x0A]
        let tree = try roundTrip(bytes)
        #expect(tree.source.encoding == .utf8(bom: true))
        #expect(tree.values(of: tree.lines[1]).first?.hasPrefix("é") == true)
    }

    @Test func eightBitIsWindows1252() throws {
        let bytes: [UInt8] = Array("[A]\nk=".utf8) + [0x80, 0xE9, 0x81, 0x9D] + [0x0A]
        let tree = try roundTrip(bytes)
        #expect(tree.source.encoding == .ansi(codePage: 1252))
        #expect(tree.values(of: tree.lines[1]) == ["€é\u{81}\u{9D}"])
    }

    @Test func utf8WithoutBOMIsReadAsAnsiLikeWindows() throws {
        let tree = try roundTrip(Array("[A]\nk=é\n".utf8))
        #expect(tree.values(of: tree.lines[1]) == ["Ã©"])
    }

    @Test func unrepresentableEditsAreRefused() {
        #expect(throws: SourceEncodingError.self) {
            try SourceCodec.encode(Array("€ ✓".utf16), oddByte: nil, as: .ansi(codePage: 1252))
        }
    }
}
