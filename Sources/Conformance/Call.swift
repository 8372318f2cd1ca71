/// One entry of a gate's ID table: the ID, the arguments the call reads from the block, and the
/// results it may give.
public struct Call: Codable, Sendable, Equatable {
    /// The case name in the course's ID enums (Kernel and Libpok), e.g. "consoleWrite".
    public var name: String
    /// POK's constant, e.g. POK_HYPERCALL_CONSWRITE.
    public var pokName: String
    /// The value in EAX.
    public var id: UInt32
    /// False for an ID the course reserves: the kernel knows it and answers POK_ERRNO_UNAVAILABLE
    /// without reading the block.
    public var served: Bool
    /// The arguments the call reads, by slot; `nargs` must be at least `reads.count`.
    public var reads: [CallArgument]
    /// The `pok_ret_t` names the call may answer.
    public var results: [String]

    public init(name: String, pokName: String, id: UInt32, served: Bool = true, reads: [CallArgument] = [], results: [String]) {
        self.name = name
        self.pokName = pokName
        self.id = id
        self.served = served
        self.reads = reads
        self.results = results
    }

    /// A reserved ID: known, not served.
    static func reserved(_ name: String, _ pokName: String, _ id: UInt32) -> Call {
        Call(name: name, pokName: pokName, id: id, served: false, results: ["POK_ERRNO_UNAVAILABLE"])
    }
}

/// One argument a call reads.
public struct CallArgument: Codable, Sendable, Equatable {
    /// The block field: "arg1" … "arg5".
    public var slot: String
    public var meaning: String
    /// Set when the argument is a partition-relative pointer.
    public var pointer: PointerLength?

    public init(slot: String, meaning: String, pointer: PointerLength? = nil) {
        self.slot = slot
        self.meaning = meaning
        self.pointer = pointer
    }
}

/// How many bytes from a pointer argument must lie inside the caller's partition: a fixed count
/// or the value of another argument. Exactly one of the two is set.
public struct PointerLength: Codable, Sendable, Equatable {
    public var bytes: UInt32?
    /// The slot whose value is the length, e.g. "arg2".
    public var fromSlot: String?

    public static func bytes(_ n: UInt32) -> PointerLength { PointerLength(bytes: n, fromSlot: nil) }
    public static func from(_ slot: String) -> PointerLength { PointerLength(bytes: nil, fromSlot: slot) }

    /// "8 bytes", "arg2 bytes".
    public var description: String { bytes.map { "\($0) bytes" } ?? "\(fromSlot ?? "?") bytes" }
}

extension Call {
    /// CONSWRITE, on both gates: arg1 = buffer, arg2 = its length.
    static func consoleWrite(_ pokName: String) -> Call {
        Call(name: "consoleWrite", pokName: pokName, id: 10, reads: [
            CallArgument(slot: "arg1", meaning: "the bytes to write", pointer: .from("arg2")),
            CallArgument(slot: "arg2", meaning: "how many bytes"),
        ], results: ["POK_ERRNO_OK", "POK_ERRNO_EINVAL"])
    }

    /// GETTICK, on both gates: arg1 = where to store the 64-bit tick count.
    static func getTick(_ pokName: String) -> Call {
        Call(name: "getTick", pokName: pokName, id: 20, reads: [
            CallArgument(slot: "arg1", meaning: "where to store the tick count (UInt64)", pointer: .bytes(8)),
        ], results: ["POK_ERRNO_OK", "POK_ERRNO_EINVAL"])
    }
}
