// The one rounding rule (docs/grading.md, "Rounding"): half away from zero, exactly `places` digits.
import Grading
import Testing

@Suite("Rounding")
struct RoundingTests {
    @Test("ties go away from zero; others to the nearest", arguments: [
        ("1/8", 2, "0.13"),     // 0.125: a tie, up (half-even would give 0.12)
        ("-1/8", 2, "-0.13"),   // −0.125: a tie, away from zero, down
        ("3/8", 2, "0.38"),     // 0.375: a tie, up (half-even would also give 0.38)
        ("5/2", 0, "3"),        // 2.5: a tie, up (half-even would give 2)
        ("-5/2", 0, "-3"),
        ("1/2", 0, "1"),
        ("1/3", 2, "0.33"),
        ("2/3", 2, "0.67"),
        ("-1/3", 2, "-0.33"),
        ("1/300", 2, "0.00"),   // no "-0.00" either side
        ("-1/300", 2, "0.00"),
        ("7", 2, "7.00"),
        ("1/40", 3, "0.025"),
        ("1249/1000", 1, "1.2"), // below the tie, down
        ("125/100", 1, "1.3"),   // 1.25: a tie, up
    ])
    func rule(value: String, places: Int, rounded: String) throws {
        #expect(try Rational(parsing: value).rounded(toPlaces: places) == rounded,
                "\(value) to \(places) places is \(rounded) by the rule: nearest, ties away from zero")
    }

    @Test("the number for Gradescope is the rounded decimal")
    func number() throws {
        #expect(try Rational(parsing: "1/8").roundedNumber(toPlaces: 2) == 0.13)
        #expect(try Rational(parsing: "2/3").roundedNumber(toPlaces: 2) == 0.67)
    }
}
