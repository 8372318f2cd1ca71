// Where the tools live. The bare-metal build must use the clang and ld.lld that came with the
// Swift toolchain (a distribution's older LLVM may reject what swiftc emits), so every LLVM
// tool is looked up beside the `swiftc` found on PATH first, and on PATH only after that.

import Foundation
import Subprocess

/// A program the bare-metal build or the QEMU runner needs.
public enum Tool: String, CaseIterable, Codable, Sendable {
    case swiftc
    case clang
    case ldLLD = "ld.lld"
    case llvmObjcopy = "llvm-objcopy"
    case llvmNM = "llvm-nm"
    case llvmObjdump = "llvm-objdump"
    case qemu = "qemu-system-i386"
    case gdb
    /// util-linux's `setpriv`: starts QEMU with a parent-death signal (QEMUSpawn.swift).
    case setpriv
    /// bubblewrap: runs what touches student code with no network and only the files it is given
    /// (Sandbox.swift).
    case bwrap
    /// Graphviz: draws the chapters' ```dot diagrams in `pokdoc render`.
    case dot
    /// Headless Chromium: the rendered site's real-browser test.
    case chromium

    /// Comes with the Swift toolchain, so it is looked up beside `swiftc` first.
    var shipsWithSwift: Bool {
        switch self {
        case .clang, .ldLLD, .llvmObjcopy, .llvmNM, .llvmObjdump: true
        case .swiftc, .qemu, .gdb, .setpriv, .bwrap, .dot, .chromium: false
        }
    }

    /// The command that installs the tool on Debian and Ubuntu, when there is one.
    public var installCommand: String? {
        debianPackage.map { DebianPackage.installCommand([$0]) }
    }

    /// The Debian package that provides the tool, when one does.
    public var debianPackage: DebianPackage? {
        switch self {
        case .qemu: .qemu
        case .gdb: .gdb
        case .setpriv: .utilLinux
        case .bwrap: .bubblewrap
        case .dot: .graphviz
        case .chromium: .chromium
        case .swiftc, .clang, .ldLLD, .llvmObjcopy, .llvmNM, .llvmObjdump: nil
        }
    }

    /// What to do when the tool is missing, in one line.
    public var fixHint: String {
        if let installCommand { return installCommand }
        return "install the Swift 6.3 toolchain from swift.org and put its usr/bin on PATH (e.g. export PATH=/opt/swift/usr/bin:$PATH)"
    }
}

/// A tool could not be found.
public struct ToolNotFound: Error, CustomStringConvertible, Sendable {
    public var tool: Tool
    public var description: String { "\(tool.rawValue) not found; fix: \(tool.fixHint)" }
}

/// One line of `pokdoc doctor`.
public struct DoctorCheck: Codable, Sendable, Equatable {
    public var check: String
    public var ok: Bool
    public var detail: String
    /// A command that fixes a failed check, when one exists.
    public var fixCommand: String?
    /// False for conveniences such as gdb: their absence does not stop a build or a run.
    public var required: Bool

    public init(check: String, ok: Bool, detail: String, fixCommand: String? = nil, required: Bool = true) {
        self.check = check
        self.ok = ok
        self.detail = detail
        self.fixCommand = fixCommand
        self.required = required
    }
}

/// The located tools.
public struct Toolchain: Codable, Sendable, Equatable {
    /// The target triple of the bare-metal build.
    public static let embeddedTriple = "i686-unknown-none-elf"

    /// Absolute paths of the tools that were found.
    public var paths: [Tool: String]
    /// The directory holding the real `swiftc` (symlinks resolved), e.g. `/opt/swift/usr/bin`.
    public var swiftBinDirectory: String?

    public init(paths: [Tool: String], swiftBinDirectory: String?) {
        self.paths = paths
        self.swiftBinDirectory = swiftBinDirectory
    }

    /// Finds every tool, looking beside `swiftc` first for the ones the Swift toolchain ships.
    public static func locate(searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) -> Toolchain {
        let directories = (searchPath ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":").map(String.init).filter { $0.hasPrefix("/") }
        var paths: [Tool: String] = [:]
        var swiftBin: String?
        if let swiftc = findExecutable("swiftc", in: directories) {
            paths[.swiftc] = swiftc
            swiftBin = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent().path
        }
        for tool in Tool.allCases where tool != .swiftc {
            let preferred = tool.shipsWithSwift ? swiftBin.map { [$0] } ?? [] : []
            paths[tool] = findExecutable(tool.rawValue, in: preferred + directories)
        }
        return Toolchain(paths: paths, swiftBinDirectory: swiftBin)
    }

    /// The tool's path, or an error that says how to install it.
    public func path(of tool: Tool) throws(ToolNotFound) -> String {
        guard let path = paths[tool] else { throw ToolNotFound(tool: tool) }
        return path
    }

    /// `<toolchain>/usr/lib/swift/embedded/Swift.swiftmodule/i686-unknown-none-elf.swiftmodule`,
    /// whether or not it exists.
    public var embeddedStdlibModule: String? {
        swiftBinDirectory.map {
            "\($0)/../lib/swift/embedded/Swift.swiftmodule/\(Self.embeddedTriple).swiftmodule"
        }.map(standardized)
    }

    /// `<toolchain>/usr/lib/swift/embedded/i686-unknown-none-elf`, which holds
    /// `libswiftUnicodeDataTables.a` (needed by String comparison and hashing).
    public var embeddedLibraryDirectory: String? {
        swiftBinDirectory.map { "\($0)/../lib/swift/embedded/\(Self.embeddedTriple)" }.map(standardized)
    }

    /// Checks everything `pokdoc build`, `run`, `test` and `grade` depend on.
    public func doctor() async -> [DoctorCheck] {
        var checks: [DoctorCheck] = []

        if let swiftc = paths[.swiftc] {
            let version = await firstLine(of: swiftc, ["--version"]) ?? "version unknown"
            checks.append(DoctorCheck(check: "swiftc", ok: true, detail: "\(swiftc): \(version)"))
        } else {
            checks.append(DoctorCheck(check: "swiftc", ok: false, detail: "not on PATH",
                                      fixCommand: "export PATH=/opt/swift/usr/bin:$PATH"))
        }

        for tool in [Tool.clang, .ldLLD, .llvmObjcopy, .llvmNM] {
            if let path = paths[tool] {
                let beside = swiftBinDirectory.map { path.hasPrefix($0 + "/") } ?? false
                checks.append(DoctorCheck(check: tool.rawValue, ok: true,
                                          detail: path + (beside ? "" : " (not the one beside swiftc)")))
            } else {
                checks.append(DoctorCheck(check: tool.rawValue, ok: false, detail: "not found beside swiftc or on PATH",
                                          fixCommand: "export PATH=/opt/swift/usr/bin:$PATH"))
            }
        }

        if let module = embeddedStdlibModule, FileManager.default.fileExists(atPath: module) {
            checks.append(DoctorCheck(check: "Embedded Swift stdlib (\(Self.embeddedTriple))", ok: true, detail: module))
        } else {
            checks.append(DoctorCheck(
                check: "Embedded Swift stdlib (\(Self.embeddedTriple))", ok: false,
                detail: "missing \(embeddedStdlibModule ?? "lib/swift/embedded/Swift.swiftmodule/\(Self.embeddedTriple).swiftmodule"); Swift 6.3 release toolchains ship it",
                fixCommand: "export PATH=/opt/swift/usr/bin:$PATH"))
        }

        if let qemu = paths[.qemu] {
            let version = await firstLine(of: qemu, ["--version"]) ?? "version unknown"
            checks.append(DoctorCheck(check: Tool.qemu.rawValue, ok: true, detail: "\(qemu): \(version)"))
            let devices = await output(of: qemu, ["-device", "help"]) ?? ""
            let hasExit = devices.contains("isa-debug-exit")
            checks.append(DoctorCheck(check: "QEMU isa-debug-exit device", ok: hasExit,
                                      detail: hasExit ? "present" : "qemu-system-i386 -device help does not list it",
                                      fixCommand: hasExit ? nil : Tool.qemu.installCommand))
        } else {
            checks.append(DoctorCheck(check: Tool.qemu.rawValue, ok: false, detail: "not on PATH",
                                      fixCommand: Tool.qemu.installCommand))
        }

        checks.append(DoctorCheck(
            check: "setpriv (QEMU dies with pokdoc)", ok: paths[.setpriv] != nil,
            detail: paths[.setpriv] ?? "not on PATH", fixCommand: paths[.setpriv] == nil ? Tool.setpriv.installCommand : nil))
        checks.append(DoctorCheck(
            check: "bwrap (the sandbox for student code)", ok: paths[.bwrap] != nil,
            detail: paths[.bwrap] ?? "not on PATH", fixCommand: paths[.bwrap] == nil ? Tool.bwrap.installCommand : nil))

        if let header = DebianPackage.gmpHeader() {
            checks.append(DoctorCheck(check: "GMP (exact rubric arithmetic)", ok: true, detail: header))
        } else {
            checks.append(DoctorCheck(check: "GMP (exact rubric arithmetic)", ok: false, detail: "gmp.h not found",
                                      fixCommand: DebianPackage.installCommand([.gmp])))
        }

        checks.append(DoctorCheck(
            check: "dot (the rendered course's diagrams)", ok: paths[.dot] != nil,
            detail: paths[.dot] ?? "not on PATH; pokdoc render shows diagrams as lists", fixCommand: paths[.dot] == nil ? Tool.dot.installCommand : nil))
        let highlight = !DebianPackage.missing(in: self).contains(.highlightJS)
        checks.append(DoctorCheck(
            check: "highlight.js (the rendered course's colours)", ok: highlight,
            detail: highlight ? "/usr/share/javascript/highlight.js" : "not installed; pokdoc render shows listings uncoloured",
            fixCommand: highlight ? nil : DebianPackage.installCommand([.highlightJS])))

        if let gdb = paths[.gdb] {
            checks.append(DoctorCheck(check: "gdb (for pokdoc run --gdb)", ok: true, detail: gdb, required: false))
        } else {
            checks.append(DoctorCheck(check: "gdb (for pokdoc run --gdb)", ok: false, detail: "not on PATH",
                                      fixCommand: Tool.gdb.installCommand, required: false))
        }
        return checks
    }
}

/// The output of a short command, both streams together, or nil if it could not run.
private func output(of executable: String, _ arguments: [String]) async -> String? {
    guard let result = try? await run(.path(.init(executable)), arguments: Arguments(arguments),
                                      output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
    else { return nil }
    return result.standardOutput + result.standardError
}

private func firstLine(of executable: String, _ arguments: [String]) async -> String? {
    await output(of: executable, arguments)?
        .split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) }
}

private func findExecutable(_ name: String, in directories: [String]) -> String? {
    directories.lazy.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

private func standardized(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
}
