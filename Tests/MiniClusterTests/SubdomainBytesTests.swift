import XCTest
@testable import MiniCluster

/// `NameRules.matchesSubdomain` reads a string's bytes in place: over names of every length (small strings kept
/// inline and heap ones), of letters, digits, dashes and dots in any order and some characters it must refuse, it
/// answers as the definition does: dot-separated labels, each non-empty, of `[a-z0-9-]`, beginning and ending with
/// a letter or digit.
final class SubdomainBytesTests: XCTestCase {
    static func reference(_ s: String) -> Bool {
        let lowerAlnum = Set("abcdefghijklmnopqrstuvwxyz0123456789")
        return s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard let first = label.first, let last = label.last else { return false }
            return lowerAlnum.contains(first) && lowerAlnum.contains(last)
                && label.allSatisfy { lowerAlnum.contains($0) || $0 == "-" }
        }
    }

    func testMatchesTheDefinition() {
        let alphabet: [String] = ["a", "k", "z", "0", "9", "-", ".", "A", "_", "é", "/", " ", "\u{301}"]
        var g = SeededRandom(seed: 31)
        var answers: Set<Bool> = []
        for _ in 0..<20_000 {
            let length = Int(g.next() % 40)
            // Mostly valid characters, so long valid names come up as well as invalid ones.
            let name = (0..<length).map { _ in alphabet[Int(g.next() % (g.next() % 8 == 0 ? 13 : 7))] }.joined()
            XCTAssertEqual(NameRules.matchesSubdomain(name), Self.reference(name), name)
            // The same bytes cut out of a longer string (another string's storage; cut by bytes, as a combining
            // mark at the name's start would join the character before it).
            let padded = "x" + name + "y"
            let cut = String(decoding: Array(padded.utf8.dropFirst().dropLast()), as: UTF8.self)
            XCTAssertEqual(NameRules.matchesSubdomain(cut), Self.reference(name), cut)
            answers.insert(Self.reference(name))
        }
        XCTAssertEqual(answers, [true, false])
        for name in ["", ".", "a", "a.", ".a", "a..b", "a-.b", "a.-b", "-a", "a-", "nginx-7c5d8-x2q9z.1879a3c2b4d5e6f0"] {
            XCTAssertEqual(NameRules.matchesSubdomain(name), Self.reference(name), name)
        }
    }
}
