// Exact arithmetic and ordering on Rational: each operation makes a new value (Rational.swift).
import CGMP

extension Rational {
    public static func + (a: Rational, b: Rational) -> Rational {
        Rational(computing: { cgmp_mpq_add($0, a.value, b.value) })
    }

    public static func - (a: Rational, b: Rational) -> Rational {
        Rational(computing: { cgmp_mpq_sub($0, a.value, b.value) })
    }

    public static func * (a: Rational, b: Rational) -> Rational {
        Rational(computing: { cgmp_mpq_mul($0, a.value, b.value) })
    }

    public static prefix func - (a: Rational) -> Rational {
        Rational(computing: { cgmp_mpq_neg($0, a.value) })
    }
}

extension Sequence where Element == Rational {
    /// The exact sum (0 for an empty sequence).
    public func sum() -> Rational { reduce(Rational.zero, +) }
}

extension Rational: Comparable, Hashable {
    public static func == (a: Rational, b: Rational) -> Bool {
        cgmp_mpq_equal(a.value, b.value) != 0
    }

    public static func < (a: Rational, b: Rational) -> Bool {
        cgmp_mpq_cmp(a.value, b.value) < 0
    }

    public func hash(into hasher: inout Hasher) {
        // Canonical form makes the text unique per value.
        hasher.combine(description)
    }
}
