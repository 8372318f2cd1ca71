// swift-tools-version: 6.1
// pok-swift: a literate teaching kernel. The same Kernel and Libpok sources build for the host
// (tests drive them through I386HostModel) and, through `pokdoc build`, as Embedded Swift for
// i686-unknown-none-elf (the Runtime folder holds the boot stub, entry stubs and linker scripts).
import PackageDescription

let package = Package(
    name: "pok-swift",
    products: [
        .executable(name: "pokdoc", targets: ["pokdoc"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.0"),
    ],
    targets: [
        // A model of i386 interrupt delivery; host builds only.
        .target(name: "I386HostModel"),
        // The kernel (POK's kernel/). On the host it runs against I386HostModel.
        .target(
            name: "Kernel",
            dependencies: ["I386HostModel"],
            swiftSettings: [
                // The host build holds every feature so tests can exercise both BSPs.
                .define("POK_NEEDS_SYSCALLS"),
                .define("POK_NEEDS_X86_VMM"),
            ]
        ),
        // The partition library (POK's libpok/).
        .target(
            name: "Libpok",
            dependencies: ["I386HostModel"],
            swiftSettings: [
                .define("POK_NEEDS_SYSCALLS"),
                .define("POK_NEEDS_X86_VMM"),
            ]
        ),
        // The ABI as data, for the tests and the grader.
        .target(name: "Conformance"),
        .target(
            name: "PokdocKit",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        .executableTarget(
            name: "pokdoc",
            dependencies: [
                "PokdocKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "KernelTests",
            dependencies: ["Kernel", "Libpok", "I386HostModel", "Conformance"]
        ),
        .testTarget(
            name: "PokdocTests",
            dependencies: ["PokdocKit"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
