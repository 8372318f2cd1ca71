/// Where the entry stubs land in Swift. On metal the assembly calls these C symbols; on the
/// host the model calls `enter(_:frame:)`, which routes to the same functions.
/// POK: the `name_handler` functions its INTERRUPT_HANDLER macros call, kernel/include/arch/x86/interrupt.h
enum InterruptDispatch {
    static func enter(_ stub: EntryStubID, frame: UnsafeMutablePointer<InterruptFrame>) -> UInt32 {
        switch stub {
        case .exception(let vector): exceptionHandler(UnsafeMutableRawPointer(frame), vector: UInt32(vector))
        case .irq(let line): irqHandler(UnsafeMutableRawPointer(frame), line: UInt32(line))
        case .syscall:
            #if POK_NEEDS_SYSCALLS
            return syscallGate(UnsafeMutableRawPointer(frame))
            #else
            break
            #endif
        case .hypercall:
            #if POK_NEEDS_X86_VMM
            return hypercallGate(UnsafeMutableRawPointer(frame))
            #else
            break
            #endif
        case .xenHypercall:
            #if POK_NEEDS_XEN_PV
            return xenHypercallGate(UnsafeMutableRawPointer(frame))
            #else
            break
            #endif
        #if POK_NEEDS_X86_VMM
        case .irqPrologue(let line): irqPrologueHandler(UnsafeMutableRawPointer(frame), line: UInt32(line))
        #endif
        }
        return 0
    }
}

/// POK: the INTERRUPT_HANDLER_errorcode / INTERRUPT_HANDLER bodies of kernel/arch/x86/exceptions.c
@_cdecl("pok_exception_handler")
func exceptionHandler(_ frame: UnsafeMutableRawPointer, vector: UInt32) {
    Exceptions.report(vector: UInt8(truncatingIfNeeded: vector), frame: frame.assumingMemoryBound(to: InterruptFrame.self))
}

/// POK: the per-IRQ handlers registered through pok_bsp_irq_register
@_cdecl("pok_irq_handler")
func irqHandler(_ frame: UnsafeMutableRawPointer, line: UInt32) {
    BoardInterrupts.handle(line: UInt8(truncatingIfNeeded: line), frame: frame.assumingMemoryBound(to: InterruptFrame.self))
}
