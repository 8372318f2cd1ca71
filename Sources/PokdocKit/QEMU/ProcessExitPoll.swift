// Has a child exited? Asked without reaping it, so its process group ID stays ours.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Polls without reaping (`WNOWAIT`): Subprocess reaps QEMU after the body returns.
func hasExited(_ pid: pid_t, within grace: Duration) async -> Bool {
    // An unstructured task does not inherit cancellation, so the sleeps below really sleep
    // even when our caller has been cancelled.
    await Task {
        let deadline = ContinuousClock.now + grace
        while true {
            var info = siginfo_t()
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT | WNOHANG) == 0, exitedPID(info) == pid {
                return true
            }
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }.value
}

private func exitedPID(_ info: siginfo_t) -> pid_t {
    #if canImport(Glibc) || canImport(Musl)
    info._sifields._sigchld.si_pid
    #else
    info.si_pid
    #endif
}
