import Authenticode
import Crypto
import Foundation
import SwiftASN1
import GRDB
import X509

/// The machine's certificate stores that driver signatures chain to (`Root`, `TrustedPublisher`),
/// as `certutil -addstore` fills them on Windows.
public enum TrustStore {
    public static let stores = ["Root", "TrustedPublisher"]

    /// Adds the certificates of a PEM or DER file to `store`; returns how many were new.
    @discardableResult
    public static func add(file path: String, store: String, sandbox: Sandbox) throws -> Int {
        guard let storeName = stores.first(where: { $0.lowercased() == store.lowercased() }) else {
            throw SandboxError("\(store): error: unknown certificate store (Root or TrustedPublisher)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw SandboxError("\(path): error: cannot read the file") }
        let certificates: [Certificate]
        if let text = String(data: data, encoding: .utf8), text.contains("-----BEGIN") {
            certificates = try text.components(separatedBy: "-----END CERTIFICATE-----").filter { $0.contains("-----BEGIN CERTIFICATE-----") }
                .map { try Certificate(pemEncoded: $0 + "-----END CERTIFICATE-----") }
        } else {
            certificates = [try Certificate(derEncoded: [UInt8](data))]
        }
        return try sandbox.write { registry in
            var added = 0
            for certificate in certificates {
                var serializer = DER.Serializer()
                try serializer.serialize(certificate)
                let der = serializer.serializedBytes
                let thumbprint = Array(Insecure.SHA1.hash(data: der)).hexUppercase
                try registry.db.execute(sql: "INSERT OR IGNORE INTO trusted_certificate(store, thumbprint, der) VALUES (?, ?, ?)",
                                        arguments: [storeName, thumbprint, Data(der)])
                added += registry.db.changesCount
            }
            try DriverStore.refreshTrust(registry, sandboxRoot: sandbox.root)
            return added
        }
    }

    /// Every certificate the machine trusts for driver signatures.
    static func certificates(_ db: Database) throws -> [Certificate] {
        try Data.fetchAll(db, sql: "SELECT der FROM trusted_certificate").map { try Certificate(derEncoded: [UInt8]($0)) }
    }

    /// The certificates of one store (`Root` or `TrustedPublisher`).
    static func certificates(_ db: Database, store: String) throws -> [Certificate] {
        try Data.fetchAll(db, sql: "SELECT der FROM trusted_certificate WHERE store = ?", arguments: [store]).map { try Certificate(derEncoded: [UInt8]($0)) }
    }
}
