// ANCHOR: interrupt-frame
/// What an entry stub leaves on the kernel stack, lowest address first: the segment registers it
/// pushed, `pusha`'s eight registers, the error code (real or fake), then what the CPU pushed.
/// `esp` and `ss` are valid only when the interrupt came from a partition (CPL 3).
/// POK: interrupt_frame, kernel/include/arch/x86/interrupt.h
public struct InterruptFrame {
    public var es: UInt32
    public var ds: UInt32
    public var edi: UInt32
    public var esi: UInt32
    public var ebp: UInt32
    public var espAtPusha: UInt32
    public var ebx: UInt32
    public var edx: UInt32
    public var ecx: UInt32
    public var eax: UInt32
    public var error: UInt32
    public var eip: UInt32
    public var cs: UInt32
    public var eflags: UInt32
    public var esp: UInt32
    public var ss: UInt32

    /// The privilege level of the interrupted code.
    public var callerPrivilegeLevel: UInt8 { UInt8(cs & 3) }
}
// ANCHOR_END: interrupt-frame
