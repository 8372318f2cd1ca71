// One raw `int $45` the grader makes the kernel probe execute, and what it saw.
import Conformance

/// What a call is for: the rule it exercises, which decides what its answer must be.
public enum ProbeCallPurpose: String, Sendable, Equatable {
    /// GETTICK with a good block and buffer; its answer must be OK (the first call of a run).
    case getTick
    /// CONSWRITE of the run's token; OK, and the token on the console exactly once.
    case consoleWrite
    /// A block that leaves the partition: EINVAL.
    case blockOutside
    /// A pointer argument that leaves the partition: EINVAL, nothing read or written.
    case bufferOutside
    /// nargs below what the call reads, or above 5: EINVAL.
    case nargsOutOfRange
    /// An ID outside the table: EINVAL.
    case unknownID
    /// A reserved ID (the IRQ calls): UNAVAILABLE.
    case reservedID
    /// A call with the IDs the student's Libpok sent (ids.kernel-equals-libpok): OK.
    case libpokID
}

/// The inputs of one call: registers and the scratch memory the grader writes before it.
public struct ProbeCall: Sendable, Equatable {
    public var purpose: ProbeCallPurpose
    /// EAX: the ID.
    public var id: UInt32
    /// EBX: the block's partition-relative address.
    public var block: UInt32
    /// The block's words (nargs, arg1 …), written at `block` when it is inside the scratch area.
    public var blockWords: [UInt32]
    /// ECX, EDX, ESI, EDI, EBP: patterns drawn from the seed that must come back unchanged.
    public var patterns: [UInt32]
    /// Bytes written at `bufferOffset` (a CONSWRITE's text).
    public var buffer: [UInt8] = []
    public var bufferOffset: UInt32 = 0
    /// Spin this many iterations before the call (so the timer ticks between two GETTICKs).
    public var spinBefore: UInt32 = 0
    /// The answer the spec requires.
    public var expected: UInt32
    /// A partition-relative address whose 8 bytes the grader reads before and after the call: the
    /// tick a GETTICK stores, or a word outside the partition that must stay untouched.
    public var watch: UInt32?

    public static let patternRegisters = ["ecx", "edx", "esi", "edi", "ebp"]
}

/// What the grader observed for one call.
public struct ProbeCallObservation: Sendable, Equatable {
    public var call: ProbeCall
    /// Where the single-stepped `int $45` landed: the handler's linear address, and the vector
    /// whose IDT entry holds it (nil when it matches none the grader looked at).
    public var landedAt: UInt32
    public var landedVector: Int?
    /// Registers when the probe got control back (nil: it never did).
    public var after: Registers?
    public var before: Registers
    /// The watched 8 bytes before and after.
    public var watchedBefore: [UInt8]?
    public var watchedAfter: [UInt8]?

    /// The registers the ABI speaks of.
    public struct Registers: Sendable, Equatable {
        public var eax, ebx, ecx, edx, esi, edi, ebp, ds, es: UInt32
        public static let preservedNames = ["EBX", "ECX", "EDX", "ESI", "EDI", "EBP", "DS", "ES"]
        public var preserved: [UInt32] { [ebx, ecx, edx, esi, edi, ebp, ds, es] }
    }
}
