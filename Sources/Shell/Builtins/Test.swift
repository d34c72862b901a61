// `test` and `[`: file tests, string and integer comparisons, `!`, as sh scripts use them.
import Foundation

struct Test: ShellCommand {
    let name: String

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        var a = args
        if name == "[" {
            guard a.last == "]" else {
                io.errLine("sh: [: missing ]")
                return 2
            }
            a.removeLast()
        }
        do { return try evaluate(a[...], session: session) ? 0 : 1 } catch let e as Failure {
            io.errLine("sh: \(name): \(e.message)")
            return 2
        } catch { return 2 }
    }

    struct Failure: Error { var message: String }

    private func evaluate(_ a: ArraySlice<String>, session: ShellSession) throws -> Bool {
        if let i = a.firstIndex(of: "-o"), i > a.startIndex { return try evaluate(a[..<i], session: session) || evaluate(a[(i + 1)...], session: session) }
        if let i = a.firstIndex(of: "-a"), i > a.startIndex { return try evaluate(a[..<i], session: session) && evaluate(a[(i + 1)...], session: session) }
        if a.first == "!" { return try !evaluate(a.dropFirst(), session: session) }
        let v = Array(a)
        switch v.count {
        case 0: return false
        case 1: return !v[0].isEmpty
        case 2:
            let path = session.resolve(v[1])
            var dir: ObjCBool = false
            let exists = path.map { FileManager.default.fileExists(atPath: $0.path, isDirectory: &dir) } ?? false
            switch v[0] {
            case "-n": return !v[1].isEmpty
            case "-z": return v[1].isEmpty
            case "-e": return exists
            case "-f": return exists && !dir.boolValue
            case "-d": return exists && dir.boolValue
            case "-s": return exists && ((try? FileManager.default.attributesOfItem(atPath: path!.path)[.size] as? Int) ?? 0) > 0
            case "-r", "-w", "-x": return exists
            default: throw Failure(message: "\(v[0]): unary operator expected")
            }
        case 3:
            switch v[1] {
            case "=", "==": return v[0] == v[2]
            case "!=": return v[0] != v[2]
            case "-eq", "-ne", "-lt", "-le", "-gt", "-ge":
                guard let x = Int(v[0]) else { throw Failure(message: "\(v[0]): integer expression expected") }
                guard let y = Int(v[2]) else { throw Failure(message: "\(v[2]): integer expression expected") }
                switch v[1] {
                case "-eq": return x == y
                case "-ne": return x != y
                case "-lt": return x < y
                case "-le": return x <= y
                case "-gt": return x > y
                default: return x >= y
                }
            default: throw Failure(message: "\(v[1]): binary operator expected")
            }
        default:
            throw Failure(message: "too many arguments")
        }
    }
}
