// swift-tools-version:6.0
import PackageDescription

// Module map (dependencies point downwards only):
//
//   YdelseCLI (executable `ydelse`)
//     ├── Stages ── Pipeline ── ArrowIPC ── CZstd, ColumnStore
//     │      ├──── Domain ───── ReferenceData ── ColumnStore
//     │      └──── YdelseIO ─── CZlib, ReferenceData, ColumnStore
//     └── Generator ── YdelseIO, ReferenceData
let package = Package(
    name: "ydelse",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ydelse", targets: ["YdelseCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .target(name: "ColumnStore"),
        .target(
            name: "ReferenceData",
            dependencies: ["ColumnStore"],
            resources: [.copy("Resources")]
        ),
        .target(name: "YdelseIO", dependencies: ["CZlib", "ColumnStore", "ReferenceData"]),
        .target(name: "ArrowIPC", dependencies: ["CZstd", "ColumnStore"]),
        .target(
            name: "Pipeline",
            dependencies: [
                "ColumnStore", "ArrowIPC",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "Domain", dependencies: ["ColumnStore", "ReferenceData"]),
        .target(name: "Publishing"),
        .target(name: "Stages", dependencies: ["Pipeline", "Domain", "YdelseIO", "ArrowIPC", "ColumnStore", "ReferenceData", "Publishing"]),
        .target(name: "Generator", dependencies: ["YdelseIO", "ReferenceData", "ColumnStore"]),
        .executableTarget(
            name: "YdelseCLI",
            dependencies: [
                "Stages", "Pipeline", "Generator", "ArrowIPC", "ColumnStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "ColumnStoreTests", dependencies: ["ColumnStore"]),
        .testTarget(name: "PublishingTests", dependencies: ["Publishing"]),
        .testTarget(name: "YdelseIOTests", dependencies: ["YdelseIO", "ColumnStore", "ReferenceData"]),
        .testTarget(name: "ArrowIPCTests", dependencies: ["ArrowIPC", "ColumnStore"], exclude: ["pyarrow_check.py"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "ArrowIPC", "ColumnStore"]),
        .testTarget(name: "DomainTests", dependencies: ["Domain", "ColumnStore", "ReferenceData"]),
        .testTarget(name: "StagesTests", dependencies: ["Stages", "Pipeline", "YdelseIO", "ArrowIPC", "Domain", "ColumnStore", "Generator"], exclude: ["arrow_dump.py", "Golden"]),
        .testTarget(name: "GeneratorTests", dependencies: ["Generator", "YdelseIO", "ReferenceData", "ColumnStore"]),
    ]
)
