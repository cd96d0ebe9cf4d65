// swift-tools-version:6.0
import Foundation
import PackageDescription

// V8 is Debian's libnode108, unpacked by scripts/setup.sh into .deps/v8 (see
// ARCHITECTURE.md, "V8: where it comes from"). Only CV8 sees its headers; every
// binary that links CV8 finds libnode.so.108 through an rpath, never through
// LD_LIBRARY_PATH.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
let v8Include = "\(root)/.deps/v8/usr/include/node"
let v8Lib = "\(root)/.deps/v8/usr/lib/x86_64-linux-gnu"

// Release builds skip Swift's dynamic exclusivity checks on NANO's own
// targets: they cost ~2% of the per-request path and the code is
// single-threaded per event loop by design (checked in debug builds).
let fastRelease: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "nano",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nanod", targets: ["nanod"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .target(
            name: "CV8",
            cxxSettings: [
                // libnode is built without RTTI: classes derived from V8's
                // (the ArrayBuffer allocator) must be too, or they need
                // typeinfo the library does not export.
                .unsafeFlags(["-isystem", v8Include, "-Wall", "-fno-rtti"]),
            ],
            linkerSettings: [
                .unsafeFlags([
                    "-L\(v8Lib)", "-l:libnode.so.108",
                    "-Xlinker", "-rpath", "-Xlinker", v8Lib,
                    // Also relative to the binary (.build/<triple>/<config>/), so a
                    // checkout that moves keeps working.
                    "-Xlinker", "-rpath", "-Xlinker", "$ORIGIN/../../../.deps/v8/usr/lib/x86_64-linux-gnu",
                ]),
                .linkedLibrary("stdc++"),
            ]
        ),
        // llhttp, the HTTP/1.1 request parser (see include/CLLHTTP.h).
        .target(name: "CLLHTTP", exclude: ["LICENSE"]),
        // zlib, for CompressionStream / DecompressionStream.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(
            name: "NanoEngine",
            dependencies: [
                "CV8",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: fastRelease
        ),
        .target(
            name: "NanoRuntime",
            dependencies: [
                "NanoEngine",
                "CZlib",
                "CLLHTTP",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("JS")],
            swiftSettings: fastRelease
        ),
        .target(
            name: "NanoServer",
            dependencies: [
                "NanoRuntime",
                "CLLHTTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: fastRelease
        ),
        .executableTarget(
            name: "nanod",
            dependencies: [
                "NanoEngine",
                "NanoRuntime",
                "NanoServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "nano-bench",
            dependencies: ["NanoEngine", "NanoRuntime"],
            path: "bench/engine"
        ),
        .executableTarget(
            name: "nio-ceiling",
            dependencies: [
                "CLLHTTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "bench/ceiling"
        ),
        .testTarget(name: "NanoEngineTests", dependencies: ["NanoEngine"]),
        .testTarget(name: "nanodTests", dependencies: ["nanod"]),
        .testTarget(
            name: "NanoServerTests",
            dependencies: [
                "NanoServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "NanoRuntimeTests",
            dependencies: [
                "NanoRuntime",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ],
    cxxLanguageStandard: .cxx17
)
