import Foundation
import INFModel
import Testing

@Suite struct SecurityDescriptorTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test func protectedDaclForSystemIsTheFamiliar48Bytes() throws {
        let sd = try SecurityDescriptor(sddl: "D:P(A;;GA;;;SY)")
        // Header (control 0x9004: self-relative, DACL protected, DACL present; DACL at 0x14),
        // ACL (revision 2, size 0x1c, one ACE), ACE (allow, GENERIC_ALL, S-1-5-18).
        #expect(Self.hex(sd.selfRelativeBytes) ==
            "010004900000000000000000000000001400000002001c000100000000001400000000100101000000000005" + "12000000")
    }

    @Test func ownerGroupSaclAndDaclAreLaidOutSaclDaclOwnerGroup() throws {
        let sd = try SecurityDescriptor(sddl: "O:BAG:SYD:AI(A;CIOI;0x1f01ff;;;S-1-5-32-544)S:(AU;FA;GA;;;WD)")
        let bytes = sd.selfRelativeBytes
        #expect(sd.control == 0x8000 | 0x4 | 0x10 | 0x400)
        func u32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        let (owner, group, sacl, dacl) = (u32(4), u32(8), u32(12), u32(16))
        #expect(sacl == 20)
        #expect(dacl == sacl + 8 + 20)                 // SACL: header + one ACE with a 1-sub-authority SID
        #expect(owner == dacl + 8 + 24)                // DACL: header + one ACE with a 2-sub-authority SID
        #expect(group == owner + 16)
        #expect(bytes.count == group + 12)
        #expect(Self.hex(Array(bytes[owner..<group])) == "01020000000000052000000020020000")   // S-1-5-32-544
        #expect(bytes[dacl + 8 + 1] == 0x03)           // OBJECT_INHERIT | CONTAINER_INHERIT
        #expect(bytes[sacl + 8] == 0x02 && bytes[sacl + 8 + 1] == 0x80)   // SYSTEM_AUDIT, FAILED_ACCESS
    }

    @Test func nullDaclIsPresentWithoutAnOffset() throws {
        let sd = try SecurityDescriptor(sddl: "D:NO_ACCESS_CONTROL")
        #expect(Self.hex(sd.selfRelativeBytes) == "0100048000000000000000000000000000000000")
    }

    @Test func objectAcesRaiseTheAclRevisionAndCarryTheirGuids() throws {
        let sd = try SecurityDescriptor(sddl: "D:(OA;;CR;00299570-246d-11d0-a768-00aa006e0529;;WD)")
        let bytes = sd.selfRelativeBytes
        #expect(bytes[20] == 4)                        // ACL_REVISION_DS
        #expect(bytes[28] == 5)                        // ACCESS_ALLOWED_OBJECT_ACE_TYPE
        #expect(Self.hex(Array(bytes[36..<40])) == "01000000")          // ACE_OBJECT_TYPE_PRESENT
        #expect(Self.hex(Array(bytes[40..<56])) == "70952900" + "6d24" + "d011" + "a76800aa006e0529")
    }

    @Test(arguments: ["D:P(A;;GA;;;SY)(A;;GRGW;;;BA)", "O:BAG:SYD:(A;;0x1f01ff;;;S-1-5-18)", "D:(A;;GA;;;WD)",
                      "O:S-1-5-18D:(A;;GA;;;SY)", "D:PAI(D;OICI;FA;;;AN)(A;;KR;;;IU)"])
    func parses(_ text: String) throws {
        _ = try SecurityDescriptor(sddl: text)
    }

    @Test func anEmptyStringIsADescriptorWithNothingInIt() throws {
        let sd = try SecurityDescriptor(sddl: "")
        #expect(Self.hex(sd.selfRelativeBytes) == "0100008000000000000000000000000000000000")
        #expect(sd.grantsEveryoneFullAccess)
        #expect(try SecurityDescriptor(sddl: "D:NO_ACCESS_CONTROL").grantsEveryoneFullAccess)
        #expect(try SecurityDescriptor(sddl: "O:SY").grantsEveryoneFullAccess)
        #expect(try !SecurityDescriptor(sddl: "D:").grantsEveryoneFullAccess)   // an empty DACL grants nothing
    }

    @Test(arguments: ["D:(A;;GA;;SY)", "D:(Q;;GA;;;SY)", "D:(A;;ZZ;;;SY)", "X:(A;;GA;;;SY)", "D:(A;;GA;;;S-1-x)",
                      "D:(A;;GA;;;DA)", "D:(XA;;GA;;;WD;(Member_of {SID(BA)}))", "D:(A;;GA;bad-guid;;WD)", "D:Q(A;;GA;;;SY)"])
    func rejects(_ text: String) {
        #expect(throws: SecurityDescriptor.ParseError.self) { try SecurityDescriptor(sddl: text) }
    }

    @Test func domainAliasesAreRefusedWithAReason() {
        #expect { try SecurityDescriptor(sddl: "D:(A;;GA;;;DA)") } throws: { "\($0)".contains("machine or domain") }
    }

    @Test func worldWriteIsFoundInAllowAcesOnly() throws {
        #expect(try SecurityDescriptor(sddl: "D:(A;;GA;;;WD)").grantsWorldWrite != nil)
        #expect(try SecurityDescriptor(sddl: "D:(D;;GA;;;WD)(A;;GR;;;WD)").grantsWorldWrite == nil)
        #expect(try SecurityDescriptor(sddl: "D:(A;;FW;;;AN)").grantsWorldWrite != nil)
    }
}
