#if !POK_BARE_METAL && POK_NEEDS_XEN_PV
import I386HostModel

/// On the host the model executes the slot's bytes as the CPU would: the page in partition memory
/// is the kernel's, so a wrong byte there fails here as it would on QEMU.
public enum XenHypercallPage {
    /// What the last call did (returned, stopped the partition, faulted).
    nonisolated(unsafe) public static var lastOutcome: I386Machine.Outcome = .returned

    public static func call(_ number: UInt32, _ a1: UInt32, _ a2: UInt32, _ a3: UInt32, _ a4: UInt32, _ a5: UInt32) -> Int32 {
        guard let window = PartitionAddress.window, let base = window.baseAddress,
              Int(offset) + Int(number &* slotSize) + Int(slotSize) <= window.count else {
            preconditionFailure("PartitionAddress.bind(_:) a partition that holds the hypercall page before a Xen-style call")
        }
        let machine = I386Machine.shared
        machine.registers.ebx = a1; machine.registers.ecx = a2; machine.registers.edx = a3
        machine.registers.esi = a4; machine.registers.edi = a5
        let slot = offset + number &* slotSize
        lastOutcome = machine.execute(UnsafeRawPointer(base + Int(slot)), at: slot)
        return Int32(bitPattern: machine.registers.eax)
    }
}
#endif
