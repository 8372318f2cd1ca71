/// One ABI the course teaches, as data: a gate, what the registers carry, the argument block, the
/// ID table, the error codes and the rules a conforming kernel and partition obey. Checks, chapters
/// and tests read these values — never an implementation's own constants.
public struct Profile: Codable, Sendable, Equatable {
    /// The profile's stable name, e.g. "pok-hypercall".
    public var name: String
    public var title: String
    /// The boards (BSPs) that offer this ABI.
    public var boards: [String]
    public var gate: Gate
    public var registers: Registers
    public var argumentBlock: ArgumentBlock
    public var nargs: NargsRule
    public var pointers: PointerConvention
    /// The result for an ID the table does not hold (a `pok_ret_t` name).
    public var unknownID: String
    /// The ID table, by ID.
    public var calls: [Call]
    /// `pok_ret_t`, by value.
    public var errors: [ErrorCode]
    public var rules: [Rule]

    public init(name: String, title: String, boards: [String], gate: Gate, registers: Registers, argumentBlock: ArgumentBlock,
                nargs: NargsRule, pointers: PointerConvention, unknownID: String, calls: [Call], errors: [ErrorCode], rules: [Rule]) {
        self.name = name
        self.title = title
        self.boards = boards
        self.gate = gate
        self.registers = registers
        self.argumentBlock = argumentBlock
        self.nargs = nargs
        self.pointers = pointers
        self.unknownID = unknownID
        self.calls = calls
        self.errors = errors
        self.rules = rules
    }

    /// The table as the course's enums spell it: case name → ID.
    public var idsByName: [String: UInt32] {
        Dictionary(uniqueKeysWithValues: calls.map { ($0.name, $0.id) })
    }

    /// The call with this case name, e.g. "consoleWrite".
    public func call(_ name: String) -> Call? { calls.first { $0.name == name } }

    /// The value of a `pok_ret_t` name, e.g. "POK_ERRNO_EINVAL".
    public func error(_ name: String) -> UInt32? { errors.first { $0.name == name }?.value }

    /// The rule with this stable ID.
    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }
}

/// How pointers cross the gate: EBX and every pointer argument are offsets from the calling
/// partition's base (its segments start there), and the kernel serves a call only when every
/// byte it would touch lies inside that partition.
/// POK: syscall_gate (kernel/arch/x86/syscalls.c) adds `base_addr`; pok_check_ptr_in_partition.
public struct PointerConvention: Codable, Sendable, Equatable {
    /// What a pointer is an offset from.
    public var relativeTo: String
    /// The result when a pointer's bytes leave the partition (a `pok_ret_t` name).
    public var outside: String

    public init(relativeTo: String, outside: String) {
        self.relativeTo = relativeTo
        self.outside = outside
    }

    static let pok = PointerConvention(relativeTo: "the calling partition's base address", outside: "POK_ERRNO_EINVAL")
}
