import Foundation
import Testing
import TestSupport

/// `drvkit sandbox device properties`: what AddProperty set on a device, decoded, in text and JSON.
struct DevicePropertiesCommandTests {
    @Test func listsWhatTheINFSet() throws {
        let (dir, sandbox) = try ToolFixtures.sandbox()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try EchoPackage.source(dir.appendingPathComponent("src")) {
            $0 + """

                [Echo_Device.NT]
                AddProperty = Echo_Properties

                [Echo_Properties]
                DeviceModel,,,,"Echo 2000"
                GenericDriverInstalled,,,,0
                {c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e}, 2, 0x2012,, "one", "two"
                {c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e}, 3, 7,, 21

                """
        }
        let inf = try EchoPackage.build(source, into: dir, name: "pkg", signer: (ToolFixtures.built.cert, ToolFixtures.built.dir.appendingPathComponent("test.key").path))
        let added = try CommandRunner.run(["pnputil", "--sandbox", sandbox, "/add-driver", inf, "/install"])
        try #require(added.exitCode == 0, "\(added.stdout)\(added.stderr)")

        let text = try CommandRunner.run(["sandbox", "device", "properties", "--sandbox", sandbox, "ROOT\\ECHO\\0000"])
        #expect(text.exitCode == 0)
        #expect(text.stdout == """
            ROOT\\ECHO\\0000
                DEVPKEY_Device_GenericDriverInstalled [DEVPROP_TYPE_BOOLEAN]:
                    FALSE
                {c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e},2 [DEVPROP_TYPE_STRING_LIST]:
                    one
                    two
                {c22189e4-8bf3-4e6d-8467-8dc6d95e2a7e},3 [DEVPROP_TYPE_UINT32]:
                    0x15 (21)
                DEVPKEY_DrvPkg_Model [DEVPROP_TYPE_STRING]:
                    Echo 2000

            """)
        let json = try CommandRunner.run(["sandbox", "device", "properties", "--sandbox", sandbox, "ROOT\\ECHO\\0000", "--json"])
        #expect(json.stdout.contains(#"{"category":"{cf73bb51-3abf-44a2-85e0-9a3dc7a12132}","pid":2,"name":"DEVPKEY_DrvPkg_Model","type":"DEVPROP_TYPE_STRING","value":"Echo 2000"}"#), "\(json.stdout)")
        #expect(json.stdout.contains(#""value":["one","two"]"#) && json.stdout.contains(#""value":false"#))

        let missing = try CommandRunner.run(["sandbox", "device", "properties", "--sandbox", sandbox, "ROOT\\NONE\\0000"])
        #expect(missing.exitCode == 1 && missing.stderr.contains("no device ROOT\\NONE\\0000"))
    }
}
