// `pokdoc serve`, run as a user runs it, on a copy of the course: it listens on 127.0.0.1 only,
// serves the site, renders it again when a chapter changes, and reports a broken chapter with
// its file and line while the last good site stays up.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import PokdocKit

@Suite("pokdoc serve", .serialized)
struct ServeTests {
    /// A `pokdoc` process with its output in files, polled with bounds (never a bare sleep).
    final class Server {
        let process = Process()
        let output: URL, errors: URL

        init(_ arguments: [String]) throws {
            let scratch = SiteFixture.temporaryFolder("serve-log")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            output = scratch.appendingPathComponent("out.txt")
            errors = scratch.appendingPathComponent("err.txt")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            let pokdoc = try #require(PokdocExecutable.locate(besides: URL(fileURLWithPath: CommandLine.arguments[0]), checkout: SiteFixture.root),
                                      "pokdoc is built by swift build")
            process.executableURL = pokdoc
            process.arguments = arguments
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = try FileHandle(forWritingTo: errors)
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        var said: String { ((try? String(contentsOf: output, encoding: .utf8)) ?? "") + ((try? String(contentsOf: errors, encoding: .utf8)) ?? "") }

        /// Waits (up to `seconds`) until `condition` holds; false if it never did.
        static func poll(_ seconds: Int, _ condition: () async -> Bool) async -> Bool {
            let deadline = ContinuousClock.now + .seconds(seconds)
            while ContinuousClock.now < deadline {
                if await condition() { return true }
                try? await Task.sleep(for: .milliseconds(100))
            }
            return await condition()
        }

        func stop() async {
            process.terminate()
            let ended = await Self.poll(30) { !self.process.isRunning }
            if !ended { kill(process.processIdentifier, SIGKILL) }
            #expect(ended, "pokdoc serve ends on SIGTERM")
            try? FileManager.default.removeItem(at: output.deletingLastPathComponent())
        }
    }

    static func get(_ url: String) async -> (status: Int, body: String)? {
        guard let url = URL(string: url), let (data, response) = try? await URLSession.shared.data(from: url) else { return nil }
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    // Mutants: binding 0.0.0.0 by default; no watch loop; a failed render that empties the site.
    @Test("serves on 127.0.0.1 only, renders again on a change, and keeps the last good site when a chapter breaks")
    func serves() async throws {
        let course = try SiteFixture.courseCopy()
        let out = SiteFixture.temporaryFolder("served")
        defer {
            try? FileManager.default.removeItem(at: course.root)
            try? FileManager.default.removeItem(at: out)
        }
        let server = try Server(["serve", "--course", course.root.path, "--port", "0", "--out", out.path])
        var port = 0
        let listening = await Server.poll(120) {
            guard let match = server.said.firstMatch(of: #/at http://127\.0\.0\.1:(\d+)/#) else { return false }
            port = Int(match.1) ?? 0
            return true
        }
        guard listening else {
            await server.stop()
            Issue.record("pokdoc serve never said where it listens: \(server.said)")
            return
        }
        let base = "http://127.0.0.1:\(port)"

        // Bound to the loopback address: /proc/net/tcp lists the listening socket as 0100007F:port.
        let table = try String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)
        let local = String(format: "0100007F:%04X", port)
        #expect(table.split(separator: "\n").contains { $0.contains(" \(local) ") && $0.contains(" 0A ") },
                "a listening socket on 127.0.0.1:\(port) (and not on 0.0.0.0)")

        let index = await Self.get(base + "/")
        #expect(index?.status == 200 && index?.body.contains("Contents") == true, "/ is the contents page")
        let chapter4 = await Self.get(base + "/04-hypercall-gate.html")
        #expect(chapter4?.status == 200 && chapter4?.body.contains("The hypercall gate, by imitation") == true)
        #expect(await Self.get(base + "/no-such-page.html")?.status == 404)

        // A change to a chapter is served without restarting.
        let file = course.root.appendingPathComponent("Chapters/04-hypercall-gate/chapter.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "# Chapter 4 — The hypercall gate, by imitation", with: "# Chapter 4 — The hypercall gate, edited while served")
            .write(to: file, atomically: true, encoding: .utf8)
        let updated = await Server.poll(60) { await Self.get(base + "/04-hypercall-gate.html")?.body.contains("edited while served") == true }
        #expect(updated, "the edited chapter is served: \(server.said)")

        // A broken include: reported with file and line; the last good site stays up.
        let chapter2 = course.root.appendingPathComponent("Chapters/02-syscall-gate/chapter.md")
        let original = try String(contentsOf: chapter2, encoding: .utf8)
        let line = try #require(original.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(":core-syscall}}") }) + 1
        try original.replacingOccurrences(of: ":core-syscall}}", with: ":core-syscal}}").write(to: chapter2, atomically: true, encoding: .utf8)
        let reported = await Server.poll(60) { server.said.contains("chapter.md:\(line):") }
        #expect(reported, "the broken include is named with its line \(line): \(server.said)")
        let stillThere = await Self.get(base + "/02-syscall-gate.html")
        #expect(stillThere?.status == 200 && stillThere?.body.contains("The syscall gate") == true, "the last good site is still served")

        // A second server on the same port (the chapter mended): refused, naming the address and the way out.
        try original.write(to: chapter2, atomically: true, encoding: .utf8)
        let second = try Server(["serve", "--course", course.root.path, "--port", "\(port)", "--out", out.path + "-second"])
        defer { try? FileManager.default.removeItem(atPath: out.path + "-second") }
        #expect(await Server.poll(60) { !second.process.isRunning }, "the second server ends")
        #expect(second.process.terminationStatus != 0 && second.said.contains("cannot listen on 127.0.0.1:\(port)") && second.said.contains("--port 0"),
                "\(second.said)")
        await server.stop()
    }

    // Mutant: no validation (a port of 70000 wrapped or crashed).
    @Test("an out-of-range --port and a --host that is not an IPv4 address are refused, naming the rule")
    func badOptions() async throws {
        let port = try Server(["serve", "--port", "70000"])
        #expect(await Server.poll(60) { !port.process.isRunning })
        #expect(port.process.terminationStatus != 0 && port.said.contains("--port 70000 is out of range: 0…65535"), "\(port.said)")
        let host = try Server(["serve", "--host", "localhost"])
        #expect(await Server.poll(60) { !host.process.isRunning })
        #expect(host.process.terminationStatus != 0 && host.said.contains("--host localhost: give an IPv4 address"), "\(host.said)")
    }
}
