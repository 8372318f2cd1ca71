/// A way for a partition to write bytes somewhere the kernel prints them (the syscall console, the
/// hypervisor's console). Strings and numbers come with it, formatted without the heap.
/// POK: printf and its %u conversion, libpok/libc/stdio/printf.c
public protocol TextChannel {
    /// Writes `bytes`; returns POK's result (0 = OK).
    @discardableResult
    static func write(bytes: UnsafeRawBufferPointer) -> UInt32
}

extension TextChannel {
    /// Writes a string literal.
    @discardableResult
    public static func write(_ text: StaticString) -> UInt32 {
        text.withUTF8Buffer { bytes in write(bytes: UnsafeRawBufferPointer(bytes)) }
    }

    /// Writes an unsigned number in decimal.
    @discardableResult
    public static func write(_ value: UInt64) -> UInt32 {
        var digits = InlineArray<20, UInt8>(repeating: 0)
        var count = 0
        var rest = value
        repeat {
            digits[19 - count] = 0x30 + UInt8(rest % 10)
            rest /= 10
            count += 1
        } while rest > 0
        return withUnsafeBytes(of: &digits) { all in
            write(bytes: UnsafeRawBufferPointer(rebasing: all[(20 - count)...]))
        }
    }

    /// Writes a 32-bit value in hexadecimal with a `0x` prefix and no leading zeros.
    @discardableResult
    public static func writeHex(_ value: UInt32) -> UInt32 {
        var digits = InlineArray<10, UInt8>(repeating: 0)
        var count = 0
        var rest = value
        repeat {
            let nibble = UInt8(rest & 0xF)
            digits[9 - count] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
            rest >>= 4
            count += 1
        } while rest > 0
        digits[9 - count] = 0x78      // x
        digits[8 - count] = 0x30      // 0
        count += 2
        return withUnsafeBytes(of: &digits) { all in
            write(bytes: UnsafeRawBufferPointer(rebasing: all[(10 - count)...]))
        }
    }
}
