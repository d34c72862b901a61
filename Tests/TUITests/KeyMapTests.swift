import TUI
import XCTest

final class KeyMapTests: XCTestCase {
    func testNoKeyIsBoundTwiceInOneContext() {
        for c in KeyContext.allCases {
            var seen: [Key: Action] = [:]
            for b in KeyMap.bindings where b.context == c {
                for k in b.keys {
                    XCTAssertNil(seen[k], "\(k) is bound to both \(seen[k].map { "\($0)" } ?? "") and \(b.action) in \(c)")
                    seen[k] = b.action
                }
            }
        }
    }

    func testEveryFunctionKeyHasAnotherWay() {
        for b in KeyMap.bindings where b.keys.contains(where: { if case .f = $0 { return true }; return false }) {
            let other = b.command != nil || b.keys.contains { if case .f = $0 { return false }; return true }
            XCTAssertTrue(other, "\(b.action) is only on a function key")
        }
    }
}
