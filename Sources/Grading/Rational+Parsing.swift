// Reading a Rational from rubric text (docs/grading.md, "Points"): "3", "-2/4", "1/3", "0.25".
import CGMP

/// Why a text is not a rational; `description` quotes the text and names the fault.
public enum RationalParseError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    /// A character that cannot stand at `offset` (0-based, in characters).
    case unexpectedCharacter(text: String, character: Character, offset: Int)
    /// A sign, "/" or "." with no digits where digits must follow.
    case missingDigits(text: String, after: String)
    /// "p/0".
    case zeroDenominator(text: String)
    /// More than one "/" or ".", or both.
    case tooManySeparators(text: String)

    public var description: String {
        switch self {
        case .empty:
            "empty text is not a number: write an integer (2), a fraction (1/3) or a decimal (0.25)"
        case let .unexpectedCharacter(text, character, offset):
            "\"\(text)\" is not a number: unexpected \"\(character)\" at character \(offset + 1); write an integer (2), a fraction (1/3) or a decimal (0.25)"
        case let .missingDigits(text, after):
            "\"\(text)\" is not a number: digits must follow \"\(after)\""
        case let .zeroDenominator(text):
            "\"\(text)\" divides by zero: a fraction's denominator must not be 0"
        case let .tooManySeparators(text):
            "\"\(text)\" is not a number: a fraction has one \"/\" (1/3), a decimal one \".\" (0.25), never more or both"
        }
    }
}

extension Rational {
    /// Parses `-?digits`, `-?digits/digits` or `-?digits.digits`, exactly: "0.1" is 1/10.
    public convenience init(parsing text: String) throws(RationalParseError) {
        let fraction = try Rational.fractionText(of: text)
        self.init(computing: { q in
            let status = fraction.withCString { cgmp_mpq_set_str(q, $0) }
            precondition(status == 0, "GMP rejected \"\(fraction)\", which the grammar accepted")
        })
    }

    /// Checks the grammar and rewrites a decimal "a.bc" as "abc/100", so GMP reads only "p" or "p/q".
    static func fractionText(of text: String) throws(RationalParseError) -> String {
        guard !text.isEmpty else { throw .empty }
        var sign = ""
        var whole = ""
        var separator: Character?
        var tail = ""
        for (offset, character) in text.enumerated() {
            switch character {
            case "-" where offset == 0, "+" where offset == 0:
                sign = character == "-" ? "-" : ""
            case "0"..."9":
                if separator == nil { whole.append(character) } else { tail.append(character) }
            case "/", ".":
                guard separator == nil else { throw .tooManySeparators(text: text) }
                guard !whole.isEmpty else {
                    if offset == 0 { throw .unexpectedCharacter(text: text, character: character, offset: offset) }
                    throw .missingDigits(text: text, after: String(text.first!))
                }
                separator = character
            default:
                throw .unexpectedCharacter(text: text, character: character, offset: offset)
            }
        }
        guard !whole.isEmpty else { throw .missingDigits(text: text, after: String(text.first!)) }
        switch separator {
        case nil:
            return sign + whole
        case "/":
            guard !tail.isEmpty else { throw .missingDigits(text: text, after: "/") }
            guard tail.contains(where: { $0 != "0" }) else { throw .zeroDenominator(text: text) }
            return "\(sign)\(whole)/\(tail)"
        default:
            guard !tail.isEmpty else { throw .missingDigits(text: text, after: ".") }
            return "\(sign)\(whole)\(tail)/1\(String(repeating: "0", count: tail.count))"
        }
    }
}
