import Foundation
import Testing
import TestSupport
@testable import Authenticode

/// Time-stamps on real catalogs: RFC 3161 tokens and Authenticode countersignatures, read and checked
/// against the signature they stamp.
struct TimestampTests {
    static let fixtures = CatalogTests.fixtures

    @Test func realCatalogsCarryTimestampsOfTheirSignatures() throws {
        guard FileManager.default.fileExists(atPath: Self.fixtures.path) else { print("../shared/fixtures/catalogs absent: skipped"); return }
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { $0.hasSuffix(".cat") }.sorted()
        for name in names {
            let catalog = try Catalog(derEncoded: [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent(name))))
            guard catalog.signedData.isSigned else { #expect(catalog.signedData.timestamp == nil); continue }
            let stamp = try #require(catalog.signedData.timestamp, "\(name)")
            #expect(stamp.problem == nil, "\(name): \(stamp.problem ?? "")")
            #expect(stamp.time > Date(timeIntervalSince1970: 1_000_000_000) && stamp.time < Date(), "\(name)")
        }
    }

    /// A time-stamp moved onto another signature no longer holds: its imprint (or digest) is of the old one.
    @Test(arguments: ["Adafruit_Feather_WICED_CDC__Feather_CDC.cat", "FTDI_VCP_BUS__ftdibus.cat"])
    func aTimestampIsOfOneSignature(_ name: String) throws {
        let url = Self.fixtures.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        var signed = try Catalog(derEncoded: [UInt8](try Data(contentsOf: url))).signedData
        let original = try #require(signed.timestamp)
        #expect(original.problem == nil && original.kind == (name.hasPrefix("FTDI") ? .countersignature : .rfc3161))
        signed.signers[0].signature[0] ^= 0x01
        let moved = try #require(signed.timestamp)
        #expect(moved.time == original.time && moved.problem?.contains("is not of this signature") == true, "\(moved)")
    }
}
