#if POK_NEEDS_X86_SVM && POK_BARE_METAL
@_extern(c, "pok_vmmcall") func pok_vmmcall(_ registers: UnsafeMutablePointer<UInt32>)
@_extern(c, "pok_vmcall") func pok_vmcall(_ registers: UnsafeMutablePointer<UInt32>)

// ANCHOR: palacios-guest
/// A guest of the SVM hypervisor: hypercalls by VMMCALL (or Intel's VMCALL), EAX = ID, EBX, ECX,
/// EDX, ESI = arguments; every one of the five registers comes back as the handler left it.
/// Palacios: the guest side of v3_handle_hypercall (guest/linux/hypercall/hcall.h)
public struct GuestCall {
    public var eax: UInt32, ebx: UInt32, ecx: UInt32, edx: UInt32, esi: UInt32

    public init(_ id: UInt32, _ ebx: UInt32 = 0, _ ecx: UInt32 = 0, _ edx: UInt32 = 0, _ esi: UInt32 = 0) {
        (eax, self.ebx, self.ecx, self.edx, self.esi) = (id, ebx, ecx, edx, esi)
    }

    /// VMMCALL (`0F 01 D9`): AMD's instruction, a #VMEXIT with exit code 0x81.
    public func vmmcall() -> GuestCall { issue(pok_vmmcall) }
    /// VMCALL (`0F 01 C1`): Intel's, #UD on AMD — which the hypervisor intercepts and decodes.
    public func vmcall() -> GuestCall { issue(pok_vmcall) }

    func issue(_ instruction: (UnsafeMutablePointer<UInt32>) -> Void) -> GuestCall {
        var words = InlineArray<5, UInt32>(repeating: 0)
        words[0] = eax; words[1] = ebx; words[2] = ecx; words[3] = edx; words[4] = esi
        withUnsafeMutablePointer(to: &words) { $0.withMemoryRebound(to: UInt32.self, capacity: 5) { instruction($0) } }
        return GuestCall(words[0], words[1], words[2], words[3], words[4])
    }
}

extension GuestCall {
    /// TIME_RDHTSC_HCALL: the host's time-stamp counter (EBX low, ECX high), or nil when the
    /// hypervisor has no handler for it (RAX = -1).
    // SOLUTION-BEGIN step=7 title="The guest side"
    public static func hostTime() -> UInt64? {
        let answer = GuestCall(PalaciosHypercallID.hostTime).vmmcall()
        return answer.eax == 0xFFFF_FFFF ? nil : UInt64(answer.ecx) << 32 | UInt64(answer.ebx)
    }
    // SOLUTION-ELSE
    // public static func hostTime() -> UInt64? {
    //     _ = UnwrittenStep.report(7, "GuestCall.hostTime (Sources/Libpok/Core/Palacios.swift)", chapter: 5, on: Palacios.self)
    //     return nil
    // }
    // SOLUTION-END
}

/// The guest's console: OS_DEBUG_HCALL with RBX = message, RCX = length, RDX = 1 (a guest address).
public enum Palacios: TextChannel {
    @discardableResult
    public static func write(bytes: UnsafeRawBufferPointer) -> UInt32 {
        PartitionAddress.withBytes(bytes) { address in
            GuestCall(PalaciosHypercallID.osDebug, address, UInt32(bytes.count), 1).vmmcall().eax
        }
    }
}
// ANCHOR_END: palacios-guest
#endif
