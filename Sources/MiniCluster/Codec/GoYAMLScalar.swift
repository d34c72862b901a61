// How go-yaml v2 (the parser behind kubectl's sigs.k8s.io/yaml) reads a plain scalar: YAML 1.1 booleans
// (yes/no/on/off/y/n), base-prefixed and underscored ints, timestamps kept as strings. The encoder uses the
// same rules to decide which strings need quotes.
import Foundation

enum GoYAMLScalar {
    /// What a plain scalar resolves to.
    enum Resolved: Equatable {
        case null
        case bool(Bool)
        case int(Int)
        /// An unsigned value above Int.max (Go keeps it as uint64).
        case uint(UInt64)
        case float(Double)
        case timestamp(String)
        case merge
        case string(String)
    }

    private static let boolTrue: Set<String> = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]
    private static let boolFalse: Set<String> = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]
    private static let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]

    /// Resolves a plain (unquoted, untagged) scalar the way go-yaml v2's `resolve("", s)` does.
    static func resolve(_ s: String) -> Resolved {
        guard let first = s.utf8.first else { return .null }
        if boolTrue.contains(s) { return .bool(true) }
        if boolFalse.contains(s) { return .bool(false) }
        if nulls.contains(s) { return .null }
        switch s {
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case "<<": return .merge
        default: break
        }
        switch first {
        case UInt8(ascii: "."):
            if let d = goParseFloat(s) { return .float(d) }
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if isTimestamp(s) { return .timestamp(s) }
            let plain = s.replacingOccurrences(of: "_", with: "")
            if let i = goParseInt(plain) { return .int(i) }
            if let u = goParseUint(plain) { return .uint(u) }
            if matchesYAMLFloat(plain), let d = goParseFloat(plain) { return .float(d) }
            if plain.hasPrefix("0b"), let i = Int(plain.dropFirst(2), radix: 2) { return .int(i) }
            if plain.hasPrefix("-0b"), let i = Int(plain.dropFirst(3), radix: 2) { return .int(-i) }
        default:
            break
        }
        return .string(s)
    }

    /// True when go-yaml would quote this string on output because it reads back as something else.
    static func needsQuotes(_ s: String) -> Bool {
        switch resolve(s) {
        case .string, .merge: return isBase60Float(s)  // kubectl prints `<<` plain (recorded)
        default: return true
        }
    }

    // MARK: - Go's strconv, as far as YAML needs it

    /// strconv.ParseInt(s, 0, 64): optional sign, then 0x / 0o / 0b / leading-0 octal / decimal.
    static func goParseInt(_ s: String) -> Int? {
        var body = Substring(s)
        var negative = false
        if let c = body.first, c == "+" || c == "-" { negative = c == "-"; body = body.dropFirst() }
        guard let mag = parseMagnitude(body), mag <= (negative ? UInt64(Int.max) + 1 : UInt64(Int.max)) else { return nil }
        if negative { return mag == UInt64(Int.max) + 1 ? Int.min : -Int(mag) }
        return Int(mag)
    }

    /// strconv.ParseUint(s, 0, 64): no sign allowed.
    static func goParseUint(_ s: String) -> UInt64? {
        guard let c = s.first, c != "+", c != "-" else { return nil }
        return parseMagnitude(Substring(s))
    }

    private static func parseMagnitude(_ body: Substring) -> UInt64? {
        guard !body.isEmpty else { return nil }
        var digits = body
        var radix = 10
        let lower = body.lowercased()
        if lower.hasPrefix("0x") { radix = 16; digits = body.dropFirst(2) }
        else if lower.hasPrefix("0o") { radix = 8; digits = body.dropFirst(2) }
        else if lower.hasPrefix("0b") { radix = 2; digits = body.dropFirst(2) }
        else if body.count > 1, body.first == "0" { radix = 8; digits = body.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        return UInt64(digits, radix: radix)
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` — go-yaml's guard before ParseFloat.
    static func matchesYAMLFloat(_ s: String) -> Bool {
        var u = Array(s.utf8)[...]
        func digits() -> Int {
            var n = 0
            while let c = u.first, c >= 48, c <= 57 { u = u.dropFirst(); n += 1 }
            return n
        }
        if let c = u.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { u = u.dropFirst() }
        if u.first == UInt8(ascii: ".") {
            u = u.dropFirst()
            if digits() == 0 { return false }
        } else {
            if digits() == 0 { return false }
            if u.first == UInt8(ascii: ".") { u = u.dropFirst(); _ = digits() }
        }
        if let c = u.first, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            u = u.dropFirst()
            if let c = u.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { u = u.dropFirst() }
            if digits() == 0 { return false }
        }
        return u.isEmpty
    }

    /// strconv.ParseFloat for decimal text; nil when out of range (Go reports ErrRange) or malformed.
    static func goParseFloat(_ s: String) -> Double? {
        guard s.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 43 || $0 == 45 || $0 == 101 || $0 == 69 }),
              let d = Double(s), d.isFinite else { return nil }
        return d
    }

    /// go-yaml's base-60 float check (`1:20`, `190:20:30.15`), which it quotes for YAML 1.1 readers.
    static func isBase60Float(_ s: String) -> Bool {
        let u = Array(s.utf8)
        var i = 0
        if i < u.count, u[i] == 43 || u[i] == 45 { i += 1 }
        guard i < u.count, isDigit(u[i]) else { return false }
        i += 1
        while i < u.count, isDigit(u[i]) || u[i] == 95 { i += 1 }
        var groups = 0
        while i < u.count, u[i] == 58 {
            i += 1
            var n = 0
            while i < u.count, isDigit(u[i]), n < 2 { i += 1; n += 1 }
            // [0-5]?[0-9]: one digit, or two with the first 0-5.
            if n == 0 || (n == 2 && u[i - 2] > 53) { return false }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < u.count, u[i] == 46 {
            i += 1
            while i < u.count, isDigit(u[i]) || u[i] == 95 { i += 1 }
        }
        return i == u.count
    }

    /// go-yaml's parseTimestamp: `2006-1-2`, `2006-1-2T15:4:5.999999999Z07:00`, `2006-1-2 15:4:5.999999999`.
    static func isTimestamp(_ s: String) -> Bool {
        let u = Array(s.utf8)
        var i = 0
        func num(max: Int) -> Int? {
            var v = 0, n = 0
            while i < u.count, isDigit(u[i]), n < max { v = v * 10 + Int(u[i] - 48); i += 1; n += 1 }
            return n == 0 ? nil : v
        }
        guard u.count >= 8, let _ = num(max: 4), i == 4, i < u.count, u[i] == 45 else { return false }
        i += 1
        guard let month = num(max: 2), (1...12).contains(month), i < u.count, u[i] == 45 else { return false }
        i += 1
        guard let day = num(max: 2), (1...31).contains(day) else { return false }
        if i == u.count { return true }
        let sep = u[i]
        guard sep == 84 || sep == 116 || sep == 32 else { return false }
        i += 1
        guard let h = num(max: 2), h < 24, i < u.count, u[i] == 58 else { return false }
        i += 1
        guard let m = num(max: 2), m < 60, i < u.count, u[i] == 58 else { return false }
        i += 1
        guard let sec = num(max: 2), sec < 60 else { return false }
        if i < u.count, u[i] == 46 {
            i += 1
            guard num(max: 9) != nil else { return false }
        }
        if i == u.count { return sep == 32 }
        if sep == 32 { return false }
        if u[i] == 90 { return i + 1 == u.count }
        guard u[i] == 43 || u[i] == 45 else { return false }
        i += 1
        guard num(max: 2) != nil, i < u.count, u[i] == 58 else { return false }
        i += 1
        guard num(max: 2) != nil else { return false }
        return i == u.count
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
}
