// `echo` as bash's builtin: -n, -e (escapes), -E; `clear`.

struct Echo: ShellCommand {
    let name = "echo"

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        var newline = true, escapes = false
        var rest = args[...]
        // Only leading words made purely of n/e/E letters are options, as in bash.
        while let a = rest.first, a.count > 1, a.hasPrefix("-"), a.dropFirst().allSatisfy({ "neE".contains($0) }) {
            for c in a.dropFirst() {
                switch c {
                case "n": newline = false
                case "e": escapes = true
                default: escapes = false
                }
            }
            rest = rest.dropFirst()
        }
        var text = rest.joined(separator: " ")
        if escapes {
            let (t, stop) = Self.interpret(text)
            text = t
            if stop { newline = false }
        }
        io.out(newline ? text + "\n" : text)
        return 0
    }

    /// Applies `echo -e` escapes; `stop` is true after `\c` (no more output, no newline).
    static func interpret(_ s: String) -> (String, stop: Bool) {
        var out = ""
        var chars = Array(s.unicodeScalars)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            guard c == "\\", let e = chars.first else { out.unicodeScalars.append(c); continue }
            chars = chars.dropFirst()
            switch e {
            case "n": out += "\n"
            case "t": out += "\t"
            case "\\": out += "\\"
            case "a": out += "\u{07}"
            case "b": out += "\u{08}"
            case "e", "E": out += "\u{1B}"
            case "f": out += "\u{0C}"
            case "r": out += "\r"
            case "v": out += "\u{0B}"
            case "c": return (out, true)
            case "0", "x":
                let isHex = e == "x"
                var digits = ""
                while digits.count < (isHex ? 2 : 3), let d = chars.first,
                      isHex ? d.properties.isASCIIHexDigit : ("0"..."7").contains(d) {
                    digits.unicodeScalars.append(d); chars = chars.dropFirst()
                }
                if isHex, digits.isEmpty { out += "\\x"; continue }
                if let v = UInt32(digits.isEmpty ? "0" : digits, radix: isHex ? 16 : 8), let u = Unicode.Scalar(v) {
                    out.unicodeScalars.append(u)
                }
            default:
                out += "\\"; out.unicodeScalars.append(e)
            }
        }
        return (out, false)
    }
}

/// `clear`: the escape sequence `clear` writes on an xterm-like terminal.
struct Clear: ShellCommand {
    let name = "clear"
    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        io.out("\u{1B}[H\u{1B}[2J\u{1B}[3J")
        return 0
    }
}
