import Foundation
import MiniCluster
@testable import Shell
import XCTest

/// An editor that rewrites the file with a function and records what it was shown.
final class ScriptedEditor: EditorLauncher {
    var shown: [String] = []
    let change: (String) -> String
    init(_ change: @escaping (String) -> String) { self.change = change }
    func edit(file: URL, env: [String: String]) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        shown.append(text)
        try change(text).write(to: file, atomically: true, encoding: .utf8)
    }
}

final class EditTests: XCTestCase {
    func setUpConfigMap() -> ApplyHarness {
        let h = ApplyHarness()
        h.write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  color: blue\n")
        h.kubectl("apply", "-f", "cm.yaml")
        return h
    }

    func testEditShowsHeaderAndPatchesTheChange() throws {
        let h = setUpConfigMap()
        let editor = ScriptedEditor { $0.replacingOccurrences(of: "color: blue", with: "color: red") }
        h.session.editorLauncher = editor
        let r = h.kubectl("edit", "cm", "cfg")
        XCTAssertEqual(r.out, "configmap/cfg edited\n")
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(editor.shown[0].hasPrefix(EditVerb.header + "apiVersion: v1\ndata:\n  color: blue\n"))
        XCTAssertTrue(EditVerb.header.hasPrefix("# Please edit the object below. Lines beginning with a '#' will be ignored,\n"))
        XCTAssertEqual(try h.api.get(h.type("cm"), namespace: "default", name: "cfg")[path: "data", "color"], "red")
    }

    func testUnchangedAndEmptyFilesCancel() {
        let h = setUpConfigMap()
        h.session.editorLauncher = ScriptedEditor { $0 + "\n# just a comment\n" }
        XCTAssertEqual(h.kubectl("edit", "cm/cfg").err, "Edit cancelled, no changes made.\n")
        h.session.editorLauncher = ScriptedEditor { _ in "# nothing\n\n" }
        XCTAssertEqual(h.kubectl("edit", "cm/cfg").err, "Edit cancelled, saved file was empty.\n")
    }

    func testSyntaxErrorReopensWithReasonThenGivesUp() {
        let h = setUpConfigMap()
        let editor = ScriptedEditor { $0.replacingOccurrences(of: "color: blue", with: "color: [") }
        h.session.editorLauncher = editor
        let r = h.kubectl("edit", "cm", "cfg")
        XCTAssertEqual(editor.shown.count, 2)
        XCTAssertTrue(editor.shown[1].contains("# The edited file had a syntax error: error parsing edited-file: "), editor.shown[1])
        XCTAssertTrue(r.err.hasSuffix("error: Edit cancelled, no valid changes were saved.\n"), r.err)
        XCTAssertTrue(r.err.hasPrefix("A copy of your changes has been stored to \""), r.err)
        XCTAssertEqual(r.status, 1)
    }

    func testChangingTheNameIsRefused() {
        let h = setUpConfigMap()
        h.session.editorLauncher = ScriptedEditor { $0.replacingOccurrences(of: "name: cfg", with: "name: other") }
        let r = h.kubectl("edit", "cm", "cfg")
        XCTAssertTrue(r.err.hasSuffix("error: At least one of apiVersion, kind and name was changed\n"), r.err)
    }

    func testEditorChoiceFollowsKubectl() {
        XCTAssertEqual(ProcessEditorLauncher.command(env: [:]).args, ["vi"])
        XCTAssertEqual(ProcessEditorLauncher.command(env: ["EDITOR": "nano", "KUBE_EDITOR": "code -w"]).args, ["code", "-w"])
        XCTAssertEqual(ProcessEditorLauncher.command(env: ["EDITOR": "nano", "KUBE_EDITOR": ""]).args, ["nano"])
        let shell = ProcessEditorLauncher.command(env: ["EDITOR": "sed -i 's/a/b/'", "SHELL": "/bin/sh"])
        XCTAssertEqual(shell.args, ["/bin/sh", "-c", "sed -i 's/a/b/'"])
        XCTAssertTrue(shell.shell)
    }

    func testRealSubprocessEditor() throws {
        let h = setUpConfigMap()
        h.session.editorLauncher = ProcessEditorLauncher()
        h.session.env["KUBE_EDITOR"] = "sed -i s/blue/green/"
        XCTAssertEqual(h.kubectl("edit", "cm", "cfg").out, "configmap/cfg edited\n")
        XCTAssertEqual(try h.api.get(h.type("cm"), namespace: "default", name: "cfg")[path: "data", "color"], "green")
    }
}
