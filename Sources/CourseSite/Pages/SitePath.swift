/// Where a page lives in the rendered site, and how one page reaches another (relative links, so
/// the site works from `file://`, from `pokdoc serve` and from a Pages sub-path alike).
struct SitePath: Hashable, Sendable, Comparable {
    /// Relative to the site's root, e.g. `02-syscall-gate.html`, `src/Sources/Kernel/Core/Syscall.swift.html`.
    var path: String

    static let index = SitePath(path: "index.html")
    static let search = SitePath(path: "search.html")
    static let abi = SitePath(path: "abi.html")

    /// A chapter's page: its folder's name.
    static func chapter(folder: String) -> SitePath { SitePath(path: folder + ".html") }
    /// The page showing a course file (relative to the course root) with numbered lines.
    static func source(_ relativePath: String) -> SitePath { SitePath(path: "src/" + relativePath + ".html") }
    /// A file under assets/.
    static func asset(_ name: String) -> SitePath { SitePath(path: "assets/" + name) }

    /// The way up from this page to the site's root: "" or "../../".
    var toRoot: String { String(repeating: "../", count: path.filter { $0 == "/" }.count) }

    /// A link from this page to `other` (with an optional fragment).
    func link(to other: SitePath, fragment: String? = nil) -> String {
        toRoot + other.path + (fragment.map { "#" + $0 } ?? "")
    }

    static func < (a: SitePath, b: SitePath) -> Bool { a.path < b.path }
}
