/// Formats a number without the heap, for the partition consoles.
/// POK: the %u conversion of libpok/libc/stdio/printf.c
public enum DecimalDigits {
    public static func withDigits<Result>(of value: UInt64, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        var digits = InlineArray<20, UInt8>(repeating: 0)
        var count = 0
        var rest = value
        repeat {
            digits[19 - count] = 0x30 + UInt8(rest % 10)
            rest /= 10
            count += 1
        } while rest > 0
        return withUnsafeBytes(of: &digits) { all in
            body(UnsafeRawBufferPointer(rebasing: all[(20 - count)...]))
        }
    }
}
