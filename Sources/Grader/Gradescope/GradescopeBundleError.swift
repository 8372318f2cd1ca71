// Why `pokdoc grade --gradescope-bundle DIR` wrote no bundle (docs/grading.md, "On Gradescope").
import PokdocKit

public enum GradescopeBundleError: Error, Equatable, CustomStringConvertible {
    case outputInsideCourse(String, course: String)
    case outputNotEmpty(String)
    case outputIsFile(String)
    case cannotWrite(String, reason: String)

    /// The same checks as a starter kit's folder (KitOutputFolder), in the bundle's words.
    init(_ error: StarterError) {
        switch error {
        case .outputInsideCourse(let path, let course): self = .outputInsideCourse(path, course: course)
        case .outputNotEmpty(let path): self = .outputNotEmpty(path)
        case .outputIsFile(let path): self = .outputIsFile(path)
        case .cannotWrite(let path, let reason): self = .cannotWrite(path, reason: reason)
        case .missingEditableFile(let path), .solutionOutsideManifest(let path):
            self = .cannotWrite(path, reason: "\(error)")
        }
    }

    public var description: String {
        switch self {
        case .outputInsideCourse(let path, let course):
            "\(path) is inside the course (\(course)); the bundle holds a copy of the course, so it must go outside it"
        case .outputNotEmpty(let path): "\(path) exists and is not empty; choose a new folder for the Gradescope bundle"
        case .outputIsFile(let path): "\(path) is a file, not a folder; choose a new folder for the Gradescope bundle"
        case .cannotWrite(let path, let reason): "cannot write the Gradescope bundle to \(path): \(reason)"
        }
    }
}
