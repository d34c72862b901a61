import Foundation
import MiniCluster
import Shell
import XCTest

/// Builtins that golden transcripts cannot pin down: virtual time, workspace bounds, ls layouts.
final class BuiltinsTests: ScratchFolderTestCase {
    func testSleepAdvancesEveryCluster() {
        let s = ShellSession.withDefaultCluster(cwd: dir)
        let start = s.currentCluster!.now
        XCTAssertEqual(run(s, "sleep 30").1, 0)
        XCTAssertEqual(s.currentCluster!.now - start, .seconds(30))
        _ = run(s, "sleep 2m; sleep 1h 1.5")
        XCTAssertEqual((s.currentCluster!.now - start).ms, 30_000 + 120_000 + 3_600_000 + 1_500)
        var asked: [Duration] = []
        s.sleepHandler = { asked.append($0) }
        _ = run(s, "sleep 5s")
        XCTAssertEqual(asked, [.seconds(5)])
    }

    /// net-tools' `hostname`, with the workstation's name from the prompt; usage and errors as net-tools gives them
    /// (checked against `hostname` 3.23 on Debian). A name in a command substitution works as in bash.
    func testHostname() {
        let s = ShellSession(cwd: dir)
        XCTAssertEqual(run(s, "hostname").0, "kubetutor\n")
        XCTAssertEqual(run(s, "hostname -f; hostname --short; hostname -i").0, "kubetutor\nkubetutor\n127.0.0.1\n")
        XCTAssertEqual(run(s, "echo \"on $(hostname)\"").0, "on kubetutor\n")
        let rename = run(s, "hostname web")
        XCTAssertEqual(rename.0, "hostname: you must be root to change the host name\n")
        XCTAssertEqual(rename.1, 1)
        let bad = Output()
        XCTAssertEqual(s.runLine("hostname -x", output: bad), 255)
        XCTAssertEqual(bad.stderr, "hostname: invalid option -- 'x'\n")
        XCTAssertTrue(bad.stdout.hasPrefix("Usage: hostname [-b] {hostname|-F file}         set host name (from file)\n"))
        XCTAssertTrue(bad.stdout.hasSuffix("part of the FQDN) in the /etc/hosts file.\n"))
        XCTAssertEqual(bad.stdout.split(separator: "\n", omittingEmptySubsequences: false).count, 34)
        XCTAssertEqual(run(s, "hostname --bogus 2>&1 >/dev/null").0, "hostname: unrecognized option '--bogus'\n")
        XCTAssertEqual(run(s, "hostname -s extra >/dev/null 2>&1; echo $?").0, "255\n")
    }

    func testFilesStayInsideTheWorkspace() {
        let s = ShellSession(cwd: dir)
        XCTAssertEqual(run(s, "cat /etc/hostname").0, "cat: /etc/hostname: Permission denied\n")
        XCTAssertEqual(run(s, "echo x > ../escape.txt").0, "sh: can't create ../escape.txt: Permission denied\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.deletingLastPathComponent().appendingPathComponent("escape.txt").path))
        XCTAssertEqual(run(s, "cd ..").0, "sh: cd: ..: Permission denied\n")
        XCTAssertEqual(run(s, "mkdir -p a/b && cd a/b && pwd").0, dir.appendingPathComponent("a/b").standardizedFileURL.path + "\n")
        XCTAssertEqual(run(s, "echo deep > f; cd; cat a/b/f").0, "deep\n")
        XCTAssertEqual(run(s, "echo x > /dev/null; cat /dev/null").1, 0)
    }

    func testLsColumnsAndPipes() {
        let s = ShellSession(cwd: dir)
        for n in 1...12 { _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("file-number-\(n).yaml").path, contents: Data()) }
        let (out, _) = run(s, "ls")
        // GNU layout on an 80-column terminal: columns fill top to bottom.
        XCTAssertEqual(out, """
        file-number-1.yaml   file-number-12.yaml  file-number-4.yaml  file-number-7.yaml
        file-number-10.yaml  file-number-2.yaml   file-number-5.yaml  file-number-8.yaml
        file-number-11.yaml  file-number-3.yaml   file-number-6.yaml  file-number-9.yaml

        """)
        XCTAssertEqual(run(s, "ls | wc -l").0, "12\n")
        XCTAssertEqual(run(s, "ls *-1?.yaml").0, "file-number-10.yaml  file-number-11.yaml  file-number-12.yaml\n")
    }

    func testLsLong() throws {
        let s = ShellSession(cwd: dir)
        try "hello\n".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let lines = run(s, "ls -l").0.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("total "))
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[1].hasPrefix("-rw"), String(lines[1]))
        XCTAssertTrue(lines[1].hasSuffix(" a.txt"))
        XCTAssertTrue(lines[2].hasPrefix("drwx"), String(lines[2]))
        XCTAssertTrue(lines[1].contains(" 6 "), String(lines[1]))
    }

    func testExitAndCommandNotFound() {
        let s = ShellSession(cwd: dir)
        XCTAssertEqual(run(s, "nope").0, "sh: nope: command not found\n")
        XCTAssertEqual(run(s, "nope").1, 127)
        XCTAssertEqual(run(s, "exit 4").1, 4)
        XCTAssertEqual(s.exitRequested, 4)
    }

    func testKubectlInPipesAndHereDocs() {
        let s = ShellSession.withDefaultCluster(cwd: dir)
        XCTAssertEqual(run(s, "kubectl version --client | grep -c Version").0, "2\n")
        XCTAssertEqual(run(s, "kubectl version --client > v.txt && wc -l < v.txt").0, "2\n")
        XCTAssertEqual(run(s, "kubectl nope 2>&1 | head -1").0, "error: unknown command \"nope\" for \"kubectl\"\n")
    }

    /// grep's context options print what GNU grep prints (checked against /bin/grep when it is there).
    func testGrepContextMatchesGNUGrep() throws {
        let s = ShellSession(cwd: dir)
        let text = (1...12).map { $0 % 5 == 0 ? "match \($0)" : "line \($0)" }.joined(separator: "\n") + "\n"
        try text.write(to: dir.appendingPathComponent("f.txt"), atomically: true, encoding: .utf8)
        let cases: [[String]] = [["-A1", "match"], ["-B", "2", "match"], ["-C1", "-n", "match"], ["-A", "3", "line.1"],
                                 ["--context=1", "10"], ["-A1", "-c", "match"], ["-m1", "-A1", "match"], ["-m", "3", "-c", "line"],
                                 ["-A", "x", "match"]]
        let expected = ["match 5\nline 6\n--\nmatch 10\nline 11\n",
                        "line 3\nline 4\nmatch 5\n--\nline 8\nline 9\nmatch 10\n",
                        "4-line 4\n5:match 5\n6-line 6\n--\n9-line 9\n10:match 10\n11-line 11\n",
                        "line 1\nline 2\nline 3\nline 4\n--\nline 11\nline 12\n",
                        "line 9\nmatch 10\nline 11\n", "2\n", "match 5\nline 6\n", "3\n", "grep: x: invalid context length argument\n"]
        for (args, want) in zip(cases, expected) {
            XCTAssertEqual(run(s, "grep " + args.joined(separator: " ") + " f.txt").0, want, args.joined(separator: " "))
            if FileManager.default.isExecutableFile(atPath: "/bin/grep"), !args.contains("x") {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/bin/grep")
                p.arguments = args + [dir.appendingPathComponent("f.txt").path]
                let pipe = Pipe()
                p.standardOutput = pipe
                try p.run()
                p.waitUntilExit()
                XCTAssertEqual(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), want, "GNU grep " + args.joined(separator: " "))
            }
        }
    }

    /// sed scripts tutorials use, each compared with GNU sed when /bin/sed is there (and with a fixed answer always).
    func testSedMatchesGNUSed() throws {
        let s = ShellSession(cwd: dir)
        let text = "Name: web\nStatus: Running\nEvents:\n  Type Reason\n  Normal Pulled\nfoo/bar foo\n"
        try text.write(to: dir.appendingPathComponent("d.txt"), atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["-n", "/Events:/,$p"], "Events:\n  Type Reason\n  Normal Pulled\nfoo/bar foo\n"),
            (["s/foo/baz/"], "Name: web\nStatus: Running\nEvents:\n  Type Reason\n  Normal Pulled\nbaz/bar foo\n"),
            (["s/foo/baz/g;2d"], "Name: web\nEvents:\n  Type Reason\n  Normal Pulled\nbaz/bar baz\n"),
            (["-n", "2,3p"], "Status: Running\nEvents:\n"),
            (["-E", "s/^([A-Z][a-z]+): (.*)/\\2=\\1/"], "web=Name\nRunning=Status\nEvents:\n  Type Reason\n  Normal Pulled\nfoo/bar foo\n"),
            (["s|foo/bar|[&]|"], "Name: web\nStatus: Running\nEvents:\n  Type Reason\n  Normal Pulled\n[foo/bar] foo\n"),
            (["-n", "/Status/!p"], "Name: web\nEvents:\n  Type Reason\n  Normal Pulled\nfoo/bar foo\n"),
            (["3q"], "Name: web\nStatus: Running\nEvents:\n"),
            (["-n", "$="], "6\n"),
            (["-e", "s/web/api/", "-e", "/Type/d"], "Name: api\nStatus: Running\nEvents:\n  Normal Pulled\nfoo/bar foo\n"),
            (["s/o/0/2"], "Name: web\nStatus: Running\nEvents:\n  Type Reason\n  Normal Pulled\nf0o/bar foo\n".replacingOccurrences(of: "f0o/bar", with: "fo0/bar")),
        ]
        for (args, want) in cases {
            let quoted = args.map { "'" + $0 + "'" }.joined(separator: " ")
            XCTAssertEqual(run(s, "sed \(quoted) d.txt").0, want, quoted)
            if FileManager.default.isExecutableFile(atPath: "/bin/sed") {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/bin/sed")
                p.arguments = args + [dir.appendingPathComponent("d.txt").path]
                let pipe = Pipe()
                p.standardOutput = pipe
                try p.run()
                p.waitUntilExit()
                XCTAssertEqual(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), want, "GNU sed " + quoted)
            }
        }
        XCTAssertEqual(run(s, "sed 'k' d.txt").0, "sed: -e expression #1, char 1: unknown command: `k'\n")
        XCTAssertEqual(run(s, "sed 's/a/b' d.txt").0, "sed: -e expression #1, char 5: unterminated `s' command\n")
        XCTAssertEqual(run(s, "sed p nope.txt").0, "sed: can't read nope.txt: No such file or directory\n")
        XCTAssertEqual(run(s, "sed -i s/web/api/ d.txt; head -1 d.txt").0, "Name: api\n")
    }
}
