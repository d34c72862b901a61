// `sleep 30`, `sleep 2m`, `sleep 1.5`: lets virtual time pass on every cluster of the session.
import MiniCluster

struct Sleep: ShellCommand {
    let name = "sleep"

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        let operands = args.filter { $0 != "--" }
        guard !operands.isEmpty else {
            io.errLine("sleep: missing operand")
            io.errLine("Try 'sleep --help' for more information.")
            return 1
        }
        var total: Int64 = 0
        for a in operands {
            guard let ms = Self.milliseconds(a) else {
                io.errLine("sleep: invalid time interval ‘\(a)’")
                io.errLine("Try 'sleep --help' for more information.")
                return 1
            }
            total += ms
        }
        session.sleep(Duration(ms: total))
        return 0
    }

    /// `30`, `30s`, `2m`, `1h`, `1d`, `0.5` → milliseconds.
    static func milliseconds(_ s: String) -> Int64? {
        var number = Substring(s)
        var unit: Double = 1000
        if let last = number.last, "smhd".contains(last) {
            number = number.dropLast()
            unit = ["s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000][String(last)] ?? 1000
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }), let v = Double(number), v >= 0 else { return nil }
        return Int64((v * unit).rounded())
    }
}

extension ShellSession {
    /// Lets `d` pass: through `sleepHandler` when the front end set one, else on every cluster's virtual clock.
    public func sleep(_ d: Duration) {
        if let sleepHandler { sleepHandler(d); return }
        advanceClusters(by: d)
    }

    /// Moves every cluster's virtual clock forward by `d`.
    public func advanceClusters(by d: Duration) {
        for name in clusters.keys.sorted() { clusters[name]?.advance(by: d) }
        dockerHost?.advance(by: d)
    }
}
