// Objects built over and over with one of a few fixed key lists (the kubelet's conditions and container statuses,
// the event recorder's Events): a shape keeps its keys once, so an object of it allocates only its values. The
// object is the one a literal with the same keys in the same order gives.
import OrderedCollections

struct ObjectShape {
    private let keySet: OrderedSet<String>

    init(_ keys: [String]) {
        keySet = OrderedDictionary(uniqueKeys: keys, values: Array(repeating: Value.null, count: keys.count)).keys
    }

    var keys: [String] { Array(keySet) }

    /// The object whose values `fill` sets, by position in the shape's keys (a value it leaves is null). The keys
    /// are handed over as they are (an ordered set of up to 15 keys has no hash table to build).
    @inline(__always)
    func object(_ fill: (inout ContiguousArray<Value>) -> Void) -> Value {
        var values = Self.nulls(keySet.count, .null)
        fill(&values)
        return .object(OrderedDictionary(uncheckedUniqueKeys: keySet, values: values))
    }

    /// `count` nulls. `Array(repeating:count:)` and `reserveCapacity` get their buffer through a path of the
    /// standard library that is not specialised and looks up the storage class's type on every call (measured:
    /// about 450 instructions more than an array literal, whose type the caller caches). `null` is passed in so
    /// that the optimiser cannot make the literals constant arrays, which the first write would copy.
    @inline(never)
    static func nulls(_ count: Int, _ null: Value) -> ContiguousArray<Value> {
        switch count {
        case 1: return [null]
        case 2: return [null, null]
        case 3: return [null, null, null]
        case 4: return [null, null, null, null]
        case 5: return [null, null, null, null, null]
        case 6: return [null, null, null, null, null, null]
        case 7: return [null, null, null, null, null, null, null]
        case 8: return [null, null, null, null, null, null, null, null]
        case 9: return [null, null, null, null, null, null, null, null, null]
        case 10: return [null, null, null, null, null, null, null, null, null, null]
        default: return ContiguousArray(repeating: null, count: count)
        }
    }

    /// The shapes `all` makes with some optional keys left out, indexed by a mask: bit i set when the keys of
    /// `optional[i]` are present (a group's keys come and go together).
    static func variants(_ all: [String], optional: [[String]]) -> [ObjectShape] {
        (0..<(1 << optional.count)).map { mask in
            ObjectShape(all.filter { k in
                guard let i = optional.firstIndex(where: { $0.contains(k) }) else { return true }
                return mask & (1 << i) != 0
            })
        }
    }
}
