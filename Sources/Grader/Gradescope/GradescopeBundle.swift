// `pokdoc grade --gradescope-bundle DIR`: the folder whose contents, zipped, are a Gradescope
// autograder (docs/grading.md, "On Gradescope"). Gradescope unpacks the zip into
// /autograder/source, runs `setup.sh` there once when it builds the image, then for each
// submission copies `run_autograder` to /autograder and runs it with the student's files in
// /autograder/submission; it shows /autograder/results/results.json (GradescopeReport).
import Foundation
import PokdocKit

public enum GradescopeBundle {
    /// Gradescope's root; the scripts read `AUTOGRADER_ROOT` instead when it is set (tests do).
    public static let defaultRoot = "/autograder"
    /// The Swift release setup.sh installs when Gradescope's image has no `swift` (the course's
    /// toolchain, README "Quick start"); the Classroom workflow installs the same one.
    public static let swiftVersion = "6.3.1"
    /// What Swift's Linux toolchain itself needs on Ubuntu (swift.org's install instructions),
    /// beside the course's own packages (DebianPackage.required).
    public static let swiftPrerequisites = [
        "binutils", "ca-certificates", "curl", "git", "gnupg2", "libc6-dev", "libcurl4-openssl-dev", "libedit2",
        "libncurses-dev", "libpython3-dev", "libsqlite3-0", "libxml2-dev", "libz3-dev", "pkg-config", "python3-minimal",
        "tzdata", "unzip", "zlib1g-dev",
    ]
    /// The course files the bundle carries: what `swift build` needs for pokdoc (every target's
    /// folder, tests included, since Package.swift names them) and the chapters the grader reads.
    public static let sourceItems = ["Package.swift", "Sources", "Chapters", "Tests"]
    public static let setupFile = "setup.sh"
    public static let runFile = "run_autograder"

    /// Writes the bundle into `folder` (new or empty, outside the course): the two scripts beside a
    /// copy of `course`'s source; `run_autograder` grades `chapter`'s assignment. A write that
    /// fails half-way removes what it wrote.
    @discardableResult
    public static func write(to folder: URL, course: Course, chapter: Int = HypercallGrader.chapter) throws(GradescopeBundleError) -> URL {
        let output: KitOutputFolder
        do { output = try KitOutputFolder.prepare(folder, course: course) } catch { throw GradescopeBundleError(error) }
        let fm = FileManager.default
        do {
            for item in sourceItems {
                let source = course.root.appendingPathComponent(item)
                guard fm.fileExists(atPath: source.path) else { continue }
                try fm.copyItem(at: source, to: output.url.appendingPathComponent(item))
            }
            for (name, text) in [(setupFile, setupScript), (runFile, runAutograderScript(chapter: chapter))] {
                let file = output.url.appendingPathComponent(name)
                try text.write(to: file, atomically: true, encoding: .utf8)
                try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
            }
        } catch {
            output.removeWhatWasWritten()
            throw .cannotWrite(output.url.path, reason: BatchGrader.plainReason(error))
        }
        return output.url
    }

    /// Runs once, as root, in /autograder/source: the course's Debian packages, Swift if the
    /// image has none, then pokdoc built from the copy of the course.
    public static var setupScript: String {
        """
        #!/usr/bin/env bash
        # Gradescope runs this once, as root, in /autograder/source, when it builds the autograder
        # image (docs/grading.md, "On Gradescope"). Written by `pokdoc grade --gradescope-bundle`.
        set -euo pipefail
        ROOT="${AUTOGRADER_ROOT:-\(defaultRoot)}"
        SWIFT_VERSION="\(swiftVersion)"
        # The course's Debian packages (DebianPackage.required in Sources/PokdocKit/QEMU/DebianPackages.swift).
        COURSE_PACKAGES="\(DebianPackage.required.map(\.name).joined(separator: " "))"
        # What the Swift toolchain itself needs on Ubuntu.
        SWIFT_PREREQUISITES="\(swiftPrerequisites.joined(separator: " "))"

        export DEBIAN_FRONTEND=noninteractive
        apt-get update
        # shellcheck disable=SC2086 # word splitting is meant: each is a package name
        apt-get install -y $COURSE_PACKAGES $SWIFT_PREREQUISITES

        if ! command -v swift >/dev/null 2>&1; then
            . /etc/os-release
            name="swift-${SWIFT_VERSION}-RELEASE-ubuntu${VERSION_ID}"
            curl -fsSL "https://download.swift.org/swift-${SWIFT_VERSION}-release/ubuntu${VERSION_ID//./}/swift-${SWIFT_VERSION}-RELEASE/${name}.tar.gz" \\
                | tar -xz -C /opt
            ln -sfn "/opt/${name}" /opt/swift
            export PATH="/opt/swift/usr/bin:$PATH"
        fi

        cd "$ROOT/source"
        swift build -c release --product pokdoc
        """ + "\n"
    }

    /// Runs per submission: grades /autograder/submission (`chapter`'s assignment) into
    /// /autograder/results/results.json. Below full marks is a grade, not a failure of the script;
    /// no results.json is.
    public static func runAutograderScript(chapter: Int) -> String {
        """
        #!/usr/bin/env bash
        # Gradescope runs this for each submission, the student's files in $ROOT/submission
        # (docs/grading.md, "On Gradescope"). Written by `pokdoc grade --gradescope-bundle`.
        # AUTOGRADER_ROOT and POKDOC override where Gradescope's tree and pokdoc are (for tests).
        set -uo pipefail
        ROOT="${AUTOGRADER_ROOT:-\(defaultRoot)}"
        if [ -d /opt/swift/usr/bin ]; then export PATH="/opt/swift/usr/bin:$PATH"; fi
        POKDOC="${POKDOC:-$ROOT/source/.build/release/pokdoc}"
        RESULTS="$ROOT/results/results.json"

        mkdir -p "$ROOT/results"
        cd "$ROOT/source" || exit 2
        "$POKDOC" grade --chapter \(chapter) "$ROOT/submission" --format gradescope --output "$RESULTS"
        status=$?
        # 0 (full marks) and 1 (below) are grades; 2 (the grader failed) is in results.json too.
        if [ ! -s "$RESULTS" ]; then
            echo "run_autograder: pokdoc grade exited $status and wrote no $RESULTS" >&2
            exit 2
        fi
        exit 0
        """ + "\n"
    }
}
