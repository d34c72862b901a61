// `base64` and `base64 -d`, with -w N (76 by default, 0 for one line): secrets are base64 in Kubernetes.
import Foundation

struct Base64Command: ShellCommand {
    let name = "base64"

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        let opt = GetOpt(short: "dw:i", long: ["decode": "d", "wrap": "w", "ignore-garbage": "i"])
        guard let p = opt.parse(args, tool: "base64", io: io) else { return 1 }
        if p.operands.count > 1 {
            io.errLine("base64: extra operand ‘\(p.operands[1])’")
            io.errLine("Try 'base64 --help' for more information.")
            return 1
        }
        let (texts, failed) = Inputs.read(p.operands, io: io, session: session) { "base64: \($0): \($1.message)" }
        guard !failed, let text = texts.first?.text else { return 1 }
        if p.has("d") {
            let (data, ok) = Self.decode(text)
            io.out(String(decoding: data, as: UTF8.self))
            if !ok {
                io.errLine("base64: invalid input")
                return 1
            }
            return 0
        }
        let width = Int(p.value("w") ?? "76") ?? 76
        let encoded = Data(text.utf8).base64EncodedString()
        if encoded.isEmpty { return 0 }
        if width <= 0 { io.out(encoded); return 0 }
        var out = ""
        var line = Substring(encoded)
        while !line.isEmpty {
            out += line.prefix(width) + "\n"
            line = line.dropFirst(width)
        }
        io.out(out)
        return 0
    }

    /// Decodes like GNU base64 -d: newlines are skipped; at the first bad character (or a cut-off final group)
    /// it keeps the bytes decoded so far and reports failure.
    static func decode(_ text: String) -> (Data, ok: Bool) {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var value: [UInt8: UInt32] = [:]
        for (i, c) in alphabet.enumerated() { value[c] = UInt32(i) }
        var out = Data()
        var group: [UInt32] = []
        var padding = 0
        func flush() {
            guard group.count >= 2 else { return }
            var n: UInt32 = 0
            for (i, v) in group.enumerated() { n |= v << (18 - 6 * UInt32(i)) }
            out.append(UInt8((n >> 16) & 0xff))
            if group.count >= 3 { out.append(UInt8((n >> 8) & 0xff)) }
            if group.count == 4 { out.append(UInt8(n & 0xff)) }
        }
        for b in text.utf8 where b != 10 && b != 13 {
            if b == UInt8(ascii: "=") {
                guard group.count >= 2 else { flush(); return (out, false) }
                padding += 1
                if group.count + padding == 4 { flush(); group = []; padding = 0 }
                continue
            }
            guard padding == 0, let v = value[b] else { flush(); return (out, false) }
            group.append(v)
            if group.count == 4 { flush(); group = [] }
        }
        if group.isEmpty, padding == 0 { return (out, true) }
        flush()
        return (out, false)
    }
}
