import MiniCluster
import XCTest

/// The shell parser: words and quoting, operators, here-documents, incomplete input and sh's error messages.
final class ShellLangParserTests: XCTestCase {
    /// Runs `text` with an echo-like lookup that prints its argv joined by `|`, one line per command.
    private func argv(_ text: String, env: [String: String] = [:]) -> String {
        let i = ShellInterpreter(env: ShellEnvironment(env)) { _ in { argv, io in io.out(argv.joined(separator: "|") + "\n"); return 0 } }
        var out = ""
        i.run(text, io: ShellIO(out: { out += $0 }, err: { out += $0 }))
        return out
    }

    func testWordsAndQuoting() {
        let cases: [(String, String)] = [
            ("echo a   b", "echo|a|b\n"),
            ("echo 'a  b' \"c  d\"", "echo|a  b|c  d\n"),
            ("echo a\\ b", "echo|a b\n"),
            ("echo \"a\\\"b\\$c\\d\"", "echo|a\"b$c\\d\n"),
            ("echo 'it''s'", "echo|its\n"),
            ("echo \"$X\" $X", "echo|1  2|1|2\n"),
            ("echo ${X}y ${NOPE:-def} ${#X}", "echo|1|2y|def|4\n"),
            ("echo \"\" x", "echo||x\n"),
            ("echo $NOPE x", "echo|x\n"),
            ("echo a#b # comment", "echo|a#b\n"),
            ("echo a \\\n b", "echo|a|b\n"),
            ("echo $((1 + 2 * 3))", "echo|7\n"),
            ("echo ~/x", "echo|/home/me/x\n"),
            ("echo '~' \\~", "echo|~|~\n"),
            ("echo $(echo inner  words)", "echo|echo|inner|words\n"),
            ("echo \"$(echo a; echo b)\"", "echo|echo|a\necho|b\n"),
            ("echo ${F%.yaml} ${F#*/}", "echo|dir/app|app.yaml\n"),
            ("echo $", "echo|$\n"),
        ]
        for (text, want) in cases {
            XCTAssertEqual(argv(text, env: ["X": "1  2", "HOME": "/home/me", "F": "dir/app.yaml"]), want, text)
        }
    }

    func testListsAndOperators() {
        guard case .complete(let s) = ShellParser.parse("a | b && c || d; e &") else { return XCTFail() }
        XCTAssertEqual(s.items.count, 2)
        XCTAssertEqual(s.items[0].andOr.first.commands.count, 2)
        XCTAssertEqual(s.items[0].andOr.rest.map(\.op), [.and, .or])
        XCTAssertTrue(s.items[1].background)
    }

    func testRedirects() {
        guard case .complete(let s) = ShellParser.parse("cmd >out 2>&1 <in >>log 2>/dev/null &>both"),
              case .simple(let c) = s.items[0].andOr.first.commands[0] else { return XCTFail() }
        XCTAssertEqual(c.redirects.map(\.op), [.output, .dupOutput, .input, .append, .output, .outputBoth])
        XCTAssertEqual(c.redirects.map(\.fd), [nil, 2, nil, nil, 2, nil])
        XCTAssertEqual(c.redirects.map(\.target.unquotedText), ["out", "1", "in", "log", "/dev/null", "both"])
    }

    func testAssignments() {
        guard case .complete(let s) = ShellParser.parse("A=1 B='x y' cmd C=2"),
              case .simple(let c) = s.items[0].andOr.first.commands[0] else { return XCTFail() }
        XCTAssertEqual(c.assignments.map(\.name), ["A", "B"])
        XCTAssertEqual(c.words.map(\.unquotedText), ["cmd", "C=2"])
    }

    func testHereDocuments() {
        let env = ["X": "v"]
        let run: (String) -> String = { text in
            let i = ShellInterpreter(env: ShellEnvironment(env)) { _ in { _, io in io.out(io.stdin); return 0 } }
            var out = ""
            i.run(text, io: ShellIO(out: { out += $0 }, err: { out += $0 }))
            return out
        }
        XCTAssertEqual(run("cat <<EOF\na $X\n\\$X\nEOF"), "a v\n$X\n")
        XCTAssertEqual(run("cat <<'EOF'\na $X\nEOF"), "a $X\n")
        XCTAssertEqual(run("cat <<\"EOF\"\na $X\nEOF"), "a $X\n")
        XCTAssertEqual(run("cat <<-EOF\n\t\ta\n\tEOF"), "a\n")
        XCTAssertEqual(run("cat <<A; cat <<B\n1\nA\n2\nB"), "1\n2\n")
        XCTAssertEqual(run("cat <<EOF | cat\npiped\nEOF"), "piped\n")
    }

    func testIncompleteInput() {
        for text in ["echo 'abc", "echo \"abc", "echo a \\", "cat <<EOF", "cat <<EOF\nbody", "echo a |", "echo a &&",
                     "echo a ||", "if true; then", "while true; do echo", "for i in 1 2", "{ echo", "( echo", "echo $(ls"] {
            guard case .incomplete = ShellParser.parse(text) else { return XCTFail("\(text) should be incomplete") }
        }
        for text in ["echo a", "cat <<EOF\nbody\nEOF", "echo 'a\nb'", "", "# only a comment", "echo a \\\nb"] {
            guard case .complete = ShellParser.parse(text) else { return XCTFail("\(text) should be complete") }
        }
    }

    func testSyntaxErrorsInShWords() {
        let cases: [(String, String)] = [
            ("echo a | | b", "sh: syntax error: unexpected \"|\""),
            ("| foo", "sh: syntax error: unexpected \"|\""),
            (";", "sh: syntax error: unexpected \";\""),
            ("echo a ;; b", "sh: syntax error: unexpected \";;\""),
            ("echo a; done", "sh: syntax error: unexpected \"done\""),
            ("echo )", "sh: syntax error: unexpected \")\""),
            ("echo >", "sh: syntax error: unexpected newline"),
            ("if true; fi", "sh: syntax error: unexpected \"fi\" (expecting \"then\")"),
            ("if true; then fi", "sh: syntax error: unexpected \"fi\""),
            ("echo a &; echo b", "sh: syntax error: unexpected \";\""),
            ("for 1 in a; do echo; done", "sh: syntax error: bad for loop variable"),
            ("echo ${x", "sh: syntax error: missing '}'"),
        ]
        for (text, want) in cases {
            switch ShellParser.parse(text) {
            case .failed(let e): XCTAssertEqual(e.description, want, text)
            default: XCTFail("\(text) should fail")
            }
        }
        // At the real end of a script, incomplete input becomes sh's end-of-file errors.
        let eof: [(String, String)] = [
            ("echo 'abc", "sh: syntax error: unterminated quoted string"),
            ("echo a &&", "sh: syntax error: unexpected end of file"),
            ("while true; do", "sh: syntax error: unexpected end of file (expecting \"done\")"),
            ("{ echo a;", "sh: syntax error: unexpected end of file (expecting \"}\")"),
        ]
        for (text, want) in eof {
            switch ShellParser.parseScript(text) {
            case .failure(let e): XCTAssertEqual(e.description, want, text)
            case .success: XCTFail("\(text) should fail")
            }
        }
        // A here-document may end at the end of the script, as in busybox sh.
        guard case .success = ShellParser.parseScript("cat <<EOF\nbody") else { return XCTFail() }
    }
}
