/// The highlight.js language of a listing: from the file it comes from when it is an include (the
/// chapters fence assembly as `text`), else from the fence's info string.
enum HighlightLanguage {
    /// highlight.js names, by file extension.
    static let byExtension: [String: String] = [
        "swift": "swift", "S": "x86asm", "s": "x86asm", "c": "c", "h": "c", "sh": "bash",
        "yaml": "yaml", "yml": "yaml", "json": "json", "md": "markdown", "ld": "plaintext", "txt": "plaintext",
    ]
    /// highlight.js names, by fence info string.
    static let byFence: [String: String] = [
        "swift": "swift", "c": "c", "asm": "x86asm", "x86asm": "x86asm", "nasm": "x86asm", "gas": "x86asm",
        "sh": "bash", "bash": "bash", "shell": "bash", "console": "bash", "yaml": "yaml", "yml": "yaml",
        "json": "json", "text": "plaintext", "": "plaintext", "diff": "diff", "markdown": "markdown", "md": "markdown",
    ]

    static func forFile(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return "plaintext" }
        return byExtension[String(name[name.index(after: dot)...])] ?? "plaintext"
    }

    static func forFence(_ info: String) -> String {
        let word = info.split(separator: " ").first.map { String($0).lowercased() } ?? ""
        return byFence[word] ?? "plaintext"
    }
}
