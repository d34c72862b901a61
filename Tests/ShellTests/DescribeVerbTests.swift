import MiniCluster
@testable import Shell
import TestSupport
import XCTest

/// The `kubectl describe` verb: argument forms, the name-prefix fallback, separators, selectors and errors.
final class DescribeVerbTests: XCTestCase {
    static func pod(_ name: String, ns: String = "default", app: String = "web") -> String {
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"\(name)","namespace":"\(ns)","uid":"uid-\(name)","labels":{"app":"\(app)"}},
         "spec":{"containers":[{"name":"c","image":"nginx"}]},"status":{"phase":"Pending"}}
        """
    }

    func session() -> ShellSession {
        let s = DescribeFixture.session(now: "2026-11-26T09:30:00Z")
        DescribeFixture.put(s, Self.pod("web-abc"), Self.pod("web-def"), Self.pod("db-0", app: "db"), Self.pod("dns", ns: "kube-system"))
        return s
    }

    func describe(_ name: String, ns: String = "default") -> String {
        let s = session()
        let c = s.currentCluster!
        let pod = try! c.api.get(c.registry.lookup("pods")!, namespace: ns, name: name)
        return Describers.describe(pod, type: c.registry.lookup("pods")!, DescribeContext(cluster: c))
    }

    func testNoArguments() {
        let r = DescribeFixture.run(session(), "kubectl describe")
        XCTAssertEqual(r.err, "error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n")
        XCTAssertEqual(r.status, 1)
    }

    func testNotFoundAndUnknownType() {
        let s = session()
        var r = DescribeFixture.run(s, "kubectl describe pod nosuch")
        XCTAssertEqual(r.out, "")
        XCTAssertEqual(r.err, "Error from server (NotFound): pods \"nosuch\" not found\n")
        XCTAssertEqual(r.status, 1)
        r = DescribeFixture.run(s, "kubectl describe deployment.apps/nosuch")
        XCTAssertEqual(r.err, "Error from server (NotFound): deployments.apps \"nosuch\" not found\n")
        r = DescribeFixture.run(s, "kubectl describe foo")
        XCTAssertEqual(r.err, "error: the server doesn't have a resource type \"foo\"\n")
        XCTAssertEqual(r.status, 1)
    }

    func testNothingToDescribe() {
        let s = session()
        var r = DescribeFixture.run(s, "kubectl describe deployments")
        XCTAssertEqual(r.err, "No resources found in default namespace.\n")
        XCTAssertEqual(r.status, 0)
        r = DescribeFixture.run(s, "kubectl describe pods -l app=nomatch")
        XCTAssertEqual(r.err, "No resources found in default namespace.\n")
        r = DescribeFixture.run(s, "kubectl describe deployments -A")
        XCTAssertEqual(r.err, "No resources found\n")
        r = DescribeFixture.run(s, "kubectl describe deployments -n dev")
        XCTAssertEqual(r.err, "No resources found in dev namespace.\n")
    }

    func testSeveralObjectsAreSeparatedByTwoNewlines() {
        let r = DescribeFixture.run(session(), "kubectl describe pods")
        XCTAssertEqual(r.out, describe("db-0") + "\n\n" + describe("web-abc") + "\n\n" + describe("web-def"))
        XCTAssertEqual(r.status, 0)
    }

    func testSelectorAndNamespaces() {
        let s = session()
        XCTAssertEqual(DescribeFixture.run(s, "kubectl describe pods -l app=web").out, describe("web-abc") + "\n\n" + describe("web-def"))
        XCTAssertEqual(DescribeFixture.run(s, "kubectl describe po -n kube-system").out, describe("dns", ns: "kube-system"))
        let all = DescribeFixture.run(s, "kubectl describe pods -A -l app=web").out
        XCTAssertEqual(all.components(separatedBy: "\nName:").count, 3)
        XCTAssertTrue(all.contains("Namespace:    kube-system\n"))
    }

    func testNamePrefixFallback() {
        let r = DescribeFixture.run(session(), "kubectl describe pods web")
        // Each match is printed followed by a newline, as DescribeMatchingResources does.
        XCTAssertEqual(r.out, describe("web-abc") + "\n" + describe("web-def") + "\n")
        XCTAssertEqual(r.err, "")
        // Only with TYPE NAME: the TYPE/NAME form reports NotFound.
        XCTAssertEqual(DescribeFixture.run(session(), "kubectl describe pod/web").err, "Error from server (NotFound): pods \"web\" not found\n")
        XCTAssertEqual(DescribeFixture.run(session(), "kubectl describe pods zzz").err, "Error from server (NotFound): pods \"zzz\" not found\n")
    }

    func testNamedObjectsAndErrors() {
        let s = session()
        var r = DescribeFixture.run(s, "kubectl describe pods web-abc nosuch")
        XCTAssertEqual(r.out, describe("web-abc"))
        XCTAssertEqual(r.err, "Error from server (NotFound): pods \"nosuch\" not found\n")
        XCTAssertEqual(r.status, 1)
        // TYPE NAME NAME stops at the first missing name; TYPE/NAME arguments carry on.
        r = DescribeFixture.run(s, "kubectl describe pods nosuch web-abc")
        XCTAssertEqual(r.out, "")
        r = DescribeFixture.run(s, "kubectl describe pod/nosuch pod/web-abc pod/nope")
        XCTAssertEqual(r.out, describe("web-abc"))
        XCTAssertEqual(r.err, "Error from server (NotFound): pods \"nosuch\" not found\nError from server (NotFound): pods \"nope\" not found\n")
    }

    func testArgumentConflicts() {
        let s = session()
        XCTAssertEqual(DescribeFixture.run(s, "kubectl describe pods web-abc -l app=web").err,
                       "error: name cannot be provided when a selector is specified\n")
        XCTAssertEqual(DescribeFixture.run(s, "kubectl describe pod/web-abc -l app=web").err,
                       "error: selectors and the all flag cannot be used when passing resource/name arguments\n")
        XCTAssertEqual(DescribeFixture.run(s, "kubectl describe pods web-abc -A").err,
                       "error: a resource cannot be retrieved by name across all namespaces\n")
        let r = DescribeFixture.run(s, "kubectl describe pods --show-events=maybe")
        XCTAssertEqual(r.err, "error: invalid argument \"maybe\" for \"--show-events\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\nSee 'kubectl describe --help' for usage.\n")
    }

    func testClusterScopedObjectsIgnoreTheNamespace() {
        let r = DescribeFixture.run(session(), "kubectl describe ns kube-public -n kube-system")
        XCTAssertTrue(r.out.hasPrefix("Name:         kube-public\n"), r.out)
    }

    func testFlagsMatchRealKubectl() throws {
        guard let real = RealKubectl.run(["describe", "--help"]) else { throw XCTSkip("real kubectl not installed") }
        func flagNames(_ help: String) -> Set<String> {
            Set(help.split(separator: "\n").compactMap { line -> String? in
                guard let r = line.range(of: "--") else { return nil }
                return String(line[r.lowerBound...].prefix { $0 != "=" && $0 != ":" })
            })
        }
        let ours = DescribeFixture.run(session(), "kubectl describe --help").out
        XCTAssertEqual(flagNames(ours), flagNames(real.out))
    }
}
