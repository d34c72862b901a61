// `-o yaml|json|name|jsonpath|custom-columns|go-template` through ObjectOutput, with kubectl's layouts and errors.
import Foundation
import XCTest
@testable import Shell
import MiniCluster
import TestSupport

final class ObjectOutputTests: XCTestCase {
    private let pod: Value = .obj(["apiVersion": "v1", "kind": "Pod",
                                   "metadata": .obj(["name": "web", "labels": ["app": "web"]]),
                                   "spec": .obj(["containers": [["name": "c", "image": "nginx"], ["name": "d", "image": "redis"]]])])
    private let deploy: Value = .obj(["kind": "Deployment", "apiVersion": "apps/v1", "metadata": .obj(["name": "api"])])

    /// Output and error text of one `-o` run, as a terminal would show them.
    private func render(_ objects: [Value], _ format: String, tables: Bool = true, asList: Bool = false,
                        noHeaders: Bool = false) -> (out: String, err: String) {
        let out = Output()
        let io = CommandIO(output: out)
        do {
            let printed = try ObjectOutput.print(objects, format: format, io: io, tables: tables, noHeaders: noHeaders, asList: asList)
            if !printed { io.out("<table>") }
        } catch let f as KubectlFailure {
            Kubectl.report(f, verb: VersionVerb(), io: io)
        } catch {
            io.errLine("unexpected \(error)")
        }
        return (out.stdout, out.stderr)
    }

    func testYAMLAndJSONListWrapper() {
        XCTAssertEqual(render([], "yaml", asList: true).out, "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n")
        XCTAssertEqual(render([], "json", asList: true).out, """
        {
            "apiVersion": "v1",
            "items": [],
            "kind": "List",
            "metadata": {
                "resourceVersion": ""
            }
        }

        """)
        XCTAssertEqual(render([deploy], "yaml").out, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n")
        XCTAssertEqual(render([deploy, deploy], "yaml").out.components(separatedBy: "---\n").count, 2)
        XCTAssertTrue(render([deploy], "json").out.hasPrefix("{\n    \"apiVersion\": \"apps/v1\",\n    \"kind\""))
    }

    func testNameFormat() {
        XCTAssertEqual(render([pod, deploy], "name").out, "pod/web\ndeployment.apps/api\n")
        XCTAssertEqual(render([ObjectOutput.list([pod])], "name").out, "pod/web\n")
        let hpa: Value = .obj(["apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": ["name": "h"]])
        XCTAssertEqual(ObjectOutput.name(of: hpa), "horizontalpodautoscaler.autoscaling/h")
    }

    func testFormatErrors() {
        XCTAssertEqual(render([pod], "bogus").err, "error: unable to match a printer suitable for the output format \"bogus\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n")
        XCTAssertEqual(render([pod], "custom-columns=A:.b", tables: false).err, "error: unable to match a printer suitable for the output format \"custom-columns=A:.b\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n")
        XCTAssertEqual(render([pod], "wide", tables: false).err.prefix(60), "error: unable to match a printer suitable for the output for")
        XCTAssertEqual(render([pod], "wide").out, "<table>")
        XCTAssertEqual(render([pod], "").out, "<table>")
        XCTAssertEqual(render([pod], "jsonpath").err, "error: template format specified but no template given\n")
        XCTAssertEqual(render([pod], "jsonpath=").err, "error: template format specified but no template given\n")
        XCTAssertEqual(render([pod], "jsonpath={.a").err, "error: error parsing jsonpath {.a, unclosed action\n")
        XCTAssertEqual(render([pod], "jsonpath-file=nofile.txt").err, "error: error reading --template nofile.txt, open nofile.txt: no such file or directory\n")
        XCTAssertEqual(render([pod], "custom-columns=").err, "error: custom-columns format specified but no custom columns given\n")
        XCTAssertEqual(render([pod], "custom-columns=NAME").err, "error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n")
        XCTAssertEqual(render([pod], "custom-columns=N:{.a").err, "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n")
        XCTAssertEqual(render([pod], "go-template={{.metadata.name").err, "error: error parsing template {{.metadata.name, template: output:1: unclosed action\n")
    }

    func testJSONPathOverListAndErrorDump() {
        XCTAssertEqual(render([pod, pod], "jsonpath={.items[*].metadata.name}", asList: true).out, "web web")
        XCTAssertEqual(render([pod, deploy], "jsonpath={.metadata.name}").out, "webapi")
        let e = render([deploy], "jsonpath={.kind} {end}").err
        XCTAssertEqual(e, """
        error: error executing jsonpath "{.kind} {end}": Error executing template: not in range, nothing to end. Printing more information for debugging the template:
        \ttemplate was:
        \t\t{.kind} {end}
        \tobject given to jsonpath engine was:
        \t\tmap[string]interface {}{"apiVersion":"apps/v1", "kind":"Deployment", "metadata":map[string]interface {}{"name":"api"}}



        """)
    }

    func testCustomColumns() {
        let other: Value = .obj(["apiVersion": "v1", "kind": "Pod", "metadata": .obj(["name": "a-much-longer-name"]), "spec": [:]])
        XCTAssertEqual(render([pod, other], "custom-columns=NAME:.metadata.name,IMAGES:.spec.containers[*].image,L:metadata.labels").out, """
        NAME                 IMAGES        L
        web                  nginx,redis   map[app:web]
        a-much-longer-name   <none>        <none>

        """)
        XCTAssertEqual(render([ObjectOutput.list([pod])], "custom-columns=N:{.metadata.name},C:{.spec.containers[0].name}", noHeaders: true).out, "web   c\n")
        XCTAssertEqual(render([], "custom-columns=N:.metadata.name").out, "")
        XCTAssertEqual(render([pod], "custom-columns=N:.a[x]").err, "error: invalid array index x\n")
    }

    func testCustomColumnsFile() throws {
        XCTAssertEqual(try CustomColumns.parse(file: "NAME   IMAGE\n.metadata.name .spec.containers[0].image\n").columns.map(\.fieldSpec),
                       ["{.metadata.name}", "{.spec.containers[0].image}"])
        XCTAssertThrowsError(try CustomColumns.parse(file: "A B\n.a\n"))
        XCTAssertThrowsError(try CustomColumns.parse(file: "A B\n"))
    }

    func testGoTemplateSubset() {
        XCTAssertEqual(render([pod], "go-template={{.metadata.name}} {{.metadata.nope}}").out, "web <no value>")
        XCTAssertEqual(render([pod, pod], "go-template={{range .items}}{{.metadata.name}}{{\"\\n\"}}{{end}}", asList: true).out, "web\nweb\n")
        XCTAssertEqual(render([pod], "go-template={{range .spec.containers}}{{if eq .name \"d\"}}{{.image}}{{else}}-{{end}}{{end}}").out, "-redis")
        XCTAssertEqual(render([pod], "go-template={{index .metadata.labels \"app\"}} {{len .spec.containers}}").out, "web 2")
        XCTAssertEqual(render([pod], "go-template={{.metadata.labels}}").out, "map[app:web]")
    }

    /// Generator objects through our encoders match kubectl's own `-o yaml|json|name` byte for byte
    /// (JSON keeps the typed struct order there, so keys are not sorted).
    func testMatchesRealKubectlGenerators() throws {
        guard RealKubectl.path != nil else { throw XCTSkip("real kubectl 1.32 not installed") }
        let commands: [[String]] = [
            ["create", "configmap", "x", "--from-literal=a=1", "--from-literal=b=multi\nline", "--from-literal=c=yes", "--from-literal=d=<&>"],
            ["create", "deployment", "web", "--image=nginx", "--replicas=3", "--port=80"],
            ["create", "secret", "generic", "s", "--from-literal=k=v"],
            ["create", "job", "pi", "--image=perl", "--", "perl", "-e", "print 1"],
            ["create", "service", "clusterip", "web", "--tcp=80:8080"],
        ]
        for cmd in commands {
            let cut = cmd.firstIndex(of: "--") ?? cmd.count
            func real(_ format: String) -> (out: String, err: String, status: Int32)? {
                RealKubectl.run(Array(cmd[..<cut]) + ["--dry-run=client", "-o", format] + cmd[cut...])
            }
            guard let json = real("json"), let yaml = real("yaml"), let name = real("name") else { continue }
            let obj = try JSONCodec.decode(json.out)
            var jsonOut = try XCTUnwrap(ObjectOutput.parse("json", tables: false))
            jsonOut.sortJSONKeys = false
            XCTAssertEqual(try jsonOut.render(obj), json.out, cmd.joined(separator: " "))
            XCTAssertEqual(render([obj], "yaml", tables: false).out, yaml.out, cmd.joined(separator: " "))
            XCTAssertEqual(render([obj], "name", tables: false).out, name.out, cmd.joined(separator: " "))
        }
    }
}
