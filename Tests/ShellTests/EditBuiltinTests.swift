import Foundation
import MiniCluster
@testable import Shell
import XCTest

/// `edit FILE`: the real file of the workspace in `$EDITOR` (here scripts that change it), nano or vi otherwise.
final class EditBuiltinTests: XCTestCase {
    private var h: ApplyHarness!
    private var scripts: [URL] = []

    override func setUp() { h = ApplyHarness() }
    override func tearDown() { for s in scripts { try? FileManager.default.removeItem(at: s) } }

    /// An executable shell script standing in for the learner's editor.
    private func editor(_ body: String) -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-editor-\(UUID().uuidString).sh")
        try? "#!/bin/sh\n\(body)\n".write(to: url, atomically: true, encoding: .utf8)
        chmod(url.path, 0o755)
        scripts.append(url)
        return url.path
    }

    private func run(_ line: String) -> (out: String, err: String, status: Int32) {
        let o = Output()
        let status = h.session.runLine(line, output: o)
        return (o.stdout, o.stderr, status)
    }

    private func read(_ name: String) -> String? {
        try? String(contentsOf: h.dir.appendingPathComponent(name), encoding: .utf8)
    }

    func testEditorChangesTheWorkspaceFileAndKubectlSeesIt() {
        h.write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  color: blue\n")
        h.session.env["EDITOR"] = editor("sed -i 's/blue/red/' \"$1\"")
        XCTAssertEqual(run("edit cm.yaml").status, 0)
        XCTAssertEqual(read("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  color: red\n")
        XCTAssertEqual(run("kubectl apply -f cm.yaml").out, "configmap/cfg created\n")
    }

    func testANewFileAndAFileInAFolder() {
        h.session.env["EDITOR"] = editor("printf 'hello\\n' > \"$1\"")
        XCTAssertEqual(run("edit notes.txt").status, 0)
        XCTAssertEqual(read("notes.txt"), "hello\n")
        XCTAssertEqual(run("mkdir k8s && cd k8s && edit app.yaml && cd ..").status, 0)
        XCTAssertEqual(read("k8s/app.yaml"), "hello\n")
    }

    func testEditorEnvironment() {
        // KUBE_EDITOR is kubectl's: `edit` uses EDITOR, and falls back to nano (when installed) or vi.
        let s = h.session
        s.env["KUBE_EDITOR"] = "code -w"
        s.env["EDITOR"] = "emacs"
        XCTAssertEqual(ProcessEditorLauncher.command(env: Edit.environment(s, process: [:])).args, ["emacs"])
        s.env["EDITOR"] = ""
        let noNano = Edit.environment(s, process: ["PATH": "/nonexistent"])
        XCTAssertEqual(noNano["EDITOR"], "vi")
        let bin = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-bin-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: bin) }
        FileManager.default.createFile(atPath: bin.appendingPathComponent("nano").path, contents: Data("#!/bin/sh\n".utf8),
                                       attributes: [.posixPermissions: 0o755])
        XCTAssertEqual(Edit.environment(s, process: ["PATH": bin.path])["EDITOR"], "nano")
        // The learner's real HOME (editor settings), not the lesson workspace the session calls home.
        s.env["HOME"] = "/workspace"
        XCTAssertEqual(Edit.environment(s, process: ["HOME": "/home/learner"])["HOME"], "/home/learner")
    }

    func testMistakes() {
        XCTAssertEqual(run("edit").err, "edit: missing file operand\nusage: edit FILE\n")
        XCTAssertEqual(run("edit").status, 2)
        XCTAssertEqual(run("edit a b").err, "edit: one file at a time\nusage: edit FILE\n")
        XCTAssertEqual(run("edit -x a").err, "edit: unknown option -x\nusage: edit FILE\n")
        XCTAssertEqual(run("mkdir d; edit d").err, "edit: d: Is a directory\n")
        XCTAssertEqual(run("edit nope/x.yaml").err, "edit: nope/x.yaml: No such file or directory\n")
        XCTAssertEqual(run("edit /etc/passwd").err, "edit: /etc/passwd: Permission denied\n")
        h.session.env["EDITOR"] = "/nonexistent/editor"
        let r = run("edit x.yaml")
        XCTAssertEqual(r.err, "edit: unable to launch the editor \"/nonexistent/editor\"\n")
        XCTAssertEqual(r.status, 1)
        h.session.env["EDITOR"] = editor("exit 3")
        XCTAssertTrue(run("edit x.yaml").err.hasPrefix("edit: there was a problem with the editor"))
    }

    /// The hook is the session's editor launcher, the same one `kubectl edit` uses (the TUI's suspends curses).
    func testEditGoesThroughTheSessionsEditorLauncher() {
        h.write("a.txt", "one\n")
        let scripted = ScriptedEditor { $0 + "two\n" }
        h.session.editorLauncher = scripted
        XCTAssertEqual(run("edit a.txt").status, 0)
        XCTAssertEqual(scripted.shown, ["one\n"])
        XCTAssertEqual(read("a.txt"), "one\ntwo\n")
    }
}
