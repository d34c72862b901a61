// Shared validators with apimachinery's exact messages (util/validation), and Go-style rendering of bad values.

/// Name and label rules from `apimachinery/pkg/util/validation`: each returns the messages Go would return.
public enum NameRules {
    public static let dns1123LabelMaxLength = 63
    public static let dns1123SubdomainMaxLength = 253
    static let dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    static let dns1123SubdomainFmt = dns1123LabelFmt + "(\\." + dns1123LabelFmt + ")*"
    static let dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?"
    static let qualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let labelValueFmt = "(" + qualifiedNameFmt + ")?"
    static let dns1123LabelErr = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
    static let dns1123SubdomainErr = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
    static let dns1035LabelErr = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character"
    static let qualifiedNameErr = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let labelValueErr = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"

    /// `msg (e.g. 'a',  or 'b', regex used for validation is 'fmt')` — note Go's double space before `or`.
    public static func regexError(_ msg: String, _ fmt: String, _ examples: [String] = []) -> String {
        var s = msg + " ("
        if !examples.isEmpty {
            s += "e.g. " + examples.map { "'\($0)', " }.joined(separator: " or ")
        }
        return s + "regex used for validation is '\(fmt)')"
    }

    public static func maxLenError(_ n: Int) -> String { "must be no more than \(n) characters" }
    public static let emptyError = "must be non-empty"
    public static func inclusiveRangeError(_ lo: Int, _ hi: Int) -> String { "must be between \(lo) and \(hi), inclusive" }

    // MARK: character-level matchers (the regexes above, without a regex engine)

    private static func isLowerAlnum(_ c: Character) -> Bool { ("a"..."z").contains(c) || ("0"..."9").contains(c) }
    private static func isAlnum(_ c: Character) -> Bool { isLowerAlnum(c) || ("A"..."Z").contains(c) }

    // The DNS-1123 matchers work on bytes, as Go's regexes do: `[a-z0-9]` is ASCII only.
    private static func isLowerAlnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }

    static func matchesLabel(_ s: Substring) -> Bool {
        let u = s.utf8
        guard let f = u.first, let l = u.last, isLowerAlnum(f), isLowerAlnum(l) else { return false }
        return u.allSatisfy { isLowerAlnum($0) || $0 == 0x2D }
    }
    /// Dot-separated labels, checked in one pass without splitting (names are checked on every create and Event).
    static func matchesSubdomain(_ s: String) -> Bool {
        // Over the string's bytes in place where it has them together (native and small strings do): through the
        // view's iterator a byte cost about 30 instructions, a name about 900.
        if let answer = s.utf8.withContiguousStorageIfAvailable({ matchesSubdomain(bytes: $0) }) { return answer }
        return matchesSubdomain(bytes: s.utf8)
    }
    private static func matchesSubdomain<Bytes: Sequence<UInt8>>(bytes: Bytes) -> Bool {
        var prev: UInt8 = 0x2E
        for b in bytes {
            if b == 0x2E {
                guard isLowerAlnum(prev) else { return false }  // a label is not empty and ends with a letter or digit
            } else if b == 0x2D {
                guard prev != 0x2E else { return false }        // and does not start with '-'
            } else if !isLowerAlnum(b) {
                return false
            }
            prev = b
        }
        return isLowerAlnum(prev)  // also false for ""
    }
    static func matches1035(_ s: String) -> Bool {
        guard let f = s.first, ("a"..."z").contains(f) else { return false }
        return matchesLabel(Substring(s))
    }
    static func matchesQualifiedNamePart(_ s: Substring) -> Bool {
        guard let f = s.first, let l = s.last, isAlnum(f), isAlnum(l) else { return false }
        return s.allSatisfy { isAlnum($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    // MARK: the Is* functions

    public static func dns1123Label(_ v: String) -> [String] {
        var errs: [String] = []
        if v.utf8.count > dns1123LabelMaxLength { errs.append(maxLenError(dns1123LabelMaxLength)) }
        if !matchesLabel(Substring(v)) {
            if matchesSubdomain(v) { errs.append("must not contain dots") }
            else { errs.append(regexError(dns1123LabelErr, dns1123LabelFmt, ["my-name", "123-abc"])) }
        }
        return errs
    }

    public static func dns1123Subdomain(_ v: String) -> [String] {
        var errs: [String] = []
        if v.utf8.count > dns1123SubdomainMaxLength { errs.append(maxLenError(dns1123SubdomainMaxLength)) }
        if !matchesSubdomain(v) { errs.append(regexError(dns1123SubdomainErr, dns1123SubdomainFmt, ["example.com"])) }
        return errs
    }

    public static func dns1035Label(_ v: String) -> [String] {
        var errs: [String] = []
        if v.utf8.count > dns1123LabelMaxLength { errs.append(maxLenError(dns1123LabelMaxLength)) }
        if !matches1035(v) { errs.append(regexError(dns1035LabelErr, dns1035LabelFmt, ["my-name", "abc-123"])) }
        return errs
    }

    /// A label or annotation key: `[prefix/]name`.
    public static func qualifiedName(_ v: String) -> [String] {
        var errs: [String] = []
        let parts = v.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        switch parts.count {
        case 1: name = parts[0]
        case 2:
            name = parts[1]
            if parts[0].isEmpty { errs.append("prefix part " + emptyError) }
            else { errs += dns1123Subdomain(String(parts[0])).map { "prefix part " + $0 } }
        default:
            return ["a qualified name " + regexError(qualifiedNameErr, qualifiedNameFmt, ["MyName", "my.name", "123-abc"])
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        if name.isEmpty { errs.append("name part " + emptyError) }
        else if name.utf8.count > 63 { errs.append("name part " + maxLenError(63)) }
        if !name.isEmpty, !matchesQualifiedNamePart(name) {
            errs.append("name part " + regexError(qualifiedNameErr, qualifiedNameFmt, ["MyName", "my.name", "123-abc"]))
        }
        return errs
    }

    public static func labelValue(_ v: String) -> [String] {
        var errs: [String] = []
        if v.utf8.count > 63 { errs.append(maxLenError(63)) }
        if !v.isEmpty, !matchesQualifiedNamePart(Substring(v)) {
            errs.append(regexError(labelValueErr, labelValueFmt, ["MyValue", "my_value", "12345"]))
        }
        return errs
    }

    /// IANA service names (port names): at most 15 characters, lower-case letters, digits and single hyphens.
    public static func validPortName(_ v: String) -> [String] {
        var errs: [String] = []
        if v.utf8.count > 15 { errs.append(maxLenError(15)) }
        if !v.allSatisfy({ isLowerAlnum($0) || $0 == "-" }) {
            errs.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
        }
        if v.contains("--") { errs.append("must not contain consecutive hyphens") }
        if !v.contains(where: { ("a"..."z").contains($0) }) { errs.append("must contain at least one letter (a-z)") }
        if v.hasPrefix("-") || v.hasSuffix("-") { errs.append("must not begin or end with a hyphen") }
        return errs
    }

    /// Environment variable names (relaxed rule since 1.30: any printable ASCII except '=').
    public static func envVarName(_ v: String) -> [String] {
        var errs: [String] = []
        let ok = !v.isEmpty && v.unicodeScalars.allSatisfy { $0.value >= 32 && $0.value <= 126 && $0 != "=" }
        if !ok { errs.append("a valid environment variable name must consist only of printable ASCII characters other than '='") }
        return errs
    }

    /// ConfigMap and Secret keys.
    public static func configMapKey(_ v: String) -> [String] {
        var errs: [String] = []
        if v.utf8.count > 253 { errs.append(maxLenError(253)) }
        let ok = !v.isEmpty && v.allSatisfy { isAlnum($0) || $0 == "-" || $0 == "_" || $0 == "." }
        if !ok { errs.append(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", "[-._a-zA-Z0-9]+", ["key.name", "KEY_NAME", "key-name"])) }
        if v == "." { errs.append("must not be '.'") }
        else if v == ".." { errs.append("must not be '..'") }
        else if v.hasPrefix("..") { errs.append("must not start with '..'") }
        return errs
    }

    /// apimachinery's NameIsDNSSubdomain etc.: `prefix` masks a trailing dash, as for generateName.
    public static func maskTrailingDash(_ v: String, prefix: Bool) -> String {
        guard prefix, v.count > 1, v.hasSuffix("-") else { return v }
        return String(v.dropLast()) + "a"
    }
}

/// How a kind's metadata.name is checked.
public enum NameRule: Sendable {
    case subdomain, label, dns1035, pathSegment

    public func messages(_ name: String, prefix: Bool = false) -> [String] {
        let v = NameRules.maskTrailingDash(name, prefix: prefix)
        switch self {
        case .subdomain: return NameRules.dns1123Subdomain(v)
        case .label: return NameRules.dns1123Label(v)
        case .dns1035: return NameRules.dns1035Label(v)
        case .pathSegment:
            // RBAC names: anything that can be a path segment.
            if name == "." || name == ".." { return ["may not be '\(name)'"] }
            if name.contains("/") { return ["may not contain '/'"] }
            if name.contains("%") { return ["may not contain '%'"] }
            return []
        }
    }
}

/// Go `%#v` / `%q` renderings used in field error messages.
public enum GoValue {
    /// strconv.Quote (`%q`): escapes quotes, backslashes and non-printable runes, keeps printable Unicode.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                if u.value < 0x20 || u.value == 0x7f { out += "\\x" + hex(u.value, 2) }
                else if !isPrint(u) { out += u.value > 0xFFFF ? "\\U" + hex(u.value, 8) : "\\u" + hex(u.value, 4) }
                else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    private static func hex(_ v: UInt32, _ width: Int) -> String { String(v, radix: 16).leftPadded(width) }

    /// unicode.IsPrint, near enough: letters, marks, numbers, punctuation, symbols and the ASCII space.
    public static func isPrint(_ u: Unicode.Scalar) -> Bool {
        if u == " " { return true }
        switch u.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    /// `map[string]string{"a":"b", "c":"d"}` (keys sorted); nil renders `map[string]string(nil)`.
    public static func stringMap(_ m: [String: String]?) -> String {
        guard let m else { return "map[string]string(nil)" }
        return "map[string]string{" + m.keys.sorted().map { "\(quote($0)):\(quote(m[$0] ?? ""))" }.joined(separator: ", ") + "}"
    }

    /// `[]string{"a", "b"}`; nil renders `[]string(nil)`.
    public static func stringSlice(_ a: [String]?) -> String {
        guard let a else { return "[]string(nil)" }
        return "[]string{" + a.map(quote).joined(separator: ", ") + "}"
    }

    /// A metav1.LabelSelector as `%#v` prints it (the value behind the pointer).
    public static func labelSelector(_ v: Value?) -> String {
        let labels = v?["matchLabels"]?.objectValue.map { o in o.reduce(into: [String: String]()) { $0[$1.key] = $1.value.stringValue ?? "" } }
        var s = "v1.LabelSelector{MatchLabels:" + stringMap(labels) + ", MatchExpressions:"
        if let exprs = v?["matchExpressions"]?.arrayValue {
            s += "[]v1.LabelSelectorRequirement{" + exprs.map { e in
                "v1.LabelSelectorRequirement{Key:\(quote(e["key"]?.stringValue ?? "")), Operator:\(quote(e["operator"]?.stringValue ?? "")), Values:"
                    + stringSlice(e["values"]?.arrayValue?.map { $0.stringValue ?? "" }) + "}"
            }.joined(separator: ", ") + "}"
        } else {
            s += "[]v1.LabelSelectorRequirement(nil)"
        }
        return s + "}"
    }

    /// A JSON scalar the way a field error prints it: strings quoted, numbers and bools bare.
    public static func scalar(_ v: Value?) -> String {
        switch v {
        case .string(let s)?: return quote(s)
        case .int(let i)?: return String(i)
        case .double(let d)?: return d == d.rounded() && abs(d) < 1e21 ? String(Int(d)) : String(d)
        case .bool(let b)?: return b ? "true" : "false"
        case .none, .null?: return "null"
        case .array(let a)?: return "[]interface {}{" + a.map { scalar($0) }.joined(separator: ", ") + "}"
        case .object?: return "map[string]interface {}{...}"
        }
    }
}

/// A field path as apimachinery prints it: `spec.containers[0].ports[1].containerPort`, `metadata.labels[app]`.
public struct FieldPath: CustomStringConvertible, Sendable {
    public var description: String
    public init(_ s: String) { description = s }
    public func child(_ names: String...) -> FieldPath {
        FieldPath(names.reduce(description) { $0.isEmpty ? $1 : "\($0).\($1)" })
    }
    public func index(_ i: Int) -> FieldPath { FieldPath("\(description)[\(i)]") }
    public func key(_ k: String) -> FieldPath { FieldPath("\(description)[\(k)]") }
}

/// Constructors for field errors that take care of value rendering.
public enum FieldErrors {
    public static let immutable = "field is immutable"
    public static let negative = "must be greater than or equal to 0"

    public static func required(_ p: FieldPath, _ detail: String = "") -> FieldError { FieldError(.required, p.description, nil, detail) }
    public static func forbidden(_ p: FieldPath, _ detail: String) -> FieldError { FieldError(.forbidden, p.description, nil, detail) }
    public static func invalid(_ p: FieldPath, _ rendered: String, _ detail: String) -> FieldError {
        FieldError(.invalid, p.description, rendered, detail)
    }
    public static func invalid(_ p: FieldPath, string: String, _ detail: String) -> FieldError {
        FieldError(.invalid, p.description, GoValue.quote(string), detail)
    }
    public static func invalid(_ p: FieldPath, int: Int, _ detail: String) -> FieldError {
        FieldError(.invalid, p.description, String(int), detail)
    }
    public static func duplicate(_ p: FieldPath, _ rendered: String) -> FieldError { FieldError(.duplicate, p.description, rendered, "") }
    public static func notFound(_ p: FieldPath, _ rendered: String) -> FieldError { FieldError(.notFound, p.description, rendered, "") }
    /// `Unsupported value: "X": supported values: "A", "B"` (order as given, like the Go callers).
    public static func notSupported(_ p: FieldPath, _ value: String, _ supported: [String]) -> FieldError {
        FieldError(.notSupported, p.description, GoValue.quote(value),
                   supported.isEmpty ? "" : "supported values: " + supported.map(GoValue.quote).joined(separator: ", "))
    }
    public static func tooLong(_ p: FieldPath, _ max: Int) -> FieldError {
        FieldError(.tooLong, p.description, nil, "may not be more than \(max) bytes")
    }
    public static func tooMany(_ p: FieldPath, _ actual: Int, _ max: Int) -> FieldError {
        FieldError(.tooMany, p.description, String(actual), "must have at most \(max) items")
    }

    /// Each message of a name rule as an Invalid error on `p`.
    public static func each(_ msgs: [String], _ p: FieldPath, _ value: String) -> [FieldError] {
        msgs.map { invalid(p, string: value, $0) }
    }

    /// `must be greater than or equal to 0` when negative.
    public static func nonNegative(_ v: Int?, _ p: FieldPath) -> [FieldError] {
        guard let v, v < 0 else { return [] }
        return [invalid(p, int: v, negative)]
    }

    /// `field is immutable` when the value changed on update; `render` prints the new value.
    public static func immutable(_ new: Value?, _ old: Value?, _ p: FieldPath,
                                 render: (Value?) -> String = GoValue.scalar) -> [FieldError] {
        guard (new ?? .null) != (old ?? .null) else { return [] }
        return [invalid(p, render(new), immutable)]
    }
}
