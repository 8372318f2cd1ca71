import Foundation
import Testing
@testable import PokdocKit

/// The QEMU a test boots kernels with, or a failure — never a skip — that says how to install
/// it. A test that needs QEMU calls this first, so a missing QEMU reads as the install command,
/// not as a symptom of the kernel ("expected the #GP(0x152) explanation, got []").
@discardableResult
func requireQEMU(_ toolchain: Toolchain = .locate(), sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    try #require(toolchain.paths[.qemu], "\(ToolNotFound(tool: .qemu)) — this test boots kernels under QEMU",
                 sourceLocation: sourceLocation)
}
