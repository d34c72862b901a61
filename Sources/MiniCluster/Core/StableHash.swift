// FNV-1a (64-bit) over bytes: a hash that is the same on every run and every machine, for names and digests the
// simulator derives from text (Swift's Hasher is seeded per process).

public struct StableHash {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }

    /// Continues over a string's UTF-8 bytes (several parts hash as their concatenation would).
    public mutating func add(_ s: String) { for b in s.utf8 { add(b) } }
}

extension String {
    /// The string's `StableHash`.
    public var hashValueStable: UInt64 {
        var h = StableHash()
        h.add(self)
        return h.value
    }
}
