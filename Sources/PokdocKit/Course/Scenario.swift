/// A QEMU scenario: boot the chapter's kernel with one partition program and check the
/// transcript. Patterns are regular expressions matched against display lines (the run's nonce
/// shows as `<nonce>`); `expect` must match lines in order, `reject` must match none.
public struct Scenario: Codable, Sendable, Equatable {
    public var name: String
    public var summary: String?
    /// Partition program, relative to the chapter (default: the chapter's program).
    public var program: String?
    /// BSP override (default: the chapter's).
    public var bsp: BoardSupportPackage?
    /// Extra POK_NEEDS_* for this scenario.
    public var needs: [String]?
    public var ticks: Int?
    /// Extra words for the kernel command line (e.g. `idtdump`).
    public var arguments: [String]?
    public var expect: [String]?
    public var reject: [String]?
    /// The `POK END` status the kernel must report (e.g. tick-budget, partition-fault, done).
    public var end: String?
    /// The runner verdict this scenario must get (default pass).
    public var verdict: String?
    /// Compare the transcript with transcripts/<name>.txt.
    public var transcript: Bool?
    /// With `transcript`: compare with this file instead (relative to the chapter), e.g. an
    /// earlier chapter's transcript that must not change.
    public var transcriptFile: String?
    /// The probe checks the program reports (`step N <check>`), each judged once (`ProbeChecks`).
    public var checks: [String]?
    /// With `transcript`: patterns whose matches are set aside in both transcripts before they are
    /// compared (a line left empty is dropped), e.g. a later chapter's lines that the student kit
    /// does not print yet.
    public var aside: [String]?
    /// Where the chapter explains what this scenario checks (shown on failure).
    public var section: String?

    public init(name: String, program: String? = nil, bsp: BoardSupportPackage? = nil, ticks: Int? = nil) {
        self.name = name
        self.program = program
        self.bsp = bsp
        self.ticks = ticks
    }
}

extension Scenario {
    /// Every key a scenario may hold: its stored properties, which are its coding keys.
    static var keys: [String] {
        Mirror(reflecting: Scenario(name: "")).children.compactMap(\.label)
            .filter { CodingKeys(stringValue: $0) != nil }
    }

    /// Whether the scenario checks something a run must show. `reject` alone does not count (a
    /// kernel that prints nothing rejects nothing), nor does the default verdict alone.
    public var hasExpectation: Bool {
        !(expect ?? []).isEmpty || end != nil || transcript == true || (verdict.map { $0 != Verdict.pass.rawValue } ?? false)
    }

    /// What `hasExpectation` asks for, in the words of the error that enforces it.
    static let expectationRule =
        "give it at least one of 'expect:' (lines the run must print), 'end:' (how the kernel must end), 'transcript: true' (the recorded transcript) or a 'verdict:' other than pass"
}
