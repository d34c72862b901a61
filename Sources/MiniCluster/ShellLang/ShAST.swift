// The syntax tree of the one shell language: what the parser builds and the interpreter runs.
// Used for the learner's command lines and, later, for `sh -c '…'` inside simulated containers.

/// Namespace for the shell language's syntax tree.
public enum Sh {}

extension Sh {
    /// A list of and-or lists, separated by `;`, `&` or newlines.
    public struct Script: Equatable {
        public var items: [ListItem]
        public init(_ items: [ListItem] = []) { self.items = items }
        public var isEmpty: Bool { items.isEmpty }
    }

    /// One and-or list and whether it was sent to the background with `&`.
    public struct ListItem: Equatable {
        public var andOr: AndOr
        public var background: Bool
    }

    /// `a && b || c`: a first pipeline and the ones that follow with their operators.
    public struct AndOr: Equatable {
        public enum Op: String, Equatable { case and = "&&", or = "||" }
        public struct Link: Equatable { public var op: Op; public var pipeline: Pipeline }
        public var first: Pipeline
        public var rest: [Link]
    }

    /// `[!] a | b | c`
    public struct Pipeline: Equatable {
        public var negated: Bool
        public var commands: [Command]
    }

    /// One element of a pipeline.
    public indirect enum Command: Equatable {
        case simple(SimpleCommand)
        case compound(Compound, [Redirect])
    }

    /// Assignments, words and redirects, in the order they were written.
    public struct SimpleCommand: Equatable {
        public var assignments: [Assignment]
        public var words: [Word]
        public var redirects: [Redirect]
    }

    /// `NAME=value` before a command (or alone).
    public struct Assignment: Equatable {
        public var name: String
        public var value: Word
    }

    /// Commands that contain lists: groups, subshells, if, loops.
    public indirect enum Compound: Equatable {
        case braceGroup(Script)
        case subshell(Script)
        case ifClause([Branch], otherwise: Script?)
        case loop(condition: Script, body: Script, until: Bool)
        case forLoop(name: String, words: [Word]?, body: Script)
    }

    /// One `if`/`elif` condition and its body.
    public struct Branch: Equatable {
        public var condition: Script
        public var body: Script
    }

    /// A redirect: `>f`, `2>>f`, `<f`, `2>&1`, `&>f`, `<<EOF`.
    public struct Redirect: Equatable {
        public enum Op: String, Equatable {
            case output = ">", append = ">>", input = "<", dupOutput = ">&", dupInput = "<&", readWrite = "<>"
            case outputBoth = "&>", appendBoth = "&>>", hereDoc = "<<"
        }
        /// The file descriptor redirected (nil: the operator's default, 0 for input, 1 for output).
        public var fd: Int?
        public var op: Op
        public var target: Word
        /// Filled for `<<` once the parser has read the body lines.
        public var hereDoc: HereDoc?
    }

    /// A here-document body; a class because the body is read after the line that declares it.
    public final class HereDoc: Equatable {
        public let delimiter: String
        /// A quoted delimiter (`<<'EOF'`) turns off expansion in the body.
        public let quoted: Bool
        /// `<<-` strips leading tabs.
        public let stripTabs: Bool
        public internal(set) var body: Word = Word([])
        public internal(set) var complete = false

        init(delimiter: String, quoted: Bool, stripTabs: Bool) {
            self.delimiter = delimiter; self.quoted = quoted; self.stripTabs = stripTabs
        }

        public static func == (a: HereDoc, b: HereDoc) -> Bool {
            a.delimiter == b.delimiter && a.quoted == b.quoted && a.stripTabs == b.stripTabs && a.body == b.body
        }
    }

    /// A word as written: pieces that expand differently.
    public struct Word: Equatable {
        public var parts: [WordPart]
        public init(_ parts: [WordPart]) { self.parts = parts }

        /// The word when it is plain text, e.g. a keyword or a here-doc delimiter without quotes.
        public var plainText: String? {
            var s = ""
            for p in parts {
                guard case .literal(let t) = p else { return nil }
                s += t
            }
            return s
        }

        /// Whether any part was quoted or escaped (a quoted here-doc delimiter disables expansion).
        public var hasQuotes: Bool {
            parts.contains { p in
                switch p {
                case .quoted, .doubleQuoted: return true
                default: return false
                }
            }
        }

        /// The text with quotes removed and nothing expanded (here-doc delimiters).
        public var unquotedText: String {
            parts.map { p -> String in
                switch p {
                case .literal(let s), .quoted(let s): return s
                case .doubleQuoted(let inner): return Word(inner).unquotedText
                case .tilde(let u): return "~" + u
                case .parameter(let pe): return "$" + pe.name
                case .commandSubstitution: return "$(…)"
                case .arithmetic(let e): return "$((\(e)))"
                }
            }.joined()
        }
    }

    /// A piece of a word.
    public indirect enum WordPart: Equatable {
        /// Unquoted text: split and globbed when it came from an expansion; globbed as written.
        case literal(String)
        /// Single-quoted or backslash-escaped text: taken as is.
        case quoted(String)
        /// `"…"`: expansions inside, but the result is one field.
        case doubleQuoted([WordPart])
        /// `$NAME`, `${NAME}`, `${NAME:-word}`, `$?` …
        case parameter(ParameterExpansion)
        /// `$(…)`
        case commandSubstitution(Script)
        /// `$((…))`, kept as text and evaluated at expansion time.
        case arithmetic(String)
        /// `~` or `~user` at the start of a word.
        case tilde(String)
    }

    /// `${name op word}`; `op` nil for a plain `$name`.
    public struct ParameterExpansion: Equatable {
        public enum Op: String, Equatable {
            case useDefault = ":-", useDefaultIfUnset = "-", assignDefault = ":=", assignDefaultIfUnset = "="
            case useAlternative = ":+", useAlternativeIfSet = "+", errorIfNull = ":?", errorIfUnset = "?"
            case length = "#len", removeSmallestSuffix = "%", removeLargestSuffix = "%%"
            case removeSmallestPrefix = "#", removeLargestPrefix = "##"
        }
        public var name: String
        public var op: Op?
        public var word: Word?
        public init(name: String, op: Op? = nil, word: Word? = nil) { self.name = name; self.op = op; self.word = word }
    }

    /// A syntax error in sh's words; `line` is 1-based.
    public struct SyntaxError: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var line: Int
        public init(_ message: String, line: Int = 1) { self.message = message; self.line = line }
        /// `sh: syntax error: unexpected "|"`
        public var description: String { "sh: syntax error: \(message)" }
    }
}
