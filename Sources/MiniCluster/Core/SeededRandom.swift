// Seeded randomness: the same seed gives the same names and addresses, byte for byte.

/// SplitMix64: small, fast, and good enough for names and IPs.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { self.state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The alphabet the API server uses for generateName suffixes (no vowels, no confusable characters).
    public static let nameAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// A generateName suffix of `n` characters (the API server uses 5).
    public mutating func nameSuffix(_ n: Int = 5) -> String {
        String((0..<n).map { _ in Self.nameAlphabet[Int(next() % UInt64(Self.nameAlphabet.count))] })
    }

    /// The alphabet as ASCII bytes.
    static let nameAlphabetBytes: [UInt8] = nameAlphabet.map { $0.asciiValue! }

    /// `prefix + nameSuffix()`: the same five draws and characters, written as bytes into one string (a name
    /// is made this way on every generateName create and for every pod's token volume).
    mutating func name(prefix: String) -> String {
        var prefix = prefix
        let letters = Self.nameAlphabetBytes
        return prefix.withUTF8 { p in
            String(unsafeUninitializedCapacity: p.count + 5) { out in
                var o = 0
                for b in p { out[o] = b; o += 1 }
                for _ in 0..<5 { out[o] = letters[Int(next() % UInt64(letters.count))]; o += 1 }
                return o
            }
        }
    }

    /// A random RFC 4122 version-4 UUID string.
    public mutating func uuid() -> String {
        let a = next(), b = next()
        // Bytes 0–7 are `a` and 8–15 are `b`, least significant byte first; the version and variant bits set.
        var bytes = (a.littleEndian, b.littleEndian)
        return withUnsafeMutableBytes(of: &bytes) { raw -> String in
            raw[6] = (raw[6] & 0x0f) | 0x40
            raw[8] = (raw[8] & 0x3f) | 0x80
            return String(unsafeUninitializedCapacity: 36) { out in
                let digits = Self.hexDigits
                var o = 0
                for i in 0..<16 {
                    if i == 4 || i == 6 || i == 8 || i == 10 { out[o] = 45; o += 1 }
                    out[o] = digits.utf8Start[Int(raw[i] >> 4)]
                    out[o + 1] = digits.utf8Start[Int(raw[i] & 0x0f)]
                    o += 2
                }
                return o
            }
        }
    }

    /// 64 lowercase hex digits: four numbers drawn, each written as 16 digits with its leading zeros (container
    /// IDs, token signatures).
    public mutating func hex64() -> String {
        String(unsafeUninitializedCapacity: 64) { out in
            let digits = Self.hexDigits
            for k in 0..<4 {
                let v = next()
                for i in 0..<16 { out[16 * k + i] = digits.utf8Start[Int((v >> (60 - 4 * UInt64(i))) & 0xf)] }
            }
            return 64
        }
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    public mutating func int(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
}

extension String {
    /// Left-pads with `pad` to `width` characters.
    public func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
