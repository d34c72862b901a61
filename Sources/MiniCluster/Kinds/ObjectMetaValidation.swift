// metadata validation every kind shares (apimachinery ValidateObjectMeta / ValidateObjectMetaUpdate).
import Foundation
import OrderedCollections

extension Value {
    /// A string field, nil when absent or not a string.
    func string(at key: String) -> String? { self[key]?.stringValue }
    /// An integer field, nil when absent or not a number.
    func int(at key: String) -> Int? { self[key]?.intValue }
    /// An array field, empty when absent.
    func array(at key: String) -> [Value] { self[key]?.arrayValue ?? [] }
    /// Whether a key is present with a non-null value.
    func has(_ key: String) -> Bool { if let v = self[key], !v.isNull { return true }; return false }
}

enum ObjectMetaValidation {
    static let totalAnnotationSizeLimit = 256 * 1024

    /// Checks metadata on create and update: name by the kind's rule, generateName, labels, annotations, owners.
    static func validate(_ obj: Value, rule: NameRule, namespaced: Bool, path: FieldPath = FieldPath("metadata")) -> [FieldError] {
        // The metadata's fields are read from its table in place (each read through `Value` copied the metadata and
        // searched the object for it again); a metadata that is not an object has no fields, as before.
        let meta = obj["metadata"]?.objectValue ?? [:]
        func field(_ key: String) -> Value? { Value.index(of: key, in: meta).map { meta.values[$0] } }
        var errs: [FieldError] = []
        if let gen = field("generateName")?.stringValue, !gen.isEmpty {
            // A controller's creates all carry one prefix: the last that passed (under this rule) is not checked again.
            if !validGenerateName.passed((rule, gen)) {
                let m = rule.messages(gen, prefix: true)
                if m.isEmpty { validGenerateName.remember((rule, gen)) }
                else { errs += FieldErrors.each(m, path.child("generateName"), gen) }
            }
        }
        // Field paths are built only for fields that have something to say (each costs a string).
        let name = field("name")?.stringValue ?? ""
        if name.isEmpty {
            errs.append(FieldErrors.required(path.child("name"), "name or generateName is required"))
        } else {
            let m = rule.messages(name)
            if !m.isEmpty { errs += FieldErrors.each(m, path.child("name"), name) }
        }
        let ns = field("namespace")?.stringValue ?? ""
        if namespaced {
            if ns.isEmpty { errs.append(FieldErrors.required(path.child("namespace"))) }
            else if !validNamespace.passed(ns) {
                // Every create in one namespace names it: the last that passed is not checked again.
                let m = NameRules.dns1123Label(ns)
                if m.isEmpty { validNamespace.remember(ns) }
                else { errs += FieldErrors.each(m, path.child("namespace"), ns) }
            }
        } else if !ns.isEmpty {
            errs.append(FieldErrors.forbidden(path.child("namespace"), "not allowed on this type"))
        }
        if let l = field("labels"), l.isObject, !validLabels.passed(l) { errs += labels(l, path.child("labels")) }
        if let a = field("annotations"), a.isObject { errs += annotations(a, path.child("annotations")) }
        let refs = field("ownerReferences")?.arrayValue ?? []
        // A controller's pods carry equal references (the last set that passed is not checked again).
        if !refs.isEmpty, !validOwnerReferences.passed(.array(refs)) {
            let e = ownerReferences(refs, path.child("ownerReferences"))
            if e.isEmpty { validOwnerReferences.remember(.array(refs)) }
            errs += e
        }
        for f in field("finalizers")?.arrayValue ?? [] {
            let s = f.stringValue ?? ""
            errs += FieldErrors.each(NameRules.qualifiedName(s), path.child("finalizers"), s)
        }
        return errs
    }

    /// Label keys must be qualified names, values valid label values (errors on the map path, keys sorted).
    static func labels(_ v: Value?, _ p: FieldPath) -> [FieldError] {
        guard let o = v?.objectValue else { return [] }
        // Pods of one template carry the template's very label map: the last map that passed is not checked again.
        if validLabels.passed(.object(o)) { return [] }
        let errs = slowLabels(o, p)
        if errs.isEmpty { validLabels.remember(.object(o)) }
        return errs
    }

    /// The label checks without the memo.
    static func slowLabels(_ o: OrderedDictionary<String, Value>, _ p: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        for k in o.keys.sorted() {
            errs += FieldErrors.each(NameRules.qualifiedName(k), p, k)
            let value = o[k]?.stringValue ?? ""
            errs += FieldErrors.each(NameRules.labelValue(value), p, value)
        }
        return errs
    }

    static let validLabels = LastPassed<Value> { $0.isIdentical(to: $1) }
    static let validGenerateName = LastPassed<(rule: NameRule, prefix: String)> {
        $0.rule == $1.rule && Value.sameBytes($0.prefix, $1.prefix)
    }
    static let validOwnerReferences = LastPassed<Value> { $0.isIdentical(to: $1) }
    static let validNamespace = LastPassed<String> { Value.sameBytes($0, $1) }

    static func annotations(_ v: Value?, _ p: FieldPath) -> [FieldError] {
        guard let o = v?.objectValue else { return [] }
        var errs: [FieldError] = []
        var size = 0
        for k in o.keys.sorted() {
            errs += FieldErrors.each(NameRules.qualifiedName(k.lowercased()), p, k)
            size += k.utf8.count + (o[k]?.stringValue?.utf8.count ?? 0)
        }
        if size > totalAnnotationSizeLimit { errs.append(FieldErrors.tooLong(p, totalAnnotationSizeLimit)) }
        return errs
    }

    static func ownerReferences(_ refs: [Value], _ p: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        var controllers: [String] = []
        for r in refs {
            let av = r.string(at: "apiVersion") ?? ""
            let version = av.split(separator: "/").last.map(String.init) ?? ""
            if version.isEmpty { errs.append(FieldErrors.invalid(p.child("apiVersion"), string: av, "version must not be empty")) }
            if (r.string(at: "kind") ?? "").isEmpty { errs.append(FieldErrors.invalid(p.child("kind"), string: "", "kind must not be empty")) }
            if (r.string(at: "name") ?? "").isEmpty { errs.append(FieldErrors.invalid(p.child("name"), string: "", "name must not be empty")) }
            if (r.string(at: "uid") ?? "").isEmpty { errs.append(FieldErrors.invalid(p.child("uid"), string: "", "uid must not be empty")) }
            if r["controller"]?.boolValue == true { controllers.append(r.string(at: "name") ?? "") }
        }
        if controllers.count > 1 {
            errs.append(FieldErrors.invalid(p, "[]v1.OwnerReference{...}",
                                            "Only one reference can have Controller set to true. Found \"true\" in references for \(controllers.joined(separator: " and "))"))
        }
        return errs
    }

    /// Update rules: name and namespace cannot change (the API server already matched them), nor can uid.
    static func validateUpdate(_ new: Value, _ old: Value) -> [FieldError] {
        var errs: [FieldError] = []
        let m = FieldPath("metadata")
        for f in ["name", "namespace", "uid"] {
            let n = new[path: "metadata", f], o = old[path: "metadata", f]
            if let n, let o, n != o { errs += FieldErrors.immutable(n, o, m.child(f)) }
        }
        return errs
    }
}

/// Label selector validation (metav1 ValidateLabelSelector).
enum SelectorValidation {
    static func validate(_ sel: Value?, _ p: FieldPath) -> [FieldError] {
        guard let sel, !sel.isNull else { return [] }
        var errs = ObjectMetaValidation.labels(sel["matchLabels"], p.child("matchLabels"))
        for (i, e) in sel.array(at: "matchExpressions").enumerated() {
            let ep = p.child("matchExpressions").index(i)
            let op = e.string(at: "operator") ?? ""
            let values = e.array(at: "values").map { $0.stringValue ?? "" }
            switch op {
            case "In", "NotIn":
                if values.isEmpty { errs.append(FieldErrors.required(ep.child("values"), "must be specified when `operator` is 'In' or 'NotIn'")) }
            case "Exists", "DoesNotExist":
                if !values.isEmpty { errs.append(FieldErrors.forbidden(ep.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'")) }
            default:
                errs.append(FieldErrors.invalid(ep.child("operator"), string: op, "not a valid selector operator"))
            }
            let key = e.string(at: "key") ?? ""
            errs += FieldErrors.each(NameRules.qualifiedName(key), ep.child("key"), key)
            for (j, v) in values.enumerated() {
                errs += FieldErrors.each(NameRules.labelValue(v), ep.child("values").index(j), v)
            }
        }
        return errs
    }

    /// Whether a label set satisfies a LabelSelector; nil or empty selectors match nothing here (callers decide).
    static func matches(_ sel: Value?, _ labels: [String: String]) -> Bool {
        guard let sel else { return false }
        for (k, v) in sel["matchLabels"]?.objectValue ?? [:] where labels[k] != v.stringValue { return false }
        for e in sel.array(at: "matchExpressions") {
            let k = e.string(at: "key") ?? ""
            let values = Set(e.array(at: "values").compactMap(\.stringValue))
            switch e.string(at: "operator") ?? "" {
            case "In": guard let l = labels[k], values.contains(l) else { return false }
            case "NotIn": if let l = labels[k], values.contains(l) { return false }
            case "Exists": if labels[k] == nil { return false }
            case "DoesNotExist": if labels[k] != nil { return false }
            default: return false
            }
        }
        return true
    }

    /// True when the selector has neither matchLabels nor matchExpressions.
    static func isEmpty(_ sel: Value?) -> Bool {
        (sel?["matchLabels"]?.objectValue?.isEmpty ?? true) && (sel?["matchExpressions"]?.arrayValue?.isEmpty ?? true)
    }
}

/// The last input a check passed (for checks whose answer depends on nothing else), compared by `same`: values
/// strictly (ValueIdentity; values that share storage compare in constant time, so a caller handing in the same
/// map again pays almost nothing), a name prefix byte for byte under its rule.
final class LastPassed<Input> {
    private let lock = NSLock()
    private var last: Input?
    private let same: (Input, Input) -> Bool

    init(same: @escaping (Input, Input) -> Bool) { self.same = same }

    func passed(_ input: Input) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let last else { return false }
        return same(last, input)
    }

    func remember(_ input: Input) {
        lock.lock()
        last = input
        lock.unlock()
    }
}
