// The verdict of the run a grade comes from. The words are the QEMU runner's verdicts
// (docs/ARCHITECTURE.md, "Verdicts"; PokdocKit's Verdict); GradeVerdictTests ties the two lists.

public enum GradeVerdict: String, Sendable, CaseIterable {
    case pass
    case fail
    case timeout
    case tripleFault = "triple-fault"
    case noBoot = "no-boot"
    case buildError = "build-error"
    case outputFlood = "output-flood"
    case forged
}
