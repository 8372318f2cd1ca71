// How the grader's drivers move from one breakpoint to the next: the first stop waits for the
// boot under its own, wider bound; a breakpoint is stepped over (out, one instruction, back in).
import PokdocKit

extension GDBRemote {
    /// Continues to the next stop. Round 0 waits for the boot too (ObservedRunner.bootTimeout);
    /// afterwards the call's bound applies, grown with the boot's time (ObservedRunner.callBound).
    /// `waitingFor` says, if the guest ends instead, what the driver was waiting for.
    func nextStop(round: Int, callBound: Duration, waitingFor what: @autoclosure () -> String) throws(GDBRemoteError) -> I386Registers {
        if round == 0 { stopTimeout = max(callBound, ObservedRunner.bootTimeout) }
        let started = ContinuousClock.now
        let reply = try continueExecution()
        if round == 0 { stopTimeout = ObservedRunner.callBound(callBound, boot: ContinuousClock.now - started) }
        guard case .stopped = reply else { throw .closed(waitingFor: what()) }
        return try registers()
    }

    /// Resumes from a breakpoint: out, one instruction, back in.
    func stepOver(_ address: UInt32) throws(GDBRemoteError) {
        try removeBreakpoint(address)
        _ = try step()
        try setBreakpoint(address)
    }
}
