// The QEMU runner gives each broken kernel exactly its verdict, never leaves QEMU running, and
// parses the serial protocol. The broken kernels are assembled from Tests/Fixtures/broken-kernels
// once per test process (QEMUFixtures.swift); they print the fixed nonce `0000`.

import Foundation
import PokdocKit
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("QEMU runner")
struct QEMURunnerTests {
    // MARK: Broken kernels, each with exactly its verdict

    @Test func passKernelPasses() async throws {
        let run = try await Fixtures.run("pass")
        #expect(run.result.verdict == .pass, "\(run.result.explanation)")
        #expect(run.result.exitCode == 33)
        #expect(run.result.tests == [TestEvent(outcome: .pass, name: "fixture", detail: "does nothing")])
        #expect(run.result.endStatus == "done")
        #expect(run.result.transcript == [
            "POK BOOT <nonce>", "POK TEST <nonce> PASS fixture does nothing", "POK END <nonce> done",
        ])
        #expect(run.liveLines == run.result.transcript, "the live callback sees every line, in order")
        await Fixtures.expectGroupGone(run)
    }

    @Test func hardCodedNonceIsForged() async throws {
        // The same kernel, but this run's nonce is not the one it prints.
        let run = try await Fixtures.run("pass", nonce: "5eed1234")
        #expect(run.result.verdict == .forged, "\(run.result.explanation)")
        #expect(run.result.serial.forgedLines.count == 3)
        #expect(run.result.tests.isEmpty, "a forged line is not a test result")
        #expect(run.result.transcript.first == "POK BOOT 0000", "forged lines are shown as written")
        await Fixtures.expectGroupGone(run)
    }

    @Test func hangTimesOutAndKeepsWhatCameBefore() async throws {
        var options = QEMURunOptions()
        // Generous enough that QEMU boots the fixture even while the rest of the suite loads
        // the machine (CI once saw a 3 s budget pass before the first serial line).
        options.timeout = .seconds(20)
        let run = try await Fixtures.run("hang", options: options)
        #expect(run.result.verdict == .timeout, "\(run.result.explanation)")
        #expect(run.result.tests == [TestEvent(outcome: .pass, name: "before-hang")])
        // A lower bound only: the backstop must not fire early. How much later QEMU died is the machine's business.
        #expect(run.result.wallTime >= 20, "the 20 s backstop fired after \(run.result.wallTime) s")
        #expect(run.result.explanation.contains("killed"))
        await Fixtures.expectGroupGone(run)
    }

    @Test func tripleFaultIsNeverSuccess() async throws {
        let run = try await Fixtures.run("triple-fault")
        #expect(run.result.verdict == .tripleFault, "\(run.result.explanation)")
        #expect(run.result.exitCode == 0)
        await Fixtures.expectGroupGone(run)
    }

    @Test func floodIsCutAtTheByteCap() async throws {
        var options = QEMURunOptions()
        options.serialByteCap = 64 * 1024
        let run = try await Fixtures.run("flood", options: options)
        #expect(run.result.verdict == .outputFlood, "\(run.result.explanation)")
        #expect(run.result.serialByteCount == 64 * 1024)
        await Fixtures.expectGroupGone(run)
    }

    @Test func silentSuccessExitIsNoBoot() async throws {
        let run = try await Fixtures.run("silent")
        #expect(run.result.verdict == .noBoot, "\(run.result.explanation)")
        #expect(run.result.exitCode == 33, "it did write 0x10; without POK BOOT that proves nothing")
        await Fixtures.expectGroupGone(run)
    }

    @Test func failingKernelFailsWithEveryEventParsed() async throws {
        let run = try await Fixtures.run("fail")
        #expect(run.result.verdict == .fail, "\(run.result.explanation)")
        #expect(run.result.exitCode == 35)
        #expect(run.result.tests.map(\.outcome) == [.pass, .fail])
        #expect(run.result.faults == [FaultReport(vector: 13, name: "#GP", errorCode: 0x16A, eip: 0x1040, cs: 0x1B,
                                                  cpl: 3, text: "int $45 through a DPL 0 gate")])
        #expect(run.result.endStatus == "partition-fault")
        #expect(run.result.explanation.contains("hypercall-from-user"))
        await Fixtures.expectGroupGone(run)
    }

    @Test func timerDrivenGuestProgressesUnderIcountSleepOff() async throws {
        // -icount shift=5,sleep=off: the guest halts between PIT ticks and must still see 50 of them.
        let run = try await Fixtures.run("ticks")
        #expect(run.result.verdict == .pass, "\(run.result.explanation)")
        #expect(run.result.commandLine.contains("shift=5,sleep=off"))
        await Fixtures.expectGroupGone(run)
    }

    @Test func doNothingKernelEchoesTheRunsRandomNonce() async throws {
        let image = try await Fixtures.image("do-nothing")
        let result = try await Fixtures.runner().run(image: image)
        #expect(result.verdict == .pass, "\(result.explanation)")
        #expect(result.nonce.count == 16)
        #expect(result.transcript == ["POK BOOT <nonce>", "POK END <nonce> done"])
    }

    // MARK: QEMU is always killed

    @Test func cancellationKillsTheProcessGroup() async throws {
        let image = try await Fixtures.image("hang")
        let recorder = Recorder()
        var options = QEMURunOptions()
        options.timeout = .seconds(600)  // far beyond the waits below: only cancellation can end this
        let runner = try Fixtures.runner(options)
        let started = ContinuousClock.now
        let task = Task {
            try await runner.run(image: image, nonce: "0000",
                                 onStart: { recorder.started($0) }, onLine: { recorder.line($0) })
        }
        // Waiting for the first serial line (QEMU may queue for a slot behind the rest of the
        // suite), with a bound; not an assertion on time.
        while recorder.lines.isEmpty, ContinuousClock.now - started < .seconds(180) {
            try await Task.sleep(for: .milliseconds(20))
        }
        let group = try #require(recorder.processGroup, "QEMU never started")
        #expect(kill(-group, 0) == 0, "QEMU is running before the cancel")
        #expect(InterruptGuard.activeProcessGroups.contains(group), "Ctrl-C in the CLI would kill it")
        task.cancel()
        // The backstop would have returned a `timeout` result; only the cancel throws.
        await #expect(throws: CancellationError.self, "ended by the cancel, not the backstop") { try await task.value }
        await expectGone(group)
        #expect(!InterruptGuard.activeProcessGroups.contains(group))
    }

    @Test func gdbRunWaitsForTheDebuggerAndIsKilledOnCancel() async throws {
        let image = try await Fixtures.image("pass")
        var options = QEMURunOptions()
        options.gdb = true
        let recorder = Recorder()
        let runner = try Fixtures.runner(options)
        let task = Task {
            try await runner.run(image: image, nonce: "0000", onStart: { recorder.started($0) })
        }
        let started = ContinuousClock.now
        while recorder.start == nil, ContinuousClock.now - started < .seconds(180) {
            try await Task.sleep(for: .milliseconds(20))
        }
        let start = try #require(recorder.start)
        let port = try #require(start.gdbPort)
        #expect(start.commandLine.contains("-S"))
        #expect(start.commandLine.contains("tcp:127.0.0.1:\(port)"))
        #expect(start.gdbCommand == "gdb \(image) -ex 'target remote :\(port)'")
        // Halted before the first instruction: nothing on serial, and no timeout ends it.
        try await Task.sleep(for: .milliseconds(300))
        #expect(recorder.lines.isEmpty)
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        await expectGone(start.processGroupID)
    }

    @Test func missingImageIsAnErrorNotAVerdict() async throws {
        let runner = try Fixtures.runner()
        await #expect(throws: QEMUImageNotFound.self) {
            try await runner.run(image: "/nonexistent/kernel.elf")
        }
    }

    // MARK: Verdict rules without QEMU

    @Test func exitStatusMapping() {
        var booted = SerialSummary()
        let serialProtocol = SerialProtocol(nonce: "abc")
        booted.record("POK BOOT abc", using: serialProtocol)
        var ended = booted
        ended.record("POK END abc done", using: serialProtocol)

        #expect(QEMURunner.judge(ended, ending: .exited(33)).verdict == .pass)
        #expect(QEMURunner.judge(booted, ending: .exited(33)).verdict == .fail, "0x10 without POK END")
        #expect(QEMURunner.judge(ended, ending: .exited(35)).verdict == .fail)
        #expect(QEMURunner.judge(ended, ending: .exited(0)).verdict == .tripleFault)
        #expect(QEMURunner.judge(ended, ending: .signaled(SIGSEGV)).verdict == .fail)
        let odd = QEMURunner.judge(ended, ending: .exited(3))
        #expect(odd.verdict == .fail && odd.explanation.contains("status 3"))
        #expect(QEMURunner.judge(SerialSummary(), ending: .exited(33)).verdict == .noBoot)
        #expect(QEMURunner.judge(SerialSummary(), ending: .exited(0)).verdict == .noBoot,
                "nothing of the protocol: no-boot takes precedence")
        #expect(QEMURunner.judge(SerialSummary(), ending: .timedOut(.seconds(5))).verdict == .noBoot)
        #expect(QEMURunner.judge(booted, ending: .timedOut(.seconds(5))).verdict == .timeout)
        #expect(QEMURunner.judge(SerialSummary(), ending: .flooded(cap: 10)).verdict == .outputFlood)

        var failed = ended
        failed.record("POK TEST abc FAIL gate wrong DPL", using: serialProtocol)
        let failedPass = QEMURunner.judge(failed, ending: .exited(33))
        #expect(failedPass.verdict == .fail && failedPass.explanation.contains("gate"), "an in-guest FAIL beats exit 0x10")

        var forged = ended
        forged.record("POK TEST 0000 PASS everything", using: serialProtocol)
        #expect(QEMURunner.judge(forged, ending: .exited(33)).verdict == .forged)
        #expect(QEMURunner.judge(forged, ending: .timedOut(.seconds(1))).verdict == .forged)
    }

    @Test(arguments: Verdict.allCases)
    func everyVerdictHasAMeaning(verdict: Verdict) throws {
        #expect(!verdict.meaning.isEmpty && !verdict.meaning.contains("\n"))
        let encoded = try JSONEncoder().encode(verdict)
        #expect(try JSONDecoder().decode(Verdict.self, from: encoded) == verdict)
        #expect(verdict.isSuccess == (verdict == .pass))
    }

    @Test func verdictWordsAreTheOnesArchitectureMdLists() throws {
        let doc = try String(contentsOf: CourseFixture.root.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)
        // The list in "Verdicts": "one of `pass`, `fail`, ... `forged`."
        let section = try #require(doc.range(of: "QEMURunner+Judge.swift`), one of")?.upperBound,
                                   "docs/ARCHITECTURE.md, 'Verdicts', lists the runner's verdicts after 'one of'")
        let listed = doc[section...].prefix { $0 != "." }.split(separator: "`").enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        #expect(listed == Verdict.allCases.map(\.rawValue),
                "docs/ARCHITECTURE.md, 'Verdicts', must list Verdict's words, in order: \(listed)")
    }

    @Test func architectureMdShowsTheRunnersCommandLine() throws {
        let doc = try String(contentsOf: CourseFixture.root.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)
        let runner = QEMURunner(options: QEMURunOptions())
        let arguments = runner.arguments(image: "IMAGE", nonce: "<nonce>")
            .map { $0.hasPrefix("nonce=") ? "\"nonce=<nonce> ticks=<N> …\"" : $0 }
        // The doc wraps the command over two lines; compare word by word.
        let start = try #require(doc.range(of: "qemu-system-i386 -kernel"), "docs/ARCHITECTURE.md shows QEMU's command line")
        let shown = String(doc[start.lowerBound...]).components(separatedBy: "\n\n")[0]
        let words = shown.split(whereSeparator: \.isWhitespace).map(String.init)
        let expected = ["qemu-system-i386"] + arguments.flatMap { $0.hasPrefix("\"") ? $0.split(separator: " ").map(String.init) : [$0] }
        #expect(words == expected, "docs/ARCHITECTURE.md, 'The QEMU protocol', must show QEMURunner.arguments")
    }

    // MARK: SerialProtocol

    @Test func parsesEveryProtocolLine() {
        let serialProtocol = SerialProtocol(nonce: "c0ffee")
        #expect(serialProtocol.parse("POK BOOT c0ffee") == .boot)
        #expect(serialProtocol.parse("POK TEST c0ffee PASS syscall-gate DPL 3, vector 42")
            == .test(TestEvent(outcome: .pass, name: "syscall-gate", detail: "DPL 3, vector 42")))
        #expect(serialProtocol.parse("POK TEST c0ffee FAIL x") == .test(TestEvent(outcome: .fail, name: "x")))
        #expect(serialProtocol.parse("POK FAULT c0ffee vector=6 name=#UD error=0x0 eip=0x10203a cs=0x8 cpl=0 ud2 in kmain")
            == .fault(FaultReport(vector: 6, name: "#UD", errorCode: 0, eip: 0x10203A, cs: 8, cpl: 0, text: "ud2 in kmain")))
        #expect(serialProtocol.parse("POK END c0ffee tick-budget") == .end(status: "tick-budget"))
        #expect(serialProtocol.parse("POK END c0ffee done\r") == .end(status: "done"), "CRLF is tolerated")
    }

    @Test func wrongOrMissingNonceIsForged() {
        let serialProtocol = SerialProtocol(nonce: "c0ffee")
        #expect(serialProtocol.parse("POK TEST 0000 PASS x") == .forged)
        #expect(serialProtocol.parse("POK END c0ffef done") == .forged)
        #expect(serialProtocol.parse("POK BOOT") == .forged)
        #expect(serialProtocol.parse("POK FAULT C0FFEE vector=1 name=#DB error=0x0 eip=0x0 cs=0x8 cpl=0") == .forged,
                "the nonce is compared exactly")
    }

    @Test func malformedAndPlainLines() {
        let serialProtocol = SerialProtocol(nonce: "c0ffee")
        #expect(serialProtocol.parse("POK TEST c0ffee MAYBE x").isMalformed)
        #expect(serialProtocol.parse("POK TEST c0ffee PASS").isMalformed)
        #expect(serialProtocol.parse("POK FAULT c0ffee vector=13 name=#GP").isMalformed)
        #expect(serialProtocol.parse("POK FAULT c0ffee vector=x name=#GP error=0x0 eip=0x0 cs=0x8 cpl=0").isMalformed)
        #expect(serialProtocol.parse("POK END c0ffee").isMalformed)
        #expect(serialProtocol.parse("hello from the kernel") == .text)
        #expect(serialProtocol.parse("POK HELLO c0ffee") == .text, "only the four keywords are protocol")
        #expect(serialProtocol.parse("  POK BOOT 0000") == .text, "protocol lines start at column 0")
        #expect(serialProtocol.parse("") == .text)
    }

    @Test func displayHidesOnlyTheGenuineNonce() {
        let serialProtocol = SerialProtocol(nonce: "0000")
        #expect(serialProtocol.display("POK TEST 0000 PASS zero error=0x0000") == "POK TEST <nonce> PASS zero error=0x0000")
        #expect(serialProtocol.display("POK BOOT 0000\r") == "POK BOOT <nonce>")
        #expect(serialProtocol.display("POK BOOT 1111") == "POK BOOT 1111")
        #expect(serialProtocol.display("counter 0000") == "counter 0000")
    }

    @Test func randomNoncesAreSixteenHexDigits() {
        let nonces = (0..<20).map { _ in SerialProtocol.randomNonce() }
        for nonce in nonces {
            #expect(nonce.count == 16 && nonce.allSatisfy(\.isHexDigit))
        }
        #expect(Set(nonces).count == nonces.count)
    }

    // MARK: Toolchain and benchmark

    @Test func doctorGivesInstallCommands() async {
        let empty = Toolchain(paths: [:], swiftBinDirectory: nil)
        let checks = await empty.doctor()
        let qemu = checks.first { $0.check == "qemu-system-i386" }
        #expect(qemu?.ok == false)
        #expect(qemu?.fixCommand == "apt-get install -y \(DebianPackage.qemu.name)")
        #expect(checks.contains { $0.check.hasPrefix("Embedded Swift stdlib") && !$0.ok })
    }

    @Test func toolchainPrefersLLVMToolsBesideSwiftc() async throws {
        let toolchain = Toolchain.locate()
        let bin = try #require(toolchain.swiftBinDirectory, "swiftc is not on PATH")
        for tool in [Tool.clang, .ldLLD, .llvmObjcopy, .llvmNM] {
            #expect(try toolchain.path(of: tool) == "\(bin)/\(tool.rawValue)")
        }
        let module = try #require(toolchain.embeddedStdlibModule)
        #expect(FileManager.default.fileExists(atPath: module), "Embedded stdlib for i686 at \(module)")
        let checks = await toolchain.doctor()
        #expect(checks.first { $0.check == "qemu-system-i386" }?.ok == true,
                "qemu-system-i386 is missing: apt-get install -y qemu-system-x86")
    }

    @Test func bootBenchmarkComparesMedians() async throws {
        let image = try await Fixtures.image("do-nothing")
        let result = try await BootBenchmark.compare(candidate: image, baseline: image, runs: 2,
                                                     runner: try Fixtures.runner())
        #expect(result.allPassed)
        #expect(result.candidateSamples.count == 2 && result.baselineSamples.count == 2)
        // Timings belong in `pokdoc bench`; here only the arithmetic is checked.
        #expect(result.ratio == result.candidateMedian / result.baselineMedian)
        #expect(BootBenchmark.median([3, 1, 2]) == 2)
        #expect(BootBenchmark.median([4, 1, 2, 3]) == 2.5)
    }
}
