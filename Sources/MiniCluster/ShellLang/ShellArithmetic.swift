// `$((…))`: integer arithmetic with + - * / % ( ), comparisons, unary minus and variables.

enum ShellArithmetic {
    struct Failure: Error { var message: String }

    static func evaluate(_ text: String, variable: @escaping (String) -> String?) throws -> Int {
        var p = Parser(chars: Array(text.unicodeScalars), variable: variable)
        let v = try p.expression(0)
        p.skipBlanks()
        guard p.i == p.chars.count else { throw Failure(message: "arithmetic syntax error") }
        return v
    }

    private struct Parser {
        let chars: [Unicode.Scalar]
        let variable: (String) -> String?
        var i = 0

        mutating func skipBlanks() { while i < chars.count, chars[i] == " " || chars[i] == "\t" || chars[i] == "\n" { i += 1 } }

        static let binary: [(String, Int)] = [("||", 1), ("&&", 2), ("==", 3), ("!=", 3), ("<=", 4), (">=", 4), ("<", 4),
                                              (">", 4), ("+", 5), ("-", 5), ("*", 6), ("/", 6), ("%", 6)]

        mutating func peekOp() -> (String, Int)? {
            skipBlanks()
            for (op, prec) in Self.binary {
                let s = Array(op.unicodeScalars)
                if i + s.count <= chars.count, Array(chars[i..<i + s.count]) == s { return (op, prec) }
            }
            return nil
        }

        mutating func expression(_ minPrec: Int) throws -> Int {
            var lhs = try unary()
            while let (op, prec) = peekOp(), prec > minPrec {
                i += op.unicodeScalars.count
                let rhs = try expression(prec)
                switch op {
                case "+": lhs = lhs &+ rhs
                case "-": lhs = lhs &- rhs
                case "*": lhs = lhs &* rhs
                case "/", "%":
                    guard rhs != 0 else { throw Failure(message: "divide by zero") }
                    lhs = op == "/" ? lhs / rhs : lhs % rhs
                case "==": lhs = lhs == rhs ? 1 : 0
                case "!=": lhs = lhs != rhs ? 1 : 0
                case "<": lhs = lhs < rhs ? 1 : 0
                case ">": lhs = lhs > rhs ? 1 : 0
                case "<=": lhs = lhs <= rhs ? 1 : 0
                case ">=": lhs = lhs >= rhs ? 1 : 0
                case "&&": lhs = (lhs != 0 && rhs != 0) ? 1 : 0
                default: lhs = (lhs != 0 || rhs != 0) ? 1 : 0
                }
            }
            return lhs
        }

        mutating func unary() throws -> Int {
            skipBlanks()
            guard i < chars.count else { throw Failure(message: "arithmetic syntax error") }
            let c = chars[i]
            if c == "-" { i += 1; return -(try unary()) }
            if c == "+" { i += 1; return try unary() }
            if c == "!" { i += 1; return try unary() == 0 ? 1 : 0 }
            if c == "(" {
                i += 1
                let v = try expression(0)
                skipBlanks()
                guard i < chars.count, chars[i] == ")" else { throw Failure(message: "arithmetic syntax error") }
                i += 1
                return v
            }
            if c == "$" { i += 1; return try unary() }
            var s = ""
            if ("0"..."9").contains(c) {
                while i < chars.count, ("0"..."9").contains(chars[i]) { s.unicodeScalars.append(chars[i]); i += 1 }
                return Int(s) ?? 0
            }
            while i < chars.count, ShLexer.isNameChar(chars[i]) { s.unicodeScalars.append(chars[i]); i += 1 }
            guard !s.isEmpty else { throw Failure(message: "arithmetic syntax error") }
            let v = variable(s) ?? ""
            return Int(v.shellTrimmed) ?? 0
        }
    }
}

private extension String {
    var shellTrimmed: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" || s.first == "\n" { s.removeFirst() }
        while s.last == " " || s.last == "\t" || s.last == "\n" { s.removeLast() }
        return String(s)
    }
}
