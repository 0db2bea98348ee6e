import Testing
@testable import INFLint
import INFSyntax

/// Rules that name an InfVerif code report with InfVerif's severity in its modes: universal (/u),
/// declarative (/k) and windows-driver (/w), as Microsoft's "INF Validation Errors and Warnings"
/// table (05/30/2024) gives them; nil where InfVerif does not report the code in that mode.
struct InfVerifSeverityTests {
    static let table: [Int: (universal: Severity?, declarative: Severity?, windowsDriver: Severity?)] = [
        1001: (.error, .error, .error),
        1002: (.error, .error, .error),
        1003: (.error, .error, .error),
        1005: (.error, .error, .error),
        1006: (.error, .error, .error),
        1008: (.error, .error, .error),
        1010: (.error, .error, .error),
        1011: (.error, .error, .error),
        1019: (.error, .error, .error),
        1084: (.error, .error, .error),
        1086: (.error, .error, .error),
        1087: (.error, .error, .error),
        1088: (.error, .error, .error),
        1100: (.error, .error, .error),
        1110: (.error, .error, .error),
        1141: (.error, .error, .error),
        1142: (.error, .error, .error),
        1144: (.error, .warning, .warning),
        1150: (.error, .error, .error),
        1201: (.warning, .warning, .warning),
        1160: (.error, .error, .error),
        1180: (.error, .error, .error),
        1181: (.error, .error, .error),
        1182: (.error, .error, .error),
        1199: (.error, .error, .error),
        1202: (.error, .error, .error),
        1203: (.error, .error, .error),
        1204: (.error, .error, .error),
        1205: (.warning, .warning, .warning),
        1206: (.error, .error, .error),
        1209: (.error, .error, .error),
        1210: (.error, .error, .error),
        1211: (.error, .error, .error),
        1212: (.error, .error, .error),
        1213: (.error, .error, .error),
        1214: (.error, .error, .error),
        1217: (.error, .error, .error),
        1218: (.error, .error, .error),
        1224: (.error, .error, .error),
        1229: (.error, .error, .error),
        1230: (.error, .error, .error),
        1231: (.error, .warning, .error),
        1233: (.error, .error, .error),
        1234: (.error, .error, .error),
        1235: (.error, .error, .error),
        1245: (.error, .error, .error),
        1250: (.error, .error, .error),
        1251: (.warning, .warning, .warning),
        1252: (.warning, .warning, .warning),
        1253: (.error, .error, .error),
        1257: (.error, .error, .error),
        1258: (.error, .error, .error),
        1261: (.error, .error, .error),
        1262: (.error, .error, .error),
        1263: (.error, .error, .error),
        1264: (.error, .error, .error),
        1265: (.error, .error, .error),
        1266: (.error, .error, .error),
        1267: (.error, .error, .error),
        1268: (.error, .error, .error),
        1271: (.error, .error, .error),
        1272: (.error, .error, .error),
        1273: (.error, .error, .error),
        1274: (.error, .error, .error),
        1275: (.error, .error, .error),
        1280: (.error, .error, .error),
        1281: (.error, .error, .error),
        1285: (.error, .error, .error),
        1286: (.error, .error, .error),
        1287: (.error, .error, .error),
        1288: (.error, .error, .error),
        1289: (.error, .error, .error),
        1290: (.error, .error, .error),
        1294: (.error, .error, .error),
        1295: (.error, .error, .error),
        1296: (.error, .error, .error),
        1297: (.error, .error, .error),
        1300: (.error, .error, .error),
        1302: (.error, .error, .error),
        1303: (.error, .error, .error),
        1304: (.error, .warning, nil),
        1305: (.error, .warning, .error),
        1306: (.error, .warning, nil),
        1310: (.error, .error, .error),
        1311: (.error, .error, .error),
        1313: (.error, .error, .error),
        1315: (.error, .error, .error),
        1322: (nil, nil, .error),
        1323: (nil, nil, .error),
        1324: (.warning, .warning, .error),
        1329: (nil, nil, .error),
        1330: (.error, .error, .error),
        1331: (.error, .warning, .error),
        1332: (.error, .warning, .error),
        1333: (.error, .warning, .error),
        1380: (.error, .error, .error),
        1381: (.error, .error, .error),
        1383: (.error, .error, .error),
        1384: (.warning, .warning, .warning),
        1400: (.error, .error, .error),
        1402: (nil, nil, .error),
        1421: (.error, .error, .error),
        1422: (.error, .error, .error),
        2083: (.warning, .warning, .warning),
        2084: (.warning, .warning, .error),
        2085: (.error, .error, .error),
        2006: (.error, .error, .error),
        2010: (.warning, .warning, .warning),
    ]

    /// Where drvkit departs from the table on purpose: DK1002 (UTF-8 without a BOM) and DK1006
    /// (text before the first section) are the milder cases of 1003 and 1002, which SetupAPI
    /// still reads; DK7003 goes on reporting in windows-driver mode, where InfVerif replaces 1304
    /// by its isolation codes 1320 and 1321 for the same lines.
    static let departures: Set<String> = ["DK1002", "DK1006", "DK7003"]

    @Test func severitiesFollowMicrosoftsTable() {
        for info in RuleRegistry.infos where !Self.departures.contains(info.code) {
            for code in [info.infVerif].compactMap({ $0 }) + info.alsoInfVerif {
                guard let expected = Self.table[code] else { continue }
                for (mode, severity) in [(LintMode.universal, expected.universal), (.declarative, expected.declarative), (.windowsDriver, expected.windowsDriver)] {
                    let actual: Severity? = info.runs(in: mode) ? info.severity(in: mode) : nil
                    #expect(actual == severity, "\(info.code) (InfVerif \(code)) in \(mode.rawValue)")
                }
            }
        }
    }

    @Test func everyMappedCodeIsInTheTable() {
        let unknown = RuleRegistry.infos.flatMap { [$0.infVerif].compactMap { $0 } + $0.alsoInfVerif }.filter { Self.table[$0] == nil && $0 != 1221 }
        #expect(unknown.isEmpty, "InfVerif codes not in the table: \(unknown)")
    }
}
