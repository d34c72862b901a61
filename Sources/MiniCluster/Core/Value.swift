// A JSON-like dynamic tree: how the API server sees every object, so any field round-trips to -o yaml/json.
import OrderedCollections

public enum Value: Equatable, Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([Value])
    case object(OrderedDictionary<String, Value>)

    /// An empty object, the usual starting point when building one.
    public static var emptyObject: Value { .object([:]) }
}

// MARK: - Typed accessors

extension Value {
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d == d.rounded() && abs(d) < 9e18: return Int(d)
        default: return nil
        }
    }
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var arrayValue: [Value]? { if case .array(let a) = self { return a }; return nil }
    public var objectValue: OrderedDictionary<String, Value>? { if case .object(let o) = self { return o }; return nil }
    public var isNull: Bool { if case .null = self { return true }; return false }
    public var isObject: Bool { if case .object = self { return true }; return false }

    /// The Go-ish type name used in API error messages ("string", "int64", "map", "array", "bool", "number").
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "number"
        case .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// A string map (labels, annotations, data); nil when not an object of strings.
    public var stringMap: [String: String]? {
        guard case .object(let o) = self else { return nil }
        var out: [String: String] = [:]
        out.reserveCapacity(o.count)
        for (k, v) in o { guard let s = v.stringValue else { return nil }; out[k] = s }
        return out
    }

    public subscript(key: String) -> Value? {
        // `switch`, not `guard case`: measured, it copies (retains) less of the object on the way.
        get {
            switch self {
            case .object(let o):
                guard let i = Value.index(of: key, in: o) else { return nil }
                return o.values[i]
            default: return nil
            }
        }
        set {
            guard case .object(var o) = self else {
                if let newValue { self = .object([key: newValue]) }
                return
            }
            self = .null  // release storage so the edit below is in place
            if let i = Value.index(of: key, in: o) {
                if let newValue { o.values[i] = newValue } else { o.remove(at: i) }
            } else if let newValue {
                // Appended: inserting at the end index took the general insert (about 430 instructions more a key).
                o.updateValue(newValue, forKey: key)
            }
            self = .object(o)
        }
    }

    /// Where `key` is in `o`. Objects of up to 15 keys (nearly all) have no hash table and are searched in order:
    /// this search compares lengths before contents, so the keys it passes cost no string comparison.
    @inline(__always)
    static func index(of key: String, in o: OrderedDictionary<String, Value>) -> Int? {
        guard o.count <= 15 else { return o.index(forKey: key) }
        let n = key.utf8.count
        let keys = o.keys
        var i = 0
        while i < keys.count {
            if keys[i].utf8.count == n && keys[i] == key { return i }
            i += 1
        }
        // Keys are unique under `==`, so a hit is the hit; a miss is one unless an equal key is spelled otherwise.
        return lengthDecides(key) ? nil : o.index(forKey: key)
    }

    /// Whether only a string with the same bytes equals `key`: String's `==` is canonical equivalence, and the
    /// only characters canonically equal to ASCII ones are the Kelvin sign (`K`), the Greek question mark (`;`)
    /// and the Greek varia (`` ` ``); keys made of other ASCII characters are equal only to themselves.
    static func lengthDecides(_ key: String) -> Bool {
        // Read in place: a copy to call `withUTF8` on cost a retain and a release per missed key.
        func plain(_ b: UInt8) -> Bool { b < 0x80 && b != UInt8(ascii: "K") && b != UInt8(ascii: ";") && b != UInt8(ascii: "`") }
        return key.utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes where !plain(b) { return false }
            return true
        } ?? key.utf8.allSatisfy(plain)
    }

    /// Calls `body` with the place in `names` and the value of each key of this object that has the bytes of one
    /// of `names`, in one pass over the keys (none when this is not an object): what `self[name]` finds for each,
    /// without a walk and a miss check per name. Keys are compared by length first. Every name must be one that
    /// `lengthDecides` holds for, so that only a key with its very bytes equals it.
    @inline(__always)
    func forEachField(named names: [String], _ body: (Int, Value) -> Void) {
        assert(names.allSatisfy(Value.lengthDecides), "names that only their own bytes equal")
        switch self {
        case .object(let o):
            let keys = o.keys
            for j in keys.indices {
                let n = keys[j].utf8.count
                // `==` (String's own, cheaper here than `sameBytes`): for these names it is byte equality.
                for i in names.indices where names[i].utf8.count == n && keys[j] == names[i] {
                    body(i, o.values[j])
                }
            }
        default: return
        }
    }

    public subscript(index: Int) -> Value? {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return nil
    }

    /// Reads a nested field: `obj[path: "spec", "replicas"]`.
    public subscript(path path: String...) -> Value? {
        get { self[pathArray: path] }
        set { self[pathArray: path] = newValue }
    }

    // Two and three keys, the common cases, without the variadic form's array allocation (also when writing:
    // the same edits as `setNested`, one level at a time).
    public subscript(path a: String, _ b: String) -> Value? {
        get {
            // The parent is matched in place, not copied out as an optional first.
            switch self {
            case .object(let o):
                guard let i = Value.index(of: a, in: o) else { return nil }
                switch o.values[i] {
                case .object(let child):
                    guard let j = Value.index(of: b, in: child) else { return nil }
                    return child.values[j]
                default: return nil
                }
            default: return nil
            }
        }
        set { editChild(a) { $0[b] = newValue } }
    }

    public subscript(path a: String, _ b: String, _ c: String) -> Value? {
        get { self[path: a, b]?[c] }
        set { editChild(a) { $0.editChild(b) { $0[c] = newValue } } }
    }

    /// Edits the object under `key` in place, creating it (or replacing a non-object there, or making `self` an
    /// object) first, as `setNested` does for each level but the last.
    @inline(__always)
    private mutating func editChild(_ key: String, _ edit: (inout Value) -> Void) {
        guard case .object(var o) = self else {
            var child = Value.emptyObject
            edit(&child)
            self = .object([key: child])
            return
        }
        self = .null
        if let i = Value.index(of: key, in: o), o.values[i].isObject {
            edit(&o.values[i])
        } else {
            var child = Value.emptyObject
            edit(&child)
            o[key] = child
        }
        self = .object(o)
    }

    /// Reads or writes a nested field; writing creates intermediate objects (also when removing a field whose
    /// parents are missing), replacing any non-object on the way.
    public subscript(pathArray path: [String]) -> Value? {
        get {
            var cur: Value? = self
            for p in path { cur = cur?[p] }
            return cur
        }
        set {
            guard !path.isEmpty else { if let newValue { self = newValue }; return }
            setNested(path[...], newValue)
        }
    }

    /// Writes a nested field in place: each level's storage is released from its parent while it is edited, so
    /// no dictionary on the path is copied.
    private mutating func setNested(_ path: ArraySlice<String>, _ newValue: Value?) {
        let first = path[path.startIndex]
        if path.count == 1 { self[first] = newValue; return }
        let rest = path.dropFirst()
        guard case .object(var o) = self else {
            var child = Value.emptyObject
            child.setNested(rest, newValue)
            self = .object([first: child])
            return
        }
        self = .null
        if let i = Value.index(of: first, in: o), o.values[i].isObject {
            o.values[i].setNested(rest, newValue)
        } else {
            var child = Value.emptyObject
            child.setNested(rest, newValue)
            o[first] = child
        }
        self = .object(o)
    }

    /// Builds an object from key/value pairs in order, dropping nil values.
    public static func obj(_ pairs: KeyValuePairs<String, Value?>) -> Value {
        var o = OrderedDictionary<String, Value>()
        for (k, v) in pairs { if let v { o[k] = v } }
        return .object(o)
    }

    /// Removes a nested field, if present.
    public mutating func remove(path: [String]) { self[pathArray: path] = nil }
}

// MARK: - Literals

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: Value...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, Value)...) {
        var o = OrderedDictionary<String, Value>()
        o.reserveCapacity(elements.count)
        for (k, v) in elements { o[k] = v }
        self = .object(o)
    }
}

extension Value {
    /// A map of strings as an object value, keys in the order given.
    public init(stringMap: [String: String]) {
        var o = OrderedDictionary<String, Value>()
        for k in stringMap.keys.sorted() { o[k] = .string(stringMap[k]!) }
        self = .object(o)
    }

    /// The same tree with every object's keys sorted (how kubectl prints unstructured objects).
    public var sortedKeys: Value {
        switch self {
        case .object(let o):
            var out = OrderedDictionary<String, Value>()
            for k in o.keys.sorted() { out[k] = o[k]!.sortedKeys }
            return .object(out)
        case .array(let a): return .array(a.map(\.sortedKeys))
        default: return self
        }
    }
}
