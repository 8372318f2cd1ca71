// The one rounding rule (docs/grading.md, "Rounding"): exact until output, then to a fixed number
// of decimal places, half away from zero. The rule itself is cgmp_round_scaled (Sources/CGMP/shim.h).
import CGMP

extension Rational {
    /// The value rounded to `places` decimals (0…18), half away from zero, always with exactly
    /// `places` digits after the point: 1/3 → "0.33", 2/3 → "0.67", 1/8 at 2 → "0.13", -1/8 → "-0.13".
    public func rounded(toPlaces places: Int) -> String {
        precondition((0...RoundingRule.maximumPlaces).contains(places), "places \(places) outside 0…\(RoundingRule.maximumPlaces)")
        let scaled = UnsafeMutablePointer<__mpz_struct>.allocate(capacity: 1)
        cgmp_mpz_init(scaled)
        defer {
            cgmp_mpz_clear(scaled)
            scaled.deallocate()
        }
        cgmp_round_scaled(scaled, value, UInt(places))
        var digits = Rational.text(of: scaled)
        let negative = digits.hasPrefix("-")
        if negative { digits.removeFirst() }
        if digits.count <= places {
            digits = String(repeating: "0", count: places - digits.count + 1) + digits
        }
        let integerPart = digits.dropLast(places)
        let fractionPart = digits.suffix(places)
        return (negative ? "-" : "") + integerPart + (places > 0 ? "." + fractionPart : "")
    }

    /// The rounded value as a Double, for formats that require a JSON number (Gradescope): the
    /// Double nearest to `rounded(toPlaces:)`, so it prints as that decimal.
    public func roundedNumber(toPlaces places: Int) -> Double {
        Double(rounded(toPlaces: places))!
    }
}

/// How many decimal places a report shows (a rubric's `rounding: { places: N }`).
public struct RoundingRule: Equatable, Sendable {
    public static let maximumPlaces = 18
    public static let standard = RoundingRule(places: 2)

    public let places: Int

    public init(places: Int) {
        precondition((0...RoundingRule.maximumPlaces).contains(places))
        self.places = places
    }
}
