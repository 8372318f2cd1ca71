/// The rules both gates share, worded for one of them: `kind` is "syscall" or "hypercall" and
/// prefixes every ID ("hypercall.gate.descriptor"). `sections` says where the course teaches each.
struct GateRules {
    var kind: String
    var gate: Gate
    var blockSize: UInt32
    var gateSection: String
    var registersSection: String
    var nargsSection: String
    var pointerSection: String
    var idsSection: String

    var rules: [Rule] {
        let v = gate.vector
        return [
            Rule(id: "\(kind).gate.descriptor", title: "The gate's descriptor",
                 statement: "IDT entry \(v) is a present 32-bit interrupt gate (type 0x\(hex(gate.typeField))), DPL \(gate.dpl), selector 0x\(hex(gate.selector, width: 2)): attribute byte 0x\(hex(gate.attributeByte)).",
                 chapterSection: gateSection),
            Rule(id: "\(kind).gate.cpl3", title: "A partition may call the gate",
                 statement: "`int $\(v)` from CPL 3 is delivered through vector \(v), not turned into #GP(0x\(hex(gate.privilegeFaultErrorCode))).",
                 chapterSection: gateSection),
            Rule(id: "\(kind).registers.result", title: "EAX carries the ID in and the result out",
                 statement: "EAX holds the call's ID on entry and its pok_ret_t result on return.",
                 chapterSection: registersSection),
            Rule(id: "\(kind).registers.preserved", title: "Every other register is preserved",
                 statement: "EBX, ECX, EDX, ESI, EDI, EBP, DS and ES hold after the call what they held before it.",
                 chapterSection: registersSection),
            Rule(id: "\(kind).block.layout", title: "The argument block",
                 statement: "EBX points to {nargs, arg1 … arg5}, 32-bit words at offsets 0, 4 … 20: \(blockSize) bytes.",
                 chapterSection: registersSection),
            Rule(id: "\(kind).nargs.range", title: "nargs from what the call reads up to 5",
                 statement: "A call is served when nargs is at least the number of arguments it reads and at most 5; otherwise the result is POK_ERRNO_EINVAL and nothing happens.",
                 chapterSection: nargsSection),
            Rule(id: "\(kind).pointer.block", title: "The block pointer is partition-relative",
                 statement: "EBX is an offset from the caller's partition base; when the \(blockSize) bytes there leave the partition, the result is POK_ERRNO_EINVAL and the kernel goes on.",
                 chapterSection: pointerSection),
            Rule(id: "\(kind).pointer.buffer", title: "Pointer arguments are partition-relative",
                 statement: "Every pointer argument is an offset from the caller's partition base and is checked for the length its call gives (CONSWRITE: arg2 bytes; GETTICK: 8 bytes); outside the partition the result is POK_ERRNO_EINVAL and no byte is read or written.",
                 chapterSection: pointerSection),
            Rule(id: "\(kind).conswrite.bytes", title: "CONSWRITE writes exactly its bytes",
                 statement: "CONSWRITE with arg1 = buffer and arg2 = n writes those n bytes to the console, in order, and answers POK_ERRNO_OK.",
                 chapterSection: registersSection),
            Rule(id: "\(kind).gettick.advances", title: "GETTICK stores a tick count that advances",
                 statement: "GETTICK stores a UInt64 tick count at arg1 and answers POK_ERRNO_OK; a later call stores a count no smaller, and larger once the timer has ticked.",
                 chapterSection: registersSection),
            Rule(id: "\(kind).id.unknown", title: "An unknown ID is EINVAL",
                 statement: "An ID the table does not hold answers POK_ERRNO_EINVAL and the kernel keeps running.",
                 chapterSection: idsSection),
            Rule(id: "\(kind).id.reserved", title: "A reserved ID is UNAVAILABLE",
                 statement: "An ID the table marks as not served answers POK_ERRNO_UNAVAILABLE without reading the block.",
                 chapterSection: idsSection),
        ]
    }
}

/// Upper-case hexadecimal, no prefix, zero-padded to `width` digits.
func hex<T: BinaryInteger>(_ value: T, width: Int = 1) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
