// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "drvkit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "drvkit", targets: ["drvkit"]),
        .library(name: "INFSyntax", targets: ["INFSyntax"]),
        .library(name: "INFModel", targets: ["INFModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "INFSyntax"),
        .target(name: "INFModel", dependencies: ["INFSyntax"]),
        .executableTarget(
            name: "drvkit",
            dependencies: [
                "INFSyntax", "INFModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "drvkit-bench", dependencies: ["INFSyntax", "INFModel"]),
        .target(name: "TestSupport", path: "Tests/Support"),
        .testTarget(name: "INFSyntaxTests", dependencies: ["INFSyntax", "INFModel", "TestSupport"]),
        .testTarget(name: "INFModelTests", dependencies: ["INFModel", "INFSyntax", "TestSupport"]),
        .testTarget(name: "drvkitTests", dependencies: ["INFSyntax", "INFModel", "TestSupport", "drvkit"]),
    ],
    swiftLanguageModes: [.v6]
)
