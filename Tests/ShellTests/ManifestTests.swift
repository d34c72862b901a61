// `-f` loading: files, directories, globs, stdin, Lists, JSON streams, and kubectl's error texts.
import Foundation
import XCTest
@testable import Shell
import MiniCluster
import TestSupport

final class ManifestTests: XCTestCase {
    private var dir: URL!
    private var session: ShellSession!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("d/sub"), withIntermediateDirectories: true)
        session = ShellSession(cwd: dir)
        let cm = { (name: String) in "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(name)\n" }
        try write("d/b.yaml", cm("b1") + "---\n" + cm("b2"))
        try write("d/a.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a1\"}}\n{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"a2\"}}\n")
        try write("d/notes.txt", "x: [\n")
        try write("d/sub/s.yml", cm("s"))
        try write("list.yaml", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: l1\n- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: l2\n")
        try write("bad.yaml", cm("ok") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   labels: a\n")
        try write("nokind.yaml", "apiVersion: v1\nmetadata:\n  name: x\n")
        try write("none.yaml", "metadata:\n  name: x\n")
        try write("str.yaml", "just a string\n")
        try write("badmeta.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yes\n")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("empty"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func write(_ path: String, _ text: String) throws {
        try text.write(to: dir.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    private func names(_ paths: [String], recursive: Bool = false, stdin: String = "") throws -> [String] {
        try Manifest.load(paths, recursive: recursive, session: session, stdin: stdin).map { ObjectOutput.name(of: $0.object) }
    }

    /// What kubectl prints for the failure, given the load's errors.
    private func errorText(_ paths: [String], validate: Bool = true) -> String {
        do {
            let r = try Manifest.read(paths, validate: validate, session: session, stdin: "")
            guard let f = r.failure else { return "" }
            return Self.text(f)
        } catch let f as KubectlFailure {
            return Self.text(f)
        } catch { return "\(error)" }
    }

    private static func text(_ f: KubectlFailure) -> String {
        let out = Output()
        Kubectl.report(f, verb: VersionVerb(), io: CommandIO(output: out))
        return out.stderr
    }

    func testFilesDirectoriesAndRecursion() throws {
        XCTAssertEqual(try names(["d/b.yaml"]), ["configmap/b1", "configmap/b2"])
        XCTAssertEqual(try names(["d"]), ["configmap/a1", "secret/a2", "configmap/b1", "configmap/b2"])
        XCTAssertEqual(try names(["d", "-R"].filter { $0 != "-R" }, recursive: true),
                       ["configmap/a1", "secret/a2", "configmap/b1", "configmap/b2", "configmap/s"])
        XCTAssertEqual(try names(["d/*.yaml"]), ["configmap/b1", "configmap/b2"])
        XCTAssertEqual(try names(["list.yaml"]), ["configmap/l1", "secret/l2"])
        XCTAssertEqual(try names(["-"], stdin: "kind: Pod\napiVersion: v1\nmetadata: {name: p}\n"), ["pod/p"])
        let objs = try Manifest.load(["d/b.yaml", "-"], session: session, stdin: "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"}}")
        XCTAssertEqual(objs.map(\.source), ["d/b.yaml", "d/b.yaml", "STDIN"])
        XCTAssertEqual(objs.map(\.index), [0, 1, 0])
    }

    /// Texts recorded from kubectl 1.32 (`create -f … --dry-run=client`, `annotate --local -f …`).
    func testErrors() {
        XCTAssertEqual(errorText(["nope.yaml"]), "error: the path \"nope.yaml\" does not exist\n")
        XCTAssertEqual(errorText(["nope1.yaml", "nope2.yaml"]), "the path \"nope1.yaml\" does not exist\nthe path \"nope2.yaml\" does not exist\n")
        XCTAssertEqual(errorText(["zz*.yaml"]), "error: the path \"zz*.yaml\" does not exist\n")
        XCTAssertEqual(errorText(["empty"]), "error: error reading [empty]: recognized file extensions are [.json .yaml .yml]\n")
        XCTAssertEqual(errorText(["d/notes.txt"]), "error: error parsing d/notes.txt: error converting YAML to JSON: yaml: line 1: did not find expected node content\n")
        XCTAssertEqual(errorText(["bad.yaml"]), "error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n")
        XCTAssertEqual(errorText(["nokind.yaml"]), "error: error validating \"nokind.yaml\": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n")
        XCTAssertEqual(errorText(["none.yaml"]), "error: error validating \"none.yaml\": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n")
        XCTAssertEqual(errorText(["str.yaml"]), "error: error validating \"str.yaml\": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false\n")
        XCTAssertEqual(errorText(["nokind.yaml"], validate: false), "error: unable to decode \"nokind.yaml\": Object 'Kind' is missing in '{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"}}'\n")
        XCTAssertEqual(errorText(["str.yaml"], validate: false), "error: unable to decode \"str.yaml\": json: cannot unmarshal string into Go value of type unstructured.detector\n")
        XCTAssertEqual(errorText(["badmeta.yaml"]), "error: unable to decode \"badmeta.yaml\": json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.name of type string\n")
        XCTAssertEqual(errorText(["nokind.yaml", "str.yaml"]), "error validating \"nokind.yaml\": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\nerror validating \"str.yaml\": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false\n")
        XCTAssertEqual(errorText(["https://example.invalid/x.yaml"]), "Unable to connect to the server: dial tcp: lookup example.invalid: no such host\n")
    }

    func testGoodDocumentsBeforeAnErrorAreKept() throws {
        let r = try Manifest.read(["bad.yaml", "d/b.yaml"], session: session, stdin: "")
        XCTAssertEqual(r.objects.map { ObjectOutput.name(of: $0.object) }, ["configmap/ok", "configmap/b1", "configmap/b2"])
        XCTAssertEqual(r.errors.count, 1)
    }

    func testURLsServedByTheHook() throws {
        let r = try Manifest.read(["https://k8s.io/examples/pod.yaml"], session: session, stdin: "",
                                  fetchURL: { _ in "apiVersion: v1\nkind: Pod\nmetadata:\n  name: fetched\n" })
        XCTAssertEqual(r.objects.map(\.source), ["https://k8s.io/examples/pod.yaml"])
    }

    /// Every upstream manifest loads, and yields the objects the real kubectl reads from it.
    func testReferenceManifests() throws {
        let folder = URL(fileURLWithPath: "/work/shared/reference/manifests")
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path).filter({ $0.hasSuffix(".yaml") }).sorted(),
              !files.isEmpty else { throw XCTSkip("reference manifests not present") }
        let s = ShellSession(cwd: folder)
        var all: [String] = []
        for f in files {
            let objs = try Manifest.load([f], session: s, stdin: "")
            XCTAssertFalse(objs.isEmpty, f)
            for o in objs {
                XCTAssertNotNil(o.object["apiVersion"]?.stringValue, f)
                XCTAssertNotNil(o.object["kind"]?.stringValue, f)
            }
            all += objs.map { ObjectOutput.name(of: $0.object) }
        }
        guard let real = RealKubectl.run(["annotate", "--local", "k=1", "-o", "name"] + files.flatMap { ["-f", $0] }, cwd: folder) else { return }
        XCTAssertEqual(real.err, "")
        XCTAssertEqual(all, real.out.split(separator: "\n").map(String.init))
    }

    /// Broken and odd files through the real kubectl in one run (`annotate --local` reads without validation):
    /// the names it prints and its aggregated error lines must match ours.
    func testBrokenFilesMatchRealKubectl() throws {
        guard RealKubectl.path != nil else { throw XCTSkip("real kubectl 1.32 not installed") }
        let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n"
        let corpus = [
            "\tapiVersion: v1\n", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a, b\n", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {a: b\n",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"abc\n", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: 'abc\n",
            pod + "  - b\n", "apiVersion: v1\nkind: Pod\n  metadata:\n",
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: b\n   - name: c\n",
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n  image: b\n",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: &a x\n  labels: *b\n", pod + "  <<: 5\n",
            pod + "  annotations:\n    a: |\n   bad\n", pod + "@foo: 1\n", pod + "`foo: 1\n", pod + "  labels: {a: 1, b}\n",
            pod + "spec: [a, b, c]]\n", pod + "%YAML 1.1\n", pod + "  n2: !!int abc\n", pod + "? [a]\n: b\n", pod + "? {a: 1}\n: b\n",
            pod + "  a: \"\\q\"\n", pod + "  a: b\n c: d\n", pod + "- a\n", "a:\n  b: c\n  d\n", pod + "  a: .NaN\n", pod + "  a: -.inf\n",
            pod + "  b: !!bool 1\n", pod + "  b: !!null 1\n", pod + "  c: !!float 1\n  d: !!int \"7\"\n  e: !!str 7\n",
            pod + "---\n" + pod + "---\n- a\n", pod + "--- x\n", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"j\",}}",
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"j\"}}\n[1]\n", "[1, 2]\n", "\"str\"\n", "42\n",
            "apiVersion: v1\nkind: Pod\nmetadata: [1]\n", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: 5\n",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  labels: x\n", "kind: List\napiVersion: v1\nitems:\n- " + pod.replacingOccurrences(of: "\n", with: "\n  "),
        ]
        var files: [String] = []
        for (i, text) in corpus.enumerated() {
            let name = String(format: "c%02d.yaml", i)
            try write(name, text)
            files.append(name)
        }
        guard let real = RealKubectl.run(["annotate", "--local", "k=1", "-o", "name"] + files.flatMap { ["-f", $0] }, cwd: dir) else { return }
        let r = try Manifest.read(files, validate: false, session: session, stdin: "")
        let names = r.objects.map { ObjectOutput.name(of: $0.object) + "\n" }.joined()
        XCTAssertEqual(names, real.out)
        let ours = r.failure.map(Self.text) ?? ""
        XCTAssertGreaterThan(real.err.split(separator: "\n").count, 30)
        if ours != real.err { XCTFail(Transcript.diff(expected: real.err, actual: ours)) }
    }
}
