/// The serial console on COM1 (16550 UART at 0x3F8): everything the kernel prints.
/// POK: pok_cons_init / pok_cons_write, kernel/arch/x86/x86-qemu/cons.c (its COM1 path)
public enum Console {
    static let port: UInt16 = 0x3F8

    /// 38400 baud, 8N1, FIFO on.
    static func initialize() {
        Hardware.outb(port + 1, 0x00)   // no UART interrupts
        Hardware.outb(port + 3, 0x80)   // DLAB: next two bytes are the divisor
        Hardware.outb(port + 0, 0x03)
        Hardware.outb(port + 1, 0x00)
        Hardware.outb(port + 3, 0x03)   // 8 bits, no parity, one stop bit
        Hardware.outb(port + 2, 0xC7)
    }

    /// True when the last byte written ended a line: the kernel's own reports wait for it, so they
    /// never split a line a partition is writing.
    nonisolated(unsafe) static var atLineStart = true

    static func writeByte(_ byte: UInt8) {
        // Wait for the transmitter holding register to empty (LSR bit 5).
        while Hardware.inb(port + 5) & 0x20 == 0 {}
        Hardware.outb(port, byte)
        atLineStart = byte == 0x0A
    }

    public static func write(_ text: StaticString) {
        text.withUTF8Buffer { for byte in $0 { writeByte(byte) } }
    }

    static func write(bytes: UnsafeRawBufferPointer) {
        for byte in bytes { writeByte(byte) }
    }

    static func newline() { writeByte(0x0A) }

    static func writeDecimal(_ value: UInt32) {
        var digits = InlineArray<10, UInt8>(repeating: 0)
        var count = 0
        var rest = value
        repeat {
            digits[count] = 0x30 + UInt8(rest % 10)
            rest /= 10
            count += 1
        } while rest > 0
        while count > 0 {
            count -= 1
            writeByte(digits[count])
        }
    }

    static func writeHex(_ value: UInt32) {
        write("0x")
        var started = false
        for shift in stride(from: 28, through: 0, by: -4) {
            let nibble = UInt8((value >> UInt32(shift)) & 0xF)
            if nibble != 0 || started || shift == 0 {
                started = true
                writeByte(nibble < 10 ? 0x30 + nibble : 0x57 + nibble)
            }
        }
    }
}

/// Embedded Swift's `print` ends here (through libc's putchar).
@_cdecl("pok_putchar")
func pokPutchar(_ byte: UInt8) { Console.writeByte(byte) }
