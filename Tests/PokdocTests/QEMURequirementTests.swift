import Foundation
import Subprocess
import Testing
@testable import PokdocKit

/// Rule: a host test that needs QEMU, run where QEMU is missing, fails first and says how to
/// install it. QEMU is made missing the way `Toolchain` finds tools: a search path without it.
@Suite("Chapter 0 — a test that needs QEMU says how to install it")
struct Chapter00QEMURequirement {
    static let installCommand = try! #require(Tool.qemu.installCommand)

    @Test("without QEMU on the search path, the requirement names the install command")
    func requirementNamesTheFix() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("pokdoc-no-qemu-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let missing = qemuMissing(Toolchain.locate(searchPath: empty.path))
        #expect(missing?.contains(Self.installCommand) == true, "got \(missing ?? "nil (QEMU found in an empty folder?)")")
    }

    /// Runs this test bundle again, with a PATH that holds the Swift toolchain but not QEMU.
    @Test("Chapter 2's mistake tests, run without QEMU, fail with the install command, not with a kernel symptom")
    func mistakeTestsWithoutQEMU() async throws {
        let swiftBin = try #require(Toolchain.locate().swiftBinDirectory, "swiftc is not on PATH")
        try #require(!FileManager.default.isExecutableFile(atPath: swiftBin + "/" + Tool.qemu.rawValue),
                     "QEMU sits beside swiftc, so a PATH of the toolchain alone cannot hide it")
        let bundle = CommandLine.arguments[0]
        let result = try await Subprocess.run(
            .path(.init(bundle)),
            arguments: ["--testing-library", "swift-testing", "--filter", "Chapter02Mistakes"],
            environment: .inherit.updating(["PATH": swiftBin]),
            output: .string(limit: 4 << 20), error: .combinedWithOutput)
        let output = result.standardOutput
        #expect(result.terminationStatus != .exited(0), "without QEMU the mistake tests must fail, not pass or skip:\n\(output.suffix(2000))")
        #expect(output.contains(Self.installCommand), "the failure must give the install command:\n\(output.suffix(2000))")
        #expect(!output.contains("explanation, got"), "a missing QEMU must not read as a kernel symptom:\n\(output.suffix(2000))")
        #expect(output.contains("dplZero") || output.contains("DPL-0"), "the mistake tests did not run:\n\(output.suffix(2000))")
    }
}
