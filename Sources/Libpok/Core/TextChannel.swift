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
    public static func write(_ value: UInt64) -> UInt32 { write(value, radix: 10, prefix: false) }

    /// Writes a 32-bit value in hexadecimal with a `0x` prefix and no leading zeros.
    @discardableResult
    public static func writeHex(_ value: UInt32) -> UInt32 { write(UInt64(value), radix: 16, prefix: true) }

    /// The digits of `value` in `radix` (10 or 16), lowest last, `0x` first when `prefix`.
    static func write(_ value: UInt64, radix: UInt64, prefix: Bool) -> UInt32 {
        var digits = InlineArray<22, UInt8>(repeating: 0)
        var count = 0
        var rest = value
        repeat {
            let digit = UInt8(rest % radix)
            digits[21 - count] = digit < 10 ? 0x30 + digit : 0x57 + digit
            rest /= radix
            count += 1
        } while rest > 0
        if prefix {
            digits[21 - count] = 0x78      // x
            digits[20 - count] = 0x30      // 0
            count += 2
        }
        return withUnsafeBytes(of: &digits) { all in
            write(bytes: UnsafeRawBufferPointer(rebasing: all[(22 - count)...]))
        }
    }
}
