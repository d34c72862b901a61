// Language runtimes run the one-liners tutorials give them: perl's pi (the Job example), `print`/`console.log`
// one-liners, python's http.server. Anything else ends as the interpreter would without a terminal: at once.

final class LanguageProgram: SimulatedProcess {
    private var server: (port: Int, dir: String)?
    private var finishAt: Timestamp?
    private var finishCode: Int32 = 0
    private var pendingOutput: String?

    init(ctx: ContainerContext, argv: [String]) {
        super.init(ctx: ctx)
        let name = Applets.base(argv.first ?? "")
        let args = Array(argv.dropFirst())
        ctx.baselineMemory = name.hasPrefix("node") ? 40 << 20 : name.hasPrefix("perl") ? 4 << 20 : 10 << 20
        if name.hasPrefix("perl") {
            runPerl(args)
        } else if name.hasPrefix("python") {
            runPython(args)
        } else {
            runNode(args)
        }
    }

    private func runPerl(_ args: [String]) {
        guard let code = args.last, args.contains(where: { $0.hasPrefix("-") && ($0.contains("e") || $0.contains("E")) }) else {
            finish(after: .milliseconds(50), code: 0, output: nil)
            return
        }
        if let r = code.range(of: "bpi("), let close = code[r.upperBound...].firstIndex(of: ")"),
           let digits = Int(code[r.upperBound..<close]), digits > 0, digits <= 20_000 {
            // Math::BigFloat is slow: a couple of seconds per thousand digits, on one full core.
            let secs = Int64(max(1, digits * digits / 1_000_000 + digits / 500))
            ctx.busyCPU = (1000, ctx.now + .seconds(secs))
            finish(after: .seconds(secs), code: 0, output: PiDigits.pi(significantDigits: digits) + "\n")
            return
        }
        finish(after: .milliseconds(20), code: 0, output: Self.printed(code, keyword: "print"))
    }

    private func runPython(_ args: [String]) {
        if let m = args.firstIndex(of: "-m"), m + 1 < args.count, args[m + 1] == "http.server" {
            let port = m + 2 < args.count ? Int(args[m + 2]) ?? 8000 : 8000
            server = (port, ctx.fs.cwd)
            ctx.log("Serving HTTP on 0.0.0.0 port \(port) (http://0.0.0.0:\(port)/) ...")
            return
        }
        if let c = args.firstIndex(of: "-c"), c + 1 < args.count {
            finish(after: .milliseconds(30), code: 0, output: Self.printed(args[c + 1], keyword: "print"))
            return
        }
        finish(after: .milliseconds(30), code: 0, output: nil)
    }

    private func runNode(_ args: [String]) {
        if let e = args.firstIndex(where: { $0 == "-e" || $0 == "--eval" }), e + 1 < args.count {
            finish(after: .milliseconds(60), code: 0, output: Self.printed(args[e + 1], keyword: "console.log"))
            return
        }
        finish(after: .milliseconds(60), code: 0, output: nil)
    }

    /// The quoted strings passed to `print`/`console.log`, one line each.
    static func printed(_ code: String, keyword: String) -> String? {
        var out = ""
        var rest = Substring(code)
        while let r = rest.range(of: keyword) {
            rest = rest[r.upperBound...]
            guard let q = rest.firstIndex(where: { $0 == "\"" || $0 == "'" }) else { break }
            let quote = rest[q]
            let after = rest[rest.index(after: q)...]
            guard let end = after.firstIndex(of: quote) else { break }
            out += after[..<end].replacingOccurrences(of: "\\n", with: "") + "\n"
            rest = after[after.index(after: end)...]
        }
        return out.isEmpty ? nil : out
    }

    private func finish(after d: Duration, code: Int32, output: String?) {
        finishAt = ctx.now + d
        finishCode = code
        pendingOutput = output
    }

    override func advance(to now: Timestamp) -> ProcessState {
        guard isRunning else { return state }
        if let at = finishAt, at <= now {
            ctx.now = at
            if let o = pendingOutput { ctx.write(o) }
            exit(finishCode, at: at)
            return state
        }
        return super.advance(to: now)
    }

    override var nextWake: Timestamp? { isRunning ? finishAt : nil }

    override func listens(on port: Int, now: Timestamp) -> Bool {
        advance(to: now) == .running && server?.port == port
    }

    override func http(_ request: HTTPRequest, port: Int, now: Timestamp) -> HTTPResponse? {
        guard listens(on: port, now: now), let s = server else { return nil }
        let path = s.dir + (request.path == "/" ? "" : request.path)
        ctx.log("\(request.sourceIP ?? "10.8.0.1") - - [\(SystemApplets.strftime("%d/%b/%Y %H:%M:%S", now))] \"\(request.method) \(request.path) HTTP/1.1\" 200 -", .stderr)
        if case .success(let t) = ctx.fs.read(file: path) { return HTTPResponse(status: 200, body: t) }
        let names = (try? ctx.fs.list(path).get()) ?? []
        let items = names.map { "<li><a href=\"\($0)\">\($0)</a></li>\n" }.joined()
        return HTTPResponse(status: 200, headers: [("Content-type", "text/html; charset=utf-8")],
                            body: "<!DOCTYPE HTML>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Directory listing for \(request.path)</title>\n</head>\n<body>\n<h1>Directory listing for \(request.path)</h1>\n<hr>\n<ul>\n\(items)</ul>\n<hr>\n</body>\n</html>\n")
    }
}

/// π to any number of significant digits (Machin's formula on base-10⁹ limbs), rounded as Math::BigFloat does.
public enum PiDigits {
    public static func pi(significantDigits n: Int) -> String {
        let guardDigits = 12
        let limbs = (n + guardDigits) / 9 + 2
        let base: UInt64 = 1_000_000_000
        /// arctan(1/x) scaled by 10^(9*(limbs-1)), as limbs (most significant first).
        func arctanInverse(_ x: UInt64) -> [UInt64] {
            var sum = [UInt64](repeating: 0, count: limbs)
            var term = [UInt64](repeating: 0, count: limbs)
            term[0] = 1
            divide(&term, by: x)
            var k: UInt64 = 1
            var positive = true
            let x2 = x * x
            while !term.allSatisfy({ $0 == 0 }) {
                var t = term
                divide(&t, by: k)
                if positive { add(&sum, t) } else { subtract(&sum, t) }
                divide(&term, by: x2)
                k += 2
                positive.toggle()
            }
            return sum
        }
        func divide(_ a: inout [UInt64], by d: UInt64) {
            var rem: UInt64 = 0
            for i in a.indices {
                let cur = rem * base + a[i]
                a[i] = cur / d
                rem = cur % d
            }
        }
        func add(_ a: inout [UInt64], _ b: [UInt64]) {
            var carry: UInt64 = 0
            for i in a.indices.reversed() {
                let s = a[i] + b[i] + carry
                a[i] = s % base
                carry = s / base
            }
        }
        func subtract(_ a: inout [UInt64], _ b: [UInt64]) {
            var borrow: UInt64 = 0
            for i in a.indices.reversed() {
                let s = b[i] + borrow
                if a[i] >= s { a[i] -= s; borrow = 0 } else { a[i] = a[i] + base - s; borrow = 1 }
            }
        }
        func multiply(_ a: inout [UInt64], _ m: UInt64) {
            var carry: UInt64 = 0
            for i in a.indices.reversed() {
                let p = a[i] * m + carry
                a[i] = p % base
                carry = p / base
            }
        }
        var a = arctanInverse(5)
        multiply(&a, 16)
        var b = arctanInverse(239)
        multiply(&b, 4)
        subtract(&a, b)
        var digits = String(a[0])
        for limb in a.dropFirst() {
            let s = String(limb)
            digits += String(repeating: "0", count: 9 - s.count) + s
        }
        // Round to n significant digits.
        var d = Array(digits.utf8.map { Int($0) - 48 }.prefix(n + 1))
        let roundUp = d.count > n && d[n] >= 5
        d = Array(d.prefix(n))
        if roundUp {
            var i = d.count - 1
            while i >= 0 {
                if d[i] == 9 { d[i] = 0; i -= 1 } else { d[i] += 1; break }
            }
        }
        let text = d.map(String.init).joined()
        return String(text.prefix(1)) + (n > 1 ? "." + text.dropFirst() : "")
    }
}
