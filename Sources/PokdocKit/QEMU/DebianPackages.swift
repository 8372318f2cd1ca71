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

    /// What `pokdoc run` and `pokdoc test` install when it is missing.
    public static let required: [DebianPackage] = [.qemu, .gmp, .bubblewrap]

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
