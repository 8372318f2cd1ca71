/// What a partition does when its program returns.
/// POK: the end of the main thread, libpok/core/thread.c (pok_thread_stop_self)
@_cdecl("pok_partition_exit")
public func partitionExit() {
    #if POK_NEEDS_XEN_PV
    Xen.shutdown()  // a guest kernel in ring 1 has only the hypercall page
    #elseif POK_NEEDS_SYSCALLS
    _ = pokSyscall0(.shutdown)
    #endif
    while true {}
}
