// An exact rational number over GMP's mpq_t (docs/grading.md, "Exact points"). Rubric points and
// every total are Rationals; nothing is rounded until a report writes it (Rational+Rounding.swift).
import CGMP

/// An exact rational number, always in canonical form (lowest terms, positive denominator).
///
/// Sendable: the mpq is written only inside `init` (by the closure that computes the value, then
/// `mpq_canonicalize`) and never again — every operation returns a new Rational — and GMP's
/// functions only read their `const` (`mpq_srcptr`) arguments, so sharing one between tasks is safe.
/// Swift cannot see that through the pointer, hence `@unchecked`.
public final class Rational: @unchecked Sendable {
    let value: UnsafeMutablePointer<__mpq_struct>

    /// `compute` writes the value into a freshly initialised mpq; the result is then canonicalised.
    init(computing compute: (UnsafeMutablePointer<__mpq_struct>) -> Void) {
        value = UnsafeMutablePointer<__mpq_struct>.allocate(capacity: 1)
        cgmp_mpq_init(value)
        compute(value)
        cgmp_mpq_canonicalize(value)
    }

    deinit {
        cgmp_mpq_clear(value)
        value.deallocate()
    }

    /// The integer `n`.
    public convenience init(_ n: Int) {
        self.init(computing: { cgmp_mpq_set_si($0, n, 1) })
    }

    public static let zero = Rational(0)

    /// -1, 0 or 1.
    public var signum: Int { Int(cgmp_mpq_sgn(value)) }
    public var isZero: Bool { signum == 0 }
    public var isNegative: Bool { signum < 0 }

    /// The numerator in base 10, with its sign.
    public var numeratorText: String { Rational.text(of: cgmp_mpq_numref(value)) }
    /// The denominator in base 10 (always positive).
    public var denominatorText: String { Rational.text(of: cgmp_mpq_denref(value)) }

    static func text(of z: mpz_srcptr) -> String {
        let capacity = cgmp_mpz_text_capacity(z)
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cgmp_mpz_text(chars.baseAddress!, z)
                return chars.firstIndex(of: 0)!
            }
        }
    }
}

extension Rational: CustomStringConvertible {
    /// "p/q", or "p" when the denominator is 1: the form a rubric accepts back.
    public var description: String {
        cgmp_mpz_is_one(cgmp_mpq_denref(value)) != 0 ? numeratorText : "\(numeratorText)/\(denominatorText)"
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    public convenience init(integerLiteral n: Int) { self.init(n) }
}
