// Durations as seconds, for wall times and messages.

extension Duration {
    /// The duration as a floating-point number of seconds.
    public var inSeconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
