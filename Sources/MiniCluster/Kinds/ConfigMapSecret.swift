// ConfigMap and Secret: key rules, size limits, `immutable: true`, Secret types, and stringData folded into data.
import Foundation

extension KindSpec {
    static let configMap = KindSpec(type: .builtIn("ConfigMap"), validate: validator(.subdomain, ConfigData.validateConfigMap))
    static let secret = KindSpec(type: .builtIn("Secret"), defaults: ConfigData.defaultSecret,
                                 validate: validator(.subdomain, ConfigData.validateSecret))
}

enum ConfigData {
    static let maxSize = 1024 * 1024

    /// Keys of `data`/`binaryData`: config keys, not in both bags; total size at most 1 MiB.
    static func keys(_ obj: Value, valueSize: (Value) -> Int) -> [FieldError] {
        var errs: [FieldError] = []
        var total = 0
        let data = obj["data"]?.objectValue ?? [:]
        let binary = obj["binaryData"]?.objectValue ?? [:]
        for (bag, other, entries) in [("data", binary, data), ("binaryData", data, binary)] {
            for k in entries.keys.sorted() {
                let p = FieldPath(bag).key(k)
                errs += FieldErrors.each(NameRules.configMapKey(k), p, k)
                if other[k] != nil { errs.append(FieldErrors.invalid(p, string: k, "duplicate of key present in \(bag == "data" ? "binaryData" : "data")")) }
                total += entries[k].map(valueSize) ?? 0
            }
        }
        if total > maxSize { errs.append(FieldErrors.tooLong(FieldPath(""), maxSize)) }
        return errs
    }

    /// With `immutable: true` on the old object nothing but metadata may change.
    static func immutability(_ new: Value, _ old: Value?, bags: [String]) -> [FieldError] {
        guard let old, old["immutable"]?.boolValue == true else { return [] }
        var errs: [FieldError] = []
        if new["immutable"]?.boolValue != true {
            errs.append(FieldErrors.forbidden(FieldPath("immutable"), "field is immutable when `immutable` is set"))
        }
        for b in bags where (new[b] ?? .null) != (old[b] ?? .null) {
            errs.append(FieldErrors.forbidden(FieldPath(b), "field is immutable when `immutable` is set"))
        }
        return errs
    }

    static func validateConfigMap(_ obj: Value, _ old: Value?) -> [FieldError] {
        keys(obj) { v in v.stringValue?.utf8.count ?? 0 } + immutability(obj, old, bags: ["data", "binaryData"])
    }

    // MARK: Secret

    /// `type: Opaque`, and `stringData` merged into `data` as base64 (what the v1 conversion does on the way in).
    static func defaultSecret(_ obj: inout Value, _ ctx: DefaultingContext) {
        PodSpecDefaults.setIfMissing(&obj, "type", "Opaque")
        if let stringData = obj["stringData"]?.objectValue {
            var data = obj["data"]?.objectValue ?? [:]
            for (k, v) in stringData { data[k] = .string(Data((v.stringValue ?? "").utf8).base64EncodedString()) }
            obj["data"] = .object(data)
            obj["stringData"] = nil
        }
    }

    static let typeKeys: [String: [String]] = [
        "kubernetes.io/tls": ["tls.crt", "tls.key"],
        "kubernetes.io/dockerconfigjson": [".dockerconfigjson"],
        "kubernetes.io/dockercfg": [".dockercfg"],
        "kubernetes.io/ssh-auth": ["ssh-privatekey"],
    ]

    static func validateSecret(_ obj: Value, _ old: Value?) -> [FieldError] {
        var errs = keys(obj) { v in base64Decoded(v.stringValue ?? "")?.count ?? 0 }
        let type = obj.string(at: "type") ?? ""
        let data = obj["data"]?.objectValue ?? [:]
        for k in typeKeys[type] ?? [] where data[k] == nil {
            errs.append(FieldErrors.required(FieldPath("data").key(k)))
        }
        if type == "kubernetes.io/service-account-token", obj.annotations["kubernetes.io/service-account.name"] == nil {
            errs.append(FieldErrors.required(FieldPath("metadata.annotations").key("kubernetes.io/service-account.name")))
        }
        if type == "kubernetes.io/basic-auth", data["username"] == nil, data["password"] == nil {
            errs.append(FieldErrors.required(FieldPath("data").key("username"), "either username or password is required"))
        }
        if let old, let oldType = old.string(at: "type"), oldType != type {
            errs.append(FieldErrors.invalid(FieldPath("type"), string: type, FieldErrors.immutable))
        }
        return errs + immutability(obj, old, bags: ["data"])
    }

    /// Standard base64 as Go's encoding/base64 reads JSON []byte; nil when malformed.
    static func base64Decoded(_ s: String) -> Data? { Data(base64Encoded: s) }

    /// Go's error for a malformed base64 `data` value: `illegal base64 data at input byte N`.
    static func base64Error(_ s: String) -> String? {
        if Data(base64Encoded: s) != nil { return nil }
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var i = 0
        for c in s {
            if c == "=" { break }
            if !alphabet.contains(c) { return "illegal base64 data at input byte \(i)" }
            i += 1
        }
        // Bad length or padding: Go reports the offset where the final quantum went wrong.
        return "illegal base64 data at input byte \(max(0, (s.count / 4) * 4 - (s.count % 4 == 0 ? 4 : 0)))"
    }
}
