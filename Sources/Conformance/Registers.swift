/// What each register carries across a gate, in and out, and which ones the kernel must give back
/// unchanged. POK: libpok/arch/x86/syscall.c (`movl id,%eax; movl args,%ebx; int $42`) and the
/// INTERRUPT_HANDLER_syscall stub (kernel/include/arch/x86/interrupt.h), which writes the result
/// into the saved-EAX slot before `popa`.
public struct Registers: Codable, Sendable, Equatable {
    public var inputs: [RegisterRole]
    public var outputs: [RegisterRole]
    /// Registers whose value after the call equals their value before it.
    public var preserved: [String]

    public init(inputs: [RegisterRole], outputs: [RegisterRole], preserved: [String]) {
        self.inputs = inputs
        self.outputs = outputs
        self.preserved = preserved
    }

    /// Both POK gates: EAX = ID in, result out; EBX = partition-relative address of the block.
    static let pok = Registers(
        inputs: [
            RegisterRole(register: "EAX", meaning: "the call's ID"),
            RegisterRole(register: "EBX", meaning: "partition-relative address of the argument block"),
        ],
        outputs: [RegisterRole(register: "EAX", meaning: "the result, a pok_ret_t value")],
        preserved: ["EBX", "ECX", "EDX", "ESI", "EDI", "EBP", "DS", "ES"])
}

/// One register and what it carries.
public struct RegisterRole: Codable, Sendable, Equatable {
    public var register: String
    public var meaning: String

    public init(register: String, meaning: String) {
        self.register = register
        self.meaning = meaning
    }
}
