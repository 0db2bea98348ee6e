import INFModel

/// `DDInstall.Components` and `DDInstall.Software` (Windows 10 1703 and later).
enum ComponentHandler {
    /// `AddComponent = name, [flags], component-install-section`: a virtual child device whose hardware
    /// IDs are the section's `ComponentIDs` prefixed with `SWC\`, not driven until a scan (as
    /// `sandbox device add`). Its instance ID is `SWD\DRIVERENUM\<name>#<parent instance ID>` (Windows
    /// uses a generated one).
    static func addComponents(_ lines: [INFLine], parent: DeviceNode, _ context: InstallContext, _ registry: RegistryStore,
                              _ policy: LoadPolicy) throws {
        let document = context.document
        for line in lines {
            guard let name = line.nonEmptyField(1), let section = line.nonEmptyField(3), document.hasSection(section) else {
                context.skip(line, "AddComponent needs a name and an existing component-install section; the line is skipped")
                continue
            }
            let ids = (document.firstLine(in: section, key: "ComponentIDs")?.fields ?? []).filter { !$0.isEmpty }.map { "SWC\\" + $0 }
            guard !ids.isEmpty else {
                context.skip(line, field: 3, "[\(section)] has no ComponentIDs; the component is not created")
                continue
            }
            let instance = "SWD\\DRIVERENUM\\" + name + "#" + parent.instanceID.replacingOccurrences(of: "\\", with: "#")
            if try DeviceNode.named(instance, registry.db) == nil {
                let description = document.firstLine(in: section, key: "Description")?.field(1)
                _ = try Devices.add(Devices.DeviceSpec(hardwareIDs: ids, instanceID: instance, description: description, parent: parent.instanceID),
                                    registry, policy)
            }
            context.note("     dvi: Software component '\(name)': \(instance.uppercased()) (\(ids.joined(separator: ", ")))")
        }
    }

    /// `AddSoftware = name, [flags], software-install-section`: recorded in the log; the sandbox runs no installers.
    static func addSoftware(_ lines: [INFLine], _ context: InstallContext) {
        for line in lines {
            let name = line.nonEmptyField(1) ?? "?"
            let type = line.nonEmptyField(3).flatMap { context.document.firstLine(in: $0, key: "SoftwareType")?.field(1) } ?? "?"
            context.note("     dvi: AddSoftware '\(name)' (SoftwareType \(type)) recorded; the sandbox does not run software installers.")
        }
    }
}
