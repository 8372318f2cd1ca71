// Text made safe for XML 1.0 attribute values and character data, losing nothing.

enum XMLText {
    /// Escapes the five markup characters; a character XML 1.0 cannot hold at all (controls other
    /// than tab, newline and carriage return) is written visibly (VisibleText).
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out += "&#\(scalar.value);"
            case _ where VisibleText.isHidden(scalar): out += VisibleText.escape(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
