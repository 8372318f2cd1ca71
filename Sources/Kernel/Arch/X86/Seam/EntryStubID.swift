/// The kernel's interrupt entry stubs, numbered as the table in `Sources/Runtime/entry-stubs.S`.
/// A gate descriptor's offset is the address of one of these.
public enum EntryStubID: Equatable, Sendable {
    case exception(UInt8)   // 0–19
    case irq(UInt8)         // PIC lines 0–15
    case syscall
    case hypercall
    /// Xen-style `int $0x82` (POK_NEEDS_XEN_PV).
    case xenHypercall
    #if POK_NEEDS_X86_VMM
    /// The VMM's per-line interrupt prologue (Sources/Runtime/prologue-vmm.S).
    case irqPrologue(UInt8)
    #endif

    public var tableIndex: UInt32 {
        switch self {
        case .exception(let vector): UInt32(vector)
        case .irq(let line): 20 + UInt32(line)
        case .syscall: 36
        case .hypercall: 37
        case .xenHypercall: 38
        #if POK_NEEDS_X86_VMM
        case .irqPrologue(let line): 39 + UInt32(line)
        #endif
        }
    }

    /// The exceptions for which the CPU pushes an error code (SDM Vol. 3A Table 6-1).
    public var expectsCPUErrorCode: Bool {
        if case .exception(let vector) = self {
            return vector == 8 || (10...14).contains(vector) || vector == 17
        }
        return false
    }

    /// The soft-interrupt gates return their result in EAX.
    public var returnsInEAX: Bool { self == .syscall || self == .hypercall || self == .xenHypercall }
}
