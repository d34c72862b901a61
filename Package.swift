// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "kubetutor",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kubetutor", targets: ["kubetutor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
    ],
    targets: [
        // The engine: API machinery, store, kinds, codecs, the small shell language. Imports nothing of ours.
        .target(
            name: "MiniCluster",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            // Release builds skip the run-time exclusivity checks (about 5 % of the engine's instructions in the
            // 10,000-replica benchmark, mostly reads of scheduler and kubelet class properties); debug builds, which
            // every test runs, keep them.
            // Reference counting is not atomic in the engine, in every build: the engine runs on one thread at a
            // time (a container's shell thread takes turns with it, see Coroutine.swift), and atomic retains and
            // releases were about a seventh of the 10,000-replica benchmark's time (median 901 → 773 ms, 7
            // alternating pairs). No object of the engine may be retained or released by two threads at once.
            swiftSettings: [
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
                .unsafeFlags(["-Xfrontend", "-assume-single-threaded"]),
            ]
        ),
        // Simulated command lines: kubectl (later docker, gcloud, helm), builtins, printers.
        .target(name: "Shell", dependencies: ["MiniCluster"]),
        // The course: lesson files → model, checks, quizzes, progress, lint, verify, lesson sessions.
        .target(name: "Course", dependencies: ["Shell", "MiniCluster", .product(name: "Yams", package: "Yams")]),
        // C libraries from Debian (see TESTING.md): ncursesw with a shim for its macros, cmark-gfm with its extensions.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .systemLibrary(name: "CCmarkGFM", path: "Sources/CCmarkGFM", pkgConfig: "libcmark-gfm"),
        // Markdown (cmark-gfm) → styled, wrapped lines.
        .target(name: "Markdown", dependencies: ["CCmarkGFM"]),
        // The full-screen course player: screen values, views, key table, curses and in-memory drivers.
        .target(name: "TUI", dependencies: ["Course", "Shell", "MiniCluster", "Markdown", "CNcursesw"]),
        .executableTarget(
            name: "kubetutor",
            dependencies: [
                "Course", "Shell", "MiniCluster", "TUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "kubetutor-bench", dependencies: ["Shell", "MiniCluster", "TestSupport", "TUI", "Course"], path: "Tests/Benchmarks"),
        .target(name: "TestSupport", dependencies: ["Shell", "MiniCluster"], path: "Tests/TestSupport"),
        .testTarget(name: "MiniClusterTests", dependencies: ["MiniCluster", "TestSupport"]),
        .testTarget(name: "ShellTests", dependencies: ["Shell", "MiniCluster", "TestSupport"],
                    resources: [.copy("Golden")]),
        .testTarget(name: "CourseTests", dependencies: ["Course", "Shell", "MiniCluster", "TestSupport"],
                    exclude: ["Golden"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "TUITests", dependencies: ["TUI", "Course", "Shell", "MiniCluster", "TestSupport"],
                    resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v5]
)
