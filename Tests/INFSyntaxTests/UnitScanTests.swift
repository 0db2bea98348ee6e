import Testing
import TestSupport
@testable import INFSyntax

/// The vector scans must never skip what the scalar tests would stop at.
struct UnitScanTests {
    /// `length` units of `filler` with `unit` at `position`.
    static func text(_ unit: UInt16, at position: Int, length: Int, filler: UInt16 = 0x41) -> [UInt16] {
        var units = [UInt16](repeating: filler, count: length)
        units[position] = unit
        return units
    }

    /// Every code unit the entry lexer does not treat as ordinary stops the scan, at every
    /// position of a full 64-unit block and of the last, partial block.
    @Test func specialScannerStopsAtEveryNonOrdinaryUnit() {
        for value in 0...0xFFFF {
            let c = UInt16(value)
            let positions = EntryLexer.isOrdinary(c) ? [5] : [0, 7, 8, 15, 16, 31, 63, 64, 100, 129]
            for position in positions {
                let units = Self.text(c, at: position, length: 130)
                var scanner = SpecialUnitScanner()
                let found = units.withUnsafeBufferPointer { scanner.next($0, from: 0, end: $0.count) }
                if EntryLexer.isOrdinary(c) {
                    #expect(found == position || found == units.count, "U+\(String(value, radix: 16)) misplaced stop \(found)")
                } else if found != position {
                    Issue.record("U+\(String(value, radix: 16)) at \(position): scan stopped at \(found)")
                    return
                }
            }
        }
    }

    /// One scanner asked from increasing positions (as the lexer asks) finds every stop in turn.
    @Test func specialScannerWalksForward() {
        let line = Array("HKR,,DeviceType,0x10001,0x22 ; comment é\r\n".utf16)
        let units = Array([[UInt16]](repeating: line, count: 9).joined())
        var scanner = SpecialUnitScanner()
        var expected: [Int] = []
        var found: [Int] = []
        units.withUnsafeBufferPointer { u in
            var q = 0
            while q < u.count {
                let next = scanner.next(u, from: q, end: u.count)
                if next < u.count { found.append(next) }
                q = next + 1
            }
        }
        for (i, c) in units.enumerated() where !EntryLexer.isOrdinary(c) { expected.append(i) }
        #expect(Set(expected).isSubset(of: found))
        // The only extra stops allowed are the documented false positives (here: `é`).
        #expect(Set(found).subtracting(expected).allSatisfy { units[$0] >= 0x80 || [0x23, 0x24, 0x3C].contains(units[$0]) || units[$0] < 0x20 })
    }

    /// A scan that ends before the buffer does never reads or reports past `end`.
    @Test func specialScannerHonoursEnd() {
        let units = Self.text(0x2C, at: 90, length: 130)
        var scanner = SpecialUnitScanner()
        #expect(units.withUnsafeBufferPointer { scanner.next($0, from: 3, end: 80) } == 80)
    }

    @Test func newlineScanFindsEveryPosition() {
        for position in [0, 1, 7, 8, 15, 16, 17, 40, 99] {
            let units = Self.text(0x0A, at: position, length: 100, filler: 0x0D)
            #expect(units.withUnsafeBufferPointer { UnitScan.newline($0, from: 0, end: $0.count) } == position)
            #expect(units.withUnsafeBufferPointer { UnitScan.newline($0, from: 0, end: position) } == position)
        }
        let none = [UInt16](repeating: 0x0B0A, count: 50)
        #expect(none.withUnsafeBufferPointer { UnitScan.newline($0, from: 3, end: 50) } == 50)
    }

    /// The two-character scan (a header's `]` or its line end) stops at whichever comes first.
    @Test func firstOfTwoFindsEitherAtEveryPosition() {
        for position in [0, 1, 15, 16, 17, 40, 99] {
            for (unit, other) in [(UInt16(0x5D), UInt16(0x0A)), (0x0A, 0x5D)] {
                var units = Self.text(unit, at: position, length: 100, filler: 0x5D00)
                if position + 3 < 100 { units[position + 3] = other }
                #expect(units.withUnsafeBufferPointer { UnitScan.first($0, from: 0, end: $0.count, 0x0A, 0x5D) } == position)
            }
        }
        let none = [UInt16](repeating: 0x5D0A, count: 50)
        #expect(none.withUnsafeBufferPointer { UnitScan.first($0, from: 3, end: 50, 0x0A, 0x5D) } == 50)
    }

    @Test func byteSummaryFindsEveryFlagAtEveryPosition() {
        for length in [1, 15, 16, 17, 40] {
            for position in 0..<length {
                for byte: UInt8 in [0, 0x1A, 0x80, 0xFF, 0x41] {
                    var bytes = [UInt8](repeating: 0x41, count: length)
                    bytes[position] = byte
                    let summary = bytes.withUnsafeBufferPointer { ByteSummary($0) }
                    #expect(summary.hasNUL == (byte == 0) && summary.hasControlZ == (byte == 0x1A)
                            && summary.hasHighBit == (byte >= 0x80), "byte \(byte) at \(position) of \(length)")
                }
            }
        }
    }

    /// The separator counts are exact for bytes, across the blocks of sixteen and the runs of
    /// 255 blocks after which the vector counters are summed.
    @Test func byteSummaryCountsSeparators() {
        var rng = SeededGenerator(seed: 0x5E9A)
        for length in [0, 1, 15, 16, 17, 255 * 16 - 1, 255 * 16, 255 * 16 + 17, 3 * 255 * 16 + 5] {
            for density in [2, 7, 1000] {
                let bytes = (0..<length).map { _ -> UInt8 in
                    Int.random(in: 0..<density, using: &rng) == 0 ? [0x0A, 0x2C, 0x3D].randomElement(using: &rng)! : 0x41
                }
                let summary = bytes.withUnsafeBufferPointer { ByteSummary($0) }
                let expected = bytes.map(UInt16.init).withUnsafeBufferPointer { NodeBounds.Separators(units: $0) }
                #expect(summary.separators.newlines == bytes.filter { $0 == 0x0A }.count
                        && summary.separators.commas == expected.commas && summary.separators.equals == expected.equals
                        && summary.separators.newlines == expected.newlines, "length \(length), density \(density)")
            }
        }
    }

    @Test func nulAndControlZUnitsAreFoundAtEveryPosition() {
        for length in [0, 1, 7, 8, 9, 40] {
            #expect(![UInt16](repeating: 0x41, count: length).withUnsafeBufferPointer { UnitScan.containsNULOrControlZ($0) })
            for position in 0..<length {
                for unit: UInt16 in [0, 0x1A, 0x1A00, 0x0100, 0x001B] {
                    let units = UnitScanTests.text(unit, at: position, length: length)
                    #expect(units.withUnsafeBufferPointer { UnitScan.containsNULOrControlZ($0) } == (unit == 0 || unit == 0x1A),
                            "unit \(unit) at \(position) of \(length)")
                }
            }
        }
    }
}
