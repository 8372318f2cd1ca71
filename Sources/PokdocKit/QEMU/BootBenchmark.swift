// docs/ARCHITECTURE.md, "Benchmarks": QEMU boot-to-verdict of a chapter kernel within
// `allowedRatio` of a do-nothing Multiboot kernel. Both images are booted alternately (A B, B A, A B, ...) so that drift in
// the host's load hits both equally, and the medians are compared.

import Foundation

public struct BootBenchmarkResult: Codable, Sendable, Equatable {
    /// Wall seconds per boot-to-verdict, in run order.
    public var candidateSamples: [Double]
    public var baselineSamples: [Double]
    public var candidateMedian: Double
    public var baselineMedian: Double
    /// candidateMedian / baselineMedian; at most `allowedRatio` is the goal.
    public var ratio: Double
    /// Every verdict seen, so a benchmark of a broken kernel does not pass unnoticed.
    public var candidateVerdicts: [Verdict]
    public var baselineVerdicts: [Verdict]

    public var allPassed: Bool {
        (candidateVerdicts + baselineVerdicts).allSatisfy { $0 == .pass }
    }
}

public enum BootBenchmark {
    /// The do-nothing kernel, relative to the package root.
    public static let doNothingSource = "Sources/Runtime/bench/do-nothing.S"
    /// The budget (docs/ARCHITECTURE.md, "Benchmarks").
    public static let allowedRatio = 1.3

    /// Boots `candidate` and `baseline` `runs` times each, alternating which goes first.
    public static func compare(
        candidate: String, baseline: String, runs: Int, runner: QEMURunner = QEMURunner()
    ) async throws -> BootBenchmarkResult {
        precondition(runs > 0, "runs must be positive")
        var candidateRuns: [QEMURunResult] = []
        var baselineRuns: [QEMURunResult] = []
        for index in 0..<runs {
            let order = index.isMultiple(of: 2) ? [true, false] : [false, true]
            for isCandidate in order {
                let result = try await runner.run(image: isCandidate ? candidate : baseline)
                if isCandidate { candidateRuns.append(result) } else { baselineRuns.append(result) }
            }
        }
        let candidateSamples = candidateRuns.map(\.wallTime)
        let baselineSamples = baselineRuns.map(\.wallTime)
        let candidateMedian = median(candidateSamples)
        let baselineMedian = median(baselineSamples)
        return BootBenchmarkResult(
            candidateSamples: candidateSamples, baselineSamples: baselineSamples,
            candidateMedian: candidateMedian, baselineMedian: baselineMedian,
            ratio: baselineMedian > 0 ? candidateMedian / baselineMedian : .infinity,
            candidateVerdicts: candidateRuns.map(\.verdict), baselineVerdicts: baselineRuns.map(\.verdict))
    }

    /// Builds the do-nothing kernel from the package at `packageRoot` into `output`.
    @discardableResult
    public static func buildDoNothingKernel(
        packageRoot: String, output: String, builder: FixtureBuilder = FixtureBuilder()
    ) async throws -> String {
        try await builder.buildKernel(source: "\(packageRoot)/\(doNothingSource)", output: output)
    }

    /// The middle value; the mean of the two middle values for an even count.
    public static func median(_ samples: [Double]) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }
}
