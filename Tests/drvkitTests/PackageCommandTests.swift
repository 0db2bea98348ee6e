import Foundation
import Testing
import TestSupport

/// cert create → package build --sign → verify, through the executable, checked by osslsigncode too.
struct PackageCommandTests {
    func echoSource(_ dir: URL, machine: UInt16 = 0x8664, subsystem: UInt16 = 1) throws -> URL {
        try EchoPackage.source(dir, machine: machine, subsystem: subsystem)
    }

    @Test func buildSignVerifyAndDetectTampering() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inf = try echoSource(dir)
        let cert = dir.appendingPathComponent("test.pem").path, key = dir.appendingPathComponent("test.key").path
        let created = try CommandRunner.run(["cert", "create", "--subject", "CN=Contoso Test Signing, O=Contoso", "--cert-out", cert, "--key-out", key, "--days", "7", "--key-bits", "2048"])
        #expect(created.exitCode == 0, "\(created.stderr)")
        if ExternalTools.has("openssl") {
            // The serial is printed two hex digits a byte: it reads as openssl's once the colons are gone.
            let serial = try ExternalTools.run("openssl", ["x509", "-noout", "-serial", "-in", cert]).output
            let printed = created.stdout.split(separator: "(serial ").last?.prefix { $0 != ")" } ?? ""
            #expect(printed.split(separator: ":").allSatisfy { $0.count == 2 }, "\(created.stdout)")
            #expect("serial=" + printed.replacingOccurrences(of: ":", with: "").uppercased() == serial.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let out = dir.appendingPathComponent("pkg").path
        let build = try CommandRunner.run(["package", "build", inf.path, "--arch", "amd64", "-o", out, "--sign", "--cert", cert, "--key", key])
        #expect(build.exitCode == 0, "\(build.stderr)")
        #expect(build.stdout.contains("2 files, catalog echo.cat (signed)"))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: out)) == ["echo.inf", "echo.sys", "echo.cat"])

        let verify = try CommandRunner.run(["verify", out, "--trust", cert])
        #expect(verify.exitCode == 0, "\(verify.stdout)")
        #expect(verify.stdout.hasSuffix("verified\n"))
        let untrusted = try CommandRunner.run(["verify", out])
        #expect(untrusted.exitCode == 1 && untrusted.stdout.contains("pass --trust"))

        let show = try CommandRunner.run(["catalog", "show", out + "/echo.cat", "--json"])
        #expect(show.stdout.contains("\"signed\":true") && show.stdout.contains("\"file\":\"echo.sys\",\"type\":\"pe\""))
        #expect(show.stdout.contains("{\"name\":\"HWID1\",\"value\":\"root\\\\echo\"}"))

        if ExternalTools.has("osslsigncode") {
            let outside = try ExternalTools.run("osslsigncode", ["verify", "-in", out + "/echo.cat", "-CAfile", cert])
            #expect(outside.output.contains("Signature verification: ok"), "\(outside.output)")
        } else {
            print("osslsigncode not installed: outside check skipped")
        }

        // One changed byte in a packaged file fails verification, naming the file.
        var sys = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/echo.sys")))
        sys[0x450] ^= 0x01
        try Data(sys).write(to: URL(fileURLWithPath: out + "/echo.sys"))
        let tampered = try CommandRunner.run(["verify", out, "--trust", cert, "--json"])
        #expect(tampered.exitCode == 1)
        #expect(tampered.stdout.contains("{\"path\":\"echo.sys\",\"status\":\"not-in-catalog\""))
    }

    /// `--catalog-version 2`: SHA-256 members, which `verify` looks files up by and osslsigncode
    /// finds the driver in; refused for an OS list that names Windows 7.
    @Test func version2CatalogIsLookedUpBySHA256() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inf = try echoSource(dir)
        let cert = dir.appendingPathComponent("test.pem").path, key = dir.appendingPathComponent("test.key").path
        #expect(try CommandRunner.run(["cert", "create", "--subject", "CN=Contoso Test Signing", "--cert-out", cert, "--key-out", key, "--key-bits", "2048"]).exitCode == 0)
        let out = dir.appendingPathComponent("pkg").path
        let refused = try CommandRunner.run(["package", "build", inf.path, "--arch", "amd64", "-o", out, "--catalog-version", "2", "--os", "7_X64,10_X64"])
        #expect(refused.exitCode == 2 && refused.stderr.contains("a version 2 (SHA-256) catalog cannot be read by Windows 7"), "\(refused.stderr)")
        #expect(try CommandRunner.run(["package", "build", inf.path, "--arch", "amd64", "-o", out, "--catalog-version", "3"]).exitCode == 2)

        let build = try CommandRunner.run(["package", "build", inf.path, "--arch", "amd64", "-o", out, "--catalog-version", "2", "--sign", "--cert", cert, "--key", key])
        #expect(build.exitCode == 0, "\(build.stderr)")
        let show = try CommandRunner.run(["catalog", "show", out + "/echo.cat", "--json"])
        #expect(show.stdout.hasPrefix("{\"version\":2,"), "\(show.stdout)")
        #expect(show.stdout.contains("\"file\":\"echo.sys\",\"type\":\"pe\",\"osAttr\":\"2:10.0\",\"digestAlgorithm\":\"sha256\""), "\(show.stdout)")
        let verify = try CommandRunner.run(["verify", out, "--trust", cert])
        #expect(verify.exitCode == 0 && verify.stdout.hasSuffix("verified\n"), "\(verify.stdout)")
        if ExternalTools.has("osslsigncode") {
            // osslsigncode finds the driver's Authenticode SHA-256 among the catalog's members.
            let member = try ExternalTools.run("osslsigncode", ["verify", "-in", out + "/echo.sys", "-catalog", out + "/echo.cat", "-CAfile", cert])
            #expect(member.output.contains("File is signed in catalog") && member.output.contains("Signature verification: ok"), "\(member.output)")
        }

        var sys = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/echo.sys")))
        sys[0x450] ^= 0x01
        try Data(sys).write(to: URL(fileURLWithPath: out + "/echo.sys"))
        let tampered = try CommandRunner.run(["verify", out, "--trust", cert])
        #expect(tampered.exitCode == 1 && tampered.stdout.contains("echo.sys: its SHA-256 hash "), "\(tampered.stdout)")
    }

    /// A PFX instead of PEM files: `package build --sign --pfx` and `catalog sign --pfx`, with the password
    /// it was exported with; a wrong one is exit 3, and the two kinds of input do not mix.
    @Test func signingTakesAPFX() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inf = try echoSource(dir)
        let cert = dir.appendingPathComponent("test.pem").path, key = dir.appendingPathComponent("test.key").path
        let pfx = dir.appendingPathComponent("test.pfx").path
        #expect(try CommandRunner.run(["cert", "create", "--subject", "CN=Contoso PFX", "--cert-out", cert, "--key-out", key,
                                       "--pfx-out", pfx, "--password", "pw", "--key-bits", "2048"]).exitCode == 0)
        let out = dir.appendingPathComponent("pkg").path
        let build = try CommandRunner.run(["package", "build", inf.path, "--arch", "amd64", "-o", out, "--sign", "--pfx", pfx, "--password", "pw"])
        #expect(build.exitCode == 0 && build.stdout.contains("(signed)"), "\(build.stderr)")
        #expect(try CommandRunner.run(["verify", out, "--trust", cert]).exitCode == 0)
        // Re-sign the catalog in place from the PFX; a wrong password cannot open it.
        #expect(try CommandRunner.run(["catalog", "sign", out + "/echo.cat", "--pfx", pfx, "--password", "pw"]).exitCode == 0)
        #expect(try CommandRunner.run(["verify", out, "--trust", cert]).exitCode == 0)
        let wrong = try CommandRunner.run(["catalog", "sign", out + "/echo.cat", "--pfx", pfx, "--password", "nope"])
        #expect(wrong.exitCode == 3 && wrong.stderr.contains("test.pfx: error: wrong password"), "\(wrong.stderr)")
        let mixed = try CommandRunner.run(["catalog", "sign", out + "/echo.cat", "--pfx", pfx, "--password", "pw", "--cert", cert, "--key", key])
        #expect(mixed.exitCode == 2 && mixed.stderr.contains("not both"), "\(mixed.stderr)")
        #expect(try CommandRunner.run(["package", "build", inf.path, "--arch", "amd64", "-o", out + "2", "--sign", "--pfx", pfx]).exitCode == 2)
    }

    /// `catalog show` prints the signature's time-stamp: an Authenticode countersignature (WHQL, 2016)
    /// and an RFC 3161 token (a commercial signer's), checked against the signature they stamp.
    @Test func catalogShowPrintsTheTimestamp() throws {
        let fixtures = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/catalogs")
        guard FileManager.default.fileExists(atPath: fixtures.path) else { print("../shared/fixtures/catalogs absent: skipped"); return }
        let whql = try CommandRunner.run(["catalog", "show", fixtures.appendingPathComponent("FTDI_VCP_BUS__ftdibus.cat").path])
        #expect(whql.stdout.contains("  timestamp: 2016-02-01T12:00:48Z (Authenticode countersignature) by CN=Microsoft Time-Stamp Service,"), "\(whql.stdout)")
        let rfc = try CommandRunner.run(["catalog", "show", fixtures.appendingPathComponent("Adafruit_Feather_WICED_CDC__Feather_CDC.cat").path, "--json"])
        #expect(rfc.stdout.contains("\"timestamp\":{\"kind\":\"rfc3161\",\"time\":\"2016-03-23T18:26:50Z\",\"authority\":\"CN=Starfield Services Timestamp Authority - G1,"), "\(rfc.stdout)")
        let unsigned = try CommandRunner.run(["catalog", "show", fixtures.appendingPathComponent("Adafruit_usbser__Adafruit_usbser.cat").path, "--json"])
        #expect(unsigned.stdout.contains("\"timestamp\":null"))
    }

    @Test func certCreateAlsoWritesAPFXThatOpenSSLReads() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cert = dir.appendingPathComponent("test.pem").path, key = dir.appendingPathComponent("test.key").path
        let pfx = dir.appendingPathComponent("test.pfx").path
        let created = try CommandRunner.run(["cert", "create", "--subject", "CN=Contoso Test Signing", "--cert-out", cert, "--key-out", key,
                                             "--pfx-out", pfx, "--password", "s3cret", "--key-bits", "2048"])
        #expect(created.exitCode == 0, "\(created.stderr)")
        #expect(FileManager.default.fileExists(atPath: pfx))
        if ExternalTools.has("openssl") {
            let fromPFX = try ExternalTools.run("openssl", ["pkcs12", "-in", pfx, "-passin", "pass:s3cret", "-nokeys", "-clcerts"])
            #expect(fromPFX.status == 0, "\(fromPFX.output)")
            let fingerprint = { (text: String) in text.split(separator: "\n").first { $0.contains("Fingerprint") }.map(String.init) }
            let pem = try ExternalTools.run("openssl", ["x509", "-noout", "-fingerprint", "-sha256", "-in", cert]).output
            let extracted = dir.appendingPathComponent("extracted.pem")
            try fromPFX.output.write(to: extracted, atomically: true, encoding: .utf8)
            let again = try ExternalTools.run("openssl", ["x509", "-noout", "-fingerprint", "-sha256", "-in", extracted.path]).output
            #expect(fingerprint(pem) != nil && fingerprint(pem) == fingerprint(again))
        }
        // A PFX needs a password, and a password needs a PFX.
        let noPassword = try CommandRunner.run(["cert", "create", "--subject", "CN=X", "--cert-out", cert, "--key-out", key, "--pfx-out", pfx])
        #expect(noPassword.exitCode == 2 && noPassword.stderr.contains("--pfx-out and --password go together"), "\(noPassword.stderr)")
    }

    @Test func wrongMachineOrSubsystemIsReportedWithTheINFLine() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inf = try echoSource(dir, machine: 0x8664, subsystem: 2)
        let out = dir.appendingPathComponent("pkg").path
        let arm = try CommandRunner.run(["package", "build", inf.path, "--arch", "arm64", "-o", out])
        #expect(arm.exitCode == 1)
        #expect(arm.stderr.contains("echo.inf:37: error: echo.sys is built for amd64, not arm64"), "\(arm.stderr)")
        let native = try CommandRunner.run(["package", "build", inf.path, "--arch", "amd64", "-o", out])
        #expect(native.stderr.contains("echo.sys is a kernel driver but its PE subsystem is 2, not native (1)"), "\(native.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        try FileManager.default.removeItem(at: inf.deletingLastPathComponent().appendingPathComponent("echo.sys"))
        let missing = try CommandRunner.run(["package", "build", inf.path, "--arch", "amd64", "-o", out])
        #expect(missing.stderr.contains("echo.inf:37: error: echo.sys is missing"), "\(missing.stderr)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".pkg") }
        #expect(leftovers.isEmpty)
    }

    /// CopyINF names an INF by its path from the INF's folder, without a [SourceDisksFiles] entry (as
    /// Microsoft's DCHU sample does); the package carries it, in its subfolder. A path out is refused.
    @Test func copyINFTargetsAreFoundByTheirPath() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out/pkg").path
        let inf = try EchoPackage.source(dir) { $0.replacingOccurrences(of: "[Echo_Device.NT]\n", with: "[Echo_Device.NT]\nCopyINF = sub\\child.inf\n") }
        let sub = inf.deletingLastPathComponent().appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try "[Version]\nSignature = \"$Windows NT$\"\n".write(to: sub.appendingPathComponent("child.inf"), atomically: true, encoding: .utf8)
        let built = try CommandRunner.run(["package", "build", inf.path, "--arch", "amd64", "-o", out])
        #expect(built.exitCode == 0, "\(built.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/sub/child.inf"))
        try FileManager.default.removeItem(atPath: out)
        let climbing = try EchoPackage.source(dir) { $0.replacingOccurrences(of: "[Echo_Device.NT]\n", with: "[Echo_Device.NT]\nCopyINF = ..\\child.inf\n") }
        let refused = try CommandRunner.run(["package", "build", climbing.path, "--arch", "amd64", "-o", out])
        #expect(refused.exitCode == 1)
        #expect(refused.stderr.contains("error: CopyINF names ..\\child.inf, which is not under the INF's folder"), "\(refused.stderr)")
    }

    @Test func filesAndCatalogsOutsideThePackageFolderAreRefused() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out/pkg").path
        // A source path that climbs out of the INF's folder would be read from, and written to, outside it.
        let climbing = try EchoPackage.source(dir) { $0.replacingOccurrences(of: "echo.sys = 1", with: "echo.sys = 1,..\\elsewhere") }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: climbing.deletingLastPathComponent().appendingPathComponent("echo.sys"),
                                         to: dir.appendingPathComponent("elsewhere/echo.sys"))
        let up = try CommandRunner.run(["package", "build", climbing.path, "--arch", "amd64", "-o", out])
        #expect(up.exitCode == 1)
        #expect(up.stderr.contains("echo.inf:22: error: the source path of echo.sys, ..\\elsewhere\\echo.sys, leaves the INF's folder"), "\(up.stderr)")
        // Going down and back up stays inside.
        let inside = try EchoPackage.source(dir) { $0.replacingOccurrences(of: "echo.sys = 1", with: "echo.sys = 1,sub\\..") }
        #expect(try CommandRunner.run(["package", "build", inside.path, "--arch", "amd64", "-o", out]).exitCode == 0)
        try FileManager.default.removeItem(atPath: out)

        for (catalog, line) in [("CatalogFile = ../../stolen.cat", 11), ("CatalogFile =", 11)] {
            let inf = try EchoPackage.source(dir) { $0.replacingOccurrences(of: "CatalogFile = echo.cat", with: catalog) }
            let result = try CommandRunner.run(["package", "build", inf.path, "--arch", "amd64", "-o", out])
            #expect(result.exitCode == 1)
            #expect(result.stderr.contains("echo.inf:\(line): error: CatalogFile '"), "\(result.stderr)")
            #expect(result.stderr.contains("is not a file name in the INF's folder"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("stolen.cat").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path).isEmpty)
    }

    @Test func signEmbedsAVerifiableSignature() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cert = dir.appendingPathComponent("c.pem").path, key = dir.appendingPathComponent("k.pem").path
        _ = try CommandRunner.run(["cert", "create", "--subject", "CN=Boot Driver Test", "--cert-out", cert, "--key-out", key, "--key-bits", "2048"])
        let sys = dir.appendingPathComponent("boot.sys")
        try Data(PEWriter().bytes()).write(to: sys)
        #expect(try CommandRunner.run(["sign", sys.path, "--cert", cert, "--key", key]).exitCode == 0)
        if ExternalTools.has("osslsigncode") {
            let outside = try ExternalTools.run("osslsigncode", ["verify", "-in", sys.path, "-CAfile", cert])
            #expect(outside.output.contains("Signature verification: ok"), "\(outside.output)")
            #expect(!outside.output.contains("Page hash"))
            // signtool /ph: the signature also carries page hashes, which osslsigncode checks.
            let paged = dir.appendingPathComponent("paged.sys")
            try Data(PEWriter().bytes()).write(to: paged)
            #expect(try CommandRunner.run(["sign", paged.path, "--cert", cert, "--key", key, "--page-hashes"]).exitCode == 0)
            let pages = try ExternalTools.run("osslsigncode", ["verify", "-in", paged.path, "-CAfile", cert])
            #expect(pages.output.contains("Page hash algorithm  : SHA256") && !pages.output.contains("MISMATCH"), "\(pages.output)")
            #expect(pages.output.contains("Signature verification: ok"), "\(pages.output)")
        }
        let notPE = dir.appendingPathComponent("x.sys")
        try Data("hello".utf8).write(to: notPE)
        let bad = try CommandRunner.run(["sign", notPE.path, "--cert", cert, "--key", key])
        #expect(bad.exitCode == 3 && bad.stderr.contains("not a PE file"))
    }
}
