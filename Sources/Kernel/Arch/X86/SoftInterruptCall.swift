/// The architecture's half of every soft-interrupt gate, shared by the syscall and the hypercall
/// gate: from the frame the entry stub saved, find the calling partition (from the saved CS),
/// check that EBX names a whole argument block inside it, and copy the block. The gate then
/// crosses into the core once, with `CallerInfo` and `SyscallArguments`.
/// POK: the first half of syscall_gate, kernel/arch/x86/syscalls.c
enum SoftInterruptCall {
    static func decode(_ frame: UnsafeMutablePointer<InterruptFrame>) -> (CallerInfo, SyscallArguments)? {
        let cs = frame.pointee.cs
        guard let partition = Partitions.owning(codeSelector: cs) else { return nil }
        let blockAddress = frame.pointee.ebx
        guard partition.contains(offset: blockAddress, length: SyscallArguments.size) else { return nil }
        let arguments = SyscallArguments(loadingFrom: partition.pointer(blockAddress))
        return (CallerInfo(partitionIndex: Selector.partition(ofCodeSelector: cs), partition: partition), arguments)
    }
}
