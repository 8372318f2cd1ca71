/// What `pokdoc spec --format json` writes: the schema version and the profiles asked for.
/// docs/conformance-spec.md documents every field.
public struct SpecDocument: Codable, Sendable, Equatable {
    /// Raised when a field changes meaning or disappears; adding a field keeps the version.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var profiles: [Profile]

    public init(profiles: [Profile]) {
        self.schemaVersion = Self.currentSchemaVersion
        self.profiles = profiles
    }
}
