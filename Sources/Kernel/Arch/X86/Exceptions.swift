/// CPU exceptions 0–19: their gates and their report.
/// POK: pok_exception_init and the handlers of kernel/arch/x86/exceptions.c
enum Exceptions {
    // ANCHOR: exception-init
    /// Installs an interrupt gate for every architectural exception but the reserved vector 15.
    /// POK gives them DPL 3; we keep DPL 0 (as Linux and the SDM advise) so a partition cannot
    /// fake a fault with `int $13`, except #BP and #OF, which exist to be raised by `int3`/`into`.
    /// POK: pok_exception_init, kernel/arch/x86/exceptions.c
    static func initialize() {
        for vector in UInt8(0)...19 where vector != 15 {
            let privilegeLevel: UInt8 = (vector == 3 || vector == 4) ? 3 : 0
            IDT.setGate(vector, stub: .exception(vector), type: .interrupt32, privilegeLevel: privilegeLevel)
        }
    }
    // ANCHOR_END: exception-init

    /// Mnemonics from the SDM, Vol. 3A Table 6-1.
    static func mnemonic(_ vector: UInt8) -> StaticString {
        switch vector {
        case 0: "#DE"
        case 1: "#DB"
        case 2: "NMI"
        case 3: "#BP"
        case 4: "#OF"
        case 5: "#BR"
        case 6: "#UD"
        case 7: "#NM"
        case 8: "#DF"
        case 9: "CSO"
        case 10: "#TS"
        case 11: "#NP"
        case 12: "#SS"
        case 13: "#GP"
        case 14: "#PF"
        case 16: "#MF"
        case 17: "#AC"
        case 18: "#MC"
        case 19: "#XM"
        default: "#??"
        }
    }

    static func description(_ vector: UInt8) -> StaticString {
        switch vector {
        case 0: "divide error"
        case 1: "debug exception"
        case 2: "non-maskable interrupt"
        case 3: "breakpoint"
        case 4: "overflow"
        case 5: "bound range exceeded"
        case 6: "invalid opcode"
        case 7: "device not available"
        case 8: "double fault"
        case 9: "coprocessor segment overrun"
        case 10: "invalid TSS"
        case 11: "segment not present"
        case 12: "stack-segment fault"
        case 13: "general protection"
        case 14: "page fault"
        case 16: "x87 floating-point error"
        case 17: "alignment check"
        case 18: "machine check"
        case 19: "SIMD floating-point exception"
        default: "reserved"
        }
    }

    // ANCHOR: exception-report
    /// Reports the exception on the console. A fault in a partition stops that partition; a fault
    /// in the kernel is a panic. Either way the run ends in order: never a reboot.
    /// POK: pok_error_raise_thread / POK_FATAL, kernel/arch/x86/exceptions.c
    static func report(vector: UInt8, frame: UnsafeMutablePointer<InterruptFrame>) {
        let fromPartition = frame.pointee.callerPrivilegeLevel != 0  // ring 3, or a guest kernel's ring 1
        RunReport.protocolLine("FAULT")
        Console.write(" vector=")
        Console.writeDecimal(UInt32(vector))
        Console.write(" name=")
        Console.write(mnemonic(vector))
        Console.write(" error=")
        Console.writeHex(frame.pointee.error)
        Console.write(" eip=")
        Console.writeHex(frame.pointee.eip)
        Console.write(" cs=")
        Console.writeHex(frame.pointee.cs)
        Console.write(" cpl=")
        Console.writeDecimal(UInt32(frame.pointee.callerPrivilegeLevel))
        Console.write(" ")
        Console.write(description(vector))
        if frame.pointee.error & 2 != 0, vector == 13 || vector == 11 || vector == 10 {
            // Bit 1 of a selector error code: the index names an IDT vector (SDM §6.13).
            Console.write(" (IDT vector ")
            Console.writeDecimal(frame.pointee.error >> 3)
            Console.write(")")
        }
        Console.newline()
        if fromPartition {
            Console.write("partition ")
            Console.writeDecimal(UInt32(Partitions.index(ofCodeSelector: frame.pointee.cs)))
            Console.write(" stopped by ")
            Console.write(mnemonic(vector))
            Console.newline()
            RunReport.finish(.partitionFault)
        } else {
            RunReport.finish(.kernelPanic)
        }
    }
    // ANCHOR_END: exception-report
}
