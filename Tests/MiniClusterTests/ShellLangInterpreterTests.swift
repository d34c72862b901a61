import MiniCluster
import XCTest

/// The interpreter: pipes, redirects, && and ||, $?, control flow, special builtins, the command-lookup seam.
final class ShellLangInterpreterTests: XCTestCase {
    final class MemoryFiles: ShellFiles {
        var files: [String: String] = [:]
        func read(_ path: String) throws -> String {
            guard let f = files[path] else { throw ShellFileError("no such file") }
            return f
        }
        func write(_ path: String, _ text: String, append: Bool) throws {
            if path.hasPrefix("/nope/") { throw ShellFileError("nonexistent directory") }
            files[path] = (append ? files[path] ?? "" : "") + text
        }
        func glob(_ pattern: String) -> [String] { files.keys.filter { ShellPattern.matches(pattern, $0) }.sorted() }
    }

    private var files = MemoryFiles()

    /// echo, cat (stdin), upper (stdin uppercased), fail N, warn (to stderr).
    private func shell() -> ShellInterpreter {
        let i = ShellInterpreter { name in
            switch name {
            case "echo": return { argv, io in io.out(argv.dropFirst().joined(separator: " ") + "\n"); return 0 }
            case "cat": return { _, io in io.out(io.stdin); return 0 }
            case "upper": return { _, io in io.out(io.stdin.uppercased()); return 0 }
            case "fail": return { argv, _ in Int32(argv.count > 1 ? argv[1] : "1") ?? 1 }
            case "warn": return { argv, io in io.err(argv.dropFirst().joined(separator: " ") + "\n"); return 0 }
            default: return nil
            }
        }
        i.files = files
        return i
    }

    private func run(_ text: String, _ sh: ShellInterpreter? = nil) -> (out: String, err: String, status: Int32) {
        let sh = sh ?? shell()
        var out = "", err = ""
        let status = sh.run(text, io: ShellIO(out: { out += $0 }, err: { err += $0 }))
        return (out, err, status)
    }

    func testPipesAndStatus() {
        XCTAssertEqual(run("echo hi | upper | cat").out, "HI\n")
        XCTAssertEqual(run("fail 3; echo $?").out, "3\n")
        XCTAssertEqual(run("echo a | fail 4").status, 4)
        XCTAssertEqual(run("! fail").status, 0)
        XCTAssertEqual(run("nope").err, "sh: nope: not found\n")
        XCTAssertEqual(run("nope").status, 127)
    }

    /// dash's `command`: `-v` prints the path (a builtin's name), `-V` describes, nothing and 127 when not found.
    func testCommandBuiltin() {
        let sh = shell()
        sh.commandPath = { "/usr/bin/\($0)" }
        XCTAssertEqual(run("command -v cat", sh).out, "/usr/bin/cat\n")
        XCTAssertEqual(run("command -v echo", sh).out, "echo\n")
        XCTAssertEqual(run("command -v exit", sh).out, "exit\n")
        XCTAssertEqual(run("command -v nope; echo $?", sh).out, "127\n")
        XCTAssertEqual(run("command -v nope", sh).err, "")
        // dash looks at the first name only.
        XCTAssertEqual(run("command -v nope echo; echo $?", sh).out, "127\n")
        XCTAssertEqual(run("command -V cat", sh).out, "cat is /usr/bin/cat\n")
        XCTAssertEqual(run("command -V echo", sh).out, "echo is a shell builtin\n")
        XCTAssertEqual(run("command -V exit", sh).out, "exit is a special shell builtin\n")
        XCTAssertEqual(run("command -V nope", sh).out, "nope: not found\n")
        XCTAssertEqual(run("command -V nope", sh).status, 127)
        XCTAssertEqual(run("command echo hi there").out, "hi there\n")
        XCTAssertEqual(run("command fail 4").status, 4)
        XCTAssertEqual(run("command nope").err, "sh: nope: not found\n")
        XCTAssertEqual(run("command nope").status, 127)
        XCTAssertEqual(run("command -p echo x").out, "x\n")
        XCTAssertEqual(run("command").status, 0)
        XCTAssertEqual(run("command -x echo").err, "sh: command: Illegal option -x\n")
        XCTAssertEqual(run("command -x echo").status, 2)
        XCTAssertEqual(run("command exit 3; echo no").status, 3)
        // Without a path seam the name stands for itself.
        XCTAssertEqual(run("command -v upper").out, "upper\n")
    }

    func testAndOr() {
        XCTAssertEqual(run("fail && echo no || echo yes").out, "yes\n")
        XCTAssertEqual(run("echo a && echo b").out, "a\nb\n")
        XCTAssertEqual(run("fail || fail 5 || echo c").out, "c\n")
        XCTAssertEqual(run("fail 2 && echo x").status, 2)
    }

    func testRedirects() {
        _ = run("echo one > f; echo two >> f")
        XCTAssertEqual(files.files["f"], "one\ntwo\n")
        XCTAssertEqual(run("upper < f").out, "ONE\nTWO\n")
        XCTAssertEqual(run("warn oops 2>&1 | upper").out, "OOPS\n")
        XCTAssertEqual(run("warn hidden 2>/dev/null").err, "")
        _ = run("warn e &> both")
        XCTAssertEqual(files.files["both"], "e\n")
        _ = run("echo out >&2 2>x")
        XCTAssertEqual(run("echo > /nope/x").err, "sh: can't create /nope/x: nonexistent directory\n")
        XCTAssertEqual(run("cat < missing").err, "sh: can't open missing: no such file\n")
        XCTAssertEqual(run("cat < missing").status, 1)
        XCTAssertEqual(run("echo *").out, "both f x\n")
        XCTAssertEqual(run("echo '*' z*").out, "* z*\n")
    }

    func testVariablesAndExport() {
        let sh = shell()
        _ = run("A=1; export B=2", sh)
        XCTAssertEqual(sh.env["A"], "1")
        XCTAssertEqual(sh.env.exportedVariables, ["B": "2"])
        _ = run("C=3 echo x", sh)
        XCTAssertNil(sh.env["C"])
        XCTAssertEqual(run("export", sh).out, "export B='2'\n")
        XCTAssertEqual(run("unset A; echo ${A-gone}", sh).out, "gone\n")
    }

    func testControlFlow() {
        XCTAssertEqual(run("for i in a b c; do echo $i; done").out, "a\nb\nc\n")
        XCTAssertEqual(run("if fail; then echo t; elif echo c; then echo e; else echo f; fi").out, "c\ne\n")
        XCTAssertEqual(run("N=0; while true; do N=$((N+1)); if [ 0 ]; then :; fi; echo $N; break; done").out, "1\n")
        XCTAssertEqual(run("N=0; until [ $N = 3 ]; do N=$((N+1)); done; echo $N", withTest()).out, "3\n")
        XCTAssertEqual(run("for i in 1 2 3; do if [ $i = 2 ]; then continue; fi; echo $i; done", withTest()).out, "1\n3\n")
        XCTAssertEqual(run("{ echo a; echo b; } | upper").out, "A\nB\n")
        XCTAssertEqual(run("X=1; (X=2; echo $X); echo $X").out, "2\n1\n")
    }

    private func withTest() -> ShellInterpreter {
        let sh = shell()
        let base = sh.lookup
        sh.lookup = { name in
            name == "[" ? { argv, _ in argv.count == 5 && argv[1] == argv[3] ? 0 : 1 } : base(name)
        }
        return sh
    }

    /// `exec cmd`: the command runs in the shell's place, and nothing after it runs; the shell's status is the
    /// command's. Command substitutions and subshells end there, not the shell around them.
    func testExecReplacesTheShell() {
        let sh = shell()
        let r = run("echo a; exec fail 4; echo b", sh)
        XCTAssertEqual(r.out, "a\n")
        XCTAssertEqual(r.status, 4)
        XCTAssertEqual(sh.exitRequested, 4)
        XCTAssertEqual(run("exec echo hi > g; echo no").out, "")
        XCTAssertEqual(files.files["g"], "hi\n")
        XCTAssertEqual(run("exec nope; echo after").err, "sh: nope: not found\n")
        XCTAssertEqual(run("exec nope; echo after").status, 127)
        XCTAssertEqual(run("echo $(exec echo in; echo out) done").out, "in done\n")
        XCTAssertEqual(run("(exec fail 3); echo $?").out, "3\n")
        XCTAssertEqual(run("exec; echo still").out, "still\n", "without a command the shell goes on")
        XCTAssertEqual(run("exec exit 6; echo no").status, 6)
    }

    func testExitAndErrexit() {
        let sh = shell()
        let r = run("echo a; exit 3; echo b", sh)
        XCTAssertEqual(r.out, "a\n")
        XCTAssertEqual(r.status, 3)
        XCTAssertEqual(sh.exitRequested, 3)
        XCTAssertEqual(run("set -e; echo a; fail 4; echo b").out, "a\n")
        XCTAssertEqual(run("set -e; fail && echo no; echo still").out, "still\n")
        XCTAssertEqual(run("exit abc").err, "sh: exit: Illegal number: abc\n")
    }

    func testInterrupt() {
        let sh = shell()
        var n = 0
        sh.isInterrupted = { n += 1; return n > 5 }
        XCTAssertEqual(run("while true; do echo x; done", sh).status, 130)
    }

    func testSyntaxErrorStatus() {
        let r = run("echo a | | b")
        XCTAssertEqual(r.err, "sh: syntax error: unexpected \"|\"\n")
        XCTAssertEqual(r.status, 2)
    }

    func testPatterns() {
        XCTAssertTrue(ShellPattern.matches("*.yaml", "a.yaml"))
        XCTAssertFalse(ShellPattern.matches("*.yaml", "a.yml"))
        XCTAssertTrue(ShellPattern.matches("po[d-f]?", "pods"))
        XCTAssertTrue(ShellPattern.matches("[!a]*", "b"))
        XCTAssertTrue(ShellPattern.matches("a\\*", "a*"))
        XCTAssertFalse(ShellPattern.matches("a\\*", "ab"))
    }
}
