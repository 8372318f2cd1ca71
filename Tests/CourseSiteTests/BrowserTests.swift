// The rendered site in a real browser: headless Chromium (Debian's `chromium`, which .ci/run
// installs) loads every page from file://, as a reader opening the site without a server would.
// A missing browser fails the test with the command that installs it; it never skips.
import Foundation
import Testing
@testable import CourseSite
import PokdocKit

@Suite("the rendered site in headless Chromium", .serialized)
struct BrowserTests {
    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    static func locateBrowser() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in candidates {
            for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }

    /// What the browser made of one page: its DOM after the scripts ran, and what it logged.
    struct Load {
        var dom: String
        var console: [String]
    }

    enum BrowserFailure: Error, CustomStringConvertible {
        case timedOut(String, seconds: Int)
        case exited(String, status: Int32, log: String)
        var description: String {
            switch self {
            case .timedOut(let url, let seconds): "chromium did not finish \(url) within \(seconds) s; it was killed"
            case .exited(let url, let status, let log): "chromium exited \(status) on \(url): \(log.suffix(600))"
            }
        }
    }

    /// Runs headless Chromium once with `arguments` + the page; output goes to files (a DOM can be
    /// larger than a pipe holds), and the wait polls with a bound instead of blocking a thread.
    static func chromium(_ browser: String, _ arguments: [String], url: String, bound: Int = 120) async throws -> Load {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pok-browser-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("dom.html"), err = scratch.appendingPathComponent("log.txt")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                             "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
                             "--enable-logging=stderr", "--v=0"] + arguments + [url]
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(bound)
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                kill(process.processIdentifier, SIGKILL)
                throw BrowserFailure.timedOut(url, seconds: bound)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let log = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else { throw BrowserFailure.exited(url, status: process.terminationStatus, log: log) }
        let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return Load(dom: (try? String(contentsOf: out, encoding: .utf8)) ?? "", console: console)
    }

    /// The site rendered under .build/browser/ (kept, with the screenshot, for a person to look at).
    static func renderSite() throws -> SiteFixture.Site {
        let folder = SiteFixture.root.appendingPathComponent(".build/browser/site")
        let report = try SiteRenderer(course: SiteFixture.course).render(to: folder)
        return SiteFixture.Site(folder: folder, report: report)
    }

    @Test("every page loads with no console message, and every link, script and fragment in its DOM resolves")
    func everyPage() async throws {
        let browser = try #require(Self.locateBrowser(), "headless Chromium is needed: apt-get install -y chromium")
        let site = try Self.renderSite()
        let pages = site.pages
        #expect(pages.count > 20)
        // Two browsers at a time: the machine has two cores.
        let results = try await withThrowingTaskGroup(of: (String, Load).self) { group in
            var results: [(String, Load)] = []
            var next = 0
            func add() {
                let page = pages[next]
                next += 1
                group.addTask { (page, try await Self.chromium(browser, ["--dump-dom"], url: site.folder.appendingPathComponent(page).absoluteString)) }
            }
            while next < min(2, pages.count) { add() }
            while let result = try await group.next() {
                results.append(result)
                if next < pages.count { add() }
            }
            return results
        }
        #expect(results.count == pages.count)
        for (page, load) in results {
            #expect(load.console.isEmpty, "\(page) logged to the console:\n\(load.console.joined(separator: "\n"))")
            #expect(load.dom.contains("</html>"), "\(page): the browser gave no DOM")
            let broken = try HTMLScan.brokenReferences(in: load.dom, of: page, in: site)
            #expect(broken.isEmpty, "\(page): \(broken.prefix(5).joined(separator: "; "))")
        }
    }

    @Test("Chapter 4 in the browser: highlighted code, a terminal transcript, a drawn diagram; a screenshot under .build/browser")
    func chapter4() async throws {
        let browser = try #require(Self.locateBrowser(), "headless Chromium is needed: apt-get install -y chromium")
        let site = try Self.renderSite()
        let url = site.folder.appendingPathComponent("04-hypercall-gate.html").absoluteString
        let load = try await Self.chromium(browser, ["--dump-dom"], url: url)
        #expect(load.console.isEmpty, "\(load.console)")
        #expect(load.dom.contains("class=\"language-swift hljs") || load.dom.contains("class=\"hljs language-swift"),
                "highlight.js coloured the Swift listings")
        #expect(load.dom.contains("hljs-keyword"), "keywords are marked")
        #expect(load.dom.contains("<figure class=\"listing\""), "listings are labelled figures")
        #expect(load.dom.contains("<pre class=\"terminal\">"), "a transcript as terminal output")
        #expect(load.dom.contains("verdict verdict-pass"), "its end line marked")
        #expect(load.dom.contains("<figure class=\"diagram\">") && load.dom.contains("<svg"), "the two gates drawn side by side")

        let screenshot = SiteFixture.root.appendingPathComponent(".build/browser/chapter-4.png")
        try? FileManager.default.removeItem(at: screenshot)
        let shot = try await Self.chromium(browser, ["--window-size=1200,1500", "--screenshot=\(screenshot.path)"], url: url)
        #expect(shot.console.isEmpty)
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000, "a real screenshot: \(png.count) bytes")
    }

    @Test("search finds a word that only Chapter 4 holds, and links to its section")
    func search() async throws {
        let browser = try #require(Self.locateBrowser(), "headless Chromium is needed: apt-get install -y chromium")
        let site = try Self.renderSite()
        // A word of Chapter 4's prose that no other page has: finding it proves the index is read.
        let chapter4 = try SiteFixture.course.chapter(4)
        let others = try SiteFixture.course.chapters().filter { $0.number != 4 }.map { $0.body.lowercased() }.joined(separator: " ")
        let words = Set(chapter4.body.lowercased().split { !$0.isLetter }.map(String.init).filter { $0.count >= 9 })
        let word = try #require(words.filter { !others.contains($0) }.sorted().first, "Chapter 4 has a word of its own")
        let url = site.folder.appendingPathComponent("search.html").absoluteString + "?q=" + word
        let load = try await Self.chromium(browser, ["--dump-dom"], url: url)
        #expect(load.console.isEmpty, "\(load.console)")
        #expect(load.dom.contains("href=\"04-hypercall-gate.html#"), "searching '\(word)' finds Chapter 4")
        #expect(!load.dom.contains("href=\"02-syscall-gate.html#"), "and only Chapter 4")
        #expect(load.dom.contains("<mark>"), "the word is marked in the snippet")
    }
}
