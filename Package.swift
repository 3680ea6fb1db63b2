// swift-tools-version:6.0
import PackageDescription

// Module map (dependencies point downwards only; each target declares exactly the modules
// it imports, checked by Tests/EndToEndTests/PackageManifestTests.swift):
//
//   YdelseCLI (executable `ydelse`; BuildInfoPlugin: git commit, bundled pipeline)
//     ├── Stages ── Pipeline ── ColumnStore        (+ TOMLKit, Logging)
//     │      ├──── ArrowIPC ─── CZstd, CFileSync, ColumnStore
//     │      ├──── Report ───── Publishing
//     │      ├──── Domain ───── ReferenceData ── ColumnStore
//     │      ├──── YdelseIO ─── CIsal, CZlib, Publishing, ReferenceData, ColumnStore
//     │      └──── Publishing
//     ├── Generator ── YdelseIO, ReferenceData, ColumnStore
//     └── (also imports Pipeline, ArrowIPC, Domain, YdelseIO, ColumnStore directly, CJemalloc on Linux, CJemallocConf)
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
        // Intel ISA-L's igzip: inflates gzip 2.5 x faster than zlib (the extract's largest cost
        // after parsing); zlib still writes gzip (the generator).
        .systemLibrary(
            name: "CIsal",
            pkgConfig: "libisal",
            providers: [.apt(["libisal-dev"])]
        ),
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        // glibc's <malloc.h> (part of libc: nothing to link or install).
        // The allocator (Sources/YdelseCLI/Allocator.swift), linked in place of glibc's malloc.
        .systemLibrary(
            name: "CJemalloc",
            pkgConfig: "jemalloc",
            providers: [.apt(["libjemalloc-dev"])]
        ),
        // jemalloc's start-up settings (`malloc_conf`: huge pages, decay), a C target because
        // jemalloc reads them before `main` runs.
        .target(name: "CJemallocConf"),
        .target(name: "ColumnStore"),
        .target(
            name: "ReferenceData",
            dependencies: ["ColumnStore"],
            // Compiled into the binary (a copied executable needs no bundle beside it); every
            // file here is also listed in ReferenceTable.embedded.
            resources: [
                .embedInCode("Resources/akasse_kommuner.csv"),
                .embedInCode("Resources/akasser.csv"),
                .embedInCode("Resources/folkepensionsalder.csv"),
                .embedInCode("Resources/forsikring_timer.csv"),
                .embedInCode("Resources/forsoeg_kalender.csv"),
                .embedInCode("Resources/fritagelse_graenser.csv"),
                .embedInCode("Resources/fritagelseskoder.csv"),
                .embedInCode("Resources/kommuner.csv"),
                .embedInCode("Resources/rule_windows.csv"),
                .embedInCode("Resources/skema1.csv"),
                .embedInCode("Resources/skema2_kommuner.csv"),
            ]
        ),
        .target(name: "YdelseIO", dependencies: ["CIsal", "CZlib", "ColumnStore", "ReferenceData", "Publishing"]),
        // `sync_file_range` (a GNU extension Swift's Glibc does not export): checkpoint write-behind.
        .target(name: "CFileSync"),
        .target(name: "ArrowIPC", dependencies: ["CZstd", "CFileSync", "ColumnStore"]),
        .target(
            name: "Pipeline",
            dependencies: [
                "ColumnStore",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "Domain", dependencies: ["ColumnStore", "ReferenceData"]),
        .target(name: "Publishing"),
        .target(name: "Report", dependencies: ["Publishing"]),
        .target(name: "Stages", dependencies: ["Pipeline", "Domain", "YdelseIO", "ArrowIPC", "ColumnStore", "ReferenceData", "Publishing", "Report"]),
        .target(name: "Audit", dependencies: ["ArrowIPC", "ColumnStore", "Domain", "Pipeline", "Publishing", "ReferenceData", "Stages", "YdelseIO"]),
        .target(name: "Generator", dependencies: ["YdelseIO", "ReferenceData", "ColumnStore"]),
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
        .executableTarget(
            name: "YdelseCLI",
            dependencies: [
                "Stages", "Pipeline", "Generator", "ArrowIPC", "ColumnStore", "Domain", "YdelseIO", "Report", "Audit",
                .target(name: "CJemalloc", condition: .when(platforms: [.linux])),
                "CJemallocConf",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["BuildInfoPlugin"]
        ),
        // Temporary folders for the tests, removed when the test process exits (test support only).
        .target(name: "TestScratch", path: "Tests/TestScratch"),
        .testTarget(name: "ColumnStoreTests", dependencies: ["ColumnStore", "TestScratch"]),
        .testTarget(name: "PublishingTests", dependencies: ["Publishing"]),
        .testTarget(
            name: "ReportTests",
            dependencies: ["Report", "Stages", "Pipeline", "ColumnStore", "TestScratch", .product(name: "Logging", package: "swift-log")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "YdelseIOTests", dependencies: ["YdelseIO", "ColumnStore", "TestScratch"]),
        .testTarget(name: "ArrowIPCTests", dependencies: ["ArrowIPC", "ColumnStore", "TestScratch"], exclude: ["pyarrow_check.py"]),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline", "ColumnStore", "TestScratch", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "DomainTests", dependencies: ["Domain", "ColumnStore", "ReferenceData", "TestScratch"]),
        .testTarget(
            name: "StagesTests",
            dependencies: [
                "Stages", "Pipeline", "YdelseIO", "ArrowIPC", "Domain", "ColumnStore", "Generator", "CZlib", "Publishing", "TestScratch",
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["arrow_dump.py", "Golden"]
        ),
        .testTarget(name: "GeneratorTests", dependencies: ["Generator", "ReferenceData", "ColumnStore"]),
        // Runs the built `ydelse` binary as a user would; it depends on the executable only so
        // that `swift test` builds it first (it imports nothing of it).
        .testTarget(name: "EndToEndTests", dependencies: ["YdelseCLI", "ArrowIPC", "TestScratch"], exclude: ["csv_check.py"]),
    ]
)
