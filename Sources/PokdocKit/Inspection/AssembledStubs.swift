import Foundation

/// The instructions of the hand-written stubs a student writes in assembly (the hypercall entry
/// stub, Libpok's `int $45`), read back from the object file the toolchain assembles, and the rules
/// each must follow. The probe checks what the stubs do under QEMU; these rules say, on the host
/// and before anything boots, which instruction breaks the contract.
public struct AssembledStubs: Sendable {
    public struct Instruction: Sendable, Equatable, CustomStringConvertible {
        public var mnemonic: String
        public var operands: String
        /// The symbol a relocation on this instruction names (a call's or jump's target).
        public var target: String?
        public var description: String { operands.isEmpty ? mnemonic : "\(mnemonic) \(operands)" }
    }

    /// Every global function of the object, by name.
    public var functions: [String: [Instruction]]

    /// Assembles `file` for i686 with `defines` and disassembles it.
    public static func assemble(_ file: URL, defines: [String], toolchain: Toolchain = .locate()) async throws -> AssembledStubs {
        let clang = try toolchain.path(of: .clang)
        let objdump = try toolchain.path(of: .llvmObjdump)
        let object = FileManager.default.temporaryDirectory.appendingPathComponent("pok-stub-\(UUID().uuidString).o")
        defer { try? FileManager.default.removeItem(at: object) }
        _ = try await runBuildTool(step: "assemble \(file.lastPathComponent)", clang,
            ["--target=\(Toolchain.embeddedTriple)", "-c", file.path, "-o", object.path] + defines.map { "-D\($0)" })
        let listing = try await runBuildTool(step: "disassemble \(file.lastPathComponent)", objdump,
            ["-d", "-r", "--no-show-raw-insn", object.path])
        return AssembledStubs(listing: listing)
    }

    /// Reads `llvm-objdump -d -r --no-show-raw-insn` output.
    public init(listing: String) {
        var functions: [String: [Instruction]] = [:]
        var current: String?
        for line in listing.split(separator: "\n", omittingEmptySubsequences: false) {
            if let match = line.wholeMatch(of: #/[0-9a-f]+ <([^>]+)>:/#) {
                current = String(match.1)
                functions[current!] = []
            } else if line.isEmpty {
                current = nil
            } else if let name = current, let match = line.firstMatch(of: #/R_386_\w+\s+(\S+)/#) {
                if !functions[name]!.isEmpty { functions[name]![functions[name]!.count - 1].target = String(match.1) }
            } else if let name = current, let match = line.wholeMatch(of: #/\s+[0-9a-f]+:\s+(\S+)\s*(.*)/#) {
                let operands = String(match.2).replacing(#/\s*<[^>]*>/#, with: "").trimmingCharacters(in: .whitespaces)
                functions[name]!.append(Instruction(mnemonic: String(match.1), operands: operands))
            }
        }
        self.functions = functions
    }

    /// What is wrong with an interrupt entry stub that must call `gate` and hand its answer back
    /// in EAX: nothing but the fake error code before the registers are saved, the gate called,
    /// its answer stored into the saved EAX, every push undone, nothing after `popal` but
    /// dropping the error code, and `iretl` last.
    public static func entryStubProblems(_ code: [Instruction]?, name: String, gate: String) -> [String] {
        guard let code, !code.isEmpty else { return ["\(name) is not defined (is it inside #ifdef POK_NEEDS_X86_VMM and declared .global?)"] }
        if code.contains(where: { $0.target == "pok_unwritten_entry" }) {
            return ["\(name) is not written yet (it still jumps to pok_unwritten_entry, the kit's stub)"]
        }
        var problems: [String] = []
        guard let call = code.firstIndex(where: { $0.mnemonic.hasPrefix("call") && $0.target == gate }) else {
            return ["\(name) never calls \(gate)"]
        }
        guard let pushAll = code.firstIndex(where: { $0.mnemonic == "pushal" }), pushAll < call else {
            return ["\(name) calls \(gate) without saving the caller's registers first (pusha)"]
        }
        for instruction in code[..<pushAll] where !(instruction.mnemonic == "cli" || (instruction.mnemonic == "subl" && instruction.operands == "$0x4, %esp")) {
            problems.append("\(name) runs `\(instruction)` before saving the caller's registers")
        }
        guard let popAll = code.lastIndex(where: { $0.mnemonic == "popal" }), popAll > call else {
            return problems + ["\(name) never restores the caller's registers (popa) after the gate returns"]
        }
        let storesAnswer = code[(call + 1)..<popAll].contains {
            $0.mnemonic == "movl" && $0.operands.hasPrefix("%eax, ") && $0.operands.hasSuffix("(%esp)")
        }
        if !storesAnswer {
            problems.append("\(name) does not store the gate's answer (EAX) into the saved frame before popa, so the caller gets its own EAX back")
        }
        for segment in ["%ds", "%es"] {
            let pushes = code[..<call].filter { $0.mnemonic == "pushl" && $0.operands == segment }.count
            let pops = code[call...].filter { $0.mnemonic == "popl" && $0.operands == segment }.count
            if pushes != pops { problems.append("\(name) saves \(segment) \(pushes) time(s) but restores it \(pops) time(s)") }
        }
        for instruction in code[(popAll + 1)...].dropLast() where !(instruction.mnemonic == "addl" && instruction.operands == "$0x4, %esp") {
            problems.append("\(name) runs `\(instruction)` after popa: every register but EAX must reach the caller as popa left it")
        }
        if code.last?.mnemonic != "iretl" {
            problems.append("\(name) must return with iret (it ends with `\(code.last!)`)")
        }
        return problems
    }

    /// What is wrong with a partition's trap stub `uint32_t name(uint32_t eax, uint32_t ebx)`:
    /// it must trap with `int $vector`, keep EBX (callee-saved in the C ABI) and return.
    public static func softInterruptProblems(_ code: [Instruction]?, name: String, vector: UInt8) -> [String] {
        guard let code, !code.isEmpty else { return ["\(name) is not defined (is it inside #ifdef POK_NEEDS_X86_VMM and declared .global?)"] }
        let trap = "$0x" + String(vector, radix: 16)
        guard let int = code.firstIndex(where: { $0.mnemonic == "int" && $0.operands == trap }) else {
            if code.contains(where: { $0.mnemonic == "movl" && $0.operands.hasPrefix("$0xffffff06") }) {
                return ["\(name) is not written yet (it answers 0xFFFFFF06 without trapping, the kit's stub)"]
            }
            return ["\(name) never executes `int \(trap)`"]
        }
        var problems: [String] = []
        let loadsEBX = code[..<int].contains { $0.operands.hasSuffix(", %ebx") }
        if !loadsEBX { problems.append("\(name) does not load EBX (the argument block) before `int \(trap)`") }
        let loadsEAX = code[..<int].contains { $0.operands.hasSuffix(", %eax") }
        if !loadsEAX { problems.append("\(name) does not load EAX (the ID) before `int \(trap)`") }
        let saves = code[..<int].contains { $0.mnemonic == "pushl" && $0.operands == "%ebx" }
        let restores = code[int...].contains { $0.mnemonic == "popl" && $0.operands == "%ebx" }
        if !(saves && restores) { problems.append("\(name) must save and restore EBX around the trap: the C ABI says the caller keeps it") }
        if code.last?.mnemonic != "retl" { problems.append("\(name) must end with ret (it ends with `\(code.last!)`)") }
        return problems
    }
}
