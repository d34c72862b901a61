// Field selectors (`--field-selector status.phase=Running,metadata.name!=web`): the fields package's syntax,
// and for each kind the fields its API server accepts and the values they select on.

/// A conjunction of `field=value` / `field!=value` terms.
public struct FieldSelector: Equatable, Sendable, CustomStringConvertible {
    public struct Term: Equatable, Sendable {
        public var field: String
        public var value: String
        public var negated: Bool
    }
    public var terms: [Term]

    public init(terms: [Term] = []) { self.terms = terms }
    public var isEmpty: Bool { terms.isEmpty }

    public var description: String {
        terms.map { "\($0.field)\($0.negated ? "!=" : "=")\($0.value)" }.joined(separator: ",")
    }

    /// Parses the string form (`fields.ParseSelector`): terms split on unescaped commas and sorted.
    public static func parse(_ text: String) throws -> FieldSelector {
        var terms: [Term] = []
        for part in splitTerms(text).sorted() where !part.isEmpty {
            guard let (lhs, op, rhs) = splitTerm(part) else {
                throw LabelSelectorError("invalid selector: '\(text)'; can't understand '\(part)'")
            }
            terms.append(Term(field: lhs, value: try unescape(rhs), negated: op == "!="))
        }
        return FieldSelector(terms: terms)
    }

    /// Parses and checks every field against what the kind supports (`ConvertFieldLabel`), as the list handler does.
    public static func parse(_ text: String, for t: ResourceType) throws -> FieldSelector {
        var s = try parse(text)
        for i in s.terms.indices {
            s.terms[i].field = try SelectableFields.convert(t, s.terms[i].field)
        }
        return s
    }

    /// Whether an object of type `t` satisfies every term.
    public func matches(_ object: Value, _ t: ResourceType) -> Bool {
        terms.allSatisfy { term in
            let have = SelectableFields.value(of: term.field, in: object, t) ?? ""
            return term.negated ? have != term.value : have == term.value
        }
    }

    private static func splitTerms(_ s: String) -> [String] {
        guard !s.isEmpty else { return [] }
        var terms: [String] = [], current = "", escaped = false
        for c in s {
            if escaped { escaped = false; current.append(c); continue }
            if c == "\\" { escaped = true; current.append(c); continue }
            if c == "," { terms.append(current); current = ""; continue }
            current.append(c)
        }
        terms.append(current)
        return terms
    }

    /// The first `!=`, `==` or `=` splits a term; the left side has no escaping.
    private static func splitTerm(_ term: String) -> (String, String, String)? {
        let chars = Array(term)
        for i in chars.indices {
            for op in ["!=", "==", "="] where String(chars[i...]).hasPrefix(op) {
                return (String(chars[..<i]), op, String(chars[(i + op.count)...]))
            }
        }
        return nil
    }

    private static func unescape(_ s: String) throws -> String {
        guard s.contains(where: { $0 == "\\" || $0 == "," || $0 == "=" }) else { return s }
        var out = "", inSlash = false
        for c in s {
            if inSlash {
                guard c == "\\" || c == "," || c == "=" else {
                    throw LabelSelectorError("invalid field selector: invalid escape sequence: \\\(c)")
                }
                out.append(c)
                inSlash = false
                continue
            }
            switch c {
            case "\\": inSlash = true
            case ",", "=":
                throw LabelSelectorError("invalid field selector: unescaped character in value: \(c.unicodeScalars.first.map { $0.value } ?? 0)")
            default: out.append(c)
            }
        }
        if inSlash { throw LabelSelectorError("invalid field selector: invalid escape sequence: \\") }
        return out
    }
}

/// What each kind lets a field selector look at (the field label conversion funcs and `*ToSelectableFields`).
public enum SelectableFields {
    /// Supported fields per `group/Kind`, beyond the default `metadata.name` / `metadata.namespace`.
    static let byKind: [String: [String]] = [
        "/Pod": ["metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
                 "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs",
                 "status.nominatedNodeName"],
        "/Node": ["metadata.name", "spec.unschedulable"],
        "/ReplicationController": ["metadata.name", "metadata.namespace", "status.replicas"],
        "/Event": ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                   "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
                   "reportingComponent", "source", "type", "metadata.namespace", "metadata.name"],
        "/Namespace": ["status.phase", "metadata.name"],
        "/Secret": ["type", "metadata.namespace", "metadata.name"],
        "/Service": ["metadata.namespace", "metadata.name", "spec.clusterIP", "spec.type"],
        "batch/Job": ["metadata.name", "metadata.namespace", "status.successful"],
    ]

    /// The field as the server keeps it, or the server's error for an unsupported one.
    static func convert(_ t: ResourceType, _ field: String) throws -> String {
        let key = "\(t.group)/\(t.kind)"
        guard let supported = byKind[key] else {
            if field == "metadata.name" || field == "metadata.namespace" { return field }
            throw LabelSelectorError("\"\(field)\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")
        }
        if t.kind == "Pod", t.group.isEmpty, field == "spec.host" { return "spec.nodeName" }
        if supported.contains(field) { return field }
        if key == "batch/Job" { throw LabelSelectorError("field label \"\(field)\" not supported for batchv1.Job") }
        throw LabelSelectorError("field label not supported: \(field)")
    }

    /// The string a selector compares against (absent fields compare as "").
    static func value(of field: String, in obj: Value, _ t: ResourceType) -> String? {
        func str(_ path: String...) -> String? { obj[pathArray: path]?.stringValue }
        switch field {
        case "metadata.name": return obj.metadataName
        case "metadata.namespace": return obj.metadataNamespace ?? ""
        case "spec.hostNetwork": return String(obj[path: "spec", "hostNetwork"]?.boolValue ?? false)
        case "spec.unschedulable": return String(obj[path: "spec", "unschedulable"]?.boolValue ?? false)
        case "status.replicas": return String(obj[path: "status", "replicas"]?.intValue ?? 0)
        case "status.successful": return String(obj[path: "status", "succeeded"]?.intValue ?? 0)
        case "status.podIPs": return str("status", "podIP")
        case "source": return str("source", "component")
        default: return obj[pathArray: field.split(separator: ".").map(String.init)].flatMap { v in
            v.stringValue ?? v.intValue.map(String.init) ?? v.boolValue.map(String.init)
        }
        }
    }
}
