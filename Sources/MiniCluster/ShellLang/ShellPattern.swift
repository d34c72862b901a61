// sh's pattern matching (`*`, `?`, `[a-z]`, `[!x]`, `\` escapes) for globs and `${x%pattern}`.

public enum ShellPattern {
    /// Whether `text` matches the whole `pattern`.
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        match(Array(pattern.unicodeScalars), 0, Array(text.unicodeScalars), 0)
    }

    /// Whether the pattern has an unescaped `*`, `?` or `[`.
    public static func hasWildcards(_ pattern: String) -> Bool {
        var escaped = false
        for c in pattern.unicodeScalars {
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if c == "*" || c == "?" || c == "[" { return true }
        }
        return false
    }

    /// The pattern with `\` escapes removed (what a non-matching glob leaves as the word).
    public static func unescape(_ pattern: String) -> String {
        var out = "", escaped = false
        for c in pattern.unicodeScalars {
            if !escaped, c == "\\" { escaped = true; continue }
            escaped = false
            out.unicodeScalars.append(c)
        }
        return out
    }

    private static func match(_ p: [Unicode.Scalar], _ pi: Int, _ t: [Unicode.Scalar], _ ti: Int) -> Bool {
        var pi = pi, ti = ti
        while pi < p.count {
            let c = p[pi]
            switch c {
            case "*":
                while pi < p.count, p[pi] == "*" { pi += 1 }
                if pi == p.count { return true }
                for k in ti...t.count where match(p, pi, t, k) { return true }
                return false
            case "?":
                guard ti < t.count else { return false }
                pi += 1; ti += 1
            case "[":
                guard ti < t.count else { return false }
                if let (ok, next) = bracket(p, pi, t[ti]) {
                    guard ok else { return false }
                    pi = next; ti += 1
                } else {
                    guard t[ti] == "[" else { return false }
                    pi += 1; ti += 1
                }
            case "\\" where pi + 1 < p.count:
                guard ti < t.count, t[ti] == p[pi + 1] else { return false }
                pi += 2; ti += 1
            default:
                guard ti < t.count, t[ti] == c else { return false }
                pi += 1; ti += 1
            }
        }
        return ti == t.count
    }

    /// Matches `c` against the bracket expression at `p[start]`; nil when the bracket is not closed.
    private static func bracket(_ p: [Unicode.Scalar], _ start: Int, _ c: Unicode.Scalar) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count, p[i] == "!" || p[i] == "^" { negate = true; i += 1 }
        var found = false
        var first = true
        while i < p.count {
            if p[i] == "]", !first { return (found != negate, i + 1) }
            first = false
            var lo = p[i]
            if lo == "\\", i + 1 < p.count { i += 1; lo = p[i] }
            if i + 2 < p.count, p[i + 1] == "-", p[i + 2] != "]" {
                if lo <= c && c <= p[i + 2] { found = true }
                i += 3
            } else {
                if lo == c { found = true }
                i += 1
            }
        }
        return nil
    }
}
