// Rational: parsing (docs/grading.md, "Points"), exact arithmetic, ordering and its text form.
import Grading
import Testing

@Suite("Rational")
struct RationalTests {
    @Test("accepted texts give the exact value in lowest terms", arguments: [
        ("3", "3"), ("1/3", "1/3"), ("-2/4", "-1/2"), ("0.25", "1/4"), ("0.1", "1/10"), ("+6/4", "3/2"), ("-0.5", "-1/2"), ("0", "0"), ("4/2", "2"),
    ])
    func parses(text: String, canonical: String) throws {
        #expect(try Rational(parsing: text).description == canonical, "\"\(text)\" should read as \(canonical) (canonical p/q, or p when q is 1)")
    }

    @Test("rejected texts name the fault", arguments: [
        ("1/0", RationalParseError.zeroDenominator(text: "1/0")),
        ("1/00", .zeroDenominator(text: "1/00")),
        ("abc", .unexpectedCharacter(text: "abc", character: "a", offset: 0)),
        ("1/3/4", .tooManySeparators(text: "1/3/4")),
        ("1.5/2", .tooManySeparators(text: "1.5/2")),
        ("", .empty),
        ("1/", .missingDigits(text: "1/", after: "/")),
        ("2.", .missingDigits(text: "2.", after: ".")),
        ("-", .missingDigits(text: "-", after: "-")),
        ("1 /3", .unexpectedCharacter(text: "1 /3", character: " ", offset: 1)),
        ("1e3", .unexpectedCharacter(text: "1e3", character: "e", offset: 1)),
    ])
    func rejects(text: String, error: RationalParseError) {
        #expect(throws: error, "\"\(text)\" is not p, p/q or a decimal (docs/grading.md, \"Points\")") {
            try Rational(parsing: text)
        }
    }

    @Test("error texts quote the input and say what to write")
    func errorText() {
        #expect(RationalParseError.zeroDenominator(text: "1/0").description.contains("\"1/0\" divides by zero"))
        #expect(RationalParseError.unexpectedCharacter(text: "abc", character: "a", offset: 0).description.contains("unexpected \"a\" at character 1"))
    }

    @Test("arithmetic is exact")
    func arithmetic() throws {
        let third = try Rational(parsing: "1/3")
        let sixth = try Rational(parsing: "1/6")
        #expect((third + sixth).description == "1/2", "1/3 + 1/6 = 1/2 (mpq_add, canonical)")
        #expect((third - sixth).description == "1/6", "1/3 − 1/6 = 1/6 (mpq_sub)")
        #expect((sixth - third).description == "-1/6", "1/6 − 1/3 = −1/6 (mpq_sub, sign on the numerator)")
        #expect((third * sixth).description == "1/18", "1/3 × 1/6 = 1/18 (mpq_mul)")
        #expect((-third).description == "-1/3", "negation (mpq_neg)")
        #expect([third, third, third].sum() == Rational(1), "1/3 + 1/3 + 1/3 = 1 exactly")
    }

    @Test("ordering and equality are by value")
    func ordering() throws {
        let half = try Rational(parsing: "1/2")
        #expect(try Rational(parsing: "2/4") == half, "2/4 equals 1/2")
        #expect(try Rational(parsing: "1/3") < half, "1/3 < 1/2 (mpq_cmp)")
        #expect(!(half < half), "nothing is below itself")
        #expect(try Rational(parsing: "-1") < .zero, "−1 < 0")
        #expect(Set([half, try Rational(parsing: "0.5")]).count == 1, "equal values hash alike")
    }

    @Test("a rubric-sized integer survives exactly")
    func bigValues() throws {
        let big = try Rational(parsing: "123456789012345678901234567891/2")
        #expect(big.description == "123456789012345678901234567891/2", "GMP keeps every digit")
        #expect((big * Rational(2)).description == "123456789012345678901234567891")
    }
}
