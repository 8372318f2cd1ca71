import Libpok

@_extern(c, "pok_xen_enter_ring3") func enterRing3(_ entry: @convention(c) () -> Void, _ cs: UInt32, _ ss: UInt32)
@_extern(c, "pok_xen_trap82") func trap82(_ registers: UnsafeMutablePointer<UInt32>)

// ANCHOR: xen-ring3
/// The guest kernel starts one of its own programs in ring 3 (with the ring-3 segments the kernel's
/// GDT holds for partition 0: code 0x23, data 0x2b), and that program tries the hypercall gate
/// directly. The gate's DPL is 1, so the CPU refuses it with #GP(0x82·8 + 2 = 0x412).
@_cdecl("pok_partition_main")
public func partitionMain() {
    Xen.write("guest kernel in ring 1: starting a ring-3 program\n")
    enterRing3(ring3Program, 0x23, 0x2B)
}

func ring3Program() {
    var registers = InlineArray<6, UInt32>(repeating: 0)
    registers[0] = XenHypercallID.consoleIO.rawValue
    withUnsafeMutablePointer(to: &registers) {
        $0.withMemoryRebound(to: UInt32.self, capacity: 6) { trap82($0) }  // int $0x82 from CPL 3
    }
    Console.write("int $0x82 returned to ring 3: the gate must refuse CPL 3\n")
}
// ANCHOR_END: xen-ring3
