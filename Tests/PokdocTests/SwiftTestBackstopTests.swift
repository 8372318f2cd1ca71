// `pokdoc test N` runs the host tests in a child `swift test`; a test that never returns must
// not hang pokdoc. A stand-in `swift` that hangs (and starts a child that hangs) shows the
// backstop ends it and kills the whole process group.

import Foundation
import Testing
@testable import PokdocKit

@Suite("swift test backstop")
struct SwiftTestBackstopTests {
    @Test("the backstop throws TimedOut and leaves no process of the run behind")
    func hangingSwiftTestIsStopped() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pokdoc-hang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let marker = "sleep 9\(Int.random(in: 100_000...999_999))"
        let fakeSwift = folder.appendingPathComponent("swift")
        try "#!/bin/sh\n\(marker) &\n\(marker)\n".write(to: fakeSwift, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fakeSwift.path)

        await #expect(throws: HostTestRun.TimedOut.self, "HostTestRun's backstop must end a swift test that hangs") {
            _ = try await HostTestRun.run(course: CourseFixture.course, filter: "Nothing", skip: nil,
                                          limit: .seconds(2), swift: fakeSwift.path)
        }
        // SIGKILL has been sent to the group; the processes vanish once the kernel reaps them.
        let left = await ProcessWatch.untilGone { ProcessWatch.processes(containing: marker) }
        ProcessWatch.killLeftovers(left)
        #expect(left.isEmpty, "the hanging test's processes outlived the backstop (its teardown kills the whole process group) by \(ProcessWatch.bound); at the last poll: \(left)")
    }
}
