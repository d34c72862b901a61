// Go's float formatting, because kubectl prints numbers through Go: strconv 'g' (YAML) and encoding/json.

public enum GoFloat {
    /// Shortest round-trip decimal digits of |d| and the decimal point position: |d| = 0.DIGITS × 10^dp.
    static func shortestDigits(_ d: Double) -> (digits: [UInt8], dp: Int) {
        let text = String(describing: abs(d))
        var mantissa = Substring(text)
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var dp = 0
        var seenPoint = false
        for c in mantissa.utf8 {
            if c == UInt8(ascii: ".") { seenPoint = true; continue }
            digits.append(c)
            if !seenPoint { dp += 1 }
        }
        // Drop leading zeros (moving the point) and trailing zeros.
        while let f = digits.first, f == UInt8(ascii: "0"), digits.count > 1 { digits.removeFirst(); dp -= 1 }
        while let l = digits.last, l == UInt8(ascii: "0"), digits.count > 1 { digits.removeLast() }
        if digits == [UInt8(ascii: "0")] { dp = 1 }
        return (digits, dp + exp)
    }

    /// strconv.FormatFloat(d, 'g', -1, 64), plus go-yaml's names for infinities and NaN.
    public static func yaml(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
        return formatG(d)
    }

    /// strconv.FormatFloat(d, 'g', -1, 64).
    public static func formatG(_ d: Double) -> String {
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        let (digits, dp) = shortestDigits(d)
        let exp = dp - 1
        let sign = d < 0 ? "-" : ""
        if exp < -4 || exp >= 6 { return sign + formatE(digits, exp) }
        return sign + formatF(digits, dp)
    }

    /// encoding/json's float encoding: %f between 1e-6 and 1e21, else %e with `e-07` shortened to `e-7`.
    public static func json(_ d: Double) -> String {
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        let (digits, dp) = shortestDigits(d)
        let sign = d < 0 ? "-" : ""
        let a = abs(d)
        if a < 1e-6 || a >= 1e21 {
            var e = formatE(digits, dp - 1)
            if let r = e.range(of: "e-0"), e.distance(from: r.upperBound, to: e.endIndex) == 1 {
                e.replaceSubrange(r, with: "e-")
            }
            return sign + e
        }
        return sign + formatF(digits, dp)
    }

    private static func formatE(_ digits: [UInt8], _ exp: Int) -> String {
        var s = String(decoding: digits.prefix(1), as: UTF8.self)
        if digits.count > 1 { s += "." + String(decoding: digits.dropFirst(), as: UTF8.self) }
        let e = abs(exp)
        s += (exp < 0 ? "e-" : "e+") + (e < 10 ? "0\(e)" : "\(e)")
        return s
    }

    private static func formatF(_ digits: [UInt8], _ dp: Int) -> String {
        let ds = String(decoding: digits, as: UTF8.self)
        if dp <= 0 { return "0." + String(repeating: "0", count: -dp) + ds }
        if dp >= digits.count { return ds + String(repeating: "0", count: dp - digits.count) }
        let i = ds.index(ds.startIndex, offsetBy: dp)
        return ds[..<i] + "." + ds[i...]
    }
}
