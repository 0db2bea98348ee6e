import GRDB

/// Tables of the device tree and the driver store (schema 2). The registry keeps what Windows
/// writes (`Enum`, `Control\Class`); these tables index it so that ranking 10,000 devices against
/// 1,000 packages is a few indexed lookups.
enum DeviceTreeSchema {
    /// Declarative filters (`AddFilter` in `DDInstall.Filters`), in registration order, and the
    /// extension INFs applied on each device. Windows keeps
    /// them as device metadata it merges into `DEVPKEY_Device_CompoundUpperFilters`/`…LowerFilters`
    /// when the stack is built; where it stores them is not documented, so the sandbox keeps them
    /// here rather than invent registry values. Added after schema 2 shipped: ``migrate(_:)`` adds it.
    static let deviceFilterTable = """
        CREATE TABLE IF NOT EXISTS device_filter(
            device TEXT NOT NULL REFERENCES device(instance_id) ON DELETE CASCADE,
            service TEXT NOT NULL,
            position TEXT,
            level TEXT,
            ordinal INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS device_filter_device ON device_filter(device);
        CREATE TABLE IF NOT EXISTS device_extension(
            device TEXT NOT NULL REFERENCES device(instance_id) ON DELETE CASCADE,
            package INTEGER NOT NULL REFERENCES driver_package(id),
            extension_id TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS device_extension_device ON device_extension(device);
        """

    /// Brings a schema-2 sandbox made by an earlier drvkit up to date (additive only).
    static func migrate(_ queue: DatabaseQueue) throws {
        let missing = try queue.read { try !$0.tableExists("device_filter") || !$0.tableExists("device_extension") }
        if missing { try queue.write { try $0.execute(sql: deviceFilterTable) } }
    }

    static let sql = """
        CREATE TABLE driver_package(
            id INTEGER PRIMARY KEY,
            published_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            original_name TEXT NOT NULL,
            folder TEXT NOT NULL,
            hash TEXT NOT NULL,
            catalog TEXT NOT NULL,
            provider TEXT NOT NULL,
            class_name TEXT NOT NULL,
            class_guid TEXT NOT NULL,
            driver_date TEXT NOT NULL,
            driver_version TEXT NOT NULL,
            signer TEXT,
            trusted INTEGER NOT NULL);
        CREATE INDEX driver_package_name ON driver_package(original_name COLLATE NOCASE, hash);
        CREATE TABLE driver_model(
            package INTEGER NOT NULL REFERENCES driver_package(id) ON DELETE CASCADE,
            device_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            manufacturer TEXT NOT NULL,
            description TEXT NOT NULL,
            install_section TEXT NOT NULL,
            models_section TEXT NOT NULL);
        CREATE INDEX driver_model_id ON driver_model(device_id);
        CREATE INDEX driver_model_package ON driver_model(package);
        CREATE TABLE device(
            instance_id TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            description TEXT NOT NULL,
            parent TEXT,
            hardware_ids TEXT NOT NULL,
            compatible_ids TEXT NOT NULL,
            present INTEGER NOT NULL DEFAULT 1,
            disabled INTEGER NOT NULL DEFAULT 0,
            package INTEGER REFERENCES driver_package(id),
            install_section TEXT,
            matching_id TEXT,
            rank INTEGER,
            driver_key TEXT,
            service TEXT,
            problem INTEGER NOT NULL DEFAULT 28,
            problem_status INTEGER NOT NULL DEFAULT 0,
            reboot_needed INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX device_package ON device(package);
        CREATE TABLE device_id(
            device TEXT NOT NULL REFERENCES device(instance_id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            position INTEGER NOT NULL);
        CREATE INDEX device_id_id ON device_id(id);
        CREATE INDEX device_id_device ON device_id(device);
        CREATE TABLE device_file(
            device TEXT NOT NULL REFERENCES device(instance_id) ON DELETE CASCADE,
            path TEXT NOT NULL);
        CREATE INDEX device_file_device ON device_file(device);
        \(deviceFilterTable)
        CREATE TABLE machine_setting(
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL);
        CREATE TABLE boot(
            id INTEGER PRIMARY KEY,
            secure_boot INTEGER NOT NULL,
            test_signing INTEGER NOT NULL,
            no_integrity_checks INTEGER NOT NULL,
            hvci INTEGER NOT NULL,
            upgraded INTEGER NOT NULL,
            kernel_trust_policy INTEGER NOT NULL,
            enforcement_disabled INTEGER NOT NULL);
        CREATE TABLE trusted_certificate(
            store TEXT NOT NULL,
            thumbprint TEXT NOT NULL,
            der BLOB NOT NULL,
            PRIMARY KEY(store, thumbprint));
        """
}
