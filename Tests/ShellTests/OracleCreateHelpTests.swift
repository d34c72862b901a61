// The flags each create generator and `kubectl run` declare (names, shorthands, defaults) must be the real ones;
// only the help prose is ours.
import Foundation
import TestSupport
import XCTest

final class OracleCreateHelpTests: XCTestCase {
    static let commands: [[String]] = [
        ["create", "deployment"], ["create", "namespace"], ["create", "serviceaccount"], ["create", "configmap"],
        ["create", "service", "clusterip"], ["create", "service", "nodeport"], ["create", "service", "loadbalancer"],
        ["create", "service", "externalname"], ["create", "secret", "generic"], ["create", "secret", "tls"],
        ["create", "secret", "docker-registry"], ["create", "job"], ["create", "cronjob"], ["create", "role"],
        ["create", "clusterrole"], ["create", "rolebinding"], ["create", "clusterrolebinding"], ["create", "quota"],
        ["create", "ingress"], ["create", "poddisruptionbudget"], ["create", "priorityclass"], ["run"],
    ]

    /// `-o, --output=''` lines → "o output=" entries; list defaults `[]` and quotes dropped.
    static func flagList(_ help: String) -> [String] {
        var out: [String] = []
        for line in help.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("-"), t.hasSuffix(":"), let eq = t.firstIndex(of: "=") else { continue }
            var name = String(t[..<eq])
            var short = ""
            if name.hasPrefix("-"), !name.hasPrefix("--") {
                short = String(name.dropFirst().prefix(1))
                name = String(name.dropFirst(4))
            }
            var def = String(t[t.index(after: eq)...].dropLast())
            if def == "[]" { def = "" }
            if def.hasPrefix("'"), def.hasSuffix("'"), def.count >= 2 { def = String(def.dropFirst().dropLast()) }
            out.append("\(short) \(name.replacingOccurrences(of: "--", with: ""))=\(def)")
        }
        return out.sorted()
    }

    func testFlagsMatchRealKubectl() throws {
        guard RealKubectl.path != nil else { throw XCTSkip("the real kubectl 1.32 is not installed") }
        let h = try OracleHarness()
        defer { h.remove() }
        for c in Self.commands {
            guard let real = RealKubectl.run(c + ["--help"]) else { return XCTFail("real kubectl did not run") }
            let ours = h.ours(c + ["--help"])
            XCTAssertEqual(ours.status, 0)
            XCTAssertEqual(Self.flagList(ours.out), Self.flagList(real.out), "flags of kubectl \(c.joined(separator: " "))")
        }
    }
}
