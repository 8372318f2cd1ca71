import Libpok

// ANCHOR: test-hypercall
/// POK's testHypercall: the hello partition of Chapter 2 with every syscall replaced by a
/// hypercall. It prints through the hypervisor's console and reads the clock through hypercall
/// GETTICK. Built for x86-qemu-vmm only.
@_cdecl("pok_partition_main")
public func partitionMain() {
    Hypervisor.write("Hello from partition 0, through the hypercall gate\n")
    guard let first = Hypervisor.ticks() else {
        Hypervisor.write("hypercall GETTICK failed\n")
        return
    }
    var spins: UInt32 = 0
    while let now = Hypervisor.ticks(), now < first + 20 { spins &+= 1 }
    guard let second = Hypervisor.ticks() else {
        Hypervisor.write("hypercall GETTICK failed\n")
        return
    }
    Hypervisor.write("first tick by hypercall: ")
    Hypervisor.write(first)
    Hypervisor.write("\nsecond tick by hypercall: ")
    Hypervisor.write(second)
    Hypervisor.write(second > first ? "\ntime advances\n" : "\ntime stood still\n")
}
// ANCHOR_END: test-hypercall
