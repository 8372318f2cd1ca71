#if POK_NEEDS_X86_VMM
// ANCHOR: pok-hypercall-n
/// `pokHypercallN` build the argument block with `nargs = N` (POK's 2014 macros always said 2)
/// and trap into the hypervisor.
/// POK: the pok_hypercall1 … pok_hypercall5 macros, libpok/include/core/hypercall.h (PR #3)
@inline(__always)
public func pokHypercall0(_ id: HypercallID) -> UInt32 {
    // SOLUTION-BEGIN step=6 title="The partition side"
    var block = SyscallArguments(nargs: 0)
    return pokDoHypercall(id, &block)
    // SOLUTION-ELSE
    // return UnwrittenStep.report(6, "pokHypercall0 (Sources/Libpok/Core/Hypercall.swift)")
    // SOLUTION-END
}

@inline(__always)
public func pokHypercall1(_ id: HypercallID, _ arg1: UInt32) -> UInt32 {
    // SOLUTION-BEGIN step=6 title="The partition side"
    var block = SyscallArguments(nargs: 1, arg1)
    return pokDoHypercall(id, &block)
    // SOLUTION-ELSE
    // return UnwrittenStep.report(6, "pokHypercall1 (Sources/Libpok/Core/Hypercall.swift)")
    // SOLUTION-END
}

@inline(__always)
public func pokHypercall2(_ id: HypercallID, _ arg1: UInt32, _ arg2: UInt32) -> UInt32 {
    // SOLUTION-BEGIN step=6 title="The partition side"
    var block = SyscallArguments(nargs: 2, arg1, arg2)
    return pokDoHypercall(id, &block)
    // SOLUTION-ELSE
    // return UnwrittenStep.report(6, "pokHypercall2 (Sources/Libpok/Core/Hypercall.swift)")
    // SOLUTION-END
}
// ANCHOR_END: pok-hypercall-n

@inline(__always)
public func pokHypercall3(_ id: HypercallID, _ arg1: UInt32, _ arg2: UInt32, _ arg3: UInt32) -> UInt32 {
    // SOLUTION-BEGIN step=6 title="The partition side"
    var block = SyscallArguments(nargs: 3, arg1, arg2, arg3)
    return pokDoHypercall(id, &block)
    // SOLUTION-ELSE
    // return UnwrittenStep.report(6, "pokHypercall3 (Sources/Libpok/Core/Hypercall.swift)")
    // SOLUTION-END
}

@inline(__always)
public func pokHypercall4(_ id: HypercallID, _ arg1: UInt32, _ arg2: UInt32, _ arg3: UInt32, _ arg4: UInt32) -> UInt32 {
    // SOLUTION-BEGIN step=6 title="The partition side"
    var block = SyscallArguments(nargs: 4, arg1, arg2, arg3, arg4)
    return pokDoHypercall(id, &block)
    // SOLUTION-ELSE
    // return UnwrittenStep.report(6, "pokHypercall4 (Sources/Libpok/Core/Hypercall.swift)")
    // SOLUTION-END
}

@inline(__always)
public func pokHypercall5(_ id: HypercallID, _ arg1: UInt32, _ arg2: UInt32, _ arg3: UInt32, _ arg4: UInt32, _ arg5: UInt32) -> UInt32 {
    // SOLUTION-BEGIN step=6 title="The partition side"
    var block = SyscallArguments(nargs: 5, arg1, arg2, arg3, arg4, arg5)
    return pokDoHypercall(id, &block)
    // SOLUTION-ELSE
    // return UnwrittenStep.report(6, "pokHypercall5 (Sources/Libpok/Core/Hypercall.swift)")
    // SOLUTION-END
}

// ANCHOR: pok-do-hypercall
/// EAX = ID, EBX = the block's partition-relative address, `int $45`; the result comes back in EAX.
/// POK: pok_do_hypercall, libpok/arch/x86/hypercall.c (PR #3)
@inline(__always)
public func pokDoHypercall(_ id: HypercallID, _ block: inout SyscallArguments) -> UInt32 {
    // SOLUTION-BEGIN step=6 title="The partition side"
    PartitionAddress.with(&block) { address in
        SoftInterrupt.raise(vector: hypercallVector, eax: id.rawValue, ebx: address)
    }
    // SOLUTION-ELSE
    // return UnwrittenStep.report(6, "pokDoHypercall (Sources/Libpok/Core/Hypercall.swift)")
    // SOLUTION-END
}
// ANCHOR_END: pok-do-hypercall
#endif
