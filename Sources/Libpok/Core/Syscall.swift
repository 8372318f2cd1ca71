#if POK_NEEDS_SYSCALLS
// ANCHOR: pok-syscall-n
/// `pokSyscallN` build the argument block with `nargs = N` and trap into the kernel.
/// POK: the pok_syscall0 … pok_syscall5 macros, libpok/include/core/syscall.h
@inline(__always)
public func pokSyscall0(_ id: SyscallID) -> UInt32 {
    var block = SyscallArguments(nargs: 0)
    return pokDoSyscall(id, &block)
}

@inline(__always)
public func pokSyscall1(_ id: SyscallID, _ arg1: UInt32) -> UInt32 {
    var block = SyscallArguments(nargs: 1, arg1)
    return pokDoSyscall(id, &block)
}

@inline(__always)
public func pokSyscall2(_ id: SyscallID, _ arg1: UInt32, _ arg2: UInt32) -> UInt32 {
    var block = SyscallArguments(nargs: 2, arg1, arg2)
    return pokDoSyscall(id, &block)
}
// ANCHOR_END: pok-syscall-n

@inline(__always)
public func pokSyscall3(_ id: SyscallID, _ arg1: UInt32, _ arg2: UInt32, _ arg3: UInt32) -> UInt32 {
    var block = SyscallArguments(nargs: 3, arg1, arg2, arg3)
    return pokDoSyscall(id, &block)
}

@inline(__always)
public func pokSyscall4(_ id: SyscallID, _ arg1: UInt32, _ arg2: UInt32, _ arg3: UInt32, _ arg4: UInt32) -> UInt32 {
    var block = SyscallArguments(nargs: 4, arg1, arg2, arg3, arg4)
    return pokDoSyscall(id, &block)
}

@inline(__always)
public func pokSyscall5(_ id: SyscallID, _ arg1: UInt32, _ arg2: UInt32, _ arg3: UInt32, _ arg4: UInt32, _ arg5: UInt32) -> UInt32 {
    var block = SyscallArguments(nargs: 5, arg1, arg2, arg3, arg4, arg5)
    return pokDoSyscall(id, &block)
}

// ANCHOR: pok-do-syscall
/// EAX = ID, EBX = the block's partition-relative address, `int $42`; the result comes back in EAX.
/// POK: pok_do_syscall, libpok/arch/x86/syscall.c
@inline(__always)
public func pokDoSyscall(_ id: SyscallID, _ block: inout SyscallArguments) -> UInt32 {
    PartitionAddress.with(&block) { address in
        SoftInterrupt.raise(vector: syscallVector, eax: id.rawValue, ebx: address)
    }
}
// ANCHOR_END: pok-do-syscall
#endif
