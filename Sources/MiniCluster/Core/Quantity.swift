// Resource quantities (apimachinery resource.Quantity): parsing, canonical form, arithmetic and comparison.

/// Why a quantity string was refused; `message` is the apimachinery text.
public enum QuantityError: Error, Equatable, Sendable {
    case formatWrong, numeric, suffix

    public var message: String {
        switch self {
        case .formatWrong: return "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
        case .numeric: return "unable to parse numeric part of quantity"
        case .suffix: return "unable to parse quantity's suffix"
        }
    }
}

/// An exact decimal amount (`mantissa × 10^scale`, down to nano precision) and the suffix family it was written in.
public struct Quantity: Hashable, Comparable, CustomStringConvertible, Sendable {
    public enum Format: Sendable { case decimalSI, binarySI, decimalExponent }

    /// value = mantissa × 10^scale; kept with trailing zeros stripped so equal values are equal structs.
    public private(set) var mantissa: Int64
    public private(set) var scale: Int
    public var format: Format

    public init(mantissa: Int64, scale: Int = 0, format: Format = .decimalSI) {
        self.mantissa = mantissa
        self.scale = scale
        self.format = format
        normalize()
    }

    public init(milli: Int64, format: Format = .decimalSI) { self.init(mantissa: milli, scale: -3, format: format) }

    /// Parses `500m`, `1.5Gi`, `1e3`, `+2k` the way ParseQuantity does.
    public init(parsing str: String) throws {
        self = try Quantity.parse(str)
    }

    /// nil when the string is not a quantity.
    public static func parseOrNil(_ s: String) -> Quantity? { try? parse(s) }

    private mutating func normalize() {
        if mantissa == 0 { scale = 0; return }
        while mantissa % 10 == 0 { mantissa /= 10; scale += 1 }
    }

    public var isZero: Bool { mantissa == 0 }
    public var sign: Int { mantissa == 0 ? 0 : (mantissa < 0 ? -1 : 1) }

    // MARK: values

    /// The value divided by 10^newScale, rounded up away from zero (Go's ScaledValue).
    public func scaledValue(_ newScale: Int) -> Int64 {
        let shift = scale - newScale
        if shift >= 0 {
            var v = mantissa
            for _ in 0..<shift {
                let (r, o) = v.multipliedReportingOverflow(by: 10)
                if o { return mantissa < 0 ? Int64.min : Int64.max }
                v = r
            }
            return v
        }
        var v = mantissa
        var inexact = false
        for _ in 0..<(-shift) {
            if v % 10 != 0 { inexact = true }
            v /= 10
            if v == 0 { break }
        }
        if v == 0 && mantissa != 0 { inexact = true }
        if inexact { v += mantissa < 0 ? -1 : 1 }
        return v
    }

    /// The value rounded up to a whole number (bytes for memory, cores for cpu).
    public var value: Int64 { scaledValue(0) }
    /// The value in thousandths, rounded up (cpu in millicores).
    public var milliValue: Int64 { scaledValue(-3) }
    /// An approximate value, for ratios and percentages.
    public var doubleValue: Double {
        var d = Double(mantissa)
        if scale > 0 { for _ in 0..<scale { d *= 10 } } else if scale < 0 { for _ in 0..<(-scale) { d /= 10 } }
        return d
    }

    /// Rounds up (away from zero) to the given scale, as defaulting does with `-3` for resource lists.
    public func roundedUp(toScale s: Int) -> Quantity {
        guard scale < s else { return self }
        return Quantity(mantissa: scaledValue(s), scale: s, format: format)
    }

    // MARK: arithmetic

    /// Both mantissas at the smaller scale, or nil on overflow.
    private static func aligned(_ a: Quantity, _ b: Quantity) -> (Int64, Int64, Int)? {
        let s = min(a.scale, b.scale)
        func up(_ q: Quantity) -> Int64? {
            var v = q.mantissa
            for _ in 0..<(q.scale - s) {
                let (r, o) = v.multipliedReportingOverflow(by: 10)
                if o { return nil }
                v = r
            }
            return v
        }
        guard let x = up(a), let y = up(b) else { return nil }
        return (x, y, s)
    }

    public static func + (a: Quantity, b: Quantity) -> Quantity {
        let f = a.isZero ? b.format : a.format
        if let (x, y, s) = aligned(a, b), case let (r, o) = x.addingReportingOverflow(y), !o {
            return Quantity(mantissa: r, scale: s, format: f)
        }
        return Quantity(mantissa: Int64(clamping: Int64((a.doubleValue + b.doubleValue).rounded(.up))), format: f)
    }

    public static prefix func - (a: Quantity) -> Quantity {
        Quantity(mantissa: a.mantissa == Int64.min ? Int64.max : -a.mantissa, scale: a.scale, format: a.format)
    }

    public static func - (a: Quantity, b: Quantity) -> Quantity { a + (-b) }

    public static func < (a: Quantity, b: Quantity) -> Bool {
        if let (x, y, _) = aligned(a, b) { return x < y }
        return a.doubleValue < b.doubleValue
    }

    public static func == (a: Quantity, b: Quantity) -> Bool { a.mantissa == b.mantissa && a.scale == b.scale }
    public func hash(into h: inout Hasher) { h.combine(mantissa); h.combine(scale) }

    // MARK: canonical string

    static let decimalSuffixes: [Int: String] = [-9: "n", -6: "u", -3: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E"]
    static let binarySuffixes: [Int: String] = [0: "", 10: "Ki", 20: "Mi", 30: "Gi", 40: "Ti", 50: "Pi", 60: "Ei"]

    /// The canonical form the API returns: `1500m`, `1Gi`, `12k`, `1e3`, `0`.
    public var description: String {
        if isZero { return "0" }
        var fmt = format
        if fmt == .binarySI {
            let limit = Quantity(mantissa: 1024)
            if -limit < self && self < limit || scale < 0 {
                fmt = .decimalSI  // small or fractional binary values print as decimal, without rounding
            } else {
                var n = scaledValue(0), e = 0
                while n % 1024 == 0 && e < 60 { n /= 1024; e += 10 }
                return String(n) + (Quantity.binarySuffixes[e] ?? "")
            }
        }
        // Decimal: exponent a multiple of three, mantissa without removable zeros.
        var m = mantissa, e = scale
        switch e % 3 {
        case 1, -2:
            if case let (r, o) = m.multipliedReportingOverflow(by: 10), !o { m = r; e -= 1 }
        case 2, -1:
            if case let (r, o) = m.multipliedReportingOverflow(by: 100), !o { m = r; e -= 2 }
        default: break
        }
        if fmt == .decimalExponent { return e == 0 ? String(m) : "\(m)e\(e)" }
        if let s = Quantity.decimalSuffixes[e] { return String(m) + s }
        return "\(m)e\(e)"
    }

    // MARK: parsing

    static func parse(_ str: String) throws -> Quantity {
        let chars = Array(str.utf8)
        if chars.isEmpty { throw QuantityError.formatWrong }
        var pos = 0
        var positive = true
        if chars[0] == UInt8(ascii: "+") { pos += 1 } else if chars[0] == UInt8(ascii: "-") { positive = false; pos += 1 }
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        while pos < chars.count, chars[pos] == UInt8(ascii: "0") { pos += 1 }
        let numStart = pos
        while pos < chars.count, isDigit(chars[pos]) { pos += 1 }
        var num = String(decoding: chars[numStart..<pos], as: UTF8.self)
        if num.isEmpty { num = "0" }
        var denom = ""
        if pos < chars.count, chars[pos] == UInt8(ascii: ".") {
            pos += 1
            let ds = pos
            while pos < chars.count, isDigit(chars[pos]) { pos += 1 }
            denom = String(decoding: chars[ds..<pos], as: UTF8.self)
        }
        // The suffix: letters, then an optional sign and digits; anything else is malformed.
        let sufStart = pos
        func isSuffixLetter(_ c: UInt8) -> Bool {  // e E i n u m k K M G T P (no Set built per parse)
            switch c {
            case 0x65, 0x45, 0x69, 0x6E, 0x75, 0x6D, 0x6B, 0x4B, 0x4D, 0x47, 0x54, 0x50: return true
            default: return false
            }
        }
        while pos < chars.count, isSuffixLetter(chars[pos]) { pos += 1 }
        if pos < chars.count, chars[pos] == UInt8(ascii: "-") || chars[pos] == UInt8(ascii: "+") { pos += 1 }
        while pos < chars.count, isDigit(chars[pos]) { pos += 1 }
        if pos < chars.count { throw QuantityError.formatWrong }
        let suffix = String(decoding: chars[sufStart...].prefix(chars.count - sufStart), as: UTF8.self)
        let (base, exponent, format) = try interpret(suffix)

        // Digits as an exact mantissa at scale -len(denom); drop excess fraction digits beyond nano (rounding up).
        var digits = num + denom
        var scale = -denom.count
        var roundUp = false
        while scale < -9 - (base == 10 ? exponent : 0), !digits.isEmpty {
            if digits.last != "0" { roundUp = true }
            digits.removeLast(); scale += 1
        }
        digits = String(digits.drop { $0 == "0" })
        guard digits.count <= 18, var m = Int64(digits.isEmpty ? "0" : digits) else {
            return Quantity(mantissa: positive ? Int64.max : -Int64.max, format: format)  // capped like Go's maxAllowed
        }
        if roundUp { m += 1 }
        if base == 10 {
            scale += exponent
        } else {
            for _ in 0..<exponent {
                let (r, o) = m.multipliedReportingOverflow(by: 2)
                if o { return Quantity(mantissa: positive ? Int64.max : -Int64.max, format: format) }
                m = r
            }
        }
        var q = Quantity(mantissa: positive ? m : -m, scale: scale, format: format)
        if q.scale < -9 { q = q.roundedUp(toScale: -9) }
        return q
    }

    /// The base, exponent and format a suffix stands for.
    static func interpret(_ s: String) throws -> (Int, Int, Format) {
        if let e = decimalSuffixes.first(where: { $0.value == s })?.key { return (10, e, .decimalSI) }
        if let e = binarySuffixes.first(where: { $0.value == s && !s.isEmpty })?.key { return (2, e, .binarySI) }
        if s.count > 1, s.first == "e" || s.first == "E", let e = Int(s.dropFirst()), abs(e) < 1000 {
            return (10, e, .decimalExponent)
        }
        throw QuantityError.suffix
    }
}

extension Value {
    /// A quantity field: strings are parsed, JSON numbers taken as written (`cpu: 2`, `cpu: 0.5`).
    public var quantityValue: Quantity? {
        switch self {
        case .string(let s): return Quantity.parseOrNil(s)
        case .int(let i): return Quantity(mantissa: Int64(i))
        case .double(let d): return Quantity.parseOrNil(String(d))
        default: return nil
        }
    }
}
