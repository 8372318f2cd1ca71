/// What a student sees when `swift test` cannot even build the host tests: the compiler's own
/// errors, with the course's explanation first when the cause is one the course teaches.
public enum HostBuildFailure {
    /// The sentence every tool prints when VMM code is used outside the guard (the normal board
    /// must build without it): the no-influence check on metal, the host build here.
    public static let unguardedVMMCode = "the x86-qemu kernel does not build without the VMM sources: VMM code is used outside `#if POK_NEEDS_X86_VMM` (Chapter 3, 'The guard'):"

    /// The compiler's `error:` lines in `output`, with paths made relative to `root`; errors in
    /// the normal board's build (`Sources/KernelX86Qemu`, a link to `Sources/Kernel`) are shown at
    /// the file the student edits and explained.
    public static func explain(_ output: String, root: String) -> String? {
        let errors = output.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") }
        guard !errors.isEmpty else { return nil }
        var seen = Set<String>()
        let unique = errors.map { line in
            line.replacingOccurrences(of: root.hasSuffix("/") ? root : root + "/", with: "")
        }.filter { seen.insert($0).inserted }
        let normalBoard = unique.filter { $0.hasPrefix("Sources/KernelX86Qemu/") }
        if !normalBoard.isEmpty {
            let shown = normalBoard.prefix(1).map { $0.replacingOccurrences(of: "Sources/KernelX86Qemu/", with: "Sources/Kernel/") }
            return ([unguardedVMMCode] + shown).joined(separator: "\n")
        }
        return (["swift test could not build the tests:"] + unique.prefix(10)).joined(separator: "\n")
    }
}
