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
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The class gradebook's CSV (Sources/Grader/Batch/Gradebook.swift); the Grader target only.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // `pokdoc serve` (Sources/pokdoc/Serve.swift says why this server).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // A model of i386 interrupt delivery; host builds only.
        .target(name: "I386HostModel"),
        // The kernel (POK's kernel/). On the host it runs against I386HostModel.
        .target(
            name: "Kernel",
            dependencies: ["I386HostModel"],
            swiftSettings: [
                // The host build of the VMM board: every feature (KernelX86Qemu is the other board).
                .define("POK_NEEDS_SYSCALLS"),
                .define("POK_NEEDS_X86_VMM"),
            ]
        ),
        // The same kernel sources built for the normal board: Sources/KernelX86Qemu is a link to
        // Sources/Kernel, compiled without POK_NEEDS_X86_VMM, so host tests see both BSPs.
        .target(
            name: "KernelX86Qemu",
            dependencies: ["I386HostModel"],
            swiftSettings: [
                .define("POK_NEEDS_SYSCALLS"),
            ]
        ),
        // The same kernel sources with a Xen-style guest kernel in ring 1 (Chapter 5): Sources/KernelXenPV
        // is a link to Sources/Kernel, compiled with POK_NEEDS_XEN_PV as well.
        .target(
            name: "KernelXenPV",
            dependencies: ["I386HostModel"],
            swiftSettings: [
                .define("POK_NEEDS_SYSCALLS"),
                .define("POK_NEEDS_X86_VMM"),
                .define("POK_NEEDS_XEN_PV"),
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
        // The same kernel as an SVM hypervisor (Chapter 5): Sources/KernelSVM links to Sources/Kernel.
        .target(
            name: "KernelSVM",
            dependencies: ["I386HostModel"],
            swiftSettings: [
                .define("POK_NEEDS_SYSCALLS"),
                .define("POK_NEEDS_X86_VMM"),
                .define("POK_NEEDS_X86_SVM"),
            ]
        ),
        // Libpok for Chapter 5's guests (Sources/LibpokXenPV links to Sources/Libpok).
        .target(
            name: "LibpokXenPV",
            dependencies: ["I386HostModel"],
            swiftSettings: [
                .define("POK_NEEDS_SYSCALLS"),
                .define("POK_NEEDS_X86_VMM"),
                .define("POK_NEEDS_XEN_PV"),
                .define("POK_NEEDS_X86_SVM"),
            ]
        ),
        // The ABI as data (profiles pok-syscall, pok-hypercall), for the tests, the chapters and the
        // grader. It depends on nothing, so everything else may read it (docs/ARCHITECTURE.md,
        // "Module graph").
        .target(name: "Conformance"),
        // GMP (Debian's libgmp-dev) for exact rational points; see docs/grading.md.
        .systemLibrary(
            name: "CGMP",
            pkgConfig: "gmp",
            providers: [.apt(["libgmp-dev"])]
        ),
        // Rubrics, exact scores and the grade reports (docs/grading.md); independent of how checks run.
        .target(
            name: "Grading",
            dependencies: [
                "CGMP",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "PokdocKit",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        // The grader: submissions staged onto a pristine tree, built and run in the sandbox, observed
        // through QEMU's gdb stub, judged by the Conformance rules, scored by a Grading rubric.
        .target(
            name: "Grader",
            dependencies: [
                "Conformance", "Grading", "PokdocKit",
                // Submissions as .zip (Submission/ArchiveExtraction.swift).
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                // The class gradebook's CSV (Batch/Gradebook.swift).
                .product(name: "CSV", package: "CSV.swift"),
            ],
            // The probes are partition programs, built for the guest by `pokdoc grade`.
            exclude: ["Probes"]
        ),
        // cmark-gfm (Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev): GitHub's own
        // CommonMark implementation, so a chapter renders as GitHub renders it.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // `pokdoc render`: the course as a static site (docs/ARCHITECTURE.md, "The rendered course").
        .target(
            name: "CourseSite",
            dependencies: ["CCmarkGFM", "Conformance", "PokdocKit"],
            // The stylesheet and scripts, copied into every site from the course (SiteRenderer).
            exclude: ["Assets"]
        ),
        .executableTarget(
            name: "pokdoc",
            dependencies: [
                "PokdocKit",
                "Conformance",
                "CourseSite",
                "Grader",
                "Grading",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .testTarget(
            name: "KernelTests",
            dependencies: ["Kernel", "KernelX86Qemu", "KernelXenPV", "KernelSVM", "Libpok", "LibpokXenPV", "I386HostModel", "Conformance"],
            // Both kernels export the C entry names the bare-metal assembly calls (pok_boot, the
            // gates); on the host nothing calls them by those names, so the duplicates are harmless.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--allow-multiple-definition"])]
        ),
        // The spec's own tests and `pokdoc spec` (run as the built binary).
        .testTarget(
            name: "ConformanceTests",
            dependencies: ["Conformance"]
        ),
        .testTarget(
            name: "PokdocTests",
            dependencies: ["PokdocKit"]
        ),
        // The rendered site, and the real-browser test (headless Chromium).
        .testTarget(
            name: "CourseSiteTests",
            dependencies: ["CourseSite", "PokdocKit", "Conformance"]
        ),
        .testTarget(
            name: "GraderTests",
            dependencies: [
                "Grader", "Grading", "PokdocKit", "Conformance",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(
            name: "GradingTests",
            // PokdocKit only to tie the grade verdicts to the runner's (GradeVerdictTests).
            dependencies: ["Grading", "PokdocKit"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
