#if POK_NEEDS_X86_VMM
/// A paravirtualised partition's console and clock: the hypercall twins of `Console` and `Time`,
/// used by Chapter 4's testHypercall partition.
/// POK: the hypercall versions of printf and pok_time_gettick in examples/testHypercall (PR #3)
public enum Hypervisor {
    @discardableResult
    public static func write(_ text: StaticString) -> UInt32 {
        text.withUTF8Buffer { bytes in write(bytes: UnsafeRawBufferPointer(bytes)) }
    }

    @discardableResult
    public static func write(bytes: UnsafeRawBufferPointer) -> UInt32 {
        PartitionAddress.withBytes(bytes) { address in
            pokHypercall2(.consoleWrite, address, UInt32(bytes.count))
        }
    }

    @discardableResult
    public static func write(_ value: UInt64) -> UInt32 {
        DecimalDigits.withDigits(of: value) { write(bytes: $0) }
    }

    /// The tick count through hypercall GETTICK, or nil if the hypervisor refused.
    public static func ticks() -> UInt64? {
        var ticks: UInt64 = 0
        let result = PartitionAddress.with(&ticks) { address in pokHypercall1(.getTick, address) }
        return result == PokReturn.ok.rawValue ? ticks : nil
    }
}
#endif
