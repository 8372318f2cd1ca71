import Foundation

/// `pokdoc bench hypercalls`: what one round trip through each of Chapter 5's mechanisms costs, in
/// guest instructions (deterministic under `-icount`) and in wall time, as one table.
///
/// Each mechanism is a Chapter 5 scenario whose partition runs Libpok's `RoundTrip.measure`: the
/// time-stamp counter around `count` calls of an empty function, then around `count` round trips.
/// Under `-icount shift=s` the counter advances 2^s per instruction, so
/// (calls − baseline) / count / 2^s is the instructions one round trip adds (including the timer
/// interrupts that fall inside the window, which are few and the same every run). The wall time is
/// measured without `-icount`, between the moments the host reads the `bench: begin` and
/// `bench: end` lines, over `runs` runs (the median).
public struct HypercallBenchmark: Sendable {
    /// One row of the table: a scenario of Chapter 5 and how the chapter names its mechanism.
    public struct Mechanism: Sendable, Equatable {
        public var scenario: String
        public var entry: String
        public var path: String
    }

    /// The mechanisms, in the order the chapter compares them.
    public static let mechanisms = [
        Mechanism(scenario: "bench-int42", entry: "`int $42`", path: "POK's syscall gate (GETTICK)"),
        Mechanism(scenario: "bench-int45", entry: "`int $45`", path: "Chapter 4's hypercall gate (hypercall GETTICK)"),
        Mechanism(scenario: "bench-int82", entry: "`int $0x82`", path: "Xen-style, through the hypercall page (sched_op yield)"),
        Mechanism(scenario: "bench-vmmcall", entry: "VMMCALL", path: "a #VMEXIT into the SVM hypervisor and VMRUN back (TEST_HCALL)"),
    ]

    public static let chapter = 5

    /// What a bench partition prints last: `bench: <name> count <n> baseline <ticks> calls <ticks>`.
    public struct Report: Sendable, Equatable {
        public var name: String
        public var count: UInt64
        public var baseline: UInt64
        public var calls: UInt64

        public init?(line: String) {
            let words = line.split(separator: " ").map(String.init)
            guard words.count == 8, words[0] == "bench:", words[2] == "count", words[4] == "baseline", words[6] == "calls",
                  let count = UInt64(words[3]), count > 0, let baseline = UInt64(words[5]), let calls = UInt64(words[7]),
                  calls >= baseline else { return nil }
            (name, self.count, self.baseline, self.calls) = (words[1], count, baseline, calls)
        }

        /// Guest instructions per round trip, beyond the empty call, when a tick is 2^shift ns.
        public func instructionsPerCall(shift: Int) -> Double {
            Double(calls - baseline) / Double(count) / Double(1 << shift)
        }
    }

    public struct Measurement: Sendable, Equatable {
        public var mechanism: Mechanism
        public var instructionsPerCall: Double
        /// Median over the wall-time runs, in nanoseconds.
        public var wallNanosecondsPerCall: Double
        public var count: UInt64
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let course: Course
    public var runs: Int

    public init(course: Course, runs: Int) {
        self.course = course
        self.runs = runs
    }

    /// Builds and runs every mechanism: once under `-icount` for the instructions, `runs` times
    /// in real time for the wall clock.
    public func measure(progress: (String) -> Void = { _ in }) async throws -> [Measurement] {
        var results: [Measurement] = []
        for mechanism in Self.mechanisms {
            let image = try await self.image(mechanism)
            let icount = QEMURunOptions.Icount.deterministic
            let counted = try await run(image, icount: icount, mechanism: mechanism)
            var walls: [Double] = []
            for _ in 0..<runs {
                let timed = try await run(image, icount: nil, mechanism: mechanism)
                guard let span = timed.span else { throw Failure(description: "\(mechanism.scenario): no begin/end lines in the real-time run") }
                walls.append(span / Double(timed.report.count) * 1e9)
            }
            walls.sort()
            let measurement = Measurement(mechanism: mechanism, instructionsPerCall: counted.report.instructionsPerCall(shift: icount.shift),
                                          wallNanosecondsPerCall: walls[walls.count / 2], count: counted.report.count)
            progress("\(mechanism.scenario): \(String(format: "%.1f", measurement.instructionsPerCall)) instructions, \(String(format: "%.0f", measurement.wallNanosecondsPerCall)) ns")
            results.append(measurement)
        }
        return results
    }

    /// The instructions one round trip of `mechanism` costs: one boot under `-icount`.
    public func instructionsPerCall(_ mechanism: Mechanism) async throws -> Double {
        let icount = QEMURunOptions.Icount.deterministic
        return try await run(try await image(mechanism), icount: icount, mechanism: mechanism).report.instructionsPerCall(shift: icount.shift)
    }

    /// The kernel image of a mechanism's scenario.
    func image(_ mechanism: Mechanism) async throws -> (path: String, qemuArguments: [String]) {
        let chapter = try course.chapter(Self.chapter)
        let scenario = try chapter.scenario(named: mechanism.scenario)
        let configuration = try BuildConfiguration(chapter: chapter, scenario: scenario)
        return (try await BareMetalBuild(course: course).build(configuration).elf.path, configuration.qemuArguments)
    }

    /// The instruction column of a table `markdown` wrote, by entry (for the chapter's test).
    public static func instructionColumn(of table: String) -> [String: String] {
        var column: [String: String] = [:]
        for line in table.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| entry") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.count >= 3 { column[cells[0]] = cells[2] }
        }
        return column
    }

    /// One boot: the partition's report, and the seconds between the host reading `bench: begin`
    /// and `bench: end`.
    func run(_ image: (path: String, qemuArguments: [String]), icount: QEMURunOptions.Icount?, mechanism: Mechanism) async throws -> (report: Report, span: Double?) {
        var options = QEMURunOptions()
        options.extraArguments = image.qemuArguments
        options.icount = icount
        options.kernelArguments = ["ticks=0"]
        options.timeout = .seconds(120)
        let stamps = LineStamps()
        let result = try await QEMURunner(options: options).run(image: image.path, onLine: { line in stamps.note(line.display) })
        guard result.verdict == .pass, let report = result.transcript.lazy.compactMap(Report.init(line:)).first else {
            throw Failure(description: "\(mechanism.scenario): the bench partition did not report (verdict \(result.verdict.rawValue): \(result.explanation); last lines: \(result.transcript.suffix(4).joined(separator: " | ")))")
        }
        return (report, stamps.span)
    }

    /// The table the chapter includes (generated/hypercall-costs.md).
    public static func markdown(_ measurements: [Measurement], runs: Int, machine: String) -> String {
        var lines = [
            "| entry | path | guest instructions per round trip | wall time per round trip |",
            "|---|---|---:|---:|",
        ]
        for m in measurements {
            lines.append("| \(m.mechanism.entry) | \(m.mechanism.path) | \(String(format: "%.1f", m.instructionsPerCall)) | \(String(format: "%.2f", m.wallNanosecondsPerCall / 1000)) µs |")
        }
        let count = measurements.first?.count ?? 0
        lines.append("")
        lines.append("Instructions: \(count) round trips under `-icount shift=\(QEMURunOptions.Icount.deterministic.shift)`, minus as many empty calls — the same on every run. Wall time: the median of \(runs) runs without `-icount`, on \(machine); it varies from machine to machine and run to run.")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The host-side moments of the begin and end lines, as the runner delivers them.
final class LineStamps: @unchecked Sendable {
    private let lock = NSLock()
    private var begin: ContinuousClock.Instant?
    private var end: ContinuousClock.Instant?

    func note(_ line: String) {
        let now = ContinuousClock.now
        lock.withLock {
            if line == "bench: begin" { begin = now }
            if line == "bench: end" { end = now }
        }
    }

    var span: Double? {
        lock.withLock {
            guard let begin, let end, end > begin else { return nil }
            let duration = end - begin
            return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }
}
