import Foundation

/// The pokdoc executable SwiftPM built, for tests that run it as a user would.
public enum PokdocExecutable {
    /// Looks beside `runningExecutable` (a test bundle in .build/<triple>/debug) and up to three
    /// folders above it, then in `checkout`/.build/debug.
    public static func locate(besides runningExecutable: URL, checkout: URL) -> URL? {
        var directory = runningExecutable.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("pokdoc")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fallback = checkout.appendingPathComponent(".build/debug/pokdoc")
        return FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }
}
