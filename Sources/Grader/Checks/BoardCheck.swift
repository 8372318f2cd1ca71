// hypercall.board: the student's kernel built for x86-qemu must leave IDT entry 45 absent.
import Conformance
import PokdocKit

struct BoardCheck {
    let profile: Profile
    let side: ProbeSide<KernelProbeObservation>
    static let id = "hypercall.board"

    /// - Parameter vmm: the kernel's own run on x86-qemu-vmm. The rule is about the gate being on
    ///   one board only; until the VMM board has a present gate 45, its absence elsewhere shows nothing.
    func judge(vmm: ProbeSide<KernelProbeObservation>) -> Judgement {
        let vector = Int(profile.gate.vector)
        guard let vmmRun = vmm.observedRun, vmmRun.observation.reachedProbe else { return .notRun(Self.id, needs: KernelChecks.runs) }
        guard let gate = vmmRun.observation.idt[vector], gate.attributes & 0x80 != 0 else { return .notRun(Self.id, needs: KernelChecks.descriptor) }
        let expected = "on x86-qemu, IDT entry \(vector) not present: int $\(vector) raises #GP(\(hex(profile.gate.privilegeFaultErrorCode)))"
        switch side {
        case .notBuilt(let failure):
            return .failed(Self.id, observed: "the kernel does not build for x86-qemu: " + failure.summary, expected: expected,
                           "code for the VMM board only must be inside #if POK_NEEDS_X86_VMM")
        case .ran(let observed):
            guard observed.observation.reachedProbe else {
                return .failed(Self.id, observed: "the x86-qemu kernel never entered the probe: " + observed.endingWords, expected: expected)
            }
            if let entry = observed.observation.idt[vector], entry.attributes & 0x80 != 0 {
                return .failed(Self.id, observed: KernelChecks.describe(entry, vector: vector) + ", on x86-qemu", expected: expected)
            }
            return .passed(Self.id)
        }
    }
}
