// The one verdict a user reads (RunVerdict): the run's or the scenario's word, QEMU's verdict
// and exit only as detail; a fault the run does not expect fails it; no "0 passed, 0 failed".

import Foundation
import Testing
@testable import PokdocKit

@Suite("Run verdict")
struct RunVerdictTests {
    /// A result as the runner would build it from these serial lines and this exit status.
    static func result(_ lines: [String], exit: Int32) -> QEMURunResult {
        let serialProtocol = SerialProtocol(nonce: "abc")
        var serial = SerialSummary()
        for line in lines { serial.record(line, using: serialProtocol) }
        let judgement = QEMURunner.judge(serial, ending: .exited(exit))
        return QEMURunResult(
            verdict: judgement.verdict, explanation: judgement.explanation, exitCode: exit, terminationSignal: nil,
            serial: serial, serialByteCount: 0, wallTime: 0.5, nonce: "abc", commandLine: [], qemuDiagnostics: "")
    }

    static let fault = "POK FAULT abc vector=6 name=#UD error=0x0 eip=0x1040 cs=0x23 cpl=3 invalid opcode"
    static let faulted = result(["POK BOOT abc", fault, "POK END abc done"], exit: 33)
    static let clean = result(["POK BOOT abc", "POK END abc done"], exit: 33)

    @Test func aPlainRunThatFaultedDoesNotSayPass() {
        #expect(Self.faulted.verdict == .pass, "QEMU's runner verdict: exit 0x10 with POK END")
        let verdict = RunVerdict.plainRun(Self.faulted)
        #expect(verdict.verdict == .fail, "the fault rule: a fault a plain run does not expect is a fail")
        #expect(verdict.line == "verdict: fail — the partition faulted: #UD(0x0) vector 6 at eip=0x1040 cs=0x23 cpl=3: "
            + "invalid opcode; a plain run expects no fault (a chapter shows an expected fault in a scenario with "
            + "`end: partition-fault`) (QEMU: exit pass code, 1 fault)")
    }

    @Test func aCleanRunWithoutInGuestTestsPrintsNoTally() {
        let verdict = RunVerdict.plainRun(Self.clean)
        #expect(verdict.line == "verdict: pass — the kernel booted, ended with status done (QEMU: exit pass code)")
        #expect(!verdict.line.contains("0 passed"), "no in-guest tests, no tally")
        let tested = Self.result(["POK BOOT abc", "POK TEST abc PASS gate", "POK END abc done"], exit: 33)
        #expect(RunVerdict.plainRun(tested).reason.contains("all 1 in-guest tests passed"), "with in-guest tests, the tally")
        #expect(Self.clean.explanation == "Booted, ended with status done, exit 33 (0x10).", "QEMU's explanation has no tally either")
    }

    @Test func qemusVerdictIsNamedOnlyWhenTheExitDoesNotSayIt() {
        #expect(RunVerdict.qemuDetail(Self.result(["POK BOOT abc", "POK END abc x"], exit: 35)) == "QEMU: exit fail code")
        #expect(RunVerdict.qemuDetail(Self.result(["POK BOOT abc"], exit: 0)) == "QEMU: triple-fault, exit 0")
        #expect(RunVerdict.qemuDetail(Self.result([], exit: 33)) == "QEMU: no-boot, exit pass code")
        #expect(RunVerdict.plainRun(Self.result([], exit: 33)).verdict == .noBoot, "not booted stays QEMU's word")
    }

    static func outcome(_ result: QEMURunResult?, problems: [String]) -> ScenarioOutcome {
        ScenarioOutcome(chapter: 4, scenario: "hypercall-probe", bsp: .x86QemuVMM, passed: problems.isEmpty,
                        runnerVerdict: result?.verdict ?? .buildError, problems: problems, faultExplanations: [],
                        run: result, image: nil)
    }

    @Test func aFailingScenarioNeverPrintsPass() {
        let verdict = RunVerdict.scenario(Self.outcome(Self.faulted, problems: ["missing a line", "a fault"]))
        #expect(verdict.testLine(name: "hypercall-probe", bsp: .x86QemuVMM, wallTime: 0.5)
            == "  FAIL  hypercall-probe [x86-qemu-vmm] 0.50 s (QEMU: exit pass code, 1 fault)")
        #expect(verdict.line == "verdict: fail — scenario hypercall-probe: 2 expectations not met (QEMU: exit pass code, 1 fault)")
        #expect(!verdict.line.contains("pass —") && !verdict.line.contains("verdict pass"))
        let passing = RunVerdict.scenario(Self.outcome(Self.clean, problems: []))
        #expect(passing.testLine(name: "hypercall-probe", bsp: .x86QemuVMM, wallTime: 1.234)
            == "  pass  hypercall-probe [x86-qemu-vmm] 1.23 s (QEMU: exit pass code)")
        let unbuilt = RunVerdict.scenario(Self.outcome(nil, problems: ["build-error: ..."]))
        #expect(unbuilt.testLine(name: "p", bsp: .x86Qemu, wallTime: nil) == "  BUILD-ERROR  p [x86-qemu]")
    }

    @Test func aScenarioExpectsAFaultOnlyWhenItSaysSo() {
        var scenario = Scenario(name: "s")
        #expect(ScenarioRunner.unexpectedFault(in: Self.faulted, scenario: scenario) != nil,
                "no `end: partition-fault`, no pattern for the fault line: unexpected")
        scenario.expect = ["^POK FAULT <nonce> vector=6 name=#UD"]
        #expect(ScenarioRunner.unexpectedFault(in: Self.faulted, scenario: scenario) == nil, "an expect pattern matches it")
        scenario.expect = nil
        scenario.end = "partition-fault"
        #expect(ScenarioRunner.unexpectedFault(in: Self.faulted, scenario: scenario) == nil, "`end: partition-fault`")
        #expect(ScenarioRunner.unexpectedFault(in: Self.clean, scenario: Scenario(name: "s")) == nil)
    }

    @Test("QEMU-backed: a kernel that faults and exits with the pass code is a fail")
    func faultThenPassKernelUnderQEMU() async throws {
        let run = try await Fixtures.run("fault-then-pass")
        #expect(run.result.exitCode == QEMURunner.passExitCode && run.result.verdict == .pass,
                "QEMU's side: exit 0x10 after POK END: \(run.result.explanation)")
        #expect(run.result.faults.count == 1)
        let verdict = RunVerdict.plainRun(run.result)
        #expect(verdict.verdict == .fail, "the fault rule (RunVerdict.plainRun): \(verdict.line)")
        #expect(verdict.qemu == "QEMU: exit pass code, 1 fault")
        await Fixtures.expectGroupGone(run)
    }
}
