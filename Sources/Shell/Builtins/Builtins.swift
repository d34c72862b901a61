// The learner's shell utilities (echo, ls, grep …): registration and what they share — GNU-style option
// parsing with coreutils' messages, and reading the files or stdin they work on.
import Foundation
import MiniCluster

public enum Builtins {
    /// Every builtin command. Add new ones here.
    static var all: [ShellCommand] {
        [Sleep(), Echo(), Printf(), Clear(), Ls(), Cat(), Cd(), Pwd(), Help(), Env(),
         Mkdir(), Touch(), Rm(), CopyMove(move: false), CopyMove(move: true),
         Test(name: "test"), Test(name: "["),
         Grep(), Head(tail: false), Head(tail: true), Wc(), Sort(), Base64Command(), Uniq(), Cut(), Tr(), Tee(), Awk(),
         Sed(), Curl(), Wget(), Edit(), Hostname()]
    }

    /// Registers every builtin in a session.
    public static func registerAll(in s: ShellSession) {
        for c in all { s.register(c) }
    }
}

/// A GNU getopt-style parse: short options grouped (`-nv`), values attached or separate (`-n5`, `-n 5`),
/// long options (`--lines=5`), operands anywhere, `--` ends options, `-N` as a number where a tool allows it.
struct GetOpt {
    /// Short options; a trailing `:` means it takes a value (`"n:cv"`).
    var short: String
    /// Long option name → the short letter it stands for.
    var long: [String: Character] = [:]
    /// `head -5`: a bare number means `-n 5`.
    var numberOption: Character?

    struct Parsed {
        var options: [(Character, String?)] = []
        var operands: [String] = []
        func has(_ c: Character) -> Bool { options.contains { $0.0 == c } }
        func value(_ c: Character) -> String? { options.last { $0.0 == c }?.1 }
    }

    enum Failure: Error { case invalid(Character), needsValue(Character), unrecognized(String) }

    func takesValue(_ c: Character) -> Bool? {
        guard let i = short.firstIndex(of: c) else { return nil }
        let n = short.index(after: i)
        return n < short.endIndex && short[n] == ":"
    }

    func parse(_ args: [String]) throws -> Parsed {
        var p = Parsed()
        var i = 0
        while i < args.count {
            let a = args[i]
            i += 1
            if a == "--" { p.operands += args[i...]; break }
            if a.hasPrefix("--") {
                let body = a.dropFirst(2)
                let name = String(body.split(separator: "=", maxSplits: 1).first ?? "")
                guard let c = long[name] else { throw Failure.unrecognized(a) }
                if takesValue(c) == true {
                    if let eq = body.firstIndex(of: "=") { p.options.append((c, String(body[body.index(after: eq)...]))) } else {
                        guard i < args.count else { throw Failure.needsValue(c) }
                        p.options.append((c, args[i])); i += 1
                    }
                } else {
                    p.options.append((c, nil))
                }
                continue
            }
            if a.hasPrefix("-"), a.count > 1 {
                if let n = numberOption, a.dropFirst().allSatisfy(\.isNumber) {
                    p.options.append((n, String(a.dropFirst())))
                    continue
                }
                var rest = Substring(a.dropFirst())
                while let c = rest.first {
                    rest = rest.dropFirst()
                    guard let tv = takesValue(c) else { throw Failure.invalid(c) }
                    if tv {
                        if !rest.isEmpty { p.options.append((c, String(rest))) } else {
                            guard i < args.count else { throw Failure.needsValue(c) }
                            p.options.append((c, args[i])); i += 1
                        }
                        break
                    }
                    p.options.append((c, nil))
                }
                continue
            }
            p.operands.append(a)
        }
        return p
    }

    /// Parses, or prints coreutils' complaint (`ls: invalid option -- 'z'` + the `Try` line) and returns nil.
    func parse(_ args: [String], tool: String, io: CommandIO) -> Parsed? {
        do { return try parse(args) } catch let f as Failure {
            switch f {
            case .invalid(let c): io.errLine("\(tool): invalid option -- '\(c)'")
            case .needsValue(let c): io.errLine("\(tool): option requires an argument -- '\(c)'")
            case .unrecognized(let s): io.errLine("\(tool): unrecognized option '\(s)'")
            }
            io.errLine("Try '\(tool) --help' for more information.")
            return nil
        } catch { return nil }
    }
}

/// The texts a filter works on: each named file, or stdin when none is named (or for `-`).
enum Inputs {
    /// Every operand in order with its text or why it could not be read.
    static func load(_ operands: [String], io: CommandIO, session: ShellSession) -> [(name: String, result: Result<String, FileProblem>)] {
        if operands.isEmpty { return [("-", .success(io.stdin))] }
        return operands.map { name in (name, name == "-" ? .success(io.stdin) : session.readFile(name)) }
    }

    /// Calls `body` for each readable input in order, reporting unreadable ones where they come, as GNU tools
    /// do; returns whether any failed.
    @discardableResult
    static func each(_ operands: [String], io: CommandIO, session: ShellSession, message: (String, FileProblem) -> String,
                     _ body: (_ name: String, _ text: String) -> Void) -> Bool {
        var failed = false
        for (name, r) in load(operands, io: io, session: session) {
            switch r {
            case .success(let t): body(name, t)
            case .failure(let p): io.errLine(message(name, p)); failed = true
            }
        }
        return failed
    }

    /// Reads every input first (tools that need all their input before writing), reporting failures.
    static func read(_ operands: [String], io: CommandIO, session: ShellSession,
                     message: (String, FileProblem) -> String) -> (texts: [(name: String, text: String)], failed: Bool) {
        var texts: [(name: String, text: String)] = []
        let failed = each(operands, io: io, session: session, message: message) { texts.append(($0, $1)) }
        return (texts, failed)
    }
}

extension String {
    /// Lines without their newlines; a final newline does not make an extra empty line.
    var lines: [String] {
        if isEmpty { return [] }
        var ls = components(separatedBy: "\n")
        if ls.last == "" { ls.removeLast() }
        return ls
    }
}
