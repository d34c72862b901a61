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
        var values = ContiguousArray<Value>(repeating: .null, count: keySet.count)
        fill(&values)
        return .object(OrderedDictionary(uncheckedUniqueKeys: keySet, values: values))
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
