/// Multiboot v1 hands the kernel EAX = 0x2BADB002 and EBX = its information structure.
/// POK: pok_multiboot_magic / pok_multiboot_info, kernel/arch/x86/x86-qemu/entry.S
enum Multiboot {
    static let bootloaderMagic: UInt32 = 0x2BAD_B002

    /// The command line (flags bit 2, field at offset 16), if the loader passed one.
    static func commandLine(info: UInt32) -> UnsafeRawPointer? {
        guard info != 0, let structure = Hardware.physicalPointer(info) else { return nil }
        let flags = structure.load(as: UInt32.self)
        guard flags & (1 << 2) != 0 else { return nil }
        return Hardware.physicalPointer(structure.load(fromByteOffset: 16, as: UInt32.self))
    }
}

// ANCHOR: boot
/// The kernel's first Swift code, called by the boot stub.
/// POK: pok_boot, kernel/core/boot.c
@_cdecl("pok_boot")
public func pokBoot(magic: UInt32, info: UInt32) {
    RunReport.configure(commandLine: magic == Multiboot.bootloaderMagic ? Multiboot.commandLine(info: info) : nil)
    archInit()                // GDT, TSS, then pok_event_init: IDT, exceptions, gates
    BoardSupport.initialize() // serial console, PIC
    RunReport.bootLine()
    IDT.summarize()           // what event init registered, now that the console works
    Time.initialize()         // PIT on IRQ 0, vector 32
    Partitions.initialize()
    if RunReport.dumpIDT { IDT.dump() }
    Console.write("POK kernel initialized\n")
    Partitions.start(0)       // iret to CPL 3; interrupts on from here
}
// ANCHOR_END: boot
