// The course checkout the grader tests grade against.
import Foundation
import PokdocKit

enum GraderFixture {
    static let course: Course = {
        // Tests/GraderTests/GraderFixture.swift → the checkout's root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return Course(root: root)
    }()
}
