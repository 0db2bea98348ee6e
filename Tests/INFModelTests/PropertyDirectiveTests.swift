import Testing
@testable import INFModel

/// AddProperty and DelProperty lines read into keys, types, flags and value bytes
/// ("INF AddProperty Directive", "INF DelProperty Directive").
struct PropertyDirectiveTests {
    /// The first line of `[P]` in a document holding `body` there.
    static func line(_ body: String) -> INFLine {
        let document = INFDocument("[Version]\nSignature=\"$Windows NT$\"\n[P]\n\(body)\n[Strings]\nName = \"Sample Name\"\n")
        return document.lines(in: "P")[0]
    }

    static func add(_ body: String) -> Result<AddPropertyEntry, PropertyLineProblem> { AddPropertyEntry.read(line(body)) }
    static func del(_ body: String) -> Result<DelPropertyEntry, PropertyLineProblem> { DelPropertyEntry.read(line(body)) }

    @Test func namedPropertyTakesItsKeyAndType() throws {
        let entry = try Self.add(#"DeviceModel,,,,"DSC-530""#).get()
        #expect(entry.name == .deviceModel)
        #expect(entry.key == DevicePropertyKey(category: "{CF73BB51-3ABF-44A2-85E0-9A3DC7A12132}", identifier: 2))
        #expect(entry.type == .string)
        #expect(entry.flags == 0)
        #expect(entry.data == Array("DSC-530".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0, 0])
    }

    @Test func namesAreCaseInsensitiveAndSubstituted() throws {
        #expect(try Self.add("devicevendorwebsite,,,,%Name%").get().name == .deviceVendorWebsite)
        #expect(try Self.add("devicevendorwebsite,,,,%Name%").get().strings == ["Sample Name"])
        #expect(try Self.add("GenericDriverInstalled,,,,1").get().data == [0xFF])
        #expect(try Self.add("GenericDriverInstalled,,,,0").get().data == [0x00])
    }

    @Test func keyedPropertiesOfEachType() throws {
        let guid = "{c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e}"
        let string = try Self.add("\(guid), 2, 18,, \"String value\"").get()
        #expect(string.key.identifier == 2 && string.type == .string && string.name == nil)
        #expect(string.key.registrySubkey == "{c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e}\\0002")
        #expect(try Self.add("\(guid), 0x10, 0x2012, 0x4, a, b").get().data == AddPropertyEntry.utf16z("a") + AddPropertyEntry.utf16z("b") + [0, 0])
        #expect(try Self.add("\(guid), 3, 0x1003,, 01, ff, 0x7f").get().data == [0x01, 0xFF, 0x7F])
        #expect(try Self.add("\(guid), 4, 7, 0x8, 0x102").get().data == [0x02, 0x01, 0x00, 0x00])
        #expect(try Self.add("\(guid), 4, 7,, 10").get().key.registrySubkey.hasSuffix("\\0004"))
    }

    @Test(arguments: [
        ("DeviceColour,,,,red", 1, "neither a property name"),
        ("DeviceModel,2,,,x", 2, "takes no identifier or type"),
        ("{c22189e4-8bf3-4e6d-8467}, 2, 18,, x", 1, "not a property category GUID"),
        ("{c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e},, 18,, x", 2, "needs its property identifier"),
        ("{c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e}, 1, 18,, x", 2, "reserved"),
        ("{c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e}, 2,,, x", 3, "needs its type"),
        ("{c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e}, 2, 0x13,, x", 3, "not one AddProperty takes"),
        ("DeviceModel,,,abc,x", 4, "not a number"),
        ("DeviceModel,,,0x40,x", 4, "no FLG_ADDPROPERTY_*"),
        ("DeviceModel,,,0x3,x", 4, "never writes"),
        ("DeviceModel,,,0x4,x", 4, "only to DEVPROP_TYPE_STRING_LIST"),
        ("DeviceIcon,,,0x8,x", 4, "only to DEVPROP_TYPE_UINT32"),
        ("DeviceModel", 5, "no value"),
        ("GenericDriverInstalled,,,,yes", 5, "not a number"),
        ("{c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e}, 2, 0x1003,, 01, 1ff", 6, "not a hexadecimal byte"),
    ] as [(String, Int, String)])
    func addPropertyProblems(body: String, field: Int, message: String) {
        guard case .failure(let problem) = Self.add(body) else { Issue.record("\(body) was read"); return }
        #expect(problem.field == field)
        #expect(problem.message.contains(message), "\(problem.message)")
    }

    @Test func delPropertyLines() throws {
        let named = try Self.del("DeviceModel").get()
        #expect(named.name == .deviceModel && named.flags == 0 && named.value == nil)
        let keyed = try Self.del("{c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e}, 2, 0x00000001, \"DeleteThisString\"").get()
        #expect(keyed.key.identifier == 2 && keyed.flags == DelPropertyEntry.deleteString && keyed.value == "DeleteThisString")
        #expect(try Self.del("DeviceIcon,,1,old.ico").get().value == "old.ico")
    }

    @Test(arguments: [
        ("DeviceModel,2", 2, "takes no identifier"),
        ("{c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e}", 2, "needs its property identifier"),
        ("{c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e}, 2, 0x2", 3, "knows only 0x1"),
        ("{c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e}, 2, 0x1", 3, "needs the string to delete"),
    ] as [(String, Int, String)])
    func delPropertyProblems(body: String, field: Int, message: String) {
        guard case .failure(let problem) = Self.del(body) else { Issue.record("\(body) was read"); return }
        #expect(problem.field == field)
        #expect(problem.message.contains(message), "\(problem.message)")
    }
}
