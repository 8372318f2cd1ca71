// The kernel probe driven through the gdb stub against the reference kernel.
import Conformance
import Foundation
import Testing
@testable import Grader
import PokdocKit

@Suite("Grader — the kernel probe, driven from outside", .serialized)
struct KernelProbeDriverTests {
    @Test("the reference kernel answers every planned call as the spec requires")
    func referenceAnswers() async throws {
        let course = GraderFixture.course
        let chapter = try course.chapter(4)
        let image = try await BareMetalBuild(course: course).buildProbeImage(.kernel, chapter: chapter, bsp: .x86QemuVMM)
        let symbols = try await ProbeSymbols.load(of: image)
        let plan = KernelProbePlan(profile: Profiles.pokHypercall, seed: 42, scratch: try symbols.address("pok_grader_scratch"))
        let driver = try KernelProbeDriver(plan: plan, symbols: symbols)
        var options = QEMURunOptions()
        options.timeout = .seconds(60)
        options.kernelArguments = ["ticks=100000"]
        let observed = try await ObservedRunner.run(image: image.elf, options: options, stopTimeout: .seconds(10),
                                                    empty: KernelProbeObservation()) { remote, seen throws(GDBRemoteError) in
            try driver.drive(remote, &seen)
        }
        for call in observed.observation.calls { print(call) }
        print(observed.run.transcript, observed.run.verdict, observed.run.qemuDiagnostics)
        #expect(observed.ending == .finished, "\(observed.ending)")
        #expect(observed.observation.calls.count == plan.calls.count)
        for call in observed.observation.calls {
            #expect(call.after?.eax == call.call.expected, "\(call.call.purpose) id \(call.call.id): \(String(describing: call.after))")
            #expect(call.landedVector == 45, "landed at \(call.landedAt)")
            #expect(call.after?.preserved == call.before.preserved)
        }
        print(observed.run.transcript.suffix(5))
    }
}
