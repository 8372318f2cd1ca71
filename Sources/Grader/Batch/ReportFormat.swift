// The report formats `pokdoc grade --format` names, each rendered by its Grading writer
// (docs/grading.md, "Reports"), and the file suffix a batch gives each (docs/grading.md,
// "Grading a class locally").
import Grading

public enum ReportFormat: String, CaseIterable, Sendable {
    case text
    case json
    case junit
    case gradescope

    /// What a batch appends to a submission's file stem. Distinct for every format, and stems
    /// hold no "." (SubmissionName.fileStem), so no two reports of a batch share a file name.
    public var fileSuffix: String {
        switch self {
        case .text: ".txt"
        case .json: ".json"
        case .junit: ".junit.xml"
        case .gradescope: ".gradescope.json"
        }
    }

    /// The report; `colour` matters for text only (the caller decides, e.g. on a TTY).
    public func render(_ result: GradeResult, colour: Bool = false) -> String {
        switch self {
        case .text: TextReport.render(result, colour: colour)
        case .json: JSONReport.render(result)
        case .junit: JUnitReport.render(result)
        case .gradescope: GradescopeReport.render(result)
        }
    }
}
