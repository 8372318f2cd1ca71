import Foundation

/// Runs `body` with a fresh folder for a child's TMPDIR, removed afterwards: SwiftPM and the Swift
/// driver leave `TemporaryDirectory.*` folders behind in TMPDIR, which must not litter the user's
/// (or a grader's scratch). Used by `runBuildTool` and `HostTestRun`.
func withPrivateTemporaryDirectory<Value>(_ name: String, _ body: (URL) async throws -> Value) async throws -> Value {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder)
}
