// The label selector lexer and recursive-descent parser, byte for byte like apimachinery's, so that every
// malformed selector fails with the same message a real API server sends back.

struct LabelSelectorParser {
    enum Token: Equatable {
        case error, end, closePar, comma, not, doubleEquals, equals, greaterThan, identifier, `in`, lessThan
        case notEquals, notIn, openPar
    }

    private static let literalTokens: [String: Token] = [
        ")": .closePar, ",": .comma, "!": .not, "==": .doubleEquals, "=": .equals, ">": .greaterThan,
        "in": .in, "<": .lessThan, "!=": .notEquals, "notin": .notIn, "(": .openPar,
    ]
    /// `strings.Join(binaryOperators, ", ")` as the operator error lists them.
    private static let binaryOperators = "in, notin, =, ==, !=, gt, lt"

    private var items: [(tok: Token, lit: String)] = []
    private var position = 0

    init(_ bytes: [UInt8]) {
        var lexer = Lexer(bytes: bytes)
        while true {
            let item = lexer.next()
            items.append(item)
            if item.tok == .end { break }
        }
    }

    /// In value context the keywords `in` and `notin` are plain identifiers.
    private func lookahead(values: Bool) -> (tok: Token, lit: String) {
        let item = items[min(position, items.count - 1)]
        if values, item.tok == .in || item.tok == .notIn { return (.identifier, item.lit) }
        return item
    }

    private mutating func consume(values: Bool) -> (tok: Token, lit: String) {
        let item = lookahead(values: values)
        position = min(position + 1, items.count - 1)
        return item
    }

    mutating func parse() throws -> [LabelSelector.Requirement] {
        var reqs: [LabelSelector.Requirement] = []
        while true {
            let (tok, lit) = lookahead(values: true)
            switch tok {
            case .identifier, .not:
                do { reqs.append(try parseRequirement()) } catch let e as LabelSelectorError {
                    throw LabelSelectorError("unable to parse requirement: \(e.message)")
                }
                let (t, l) = consume(values: true)
                switch t {
                case .end: return reqs
                case .comma:
                    let (t2, l2) = lookahead(values: true)
                    if t2 != .identifier, t2 != .not { throw LabelSelectorError("found '\(l2)', expected: identifier after ','") }
                default: throw LabelSelectorError("found '\(l)', expected: ',' or 'end of string'")
                }
            case .end: return reqs
            default: throw LabelSelectorError("found '\(lit)', expected: !, identifier, or 'end of string'")
            }
        }
    }

    private mutating func parseRequirement() throws -> LabelSelector.Requirement {
        var (tok, lit) = consume(values: true)
        var op: LabelSelector.Operator?
        if tok == .not {
            op = .doesNotExist
            (tok, lit) = consume(values: true)
        }
        if tok != .identifier { throw LabelSelectorError("found '\(lit)', expected: identifier") }
        if let e = LabelSyntax.keyError(lit) {
            throw LabelSelectorError(FieldError(.invalid, "<nil>", goQuote(lit), e).message)
        }
        let key = lit
        let next = lookahead(values: true).tok
        if next == .end || next == .comma {
            return try LabelSelector.requirement(key, op ?? .exists, [])
        }
        if op == .doesNotExist { return try LabelSelector.requirement(key, .doesNotExist, []) }
        let (opTok, opLit) = consume(values: false)
        let binary: LabelSelector.Operator
        switch opTok {
        case .in: binary = .in
        case .equals: binary = .equals
        case .doubleEquals: binary = .doubleEquals
        case .greaterThan: binary = .greaterThan
        case .lessThan: binary = .lessThan
        case .notIn: binary = .notIn
        case .notEquals: binary = .notEquals
        default: throw LabelSelectorError("found '\(opLit)', expected: \(Self.binaryOperators)")
        }
        let values = binary == .in || binary == .notIn ? try parseValues() : try parseExactValue()
        return try LabelSelector.requirement(key, binary, values.sorted())
    }

    /// `(a,b,c)`; empty entries count as the empty string; duplicates collapse (a set).
    private mutating func parseValues() throws -> Set<String> {
        let (tok, lit) = consume(values: true)
        if tok != .openPar { throw LabelSelectorError("found '\(lit)' expected: '('") }
        let (t, l) = lookahead(values: true)
        switch t {
        case .identifier, .comma:
            let s = try parseIdentifiers()
            if consume(values: true).tok != .closePar { throw LabelSelectorError("found '\(l)', expected: ')'") }
            return s
        case .closePar:
            _ = consume(values: true)
            return [""]
        default: throw LabelSelectorError("found '\(l)', expected: ',', ')' or identifier")
        }
    }

    private mutating func parseIdentifiers() throws -> Set<String> {
        var s = Set<String>()
        while true {
            let (tok, lit) = consume(values: true)
            switch tok {
            case .identifier:
                s.insert(lit)
                let (t2, l2) = lookahead(values: true)
                switch t2 {
                case .comma: continue
                case .closePar: return s
                default: throw LabelSelectorError("found '\(l2)', expected: ',' or ')'")
                }
            case .comma:
                if s.isEmpty { s.insert("") }
                let t2 = lookahead(values: true).tok
                if t2 == .closePar { s.insert(""); return s }
                if t2 == .comma { _ = consume(values: true); s.insert("") }
            default: throw LabelSelectorError("found '\(lit)', expected: ',', or identifier")
            }
        }
    }

    private mutating func parseExactValue() throws -> Set<String> {
        let t = lookahead(values: true).tok
        if t == .end || t == .comma { return [""] }
        let (tok, lit) = consume(values: true)
        if tok == .identifier { return [lit] }
        throw LabelSelectorError("found '\(lit)', expected: identifier")
    }

    /// Splits the input into identifiers, keywords and operator symbols.
    struct Lexer {
        var bytes: [UInt8]
        var pos = 0

        static func isWhitespace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 13 || c == 10 }
        static func isSpecial(_ c: UInt8) -> Bool { "=!(),><".utf8.contains(c) }

        mutating func next() -> (tok: Token, lit: String) {
            while pos < bytes.count, Self.isWhitespace(bytes[pos]) { pos += 1 }
            guard pos < bytes.count else { return (.end, "") }
            if Self.isSpecial(bytes[pos]) { return special() }
            let start = pos
            while pos < bytes.count, !Self.isSpecial(bytes[pos]), !Self.isWhitespace(bytes[pos]) { pos += 1 }
            let s = String(decoding: bytes[start..<pos], as: UTF8.self)
            if let t = literalTokens[s] { return (t, s) }
            return (.identifier, s)
        }

        /// Longest run of symbols that still forms a known operator (`!=`, `==`, `=` …).
        private mutating func special() -> (tok: Token, lit: String) {
            var buffer: [UInt8] = []
            var last: (tok: Token, lit: String)?
            while pos < bytes.count, Self.isSpecial(bytes[pos]) {
                buffer.append(bytes[pos])
                pos += 1
                let s = String(decoding: buffer, as: UTF8.self)
                if let t = literalTokens[s] { last = (t, s) } else if last != nil { pos -= 1; break }
            }
            guard let last else {
                return (.error, "error expected: keyword found '\(String(decoding: buffer, as: UTF8.self))'")
            }
            return last
        }
    }
}
