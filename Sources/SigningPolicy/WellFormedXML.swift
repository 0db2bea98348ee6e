import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks that a policy file is well-formed UTF-8 or UTF-16 XML before corelibs Foundation's
/// XMLDocument reads it. That reader crashes on some malformed input (a null document after an
/// unsupported encoding declaration; invalid UTF-8 in a name traps XMLParser too) and, in its
/// recovery mode, accepts a file cut off inside an element.
enum WellFormedXML {
    static func check(_ data: Data) throws {
        let bytes = [UInt8](data)
        if let (line, column) = firstInvalidCharacter(bytes) {
            throw WDACPolicy.ParseError(description: "not UTF-8 or UTF-16 text (line \(line), column \(column))")
        }
        let parser = XMLParser(data: data)
        let elements = ElementBalance()
        parser.delegate = elements
        // XMLParser reports a document cut off inside an element as parsed: the balance tells.
        guard parser.parse(), elements.opened > 0, elements.depth == 0 else {
            throw WDACPolicy.ParseError(description: "not well-formed XML (line \(parser.lineNumber), column \(parser.columnNumber))")
        }
    }

    /// Where the text stops being valid UTF-16 (with a BOM) or UTF-8 (without one, or with its BOM),
    /// as a 1-based line and column; nil when it is valid throughout.
    static func firstInvalidCharacter(_ bytes: [UInt8]) -> (line: Int, column: Int)? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let littleEndian = bytes[0] == 0xFF
            let units = stride(from: 2, to: bytes.count - 1, by: 2).map {
                littleEndian ? UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 : UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1])
            }
            // An odd last byte is half a unit: the text is cut inside a character.
            return firstInvalid(units, UTF16(), cutShort: bytes.count % 2 == 1)
        }
        return firstInvalid(bytes, UTF8(), cutShort: false)
    }

    /// The line and column of the first undecodable character of `units` (or, when `cutShort`,
    /// of the place just after the last one), or nil.
    static func firstInvalid<Codec: UnicodeCodec>(_ units: [Codec.CodeUnit], _ codec: Codec, cutShort: Bool) -> (line: Int, column: Int)? {
        var codec = codec
        var iterator = units.makeIterator()
        var line = 1, column = 1
        while true {
            switch codec.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return cutShort ? (line, column) : nil
            case .error:
                return (line, column)
            }
        }
    }
}

/// Counts elements opened and still open while XMLParser reads a document.
private final class ElementBalance: NSObject, XMLParserDelegate {
    var opened = 0
    var depth = 0

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        opened += 1
        depth += 1
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
    }
}
