import Testing
@testable import INFModel

struct DIRIDTests {
    @Test(arguments: [("%13%\\dev.sys", 13), ("%12%\\WUDFRd.sys", 12), (" %10%\\x", 10), ("%16422%\\Vendor\\app.exe", 16422),
                      ("%+11%", 11)])
    func leadingTokenIsRead(_ path: String, _ id: Int) {
        #expect(DIRID.leading(in: path) == id)
    }

    @Test(arguments: ["\\SystemRoot\\System32\\drivers\\dev.sys", "System32\\drivers\\dev.sys", "C:\\Windows\\dev.sys",
                      "%ProgramFiles%\\x", "%13", "%%\\x", "dev%13%.sys", ""])
    func pathsWithoutALeadingDIRIDGiveNil(_ path: String) {
        #expect(DIRID.leading(in: path) == nil)
    }
}
