/// One way a guest asks the layer beneath it for a service, as data for comparison (Chapter 5):
/// POK's hypercall gate, Xen's 32-bit PV `int $0x82`, KVM's VMCALL/VMMCALL and Palacios's
/// registration map. `Profile` is the full ABI the grader checks (POK's gates); an interface is
/// what a comparison table needs: the entry, who may use it, the registers, the number space, the
/// dispatch, what a missing call gives, and how a call is added.
public struct HypercallInterface: Codable, Sendable, Equatable {
    /// The stable name, e.g. "xen"; `pokdoc spec --profile NAME` finds it.
    public var name: String
    public var title: String
    public var entry: HypercallEntry
    /// Who issues the call.
    public var caller: String
    public var numberRegister: String
    /// The argument registers, in order.
    public var argumentRegisters: [String]
    /// Where the result comes back; nil where the handler alone decides (Palacios).
    public var resultRegister: String?
    /// Registers the call may change besides the result.
    public var clobbered: String
    /// The numbers the interface defines (Xen's and KVM's whole tables; Palacios's predefined IDs).
    public var numbers: [HypercallNumber]
    /// How a number reaches its handler.
    public var dispatch: String
    /// What a number with no handler gives.
    public var missing: MissingCall
    /// What privilege the call needs, and what happens without it.
    public var privilege: String
    /// How a new call is added, step by step.
    public var extending: [String]
    /// The hypercall page, where the hypervisor writes a stub a call (Xen).
    public var page: HypercallPage?

    public init(name: String, title: String, entry: HypercallEntry, caller: String, numberRegister: String,
                argumentRegisters: [String], resultRegister: String?, clobbered: String, numbers: [HypercallNumber],
                dispatch: String, missing: MissingCall, privilege: String, extending: [String], page: HypercallPage? = nil) {
        self.name = name
        self.title = title
        self.entry = entry
        self.caller = caller
        self.numberRegister = numberRegister
        self.argumentRegisters = argumentRegisters
        self.resultRegister = resultRegister
        self.clobbered = clobbered
        self.numbers = numbers
        self.dispatch = dispatch
        self.missing = missing
        self.privilege = privilege
        self.extending = extending
        self.page = page
    }

    /// The number called `name`, if the interface defines it.
    public func number(_ name: String) -> UInt32? { numbers.first { $0.name == name }?.value }
}

/// The instruction a guest executes and how control reaches the handler.
public struct HypercallEntry: Codable, Sendable, Equatable {
    /// As an assembler spells it, e.g. "int $0x82", "vmmcall".
    public var instruction: String
    /// Its bytes.
    public var encoding: [UInt8]
    /// The IDT vector, for a software interrupt.
    public var vector: UInt8?
    /// The gate's DPL, for a software interrupt: the least privileged ring that may use it.
    public var gateDPL: UInt8?
    /// How the handler is reached, e.g. "#VMEXIT, exit code 0x81 (VMEXIT_VMMCALL)".
    public var transfer: String

    public init(instruction: String, encoding: [UInt8], vector: UInt8? = nil, gateDPL: UInt8? = nil, transfer: String) {
        self.instruction = instruction
        self.encoding = encoding
        self.vector = vector
        self.gateDPL = gateDPL
        self.transfer = transfer
    }

    /// The #GP error code a ring-3 `int` gets when the gate's DPL is below 3 (Intel SDM vol. 2A,
    /// INT n: vector·8 + 2, the IDT bit set); nil when ring 3 may use it or it is no `int`.
    public var ring3FaultErrorCode: UInt32? {
        guard let vector, let gateDPL, gateDPL < 3 else { return nil }
        return UInt32(vector) * 8 + 2
    }
}

/// A call number and its name in the interface's own headers.
public struct HypercallNumber: Codable, Sendable, Equatable {
    public var value: UInt32
    public var name: String

    public init(_ value: UInt32, _ name: String) {
        self.value = value
        self.name = name
    }
}

/// What a guest gets for a number no handler serves.
public struct MissingCall: Codable, Sendable, Equatable {
    /// The value in the result register, as a signed number (e.g. -38).
    public var value: Int64
    /// Its name, e.g. "-ENOSYS".
    public var name: String
    public var description: String

    public init(value: Int64, name: String, description: String) {
        self.value = value
        self.name = name
        self.description = description
    }

    /// What a 32-bit guest reads in its register.
    public var as32Bit: UInt32 { UInt32(truncatingIfNeeded: value) }
}

/// A page the hypervisor fills with one stub a call, so that the guest calls `page + n·slotSize`
/// instead of spelling the trap itself.
public struct HypercallPage: Codable, Sendable, Equatable {
    public var slotSize: Int
    /// The stub's bytes before the call number (e.g. `B8`, mov $imm32, %eax).
    public var prefix: [UInt8]
    /// The stub's bytes after the 32-bit little-endian call number (e.g. `CD 82 C3`).
    public var suffix: [UInt8]

    public init(slotSize: Int, prefix: [UInt8], suffix: [UInt8]) {
        self.slotSize = slotSize
        self.prefix = prefix
        self.suffix = suffix
    }

    /// The stub for call `number`, without the slot's padding.
    public func stub(_ number: UInt32) -> [UInt8] {
        prefix + [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: number >> $0) } + suffix
    }
}
