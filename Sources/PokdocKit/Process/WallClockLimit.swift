/// Runs `body` against a wall-clock backstop: its value if it finishes within `limit`, nil if the
/// limit passes first. Either way the loser is cancelled before this returns, so a `Subprocess.run`
/// inside `body` is torn down by its own teardown sequence. `swift test` (HostTestRun) and the
/// sandbox (Sandbox.run) use it; each turns nil into its own `TimedOut`.
func withWallClockLimit<Value: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> Value) async throws -> Value? {
    try await withThrowingTaskGroup(of: Value?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        let first = try await group.next()!
        group.cancelAll()
        return first
    }
}
