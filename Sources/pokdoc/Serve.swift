import ArgumentParser
import CourseSite
import FlyingFox
import Foundation
import PokdocKit
import Synchronization

/// `pokdoc serve`: the rendered course on a local web server, rendered again whenever a chapter,
/// a source it shows or the site's assets change. FlyingFox serves it: a small HTTP server on
/// Swift concurrency and plain sockets with no dependencies of its own, so it adds seconds to the
/// build where a SwiftNIO server (Hummingbird, Vapor) would add minutes; serving files to one
/// reader needs nothing more.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the rendered course on localhost, rendering it again when a file changes.",
        discussion: """
        Listens on 127.0.0.1 unless --host says otherwise (0.0.0.0 shows the course to your network). \\
        A chapter that stops rendering is reported with its file and line, and the last good site stays \
        up: every chapter is read before the folder is touched.
        """)

    @OptionGroup var courseOptions: CourseOptions
    @Option(name: .long, help: "The address to listen on (default 127.0.0.1: this machine only).")
    var host = "127.0.0.1"
    @Option(name: .long, help: "The port (0: any free port; the address is printed).")
    var port: Int = 8000
    @Option(name: .long, help: "Where the site is written (default: .build/site in the course).")
    var out: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is out of range: 0…65535 (0: any free port)") }
        guard host.split(separator: ".").count == 4, host.split(separator: ".").allSatisfy({ UInt8($0) != nil }) else {
            throw ValidationError("--host \(host): give an IPv4 address such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)")
        }
    }

    func run() async throws {
        let course = try courseOptions.locate()
        let folder = out.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? course.root.appendingPathComponent(".build/site")
        let renderer = SiteRenderer(course: course)
        let watcher = SiteWatcher(course: course)
        var fingerprint = watcher.fingerprint()
        let first = try renderer.render(to: folder)
        for note in first.notes { printError("note: \(note)") }

        let server = HTTPServer(address: try .inet(ip4: host, port: UInt16(port)), logger: .disabled)
        let index = folder.appendingPathComponent("index.html")
        await server.appendRoute("GET /") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: try Data(contentsOf: index))
        }
        await server.appendRoute("GET /*", to: DirectoryHTTPHandler(root: folder, serverPath: "/"))
        // The server's own error (e.g. the port is taken) is kept: it says more than a timeout.
        let failure = Mutex<String?>(nil)
        let serving = Task {
            do { try await server.run() } catch {
                failure.withLock { $0 = "\(error)" }
                throw error
            }
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while await !server.isListening {
            if let reason = failure.withLock({ $0 }) { throw CannotListen(address: "\(host):\(port)", reason: reason) }
            guard ContinuousClock.now < deadline else {
                serving.cancel()
                throw CannotListen(address: "\(host):\(port)", reason: "it was not listening after 10 s")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        var shown = port
        if case .ip4(_, let actual) = await server.listeningAddress { shown = Int(actual) }
        print("serving \(folder.path) at http://\(host):\(shown)/ — rendered again when a file changes; Ctrl-C stops")

        var broken = false
        while !serving.isCancelled {
            try await Task.sleep(for: .milliseconds(300))
            let now = watcher.fingerprint()
            guard now != fingerprint else { continue }
            fingerprint = now
            do {
                let report = try renderer.render(to: folder)
                print("rendered again: \(report.pages.count) pages" + (broken ? " (the error is fixed)" : ""))
                broken = false
            } catch {
                broken = true
                printError("error: \(error) — still serving the last site that rendered")
            }
        }
        try await serving.value
    }
}

/// `pokdoc serve` could not open its port.
struct CannotListen: Error, CustomStringConvertible {
    var address: String
    var reason: String
    var description: String {
        "cannot listen on \(address): \(reason); another program may hold the port: try --port 0 (any free port) or another --port"
    }
}
