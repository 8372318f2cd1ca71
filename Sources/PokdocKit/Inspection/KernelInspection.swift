import Foundation
import Subprocess

/// Looks inside a built kernel: its symbol table and the IDT it dumped at boot. This is how
/// Chapter 3 proves that the VMM board leaves the normal board untouched.
public struct KernelInspection: Sendable {
    public let elf: String
    /// Address → symbol name, from `llvm-nm`.
    public let symbols: [UInt32: String]
    /// Every symbol name.
    public let symbolNames: [String]
    /// Symbol name → address (every name, even where two share an address).
    public let addresses: [String: UInt32]

    public static func load(elf: String, toolchain: Toolchain = .locate()) async throws -> KernelInspection {
        let nm = try toolchain.path(of: .llvmNM)
        let output = try await runBuildTool(step: "read the symbol table", nm, ["--defined-only", elf])
        var symbols: [UInt32: String] = [:]
        var names: [String] = []
        var addresses: [String: UInt32] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 3, let address = UInt32(parts[0], radix: 16) else { continue }
            let name = String(parts[2])
            names.append(name)
            addresses[name] = address
            // Prefer the global entry symbols over local labels at the same address.
            if symbols[address] == nil || name.hasPrefix("pok_") { symbols[address] = name }
        }
        return KernelInspection(elf: elf, symbols: symbols, symbolNames: names, addresses: addresses)
    }

    /// Words that only VMM code uses: in a symbol of the `x86-qemu` image they mean VMM code leaked in.
    public static let vmmMarkers = ["hypercall", "Hypercall", "prologue", "Prologue", "VMM", "vmm"]

    /// Symbols that belong to the VMM board.
    public var vmmSymbols: [String] {
        symbolNames.filter { name in Self.vmmMarkers.contains { name.contains($0) } }
    }

    /// One line per present gate: `42 selector=0x8 attributes=0xee -> pok_syscall_entry`. Offsets
    /// are named by symbol, so the table compares across builds whose code moved.
    public func describeIDT(transcript: [String]) -> [String] {
        IDTDump.parse(transcript).map { gate in
            let target = symbols[gate.offset] ?? "0x" + String(gate.offset, radix: 16)
            return "\(gate.vector) selector=0x\(String(gate.selector, radix: 16)) attributes=0x\(String(gate.attributes, radix: 16)) -> \(target)"
        }
    }
}

/// The `[idt] vector N selector 0xS attributes 0xA offset 0xO` lines a kernel prints with `idtdump`.
public enum IDTDump {
    public struct Gate: Equatable, Sendable {
        public var vector: Int
        public var selector: UInt32
        public var attributes: UInt32
        public var offset: UInt32
    }

    public static func parse(_ transcript: [String]) -> [Gate] {
        transcript.compactMap { line in
            let words = line.split(separator: " ")
            guard words.count == 9, words[0] == "[idt]", words[1] == "vector", let vector = Int(words[2]),
                  let selector = hex(words[4]), let attributes = hex(words[6]), let offset = hex(words[8])
            else { return nil }
            return Gate(vector: vector, selector: selector, attributes: attributes, offset: offset)
        }
    }

    static func hex(_ word: Substring) -> UInt32? {
        word.hasPrefix("0x") ? UInt32(word.dropFirst(2), radix: 16) : nil
    }
}

/// A chapter's kernel booted with `idtdump`: its live IDT with gate targets named by symbol, and
/// the symbols of the image that ran.
public struct LiveIDT: Sendable {
    public var gates: [String]
    public var inspection: KernelInspection

    public struct DidNotRun: Error, CustomStringConvertible, Sendable {
        public var problems: [String]
        public var description: String { problems.joined(separator: "; ") }
    }

    /// Boots `chapter`'s own program for `bsp` until its first tick, with the IDT dumped at boot.
    public static func boot(_ chapter: Chapter, bsp: BoardSupportPackage, course: Course) async throws -> LiveIDT {
        var scenario = Scenario(name: "idt", program: chapter.frontMatter.program, bsp: bsp, ticks: 1)
        scenario.arguments = ["idtdump"]
        let outcome = await ScenarioRunner(course: course).run(scenario, of: chapter)
        guard let run = outcome.run, let image = outcome.image else { throw DidNotRun(problems: outcome.problems) }
        let inspection = try await KernelInspection.load(elf: image)
        return LiveIDT(gates: inspection.describeIDT(transcript: run.transcript), inspection: inspection)
    }

    /// The gates of `expected` missing here (`- `) and the ones here it lacks (`+ `).
    public static func difference(_ expected: [String], _ actual: [String]) -> String {
        let missing = expected.filter { !actual.contains($0) }.map { "- " + $0 }
        let extra = actual.filter { !expected.contains($0) }.map { "+ " + $0 }
        return (missing + extra).joined(separator: "\n")
    }
}
