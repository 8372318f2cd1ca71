// The Debian packages the course needs beyond the Swift toolchain: the one place their names
// are written. `pokdoc run`, `pokdoc test` and `pokdoc doctor --fix` install the missing ones
// (PackageInstaller); Tool.installCommand and the doctor's fixes derive from this list, and a
// test ties .ci/run's own list (a shell script cannot import it) to it.

import Foundation

/// A Debian package the course cannot run without.
public struct DebianPackage: Sendable, Equatable, Hashable {
    /// The package name, as `apt-get install` takes it.
    public var name: String
    /// What the course uses from it, for messages.
    public var provides: String

    /// `qemu-system-i386`, which boots every kernel.
    public static let qemu = DebianPackage(name: "qemu-system-x86", provides: "qemu-system-i386")
    /// `gmp.h`, for the grader's exact rubric arithmetic.
    public static let gmp = DebianPackage(name: "libgmp-dev", provides: "gmp.h")
    /// `bwrap`, the sandbox every process that touches a submission runs in (Sandbox.swift).
    public static let bubblewrap = DebianPackage(name: "bubblewrap", provides: "bwrap")
    /// `gdb`, for `pokdoc run --gdb`; a convenience, never installed unasked.
    public static let gdb = DebianPackage(name: "gdb", provides: "gdb")
    /// `setpriv`, which starts QEMU with a parent-death signal. Essential on Debian.
    public static let utilLinux = DebianPackage(name: "util-linux", provides: "setpriv")

    /// `cmark-gfm.h`, GitHub's CommonMark library, through which `pokdoc render` renders chapters.
    public static let cmarkGFM = DebianPackage(name: "libcmark-gfm-dev", provides: "cmark-gfm.h")
    /// `cmark-gfm-core-extensions.h`: GitHub's tables, strikethrough, autolinks, task lists.
    public static let cmarkGFMExtensions = DebianPackage(name: "libcmark-gfm-extensions-dev", provides: "cmark-gfm-core-extensions.h")
    /// highlight.js, copied into the rendered site to colour its listings.
    public static let highlightJS = DebianPackage(name: "libjs-highlight.js", provides: "highlight.js")
    /// Graphviz's `dot`, which draws the chapters' diagrams.
    public static let graphviz = DebianPackage(name: "graphviz", provides: "dot")
    /// Headless Chromium, in which the site's test loads every page (CI installs it; a student
    /// does not need it).
    public static let chromium = DebianPackage(name: "chromium", provides: "chromium")

    /// What `pokdoc run` and `pokdoc test` install when it is missing. The cmark-gfm headers are
    /// needed to build pokdoc itself, so on a new machine `.ci/run` (or the SwiftPM hint, which
    /// Package.swift's providers give) installs them first.
    public static let required: [DebianPackage] = [.qemu, .gmp, .bubblewrap, .cmarkGFM, .cmarkGFMExtensions, .highlightJS, .graphviz]
    /// What CI installs besides `required`: the browser of the site's real-browser test.
    public static let browserTest: [DebianPackage] = [.chromium]

    /// `apt-get install -y <names>`.
    public static func installCommand(_ packages: [DebianPackage]) -> String {
        (["apt-get", "install", "-y"] + packages.map(\.name)).joined(separator: " ")
    }

    /// The packages of `required` that are not installed, judged by what the course uses
    /// from them (a binary on PATH, a header), not by dpkg.
    public static func missing(in toolchain: Toolchain = .locate()) -> [DebianPackage] {
        required.filter { package in
            switch package {
            case .qemu: toolchain.paths[.qemu] == nil
            case .gmp: gmpHeader() == nil
            case .bubblewrap: toolchain.paths[.bwrap] == nil
            case .cmarkGFM: !FileManager.default.fileExists(atPath: "/usr/include/cmark-gfm.h")
            case .cmarkGFMExtensions: !FileManager.default.fileExists(atPath: "/usr/include/cmark-gfm-core-extensions.h")
            case .highlightJS: !FileManager.default.fileExists(atPath: "/usr/share/javascript/highlight.js/highlight.min.js")
            case .graphviz: toolchain.paths[.dot] == nil
            default: false
            }
        }
    }

    /// Where `gmp.h` is, if anywhere the compiler looks by default.
    public static func gmpHeader() -> String? {
        let multiarch = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/include")) ?? [])
            .map { "/usr/include/\($0)/gmp.h" }
        return (["/usr/include/gmp.h", "/usr/local/include/gmp.h"] + multiarch)
            .first(where: FileManager.default.fileExists(atPath:))
    }
}
