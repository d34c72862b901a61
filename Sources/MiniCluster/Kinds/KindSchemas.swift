// Strict decoding as the API server does it for kubectl 1.32 (fieldValidation=Strict): unknown fields and the
// JSON decoder's type errors, worded like encoding/json and sigs.k8s.io/json.

public enum KindSchemas {
    indirect enum FieldType: Equatable {
        case string, int32, int64, bool, float, quantity, intOrString, time, bytes, any
        case list(FieldType), map(FieldType), ref(String)
    }

    /// Parsed struct table: struct name → field → type (inline structs expanded).
    static let table: [String: [String: FieldType]] = {
        var out: [String: [String: FieldType]] = [:]
        // Built at the first strict decode of every process (the sandbox's first object): bytes, not Characters.
        func fields(_ name: String) -> [String: FieldType] {
            var f: [String: FieldType] = [:]
            for token in (KindSchemaData.structs[name] ?? "").utf8.split(separator: UInt8(ascii: " ")) {
                guard let colon = token.firstIndex(of: UInt8(ascii: ":")) else {
                    let inline = String(decoding: token, as: UTF8.self)
                    if inline.hasSuffix("+Inline") { f.merge(fields(inline), uniquingKeysWith: { a, _ in a }) }
                    continue
                }
                f[String(decoding: token[..<colon], as: UTF8.self)] =
                    parse(Substring(String(decoding: token[token.index(after: colon)...], as: UTF8.self)))
            }
            return f
        }
        for name in KindSchemaData.structs.keys where !name.hasSuffix("+Inline") { out[name] = fields(name) }
        return out
    }()

    static func parse(_ s: Substring) -> FieldType {
        if s.hasPrefix("["), s.hasSuffix("]") { return .list(parse(s.dropFirst().dropLast())) }
        if s.hasPrefix("{"), s.hasSuffix("}") { return .map(parse(s.dropFirst().dropLast())) }
        switch s {
        case "s": return .string
        case "i": return .int32
        case "I": return .int64
        case "b": return .bool
        case "f": return .float
        case "q": return .quantity
        case "x": return .intOrString
        case "t": return .time
        case "y": return .bytes
        case "*": return .any
        default: return .ref(String(s))
        }
    }

    /// The root struct for an object, by its apiVersion's group and kind.
    static func root(_ obj: Value, kind: String?) -> String? {
        let k = kind ?? obj.kind
        let av = obj.apiVersion
        let group = av.contains("/") ? String(av.split(separator: "/")[0]) : ""
        if group == "autoscaling", av == "autoscaling/v1", k == "HorizontalPodAutoscaler" { return "HorizontalPodAutoscalerV1" }
        return KindSchemaData.roots["\(group)/\(k)"]
    }

    /// Paths of fields the kind does not have (`spec.replica`, `spec.template.spec.containers[0].imagePullPolice`),
    /// in the order the server reports them (keys sorted, as kubectl sends JSON). Unknown kinds report nothing.
    public static func unknownFields(_ obj: Value, kind: String? = nil) -> [String] {
        guard let r = root(obj, kind: kind) else { return [] }
        var out: [String] = []
        walk(obj, .ref(r), path: "", onUnknown: { out.append($0) }, onTypeError: { _ in })
        return out
    }

    /// The first decoding error (`json: cannot unmarshal …`, a malformed quantity or base64 value), if any.
    public static func decodeError(_ obj: Value, kind: String? = nil) -> String? {
        guard let r = root(obj, kind: kind) else { return nil }
        var first: String?
        walk(obj, .ref(r), path: "", onUnknown: { _ in }, onTypeError: { if first == nil { first = $0 } })
        return first
    }

    /// The BadRequest a strict create/update gets for a body that does not decode:
    /// `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"`.
    public static func strictDecodingError(_ obj: Value, kind: String? = nil) -> APIError? {
        let k = kind ?? obj.kind
        let version = obj.apiVersion.split(separator: "/").last.map(String.init) ?? "v1"
        let prefix = "\(k) in version \"\(version)\" cannot be handled as a \(k): "
        if let e = decodeError(obj, kind: kind) { return APIError.badRequest(prefix + e) }
        let unknown = unknownFields(obj, kind: kind)
        if unknown.isEmpty { return nil }
        return APIError.badRequest(prefix + "strict decoding error: " + unknown.map { "unknown field \"\($0)\"" }.joined(separator: ", "))
    }

    // MARK: walking

    /// Go's name for a type in messages: `int32`, `[]v1.Container`, `map[string]string`, `v1.PodSpec`.
    static func goName(_ t: FieldType) -> String {
        switch t {
        case .string: return "string"
        case .int32: return "int32"
        case .int64: return "int64"
        case .bool: return "bool"
        case .float: return "float64"
        case .quantity: return "resource.Quantity"
        case .intOrString: return "intstr.IntOrString"
        case .time: return "v1.Time"
        case .bytes: return "[]uint8"
        case .any: return "interface {}"
        case .list(let e): return "[]" + goName(e)
        case .map(let e): return "map[string]" + goName(e)
        case .ref(let n): return (KindSchemaData.packages[n] ?? "v1") + "." + displayName(n)
        }
    }

    static func displayName(_ n: String) -> String {
        if n == "EventsV1Event" { return "Event" }
        return n.hasSuffix("V1") ? String(n.dropLast(2)) : n
    }

    /// How encoding/json names a JSON value in `cannot unmarshal X into …`.
    static func jsonKind(_ v: Value) -> String {
        switch v {
        case .string: return "string"
        case .int: return "number"
        case .double(let d): return "number \(d == d.rounded() ? String(Int(d)) : String(d))"
        case .bool: return "bool"
        case .array: return "array"
        case .object: return "object"
        case .null: return "null"
        }
    }

    /// Walks `v` against `t`. `path` is the JSON path with indexes (for unknown fields); `goPath`/`owner` feed
    /// the decoder's `Go struct field Owner.go.path` wording, which has no indexes.
    static func walk(_ v: Value, _ t: FieldType, path: String, goPath: String = "", owner: String = "",
                     onUnknown: (String) -> Void, onTypeError: (String) -> Void) {
        if case .null = v { return }
        func typeError(_ inner: String? = nil) {
            let into = owner.isEmpty ? "Go value" : "Go struct field \(displayName(owner)).\(goPath)"
            onTypeError("json: cannot unmarshal \(jsonKind(v)) into \(into) of type \(inner ?? goName(t))")
        }
        switch t {
        case .any: return
        case .string, .time:
            if v.stringValue == nil { typeError() }
        case .bytes:
            guard let s = v.stringValue else { return typeError() }
            if let e = ConfigData.base64Error(s) { onTypeError(e) }
        case .bool:
            if v.boolValue == nil { typeError() }
        case .int32, .int64, .float:
            switch v {
            case .int: return
            case .double(let d) where t == .float || d == d.rounded(): return
            default: typeError()
            }
        case .quantity:
            switch v {
            case .string(let s):
                do { _ = try Quantity(parsing: s.trimmingGoSpace) } catch let e as QuantityError { onTypeError(e.message) } catch {}
            case .int, .double: return
            default: onTypeError(QuantityError.formatWrong.message)
            }
        case .intOrString:
            switch v {
            case .string, .int: return
            case .double(let d) where d == d.rounded(): return
            default: typeError("int32")
            }
        case .list(let e):
            guard let a = v.arrayValue else { return typeError() }
            for (i, x) in a.enumerated() {
                walk(x, e, path: "\(path)[\(i)]", goPath: goPath, owner: owner, onUnknown: onUnknown, onTypeError: onTypeError)
            }
        case .map(let e):
            guard let o = v.objectValue else { return typeError() }
            for k in o.keys.sorted() {
                walk(o[k] ?? .null, e, path: "\(path)[\(k)]", goPath: goPath, owner: owner, onUnknown: onUnknown, onTypeError: onTypeError)
            }
        case .ref(let name):
            guard let o = v.objectValue else { return typeError() }
            guard let fields = table[name] else { return }
            for k in o.keys.sorted() {
                let p = path.isEmpty ? k : "\(path).\(k)"
                let gp = goPath.isEmpty ? k : "\(goPath).\(k)"
                guard let ft = fields[k] else { onUnknown(p); continue }
                walk(o[k] ?? .null, ft, path: p, goPath: gp, owner: name, onUnknown: onUnknown, onTypeError: onTypeError)
            }
        }
    }
}
