/// What `pokdoc spec --format json` writes: the schema version, the profiles asked for (the ABIs
/// the grader checks) and the hypercall interfaces asked for (Chapter 5's comparison).
/// docs/conformance-spec.md documents every field.
public struct SpecDocument: Codable, Sendable, Equatable {
    /// Raised when a field changes meaning or disappears; adding a field keeps the version.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var profiles: [Profile]
    public var interfaces: [HypercallInterface]

    public init(profiles: [Profile], interfaces: [HypercallInterface] = []) {
        self.schemaVersion = Self.currentSchemaVersion
        self.profiles = profiles
        self.interfaces = interfaces
    }
}
