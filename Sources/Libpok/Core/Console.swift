#if POK_NEEDS_SYSCALLS
/// Printing from a partition: every byte goes through the CONSWRITE syscall, so the kernel
/// checks that the buffer lies inside the partition.
/// POK: printf → pok_syscall2(POK_SYSCALL_CONSWRITE, …), libpok/libc/stdio/printf.c
public enum Console: TextChannel {
    @discardableResult
    public static func write(bytes: UnsafeRawBufferPointer) -> UInt32 {
        PartitionAddress.withBytes(bytes) { address in
            pokSyscall2(.consoleWrite, address, UInt32(bytes.count))
        }
    }
}
#endif
