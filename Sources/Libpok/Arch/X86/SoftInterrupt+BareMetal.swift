#if POK_BARE_METAL
@_extern(c, "pok_soft_interrupt_42") func pok_soft_interrupt_42(_ eax: UInt32, _ ebx: UInt32) -> UInt32
#if POK_NEEDS_X86_VMM
@_extern(c, "pok_soft_interrupt_45") func pok_soft_interrupt_45(_ eax: UInt32, _ ebx: UInt32) -> UInt32
#endif

/// The partition's trap instruction: a real `int $n` (Sources/Runtime/soft-interrupt.S).
/// POK: the inline asm of pok_do_syscall, libpok/arch/x86/syscall.c
public enum SoftInterrupt {
    @inline(__always)
    public static func raise(vector: UInt8, eax: UInt32, ebx: UInt32) -> UInt32 {
        #if POK_NEEDS_X86_VMM
        if vector == 45 { return pok_soft_interrupt_45(eax, ebx) }
        #endif
        return pok_soft_interrupt_42(eax, ebx)
    }
}

/// A partition is linked at 0 and its segments start at its load address, so an address the
/// partition computes is already partition-relative.
public enum PartitionAddress {
    @inline(__always)
    public static func with<Value, Result>(_ value: inout Value, _ body: (UInt32) -> Result) -> Result {
        withUnsafeMutablePointer(to: &value) { body(UInt32(truncatingIfNeeded: UInt(bitPattern: $0))) }
    }

    /// The partition-relative address of bytes the partition owns (a string in its .rodata).
    @inline(__always)
    public static func withBytes<Result>(_ bytes: UnsafeRawBufferPointer, _ body: (UInt32) -> Result) -> Result {
        body(of(bytes.baseAddress!))
    }

    @inline(__always)
    public static func of(_ pointer: UnsafeRawPointer) -> UInt32 {
        UInt32(truncatingIfNeeded: UInt(bitPattern: pointer))
    }
}
#endif
