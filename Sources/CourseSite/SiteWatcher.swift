import Foundation
import PokdocKit

/// What `pokdoc serve` watches: every file a page is made from — the chapters, the sources they
/// include and link, the site's assets. A fingerprint (each file's path, size and modification
/// time) changes when any of them is edited, added or removed.
public struct SiteWatcher: Sendable {
    public var course: Course

    public init(course: Course) { self.course = course }

    public func fingerprint() -> Int {
        var hasher = Hasher()
        for folder in [course.chaptersDirectory, course.sourcesDirectory] {
            guard let enumerator = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]) else { continue }
            for case let url as URL in enumerator {
                guard let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]),
                      values.isRegularFile == true else { continue }
                hasher.combine(url.path)
                hasher.combine(values.fileSize)
                hasher.combine(values.contentModificationDate)
            }
        }
        return hasher.finalize()
    }
}
