// Dockerfile text → instructions, as BuildKit's parser reads it: comments and blank lines skipped, `\` joins
// lines, keywords in any case, exec form (a JSON array) or shell form, and errors that name the line.
import Foundation

/// One instruction of a Dockerfile.
public struct DockerfileInstruction: Equatable {
    /// Upper-cased keyword: `FROM`, `RUN`, `COPY` …
    public var keyword: String
    /// Everything after the keyword, continuation lines joined.
    public var arguments: String
    /// The arguments of the exec form (`CMD ["nginx", "-g", "daemon off;"]`), nil for the shell form.
    public var json: [String]?
    /// First and last line (1-based) in the file.
    public var line: Int
    public var endLine: Int

    /// How BuildKit names the step: the keyword and its arguments.
    public var text: String { "\(keyword) \(arguments)" }

    /// Flags written before the arguments (`COPY --chown=1000 a b`), and the words after them.
    public var flagsAndWords: (flags: [String: String], words: [String]) {
        var flags: [String: String] = [:]
        var words = json ?? DockerfileWords.split(arguments)
        while let f = words.first, f.hasPrefix("--") {
            let body = f.dropFirst(2)
            if let eq = body.firstIndex(of: "=") {
                flags[String(body[..<eq])] = String(body[body.index(after: eq)...])
            } else {
                flags[String(body)] = "true"
            }
            words.removeFirst()
        }
        return (flags, words)
    }
}

/// A Dockerfile that cannot be parsed, with the line BuildKit blames.
public struct DockerfileError: Error, Equatable {
    public var line: Int
    public var message: String
    public init(line: Int, message: String) { self.line = line; self.message = message }
}

public enum Dockerfile {
    /// Every instruction BuildKit knows, lower-cased as its suggestions print them.
    public static let keywords = ["add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from", "healthcheck",
                                  "label", "maintainer", "onbuild", "run", "shell", "stopsignal", "user", "volume",
                                  "workdir"]

    /// Parses the whole file.
    public static func parse(_ text: String) -> Result<[DockerfileInstruction], DockerfileError> {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        var result: [DockerfileInstruction] = []
        var i = 0
        while i < lines.count {
            let start = i
            var raw = lines[i].trimmingCharacters(in: .whitespaces)
            i += 1
            if raw.isEmpty || raw.hasPrefix("#") { continue }
            // Continuations: a trailing backslash joins the next line; comment lines inside are dropped.
            // The next line is appended as written (its indentation stays, as `docker history` shows it).
            while raw.hasSuffix("\\") && i <= lines.count {
                raw.removeLast()
                while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces).hasPrefix("#") { i += 1 }
                guard i < lines.count else { break }
                var next = lines[i]
                while next.last?.isWhitespace == true { next.removeLast() }
                raw += next
                i += 1
            }
            raw = raw.trimmingCharacters(in: .whitespaces)
            let parts = raw.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            let word = String(parts.first ?? "")
            let args = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
            let lower = word.lowercased()
            guard keywords.contains(lower) else {
                var message = "unknown instruction: \(word)"
                if let s = suggestion(for: lower) { message += " (did you mean \(s)?)" }
                return .failure(DockerfileError(line: start + 1, message: message))
            }
            let keyword = word.uppercased()
            if args.isEmpty {
                return .failure(DockerfileError(line: start + 1, message: emptyMessage(keyword)))
            }
            var instruction = DockerfileInstruction(keyword: keyword, arguments: args, json: nil, line: start + 1,
                                                    endLine: i)
            if ["CMD", "ENTRYPOINT", "RUN", "SHELL", "COPY", "ADD", "VOLUME", "HEALTHCHECK"].contains(keyword),
               args.hasPrefix("["), let data = args.data(using: .utf8),
               let array = try? JSONSerialization.jsonObject(with: data) as? [Any],
               array.allSatisfy({ $0 is String }) {
                instruction.json = array.compactMap { $0 as? String }
            }
            result.append(instruction)
        }
        if let first = result.first(where: { $0.keyword != "ARG" }), first.keyword != "FROM" {
            return .failure(DockerfileError(line: first.line, message: "no build stage in current context"))
        }
        if result.isEmpty {
            return .failure(DockerfileError(line: 0, message: "the Dockerfile cannot be empty"))
        }
        return .success(result)
    }

    /// BuildKit's messages for an instruction without arguments.
    static func emptyMessage(_ keyword: String) -> String {
        switch keyword {
        case "FROM": return "FROM requires either one or three arguments"
        case "COPY", "ADD": return "\(keyword) requires at least two arguments"
        case "ENV", "LABEL": return "\(keyword) requires at least one argument"
        default: return "\(keyword) requires at least one argument"
        }
    }

    /// The known keyword closest to a mistyped one (edit distance at most 2), as BuildKit suggests it.
    static func suggestion(for word: String) -> String? {
        var best: (String, Int)?
        for k in keywords {
            let d = editDistance(word, k)
            if d <= 2, d < (best?.1 ?? .max) { best = (k, d) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
}

/// Shell-form words: split on spaces, with single and double quotes and backslash escapes (ENV, LABEL, COPY).
public enum DockerfileWords {
    public static func split(_ s: String) -> [String] {
        var words: [String] = []
        var cur = ""
        var inWord = false
        var quote: Character?
        var escape = false
        for c in s {
            if escape { cur.append(c); escape = false; continue }
            if c == "\\" && quote != "'" { escape = true; inWord = true; continue }
            if let q = quote {
                if c == q { quote = nil } else { cur.append(c) }
                continue
            }
            if c == "\"" || c == "'" { quote = c; inWord = true; continue }
            if c == " " || c == "\t" {
                if inWord { words.append(cur); cur = ""; inWord = false }
                continue
            }
            cur.append(c); inWord = true
        }
        if inWord { words.append(cur) }
        return words
    }

    /// `KEY=VALUE KEY2="a b"` pairs, or the legacy `KEY VALUE` form (ENV, LABEL, ARG).
    public static func pairs(_ s: String) -> [(String, String)] {
        let words = split(s)
        if let first = words.first, !first.contains("=") {
            return [(first, words.dropFirst().joined(separator: " "))]
        }
        return words.map { w in
            guard let eq = w.firstIndex(of: "=") else { return (w, "") }
            return (String(w[..<eq]), String(w[w.index(after: eq)...]))
        }
    }

    /// `$VAR` and `${VAR}` from build args and ENV.
    public static func expand(_ s: String, _ vars: [String: String]) -> String {
        var out = ""
        var chars = Array(s)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            guard c == "$", let n = chars.first else { out.append(c); continue }
            if n == "{" {
                guard let close = chars.firstIndex(of: "}") else { out.append(c); continue }
                let name = String(chars[chars.index(after: chars.startIndex)..<close])
                out += vars[name] ?? ""
                chars = chars[chars.index(after: close)...]
            } else if n.isLetter || n == "_" {
                let name = String(chars.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                out += vars[name] ?? ""
                chars = chars.dropFirst(name.count)
            } else {
                out.append(c)
            }
        }
        return out
    }
}
