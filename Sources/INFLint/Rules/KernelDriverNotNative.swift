import INFModel
import INFSyntax

struct KernelDriverNotNative: LintRule {
    static let info = RuleInfo(
        code: "DK8004", name: "kernel-driver-not-native",
        summary: "A kernel driver in the package folder is not a native-subsystem PE image.",
        severity: .error,
        whatItDoes: "With `--package`, reports `.sys` files, and files a service loads as a kernel driver (ServiceType 1 or 2), whose PE subsystem is not native (1): a user-mode program or DLL packaged under a driver's name.",
        whyBad: "The kernel loads only native images as drivers: the service fails to start and the device gets Code 39.",
        references: ["PE Format", "INF AddService Directive", "drvkit package build"],
        triggering: [.copyingDevSys(issue: (.notNative, "dev.sys is a kernel driver but its PE subsystem is 2, not native (1)"))],
        passing: [.copyingDevSys()])

    func check(_ context: LintContext, into findings: inout Findings) {
        context.reportPackageIssues(.notNative, as: Self.info, into: &findings)
    }
}
