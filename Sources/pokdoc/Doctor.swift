import ArgumentParser
import PokdocKit

struct Doctor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the Swift toolchain, the Embedded Swift stdlib for i686, ld.lld and QEMU; print the fix for anything missing.")

    @Flag(help: "Install the missing Debian packages (as root or with passwordless sudo), or print the command.")
    var fix = false

    func run() async throws {
        if fix, !(await PackageInstaller().installMissing().isReady) { throw ExitCode.failure }
        let checks = await Toolchain.locate().doctor()
        var missing = false
        for check in checks {
            print("\(check.ok ? "ok  " : (check.required ? "FAIL" : "warn"))  \(check.check): \(check.detail)")
            if !check.ok, let fix = check.fixCommand { print("      fix: \(fix)") }
            if !check.ok && check.required { missing = true }
        }
        if missing { throw ExitCode.failure }
        print("everything the course needs is here")
    }
}
