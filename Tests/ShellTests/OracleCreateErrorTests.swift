// Flag, usage and validation errors of `kubectl create …` and `kubectl run`, compared with the real kubectl 1.32.
import Foundation
import TestSupport
import XCTest

final class OracleCreateErrorTests: XCTestCase {
    static let cases: [[String]] = [
        // flag parsing
        ["create", "deployment", "x", "--image=nginx", "--bogus"],
        ["create", "deployment", "x", "--image=nginx", "--replicas=abc"],
        ["create", "deployment", "x", "--image=nginx", "--port=8o"],
        ["create", "deployment", "x", "--dry-run=client", "--image"],
        ["create", "deployment", "x", "--image=nginx", "-z"],
        ["create", "configmap", "x", "--dry-run=client", "--from-literal"],
        ["create", "priorityclass", "p", "--value=high"],
        ["create", "priorityclass", "p", "--global-default=maybe"],
        ["create", "service", "nodeport", "x", "--tcp=80", "--node-port=abc"],
        ["run", "x", "--image=nginx", "--command=yes"],
        // required flags and argument counts
        ["create", "deployment", "web"],
        ["create", "deployment"],
        ["create", "cronjob", "c", "--image=busybox"],
        ["create", "cronjob", "c"],
        ["create", "clusterrolebinding", "b"],
        ["create", "service", "externalname", "e"],
        ["run", "x"],
        ["create", "configmap"],
        ["create", "configmap", "a", "b"],
        ["create", "job"],
        ["create", "namespace", "a", "b"],
        ["create", "secret", "generic"],
        ["create", "deployment", "a", "b", "--image=nginx", "--image=redis"],
        ["create", "job", "--", "echo"],
        ["create", "deployment", "a", "--image=nginx", "--image=redis", "--", "echo"],
        ["create", "secret", "bogus"],
        ["create", "svc", "bogus"],
        // generator validation
        ["create", "service", "clusterip", "web"],
        ["create", "service", "nodeport", "x", "--tcp=abc"],
        ["create", "service", "nodeport", "x", "--tcp=70000"],
        ["create", "service", "clusterip", "x", "--tcp=80:0"],
        ["create", "service", "clusterip", "x", "--tcp=80:Bad_Name"],
        ["create", "service", "nodeport", "x", "--clusterip=None"],
        ["create", "service", "externalname", "e", "--external-name=Not_Valid"],
        ["create", "ingress", "bad", "--rule=foo"],
        ["create", "ingress", "bad"],
        ["create", "ingress", "bad", "--rule=/=s:80", "--annotation=novalue"],
        ["create", "ingress", "bad", "--default-backend=svc"],
        ["create", "role", "r", "--verb=get"],
        ["create", "role", "r", "--resource=pods"],
        ["create", "role", "r", "--verb=frob", "--resource=pods"],
        ["create", "role", "r", "--verb=use", "--resource=pods"],
        ["create", "role", "r", "--verb=get", "--resource=.apps"],
        ["create", "clusterrole", "c", "--verb=get"],
        ["create", "clusterrole", "c", "--verb=list", "--non-resource-url=/x"],
        ["create", "clusterrole", "c", "--verb=get", "--non-resource-url=x"],
        ["create", "clusterrole", "c", "--verb=get", "--non-resource-url=/a*b"],
        ["create", "clusterrole", "c", "--verb=get", "--aggregation-rule=a=b"],
        ["create", "rolebinding", "rb", "--user=jane"],
        ["create", "rolebinding", "rb", "--role=a", "--clusterrole=b"],
        ["create", "rolebinding", "rb", "--role=a", "--serviceaccount=nocolon"],
        ["create", "quota", "q", "--hard=pods"],
        ["create", "quota", "q", "--hard=cpu=lots"],
        ["create", "quota", "q", "--hard=cpu=1.2.3"],
        ["create", "quota", "q", "--hard=memory=1Qi"],
        ["create", "quota", "q", "--hard=pods=1", "--scopes=a,,b"],
        ["create", "pdb", "p", "--min-available=1"],
        ["create", "pdb", "p", "--selector=app=x"],
        ["create", "pdb", "p", "--selector=app=x", "--min-available=1", "--max-unavailable=1"],
        ["create", "pdb", "p", "--selector=app=x", "--min-available=one"],
        ["create", "job", "j"],
        ["create", "job", "j", "--image=busybox", "--from=cronjob/c"],
        ["create", "configmap", "c", "--from-env-file=config.env", "--from-literal=a=b"],
        ["create", "configmap", "c", "--from-literal=novalue"],
        ["create", "configmap", "c", "--from-literal==x"],
        ["create", "configmap", "c", "--from-literal=bad key=x"],
        ["create", "configmap", "c", "--from-literal=a=1", "--from-literal=a=2"],
        ["create", "configmap", "c", "--from-file=missing.txt"],
        ["create", "configmap", "c", "--from-file=k=conf"],
        ["create", "configmap", "c", "--from-file==app.properties"],
        ["create", "configmap", "c", "--from-file=k="],
        ["create", "configmap", "c", "--from-file=a=b=c"],
        ["create", "configmap", "c", "--from-env-file=conf"],
        ["create", "configmap", "c", "--from-env-file=bad.env"],
        ["create", "secret", "generic", "s", "--from-literal=a=1", "--from-literal=a=2"],
        ["create", "secret", "generic", "s", "--from-literal=..a=1"],
        ["create", "secret", "generic", "s", "--from-file=missing.txt"],
        ["create", "secret", "tls", "t"],
        ["create", "secret", "tls", "t", "--cert=/nonexistent", "--key=/nonexistent"],
        ["create", "secret", "docker-registry", "d"],
        // dry-run, validate and output values
        ["create", "namespace", "x", "--dry-run=bogus"],
        ["create", "namespace", "x", "--validate=bogus", "--dry-run=client"],
        ["create", "namespace", "x", "-o", "wide", "--dry-run=client"],
        ["create", "namespace", "x", "-o", "bogus", "--dry-run=client"],
        // run
        ["run", "x", "--image=nginx", "--restart=Sometimes", "--dry-run=client"],
        ["run", "--image=nginx", "--dry-run=client"],
        ["run", "x", "--image=Not A Valid Image", "--dry-run=client"],
        ["run", "x", "--image=nginx", "-t", "--dry-run=client"],
        ["run", "x", "--image=nginx", "--expose", "--dry-run=client"],
        ["run", "x", "--image=nginx", "--rm", "--dry-run=client"],
        ["run", "x", "--image=nginx", "-i", "--dry-run=client"],
        ["run", "x", "--image=nginx", "--image-pull-policy=Sometimes", "--dry-run=client"],
        ["run", "x", "--image=nginx", "--env=1BAD=x", "--dry-run=client"],
        ["run", "x", "--image=nginx", "--env=NOVALUE", "--dry-run=client"],
        ["run", "x", "--image=nginx", "--labels=novalue", "--dry-run=client"],
        ["run", "x", "--image=nginx", "--port=http", "--dry-run=client"],
        ["run", "x", "--image=nginx", "--annotations=bad", "--dry-run=client"],
    ]

    func testErrorsMatchRealKubectl() throws {
        guard RealKubectl.path != nil else { throw XCTSkip("the real kubectl 1.32 is not installed") }
        let h = try OracleHarness()
        defer { h.remove() }
        try h.write("config.env", "A=1\n")
        try h.write("bad.env", "1BAD=x\n")
        try h.write("app.properties", "a=1\n")
        try h.write("conf/a.txt", "alpha\n")
        for c in Self.cases {
            // Validation errors come after --dry-run is read, so add a client dry run where none is given.
            let args = c.contains(where: { $0.hasPrefix("--dry-run") }) ? c : OracleHarness.with(c, ["--dry-run=client"])
            h.assertSame(args)
        }
    }
}
