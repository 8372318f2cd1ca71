import Testing
@testable import PokdocKit

// Chapter 5's assignment, step 7: the guest's side of TIME_RDHTSC_HCALL runs only in a real SVM
// guest, so its test is the probe's line under QEMU.
@Suite("Chapter 5 — step 7: the guest side")
struct Chapter05Step7GuestSide {
    // Mutants caught: GuestCall.hostTime() with the halves swapped (a counter that can go back), or
    // returning nil for a registered ID.
    @Test("GuestCall.hostTime() reads the host's counter twice, and it advances (the probe, under QEMU)")
    func guestSide() async throws {
        let chapter = try CourseFixture.course.chapter(5)
        let outcome = await ScenarioRunner(course: CourseFixture.course).run(try chapter.scenario(named: "probe"), of: chapter)
        let transcript = try #require(outcome.run?.transcript, "the probe did not run: \(outcome.problems)")
        let line = transcript.first { $0.hasPrefix("svm probe: step 7 ") }
        if transcript.contains(where: { $0.contains("svm probe: step 6 ") && $0.hasSuffix("FAILED") }) {
            throw NeedsEarlierStepOf7(description: "Step 7 needs step 6 first: TIME_RDHTSC_HCALL is not registered (the probe's step 6 line failed)")
        }
        #expect(!transcript.contains { $0.contains("[chapter 5] step 7 is not written yet") }, "Step 7 (the guest side) is not written yet")
        #expect(line?.hasSuffix(": ok") == true, "Step 7 (the guest side): \(line ?? "the probe printed no step 7 line")")
    }
}

struct NeedsEarlierStepOf7: Error, CustomStringConvertible {
    var description: String
}
