/// The ABI the course teaches, as data: the facts a kernel and its partitions must agree on, from
/// POK (and its 2014 paravirtualisation work) and the Intel SDM; docs/ARCHITECTURE.md, "The ABI".
/// Tests and, later, the grader compare an implementation against these values — never against the
/// implementation's own constants.
public enum TeachingABI {
    /// One soft-interrupt gate: where it is and how its IDT descriptor must look.
    public struct Gate: Sendable, Equatable {
        public var name: String
        public var vector: UInt8
        /// P = 1, DPL 3, S = 0, type 0xE (32-bit interrupt gate).
        public var attributes: UInt8
        /// The kernel code segment (GDT index 1).
        public var selector: UInt16
        /// The #GP error code a CPL-3 `int` gets when the gate's DPL is 0 (SDM: vector·8 + 2).
        public var privilegeFaultErrorCode: UInt32 { UInt32(vector) * 8 + 2 }
    }

    /// POK_SYSCALL_INT_NUMBER; pok_syscall_init (kernel/arch/x86/syscalls.c).
    public static let syscallGate = Gate(name: "syscall", vector: 42, attributes: 0xEE, selector: 0x08)
    /// POK_HYPERCALL_INT_NUMBER; pok_hypercall_init (PR #3, kernel/arch/x86/hypercall.c).
    public static let hypercallGate = Gate(name: "hypercall", vector: 45, attributes: 0xEE, selector: 0x08)

    /// pok_syscall_id_t values the course's partitions use (kernel/include/core/syscall.h).
    public static let syscallIDs: [String: UInt32] = [
        "consoleWrite": 10, "getChar": 11, "getTick": 20, "threadSleepUntil": 51, "threadSleep": 52,
        "threadID": 58, "partitionGetID": 405, "partitionGetPeriod": 406, "shutdown": 707,
    ]

    /// pok_hypercall_id_t (PR #3, kernel/include/core/hypercall.h).
    public static let hypercallIDs: [String: UInt32] = [
        "consoleWrite": 10, "getTick": 20, "irqRegisterHandler": 25, "irqUnregisterHandler": 26,
        "irqPartitionEnable": 27, "irqPartitionDisable": 28, "irqPartitionAck": 29,
    ]

    /// pok_ret_t values the gates return (kernel/include/errno.h).
    public enum Result {
        public static let ok: UInt32 = 0
        public static let invalid: UInt32 = 1
        public static let unavailable: UInt32 = 2
    }

    /// Register roles, for both gates: EAX = ID in and result out, EBX = partition-relative address
    /// of `{nargs, arg1 … arg5}` (6 × UInt32); every other register is preserved.
    public static let argumentBlockSize = 24
}
