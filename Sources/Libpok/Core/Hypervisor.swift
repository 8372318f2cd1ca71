#if POK_NEEDS_X86_VMM
/// A paravirtualised partition's console and clock: the hypercall twins of `Console` and `Time`,
/// used by Chapter 4's testHypercall partition.
/// POK: the hypercall versions of printf and pok_time_gettick in examples/testHypercall (PR #3)
public enum Hypervisor: TextChannel {
    @discardableResult
    public static func write(bytes: UnsafeRawBufferPointer) -> UInt32 {
        PartitionAddress.withBytes(bytes) { address in
            pokHypercall2(.consoleWrite, address, UInt32(bytes.count))
        }
    }

    /// The tick count through hypercall GETTICK, or nil if the hypervisor refused.
    public static func ticks() -> UInt64? {
        var ticks: UInt64 = 0
        let result = PartitionAddress.with(&ticks) { address in pokHypercall1(.getTick, address) }
        return result == PokReturn.ok.rawValue ? ticks : nil
    }
}
#endif
