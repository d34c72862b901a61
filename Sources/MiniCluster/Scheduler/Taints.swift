// Taints and tolerations as the scheduler, the taint manager and kubectl taint read them.

/// A node taint (`key=value:Effect`).
public struct Taint: Equatable, Sendable {
    public var key: String
    public var value: String
    public var effect: String
    public var timeAdded: String?

    public init(key: String, value: String = "", effect: String, timeAdded: String? = nil) {
        self.key = key; self.value = value; self.effect = effect; self.timeAdded = timeAdded
    }

    public init(_ v: Value) {
        key = v["key"]?.stringValue ?? ""
        value = v["value"]?.stringValue ?? ""
        effect = v["effect"]?.stringValue ?? ""
        timeAdded = v["timeAdded"]?.stringValue
    }

    public var value_: Value {
        var o: Value = ["effect": .string(effect), "key": .string(key)]
        if let timeAdded { o["timeAdded"] = .string(timeAdded) }
        if !value.isEmpty { o["value"] = .string(value) }
        return o
    }

    /// `key=value:Effect`, `key:Effect` without a value, `key` alone without either (Taint.ToString).
    public var description: String {
        if effect.isEmpty { return value.isEmpty ? key : "\(key)=\(value):" }
        return value.isEmpty ? "\(key):\(effect)" : "\(key)=\(value):\(effect)"
    }

    public static func of(node: Value) -> [Taint] { (node[path: "spec", "taints"]?.arrayValue ?? []).map(Taint.init) }
}

/// A pod toleration.
public struct Toleration: Equatable, Sendable {
    public var key: String
    public var op: String
    public var value: String
    public var effect: String
    public var seconds: Int?

    public init(_ v: Value) {
        key = v["key"]?.stringValue ?? ""
        op = v["operator"]?.stringValue ?? "Equal"
        value = v["value"]?.stringValue ?? ""
        effect = v["effect"]?.stringValue ?? ""
        seconds = v["tolerationSeconds"]?.intValue
    }

    /// ToleratesTaint: effects match (empty tolerates all), keys match (empty with Exists tolerates all keys),
    /// and the value matches for Equal.
    public func tolerates(_ t: Taint) -> Bool {
        if !effect.isEmpty, effect != t.effect { return false }
        if !key.isEmpty, key != t.key { return false }
        switch op {
        case "Exists": return true
        case "", "Equal": return value == t.value
        default: return false
        }
    }

    public static func of(pod: Value) -> [Toleration] { (pod[path: "spec", "tolerations"]?.arrayValue ?? []).map(Toleration.init) }
}

extension Array where Element == Toleration {
    func tolerates(_ t: Taint) -> Bool { contains { $0.tolerates(t) } }
}
