import Foundation

/// Who signed a driver package, told apart by chains, EKUs and issuer names (signing.md §5).
public enum SignerClass: String, Sendable, CaseIterable, Codable {
    case unsigned, test, commercial
    case crossSigned = "cross-signed"
    case attestation, whql, microsoft
}

/// What policy needs to know about a package's signature.
public struct PackageSignature: Hashable, Sendable {
    public var signer: SignerClass
    /// The signing certificate's notBefore (cross-signed drivers: issued before 2015-07-29 keep loading).
    public var leafIssued: Date?
    /// The signer's name (the leaf certificate's CN), for messages.
    public var signerName: String?
    /// The chain ends at a certificate the machine trusts (for test signers: their root was imported).
    public var trustedRoot: Bool
    /// The signer's certificate is in the machine's TrustedPublisher store (or Microsoft signed it).
    public var trustedPublisher: Bool
    /// The catalog signature uses SHA-256 only (Windows 7 needs SHA-2 support for it).
    public var sha256Only: Bool
    /// The kernel binary carries its own (embedded) signature, which boot-start drivers need.
    public var embeddedSignature: Bool
    /// The catalog's member format: 1, or 2 (SHA-256 file hashes, which Windows 7 cannot read).
    public var catalogVersion: Int
    /// The signing certificate's notAfter.
    public var leafExpires: Date?
    /// When a time-stamp that holds (its imprint is of this signature) says the package was signed; nil without one.
    public var timestamped: Date?
    /// For a cross-signed signature: the notAfter of the cross-certificate "Microsoft Code Verification Root" issued.
    public var crossCertificateExpires: Date?

    public init(signer: SignerClass, leafIssued: Date? = nil, signerName: String? = nil, trustedRoot: Bool? = nil,
                trustedPublisher: Bool? = nil, sha256Only: Bool = true, embeddedSignature: Bool = false, catalogVersion: Int = 1,
                leafExpires: Date? = nil, timestamped: Date? = nil, crossCertificateExpires: Date? = nil) {
        self.signer = signer
        self.leafIssued = leafIssued
        self.signerName = signerName
        let microsoft = [.whql, .attestation, .microsoft].contains(signer)
        // Microsoft's and public CAs' roots are on every Windows machine; a test root only when imported.
        self.trustedRoot = trustedRoot ?? (signer != .unsigned && signer != .test)
        self.trustedPublisher = trustedPublisher ?? microsoft
        self.sha256Only = sha256Only
        self.embeddedSignature = embeddedSignature
        self.catalogVersion = catalogVersion
        self.leafExpires = leafExpires
        self.timestamped = timestamped
        self.crossCertificateExpires = crossCertificateExpires
    }
}

/// What the INF says about the driver: kernel or user mode, and when it starts.
public struct DriverKind: Hashable, Sendable {
    /// A kernel-mode driver (service type 1 or 2); false for UMDF and other user-mode components.
    public var kernelMode: Bool
    /// SERVICE_BOOT_START (StartType 0).
    public var bootStart: Bool

    public init(kernelMode: Bool = true, bootStart: Bool = false) {
        self.kernelMode = kernelMode
        self.bootStart = bootStart
    }
}
