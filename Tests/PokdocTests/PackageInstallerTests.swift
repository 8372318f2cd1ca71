// The README's first command installs what is missing when it can (PackageInstaller), with the
// machine's answers injected; and .ci/run's package list is DebianPackage.required.

import Foundation
import Synchronization
import Testing
@testable import PokdocKit

@Suite("Package installer")
struct PackageInstallerTests {
    /// A machine with the given answers that records what it was asked to run and what was said.
    final class FakeMachine: Sendable {
        let root: Bool, sudo: Bool, apt: Bool, status: Int32
        private let log = Mutex<(ran: [[String]], said: [String])>(([], []))

        init(root: Bool, sudo: Bool = false, apt: Bool = true, status: Int32 = 0) {
            (self.root, self.sudo, self.apt, self.status) = (root, sudo, apt, status)
        }

        var ran: [[String]] { log.withLock { $0.ran } }
        var said: [String] { log.withLock { $0.said } }

        var effects: PackageInstaller.Effects {
            PackageInstaller.Effects(
                isRoot: { self.root }, hasPasswordlessSudo: { self.sudo }, hasApt: { self.apt },
                run: { command in self.log.withLock { $0.ran.append(command) }; return self.status },
                say: { line in self.log.withLock { $0.said.append(line) } })
        }
    }

    @Test func rootWithAptSaysWhatItInstallsThenRunsAptGet() async {
        let machine = FakeMachine(root: true)
        let outcome = await PackageInstaller(effects: machine.effects).install(DebianPackage.required)
        #expect(outcome == .installed(DebianPackage.required))
        #expect(machine.ran == [
            ["apt-get", "update", "-qq"],
            ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq", "qemu-system-x86", "libgmp-dev", "bubblewrap",
             "libcmark-gfm-dev", "libcmark-gfm-extensions-dev", "libjs-highlight.js", "graphviz"],
        ])
        #expect(machine.said.first?.hasPrefix("missing: qemu-system-x86 (for qemu-system-i386), libgmp-dev (for gmp.h), bubblewrap (for bwrap), libcmark-gfm-dev (for cmark-gfm.h)") == true,
                "it says what it installs before it does: \(machine.said)")
    }

    @Test func passwordlessSudoRunsAptGetThroughSudo() async {
        let machine = FakeMachine(root: false, sudo: true)
        let outcome = await PackageInstaller(effects: machine.effects).install([.qemu])
        #expect(outcome == .installed([.qemu]))
        #expect(machine.ran.allSatisfy { $0.starts(with: ["sudo", "-n"]) }, "\(machine.ran)")
    }

    @Test func withoutRootOrSudoItPrintsTheExactCommandAndFails() async {
        let machine = FakeMachine(root: false, sudo: false)
        let outcome = await PackageInstaller(effects: machine.effects).install(DebianPackage.required)
        let command = "sudo apt-get update && sudo apt-get install -y qemu-system-x86 libgmp-dev bubblewrap libcmark-gfm-dev libcmark-gfm-extensions-dev libjs-highlight.js graphviz"
        #expect(outcome == .cannotInstall(command: command))
        #expect(!outcome.isReady, "pokdoc run must stop")
        #expect(machine.ran.isEmpty, "nothing may run")
        #expect(machine.said.joined().contains(command), "the exact command is printed: \(machine.said)")
    }

    @Test func withoutAptItPrintsTheCommandAndRunsNothing() async {
        let machine = FakeMachine(root: true, apt: false)
        let outcome = await PackageInstaller(effects: machine.effects).install([.gmp])
        #expect(outcome == .cannotInstall(command: "apt-get install -y libgmp-dev"))
        #expect(machine.ran.isEmpty)
    }

    @Test func nothingMissingDoesNothing() async {
        let machine = FakeMachine(root: true)
        let outcome = await PackageInstaller(effects: machine.effects).install([])
        #expect(outcome == .nothingMissing && outcome.isReady)
        #expect(machine.ran.isEmpty && machine.said.isEmpty, "no command, no message")
    }

    @Test func aFailingAptGetIsReported() async {
        let machine = FakeMachine(root: true, status: 100)
        let outcome = await PackageInstaller(effects: machine.effects).install([.qemu])
        #expect(outcome == .failed(command: "apt-get update -qq", status: 100))
        #expect(machine.ran.count == 1, "install is not attempted after update failed")
    }

    @Test(".ci/run installs exactly DebianPackage.required, then the browser test's")
    func ciScriptListsTheSamePackages() throws {
        let script = try String(contentsOf: CourseFixture.root.appendingPathComponent(".ci/run"), encoding: .utf8)
        // The script's lines look like: `... || missing+=(qemu-system-x86)`.
        let listed = script.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "missing+=(") else { return nil }
            return String(line[range.upperBound...].prefix { $0 != ")" })
        }
        #expect(listed == (DebianPackage.required + DebianPackage.browserTest).map(\.name),
                ".ci/run's `missing+=(…)` lines must name DebianPackage.required and then .browserTest, in order: \(listed)")
    }
}
