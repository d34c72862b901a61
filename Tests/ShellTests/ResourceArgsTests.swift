import MiniCluster
@testable import Shell
import XCTest

final class ResourceArgsTests: XCTestCase {
    let reg = ResourceRegistry()

    func message(_ args: [String]) -> String? {
        do { _ = try ResourceArgs.parse(args, registry: reg); return nil } catch KubectlFailure.plain(let m) { return m } catch { return "\(error)" }
    }

    func testForms() throws {
        let a = try ResourceArgs.parse(["po"], registry: reg)
        XCTAssertEqual(a.types.map(\.plural), ["pods"])
        XCTAssertFalse(a.hasNames)
        let b = try ResourceArgs.parse(["deploy,svc", "web"], registry: reg)
        XCTAssertEqual(b.items.count, 2)
        XCTAssertTrue(b.hasNames)
        XCTAssertTrue(b.isMultiType)
        let c = try ResourceArgs.parse(["deployment.apps/web", "service/web"], registry: reg)
        XCTAssertEqual(c.types.map(\.kind), ["Deployment", "Service"])
        let d = try ResourceArgs.parse(["all"], registry: reg)
        XCTAssertEqual(d.types.map(\.plural), ["pods", "services", "daemonsets", "deployments", "replicasets", "statefulsets",
                                               "horizontalpodautoscalers", "cronjobs", "jobs"])
        XCTAssertEqual(try ResourceArgs.parse(["deploy.v1.apps"], registry: reg).types.first?.kind, "Deployment")
    }

    func testErrors() {
        XCTAssertEqual(message(["foo"]), "the server doesn't have a resource type \"foo\"")
        XCTAssertEqual(message(["pods/web/x"]), "arguments in resource/name form may not have more than one slash")
        XCTAssertEqual(message(["pods/web", "deploy"])?.hasPrefix("there is no need to specify a resource type"), true)
        XCTAssertEqual(message(["pods/"]), "arguments in resource/name form must have a single resource and name")
        XCTAssertEqual(message(["deploy.v9.apps"]), "the server doesn't have a resource type \"deploy\" in group \"apps\" and version \"v9\"")
    }
}
