import PokdocKit

extension BuildFailure {
    /// The step and the compiler's first error lines, for a check's `observed`.
    var summary: String {
        let lines = output.split(whereSeparator: \.isNewline)
        let errors = lines.filter { $0.contains("error") }
        let shown = (errors.isEmpty ? Array(lines.prefix(3)) : Array(errors.prefix(3))).joined(separator: "\n")
        return "\(step) failed" + (shown.isEmpty ? "" : ":\n" + shown)
    }
}
