// `kubetutor lint`: everything the loader reports, plus what needs the simulator's own parsers — commands that
// sh would not parse and manifests the API server would reject.
import Foundation
import MiniCluster
import Shell

public enum Linter {
    /// All problems of the lesson folder at `dir`, sorted by file and line.
    public static func lint(_ dir: URL, display: String? = nil) -> (course: Course?, diagnostics: [Diagnostic]) {
        let loaded = CourseLoader.load(dir, display: display)
        guard let course = loaded.course else { return (nil, loaded.diagnostics) }
        let diags = Diagnostics()
        for d in loaded.diagnostics { diags.error(d.location.file, d.location.line, d.message) }
        for lesson in course.orderedLessons { lint(lesson, diags: diags) }
        return (course, diags.sorted)
    }

    static func lint(_ lesson: Lesson, diags: Diagnostics) {
        let file = lesson.location.file
        for (cmd, line) in zip(lesson.setup, lesson.setupLines) { lintCommand(cmd, file: file, line: line, what: "setup command", diags: diags) }
        for task in lesson.tasks {
            for (cmd, line) in zip(task.solution, task.solutionLines) {
                lintCommand(cmd, file: file, line: line, what: "solution command", diags: diags)
            }
        }
        for f in lesson.files where f.path.hasSuffix(".yaml") || f.path.hasSuffix(".yml") || f.path.hasSuffix(".json") {
            // A Helm values file (`…values.yaml`) is YAML for `helm -f`, not a manifest: it only has to parse.
            if f.path.hasSuffix("values.yaml") || f.path.hasSuffix("values.yml") {
                if let e = YAMLCodec.decodeDocuments(f.content).error {
                    diags.error(file, f.line + max(0, (e.line ?? 1) - 1), "\(f.path): \(e.problem)")
                }
                continue
            }
            lintManifest(f, file: file, diags: diags)
        }
    }

    static func lintCommand(_ cmd: String, file: String, line: Int, what: String, diags: Diagnostics) {
        if case .failure(let e) = ShellParser.parseScript(cmd) {
            diags.error(file, line, "\(what) does not parse: \(e)")
        }
    }

    /// Each object of a manifest file goes through the API server's admission (dry run) on a fresh cluster.
    static func lintManifest(_ f: WorkspaceFile, file: String, diags: Diagnostics) {
        let (docs, error) = YAMLCodec.decodeDocuments(f.content)
        if let error {
            diags.error(file, f.line + max(0, (error.line ?? 1) - 1), "\(f.path): \(error.problem)")
            return
        }
        let cluster = Cluster()
        // Kinds a lesson's cluster can come to serve (Multi Cluster Ingress's, once a lesson enables the feature)
        // are checked against their schema like built-in ones.
        cluster.api.installKinds(MultiClusterKinds.specs)
        for doc in docs where !doc.isNull {
            let items = doc["kind"]?.stringValue == "List" ? (doc["items"]?.arrayValue ?? []) : [doc]
            for obj in items {
                let line = f.line + lineOfObject(obj, in: f.content)
                guard let apiVersion = obj["apiVersion"]?.stringValue, let kind = obj["kind"]?.stringValue else {
                    diags.error(file, line, "\(f.path): every object needs apiVersion and kind")
                    continue
                }
                guard let type = cluster.registry.lookup(apiVersion: apiVersion, kind: kind) else {
                    diags.error(file, line, "\(f.path): no kind \"\(kind)\" in version \"\(apiVersion)\"")
                    continue
                }
                let ns = obj["metadata"]?["namespace"]?.stringValue ?? "default"
                if type.namespaced, ns != "default", let nsType = cluster.registry.lookup(kind: "Namespace") {
                    _ = try? cluster.api.create(nsType, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(ns)]], namespace: nil)
                }
                do {
                    _ = try cluster.api.create(type, obj, namespace: type.namespaced ? ns : nil, dryRun: true)
                } catch {
                    diags.error(file, line, "\(f.path): the API server would reject \(kind.lowercased()) \"\(obj["metadata"]?["name"]?.stringValue ?? "")\": \(error)")
                }
            }
        }
    }

    /// The 0-based line of the `kind:` of the object named in `obj`, so a rejected object is named where it is.
    private static func lineOfObject(_ obj: Value, in text: String) -> Int {
        let lines = text.components(separatedBy: "\n")
        if let name = obj["metadata"]?["name"]?.stringValue,
           let i = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "name: \(name)" }) {
            return i
        }
        return 0
    }
}
