/// The rules `pokdoc check` holds a course to: prose, code, transcripts and tests agree.
public enum CheckRule: String, Sendable, CaseIterable {
    /// An include's file and anchor resolve.
    case include
    /// Every anchor in the sources is shown by some chapter.
    case anchorUnused = "anchor-unused"
    /// An anchor's region holds whole blocks: as many `{` as `}`.
    case anchorBraces = "anchor-braces"
    /// A listing in prose that repeats source code is an include, not a paste.
    case pastedCode = "pasted-code"
    /// What the front matter names exists: tests (the `tests:` filter matches a test) and each
    /// transcript a scenario records.
    case frontMatter = "front-matter"
    /// A transcript a chapter shows is what a fresh QEMU run prints, byte for byte.
    case transcript
    /// A link leads to a file or heading that exists.
    case link
    /// A chapter begins with the link to its rendered page (Chapters/site.yaml), since GitHub
    /// cannot resolve its includes.
    case renderedLink = "rendered-link"
    /// The starter kit keeps the assignment chapter's promises: each step it teaches is a marked
    /// region in a file the student may edit, with a test suite of its own, and its stubs
    /// announce that step (KitPromises).
    case kit
}
