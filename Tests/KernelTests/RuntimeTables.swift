// The tables the bare-metal runtime defines in assembly, read from Sources/Runtime, so the host
// tests name and number entry stubs exactly as the image does instead of keeping a second copy.
import Foundation
import Testing
@testable import Kernel
import I386HostModel

enum RuntimeTables {
    static let runtime = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Runtime")

    /// The symbols between `label:` and `label_end:` (or the next label), in order; `.long 0`
    /// (the `#else` of a feature) is left out.
    static func table(_ file: String, _ label: String) -> [String] {
        guard let text = try? String(contentsOf: runtime.appendingPathComponent(file), encoding: .utf8) else { return [] }
        var symbols: [String] = []
        var inside = false
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "\(label):" { inside = true; continue }
            guard inside else { continue }
            if trimmed.hasSuffix(":") { break }
            guard trimmed.hasPrefix(".long") else { continue }
            symbols += trimmed.dropFirst(5).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0 != "0" }
        }
        return symbols
    }

    /// `pok_entry_stub_table` then `pok_irq_prologue_table`: index i is `EntryStubID.tableIndex` i.
    static let entryStubs = table("entry-stubs.S", "pok_entry_stub_table") + table("prologue-vmm.S", "pok_irq_prologue_table")

    /// The vectors entry-stubs.S assembles with `EXCEPTION_ERR` (the CPU pushed an error code).
    static let errorCodeVectors: Set<UInt8> = {
        guard let text = try? String(contentsOf: runtime.appendingPathComponent("entry-stubs.S"), encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").compactMap { line in
            line.wholeMatch(of: #/\s*EXCEPTION_ERR\s+(\d+)\s*/#).flatMap { UInt8($0.1) }
        })
    }()
}

/// The facts the assembly and the Swift both hold, tied together: the entry-stub numbering and the
/// exceptions that push an error code (kernel, runtime, and the SDM's list in the host model).
@Suite("Chapter 1 — entry stubs: the assembly and the Swift agree")
struct Chapter01EntryStubTable {
    @Test("every EntryStubID's table index names its stub in entry-stubs.S (and prologue-vmm.S)")
    func numbering() {
        var expected: [(EntryStubID, String)] = (0...19).map { (.exception(UInt8($0)), "pok_exception_entry_\($0)") }
        expected += (0...15).map { (.irq(UInt8($0)), "pok_irq_entry_\($0)") }
        expected += [(.syscall, "pok_syscall_entry"), (.hypercall, "pok_hypercall_entry"), (.xenHypercall, "pok_xen_hypercall_entry")]
        expected += (0...15).map { (.irqPrologue(UInt8($0)), "pok_irq_prologue_\($0)") }
        #expect(RuntimeTables.entryStubs.count == expected.count, "the runtime's tables hold \(RuntimeTables.entryStubs.count) stubs, EntryStubID numbers \(expected.count)")
        for (id, symbol) in expected {
            let index = Int(id.tableIndex)
            let actual = RuntimeTables.entryStubs.indices.contains(index) ? RuntimeTables.entryStubs[index] : "nothing"
            #expect(actual == symbol, "EntryStubID \(id) is index \(index); the runtime's table has \(actual) there")
        }
    }

    @Test("the exceptions with an error code: entry-stubs.S, EntryStubID and the SDM (host model) agree")
    func errorCodes() {
        for vector in UInt8(0)...19 {
            let kernel = EntryStubID.exception(vector).expectsCPUErrorCode
            let runtime = RuntimeTables.errorCodeVectors.contains(vector)
            let cpu = I386Machine.exceptionHasErrorCode(vector)
            #expect(kernel == cpu && runtime == cpu, "vector \(vector): the CPU pushes an error code: \(cpu); EntryStubID says \(kernel); entry-stubs.S says \(runtime)")
        }
    }
}
