// Label selectors as apimachinery's labels package has them: the string syntax (`app=web,tier in (a,b),!x`),
// the object form (`matchLabels` / `matchExpressions`), matching, and the canonical string kubectl prints.

/// A parse or build failure, worded as the API server words it.
public struct LabelSelectorError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A set of requirements that must all hold (logical AND). An empty selector matches everything.
public struct LabelSelector: Equatable, Sendable, CustomStringConvertible {
    public enum Operator: String, Sendable {
        case equals = "=", doubleEquals = "==", notEquals = "!="
        case `in` = "in", notIn = "notin", exists = "exists", doesNotExist = "!"
        case greaterThan = "gt", lessThan = "lt"
    }

    /// One `key op values` clause.
    public struct Requirement: Equatable, Sendable, CustomStringConvertible {
        public var key: String
        public var op: Operator
        public var values: [String]

        public func matches(_ labels: [String: String]) -> Bool {
            let v = labels[key]
            switch op {
            case .equals, .doubleEquals, .in: return v.map(values.contains) ?? false
            case .notEquals, .notIn: return v.map { !values.contains($0) } ?? true
            case .exists: return v != nil
            case .doesNotExist: return v == nil
            case .greaterThan, .lessThan:
                guard let s = v, let have = Int64(s), values.count == 1, let want = Int64(values[0]) else { return false }
                return op == .greaterThan ? have > want : have < want
            }
        }

        /// `app=web`, `tier in (a,b)`, `!x`: values sorted for display, as `Requirement.String` does.
        public var description: String {
            let vals = values.count == 1 ? values[0] : values.sorted().joined(separator: ",")
            switch op {
            case .exists: return key
            case .doesNotExist: return "!" + key
            case .equals: return "\(key)=\(vals)"
            case .doubleEquals: return "\(key)==\(vals)"
            case .notEquals: return "\(key)!=\(vals)"
            case .in: return "\(key) in (\(vals))"
            case .notIn: return "\(key) notin (\(vals))"
            case .greaterThan: return "\(key)>\(vals)"
            case .lessThan: return "\(key)<\(vals)"
            }
        }
    }

    /// Requirements sorted by key (stable), as the parser and `Add` leave them.
    public private(set) var requirements: [Requirement]
    /// False for the "nothing" selector (a nil `LabelSelector` object), which matches no object.
    public private(set) var selectsAnything = true

    public init(_ requirements: [Requirement] = []) {
        self.requirements = requirements.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
            .map(\.element)
    }

    public static let everything = LabelSelector()
    /// Matches nothing (what a missing selector object means to controllers).
    public static var nothing: LabelSelector { var s = LabelSelector(); s.selectsAnything = false; return s }

    public var isEmpty: Bool { selectsAnything && requirements.isEmpty }

    public func matches(_ labels: [String: String]) -> Bool {
        selectsAnything && requirements.allSatisfy { $0.matches(labels) }
    }

    public var description: String { requirements.map(\.description).joined(separator: ",") }

    /// How printers show a selector object (`metav1.FormatLabelSelector`): `<none>` when empty, `<error>` when bad.
    public static func format(_ selectorObject: Value?) -> String {
        guard let s = try? LabelSelector(object: selectorObject) else { return "<error>" }
        let text = s.description
        return text.isEmpty ? "<none>" : text
    }

    /// An equality selector from a map (`SelectorFromSet`), e.g. a Service's `spec.selector`.
    public init(matchLabels: [String: String]) {
        self.init(matchLabels.keys.sorted().map { Requirement(key: $0, op: .equals, values: [matchLabels[$0] ?? ""]) })
    }

    /// Builds from a `LabelSelector` object (`matchLabels` + `matchExpressions`); nil selects nothing, `{}` everything.
    public init(object: Value?) throws {
        guard let object, !object.isNull else { self = .nothing; return }
        var reqs: [Requirement] = []
        for (k, v) in object["matchLabels"]?.objectValue ?? [:] {
            reqs.append(try Self.requirement(k, .equals, [v.stringValue ?? ""]))
        }
        for expr in object["matchExpressions"]?.arrayValue ?? [] {
            let opName = expr["operator"]?.stringValue ?? ""
            let op: Operator
            switch opName {
            case "In": op = .in
            case "NotIn": op = .notIn
            case "Exists": op = .exists
            case "DoesNotExist": op = .doesNotExist
            default: throw LabelSelectorError("\"\(opName)\" is not a valid label selector operator")
            }
            let values = (expr["values"]?.arrayValue ?? []).map { $0.stringValue ?? "" }
            reqs.append(try Self.requirement(expr["key"]?.stringValue ?? "", op, values))
        }
        self.init(reqs)
    }

    /// Parses the string form (`labels.Parse`), with the parser's own error texts.
    public static func parse(_ text: String) throws -> LabelSelector {
        var parser = LabelSelectorParser(Array(text.utf8))
        return LabelSelector(try parser.parse())
    }

    /// `NewRequirement`: validates the key, the value count for the operator and every value.
    static func requirement(_ key: String, _ op: Operator, _ values: [String]) throws -> Requirement {
        var errors: [FieldError] = []
        if let e = LabelSyntax.keyError(key) { errors.append(FieldError(.invalid, "key", goQuote(key), e)) }
        switch op {
        case .in, .notIn:
            if values.isEmpty {
                errors.append(FieldError(.invalid, "values", "[]string{}", "for 'in', 'notin' operators, values set can't be empty"))
            }
        case .equals, .doubleEquals, .notEquals:
            if values.count != 1 {
                errors.append(FieldError(.invalid, "values", goStringSlice(values), "exact-match compatibility requires one single value"))
            }
        case .exists, .doesNotExist:
            if !values.isEmpty {
                errors.append(FieldError(.invalid, "values", goStringSlice(values), "values set must be empty for exists and does not exist"))
            }
        case .greaterThan, .lessThan:
            if values.count != 1 {
                errors.append(FieldError(.invalid, "values", goStringSlice(values), "for 'Gt', 'Lt' operators, exactly one value is required"))
            }
            for (i, v) in values.enumerated() where Int64(v) == nil {
                errors.append(FieldError(.invalid, "values[\(i)]", goQuote(v), "for 'Gt', 'Lt' operators, the value must be an integer"))
            }
        }
        for (i, v) in values.enumerated() {
            if let e = LabelSyntax.valueError(v) { errors.append(FieldError(.invalid, "values[\(i)][\(key)]", goQuote(v), e)) }
        }
        if !errors.isEmpty {
            throw LabelSelectorError(errors.count == 1 ? errors[0].message : "[" + errors.map(\.message).joined(separator: ", ") + "]")
        }
        return Requirement(key: key, op: op, values: values)
    }
}

/// Go's `%q` for a plain string (enough for label text: quotes and backslashes escaped).
func goQuote(_ s: String) -> String { GoValue.quote(s) }

/// Go's `%#v` of a `[]string`.
func goStringSlice(_ a: [String]) -> String { "[]string{" + a.map(goQuote).joined(separator: ", ") + "}" }

/// The label key and value rules (`IsQualifiedName`, `IsValidLabelValue`) with their messages.
enum LabelSyntax {
    static let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let qualifiedNameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let qualifiedNameHelp = qualifiedNameMessage + " (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '\(qualifiedNameFormat)')"
    static let valueHelp = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(\(qualifiedNameFormat))?')"
    static let subdomainHelp = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"

    /// The joined messages for a bad label key, or nil when it is valid.
    static func keyError(_ key: String) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var errs: [String] = []
        let name: String
        switch parts.count {
        case 1: name = parts[0]
        case 2:
            name = parts[1]
            if parts[0].isEmpty { errs.append("prefix part must be non-empty") } else if let e = subdomainError(parts[0]) {
                errs.append("prefix part " + e)
            }
        default:
            return "a qualified name " + qualifiedNameHelp + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        }
        if name.isEmpty { errs.append("name part must be non-empty") } else {
            if name.utf8.count > 63 { errs.append("name part must be no more than 63 characters") }
            if !isQualifiedNamePart(name) { errs.append("name part " + qualifiedNameHelp) }
        }
        return errs.isEmpty ? nil : errs.joined(separator: "; ")
    }

    /// The joined messages for a bad label value, or nil when it is valid (empty is valid).
    static func valueError(_ v: String) -> String? {
        var errs: [String] = []
        if v.utf8.count > 63 { errs.append("must be no more than 63 characters") }
        if !v.isEmpty, !isQualifiedNamePart(v) { errs.append(valueHelp) }
        return errs.isEmpty ? nil : errs.joined(separator: "; ")
    }

    static func subdomainError(_ s: String) -> String? {
        var errs: [String] = []
        if s.utf8.count > 253 { errs.append("must be no more than 253 characters") }
        let labels = s.split(separator: ".", omittingEmptySubsequences: false)
        let ok = labels.allSatisfy { l in
            let b = Array(l.utf8)
            guard let f = b.first, let e = b.last else { return false }
            let lowerAlnum: (UInt8) -> Bool = { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
            return lowerAlnum(f) && lowerAlnum(e) && b.allSatisfy { lowerAlnum($0) || $0 == 45 }
        }
        if !ok { errs.append(subdomainHelp) }
        return errs.isEmpty ? nil : errs.joined(separator: "; ")
    }

    static func isQualifiedNamePart(_ s: String) -> Bool {
        let b = Array(s.utf8)
        let alnum: (UInt8) -> Bool = { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
        guard let f = b.first, let e = b.last, alnum(f), alnum(e) else { return false }
        return b.allSatisfy { alnum($0) || $0 == 45 || $0 == 95 || $0 == 46 }
    }
}
