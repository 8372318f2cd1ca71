// The README promises that its two commands do all the set-up. So `pokdoc run` and `pokdoc
// test` install the Debian packages that are missing when they can — as root, or through
// passwordless sudo, with apt present — saying what they install first; when they cannot, they
// print the exact command and stop. The effects (who am I, may I sudo, is there apt, run this)
// are injected so the decision is tested without touching the machine.

import Foundation
import Subprocess

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

public struct PackageInstaller: Sendable {
    /// Everything the installer does to or asks of the machine.
    public struct Effects: Sendable {
        public var isRoot: @Sendable () -> Bool
        /// `sudo -n true` succeeds: sudo exists and asks for no password.
        public var hasPasswordlessSudo: @Sendable () async -> Bool
        public var hasApt: @Sendable () -> Bool
        /// Runs a command (argv) with its output shown to the user; returns its exit status.
        public var run: @Sendable ([String]) async -> Int32
        /// Tells the user something.
        public var say: @Sendable (String) -> Void

        public init(isRoot: @escaping @Sendable () -> Bool,
                    hasPasswordlessSudo: @escaping @Sendable () async -> Bool,
                    hasApt: @escaping @Sendable () -> Bool,
                    run: @escaping @Sendable ([String]) async -> Int32,
                    say: @escaping @Sendable (String) -> Void) {
            self.isRoot = isRoot
            self.hasPasswordlessSudo = hasPasswordlessSudo
            self.hasApt = hasApt
            self.run = run
            self.say = say
        }

        /// The real machine; `say` writes to standard error (standard output may be JSON).
        public static let live = Effects(
            isRoot: { geteuid() == 0 },
            hasPasswordlessSudo: { await exitStatus(["sudo", "-n", "true"], quiet: true) == 0 },
            hasApt: { FileManager.default.isExecutableFile(atPath: "/usr/bin/apt-get") },
            run: { await exitStatus($0, quiet: false) },
            say: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
    }

    /// What the installer did.
    public enum Outcome: Sendable, Equatable {
        /// Nothing was missing; nothing ran.
        case nothingMissing
        case installed([DebianPackage])
        /// Not root, no passwordless sudo, or no apt: the user must run `command`.
        case cannotInstall(command: String)
        /// apt ran and failed.
        case failed(command: String, status: Int32)

        /// True when the course can go on.
        public var isReady: Bool {
            switch self {
            case .nothingMissing, .installed: true
            case .cannotInstall, .failed: false
            }
        }
    }

    public var effects: Effects

    public init(effects: Effects = .live) {
        self.effects = effects
    }

    /// Installs what `DebianPackage.missing(in:)` finds missing (nothing at all when nothing is).
    public func installMissing(toolchain: Toolchain = .locate()) async -> Outcome {
        await install(DebianPackage.missing(in: toolchain))
    }

    /// Installs `missing` if it can, and says what it does either way.
    public func install(_ missing: [DebianPackage]) async -> Outcome {
        guard !missing.isEmpty else { return .nothingMissing }
        let names = missing.map(\.name)
        let what = missing.map { "\($0.name) (for \($0.provides))" }.joined(separator: ", ")
        let update = ["apt-get", "update", "-qq"]
        let install = ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq"] + names

        let prefix: [String]
        if !effects.hasApt() {
            return refuse(what, because: "apt-get is not here; install them with your package manager",
                          command: DebianPackage.installCommand(missing))
        } else if effects.isRoot() {
            prefix = []
        } else if await effects.hasPasswordlessSudo() {
            prefix = ["sudo", "-n"]
        } else {
            return refuse(what, because: "installing needs root, and sudo asks for a password",
                          command: "sudo apt-get update && sudo " + DebianPackage.installCommand(missing))
        }
        effects.say("missing: \(what); installing: \((prefix + install).joined(separator: " "))")
        for command in [prefix + update, prefix + install] {
            let status = await effects.run(command)
            if status != 0 {
                let shown = command.joined(separator: " ")
                effects.say("failed (exit \(status)): \(shown)")
                return .failed(command: shown, status: status)
            }
        }
        return .installed(missing)
    }

    private func refuse(_ what: String, because reason: String, command: String) -> Outcome {
        effects.say("missing: \(what); \(reason). Run:\n  \(command)")
        return .cannotInstall(command: command)
    }
}

/// Runs argv (looked up on PATH) and returns its exit status; 127 if it could not start.
private func exitStatus(_ command: [String], quiet: Bool) async -> Int32 {
    guard let name = command.first else { return 127 }
    let arguments = Arguments(Array(command.dropFirst()))
    do {
        let status = quiet
            ? try await Subprocess.run(.name(name), arguments: arguments, input: .none,
                                       output: .discarded, error: .discarded).terminationStatus
            : try await Subprocess.run(.name(name), arguments: arguments, input: .none,
                                       output: .currentStandardOutput, error: .currentStandardError).terminationStatus
        if case .exited(let code) = status { return Int32(code) }
        return 128
    } catch {
        return 127
    }
}
