// The known name closest to a mistyped one, for "did you mean" in errors.

enum NearestName {
    /// The candidate with the smallest edit distance to `name` (ties: the first in sorted order),
    /// or nil when even the best needs more edits than half of `name`'s length.
    static func nearest(to name: String, among candidates: some Collection<String>) -> String? {
        let scored = candidates.sorted().map { ($0, distance(name, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, name.count / 2) else { return nil }
        return best.0
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
