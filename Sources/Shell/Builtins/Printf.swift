// `printf FORMAT [ARG…]`: %s %d %i %x %o %c %b %% with flags and widths; the format repeats for extra args.
import Foundation

struct Printf: ShellCommand {
    let name = "printf"

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        guard let format = args.first else {
            io.errLine("printf: missing operand")
            io.errLine("Try 'printf --help' for more information.")
            return 1
        }
        var rest = Array(args.dropFirst())[...]
        var status: Int32 = 0
        var out = ""
        repeat {
            let before = rest.count
            var chars = Array(format)[...]
            while let c = chars.first {
                chars = chars.dropFirst()
                if c == "\\" {
                    var esc = "\\"
                    if let n = chars.first { esc.append(n); chars = chars.dropFirst() }
                    out += Echo.interpret(esc).0
                    continue
                }
                guard c == "%" else { out.append(c); continue }
                var spec = ""
                while let d = chars.first, "-+ #0123456789.".contains(d) { spec.append(d); chars = chars.dropFirst() }
                guard let conv = chars.first else { out += "%" + spec; break }
                chars = chars.dropFirst()
                if conv == "%" { out += "%"; continue }
                let arg = rest.popFirst() ?? ""
                switch conv {
                case "s": out += String(format: "%\(spec)@", arg as NSString)
                case "b": out += String(format: "%\(spec)@", Echo.interpret(arg).0 as NSString)
                case "c": out += arg.first.map(String.init) ?? ""
                case "d", "i", "x", "X", "o":
                    var v = 0
                    if arg.hasPrefix("'") || arg.hasPrefix("\""), let u = arg.dropFirst().unicodeScalars.first {
                        v = Int(u.value)
                    } else if !arg.isEmpty {
                        guard let n = Int(arg) else {
                            io.errLine("printf: ‘\(arg)’: expected a numeric value")
                            status = 1
                            out += "0"
                            continue
                        }
                        v = n
                    }
                    out += String(format: "%\(spec)l\(conv == "i" ? "d" : String(conv))", v)
                default:
                    out += "%" + spec + String(conv)
                }
            }
            if rest.count == before { break }
        } while !rest.isEmpty
        io.out(out)
        return status
    }
}
