import Foundation
import MiniCluster
import TestSupport
import XCTest

/// The real kubectl parses `-l` itself when reading files (`get -f x.yaml -l …`), so its errors check ours.
final class LabelSelectorOracleTests: XCTestCase {
    func testParseErrorsMatchRealKubectl() throws {
        guard RealKubectl.path != nil else { throw XCTSkip("real kubectl 1.32 not installed") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ls-oracle-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n".write(to: dir.appendingPathComponent("c.yaml"), atomically: true, encoding: .utf8)
        let selectors = ["a b", "app=web,", "=web", "app=web)", "tier in a", "tier in (a", "tier in (=)", "!app=web",
                         "app=(x)", "app_=x", "app=-x", "x>a", "/a=b", "a/b/c=d", String(repeating: "a", count: 64) + "=x",
                         "x=y=z", "a,,b", "a!b", "!", "x in (a b)", "x in (a,", "x=a b", "Ab.c/d=x", "x!", "x notin",
                         "x=" + String(repeating: "v", count: 64)]
        for sel in selectors {
            guard let real = RealKubectl.run(["get", "-f", "c.yaml", "-l", sel], cwd: dir) else { throw XCTSkip("cannot run kubectl") }
            let prefix = "error: the provided selector \"\(sel)\" is not valid: "
            guard let line = real.err.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else {
                XCTFail("kubectl accepted \(sel): \(real.err)")
                continue
            }
            XCTAssertThrowsError(try LabelSelector.parse(sel), sel) { e in
                XCTAssertEqual((e as? LabelSelectorError)?.message, String(line.dropFirst(prefix.count)), sel)
            }
        }
    }
}
