// System commands inside a container: env, printenv, sleep, date, hostname, id, uname, ps, df, which, stress, dd.
import Foundation

enum SystemApplets {
    static let table: [String: Applet] = [
        "env": env, "printenv": printenv, "sleep": sleep, "date": date, "hostname": hostname, "id": id,
        "whoami": { _, io, host in io.out((uid(host) == 0 ? "root" : "whoami: unknown uid \(uid(host))") + "\n"); return 0 },
        "uname": uname, "ps": ps, "df": df, "which": which, "stress": stress, "dd": dd, "free": free,
    ]

    static let env: Applet = { argv, io, host in
        // `env CMD…` runs a command; plain `env` lists the environment.
        if argv.count > 1, !argv[1].contains("="), let c = host.command(argv[1]) { return c(Array(argv.dropFirst()), io, host) }
        for (n, v) in host.environment { io.out("\(n)=\(v)\n") }
        return 0
    }

    static let printenv: Applet = { argv, io, host in
        let vars = host.environment
        if argv.count == 1 {
            for (n, v) in vars { io.out("\(n)=\(v)\n") }
            return 0
        }
        var status: Int32 = 0
        for name in argv.dropFirst() {
            if let v = vars.first(where: { $0.0 == name })?.1 { io.out(v + "\n") } else { status = 1 }
        }
        return status
    }

    /// Seconds with an optional s/m/h/d suffix, fractions allowed; nil when malformed.
    static func duration(_ s: String) -> Duration? {
        if s == "inf" || s == "infinity" { return .seconds(Int64(Int32.max)) }
        var num = s
        var scale = 1.0
        if let last = s.last, "smhd".contains(last) {
            num = String(s.dropLast())
            scale = ["s": 1, "m": 60, "h": 3600, "d": 86_400][String(last)] ?? 1
        }
        guard let v = Double(num), v >= 0, v.isFinite else { return nil }
        return .milliseconds(Int64((v * scale * 1000).rounded()))
    }

    static let sleep: Applet = { argv, io, host in
        guard argv.count > 1 else {
            io.err(host.userland == .busybox ? "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...\n"
                                           : "sleep: missing operand\nTry 'sleep --help' for more information.\n")
            return 1
        }
        var total = Duration(ms: 0)
        for a in argv.dropFirst() {
            guard let d = duration(a) else {
                io.err(host.userland == .busybox ? "sleep: invalid number '\(a)'\n" : "sleep: invalid time interval '\(a)'\nTry 'sleep --help' for more information.\n")
                return 1
            }
            total = total + d
        }
        // Long sleeps go in steps, so the program can still be stopped in between.
        var left = total
        while left.ms > 0 {
            let step = Duration(ms: min(left.ms, 86_400_000))
            guard host.sleep(step) else { return 143 }
            left = Duration(ms: left.ms - step.ms)
        }
        return 0
    }

    static let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]

    /// `%0Nd` without Foundation's formatter (servers stamp every request line with it).
    static func zeroPad(_ n: Int, _ width: Int) -> String {
        guard n >= 0 else { return String(format: "%0\(width)d", n) }
        let s = String(n)
        let count = s.utf8.count
        return count >= width ? s : String(repeating: "0", count: width - count) + s
    }

    /// strftime for the conversions scripts use.
    static func strftime(_ format: String, _ t: Timestamp) -> String {
        let c = t.civil
        let dayIndex = Int(((t.ms / 86_400_000) % 7 + 7) % 7)
        var out = ""
        var pct = false
        for ch in format {
            guard pct else { if ch == "%" { pct = true } else { out.append(ch) }; continue }
            pct = false
            switch ch {
            case "Y": out += String(c.year)
            case "m": out += zeroPad(c.month, 2)
            case "d": out += zeroPad(c.day, 2)
            case "e": out += String(c.day).leftPadded(2, with: " ")
            case "H": out += zeroPad(c.hour, 2)
            case "M": out += zeroPad(c.minute, 2)
            case "S": out += zeroPad(c.second, 2)
            case "s": out += String(t.ms / 1000)
            case "N": out += String(format: "%09d", Int(t.ms % 1000) * 1_000_000)
            case "a": out += days[dayIndex]
            case "b", "h": out += LsDate.months[c.month - 1]
            case "Z": out += "UTC"
            case "z": out += "+0000"
            case "T": out += zeroPad(c.hour, 2) + ":" + zeroPad(c.minute, 2) + ":" + zeroPad(c.second, 2)
            case "F": out += zeroPad(c.year, 4) + "-" + zeroPad(c.month, 2) + "-" + zeroPad(c.day, 2)
            case "D": out += String(format: "%02d/%02d/%02d", c.month, c.day, c.year % 100)
            case "n": out += "\n"
            case "%": out += "%"
            default: out += "%" + String(ch)
            }
        }
        return out
    }

    static let date: Applet = { argv, io, host in
        var format = "%a %b %e %H:%M:%S %Z %Y"
        for a in argv.dropFirst() {
            if a.hasPrefix("+") { format = String(a.dropFirst()) } else if a == "-I" || a == "--iso-8601" { format = "%F" }
            else if a == "-R" { format = "%a, %d %b %Y %T %z" }
        }
        io.out(strftime(format, host.now) + "\n")
        return 0
    }

    static let hostname: Applet = { argv, io, host in
        if argv.contains("-i") { io.out(host.ctx.launch.podIP + "\n"); return 0 }
        // -f reads the name /etc/hosts gives the pod's own address: with a subdomain (a StatefulSet's headless
        // Service) the kubelet writes the full DNS name there.
        let pod = host.ctx.launch.pod
        if argv.contains("-f") || argv.contains("--fqdn") || argv.contains("--long"),
           let sub = pod[path: "spec", "subdomain"]?.stringValue, !sub.isEmpty {
            io.out("\(host.ctx.hostname).\(sub).\(pod.metadataNamespace ?? "default").svc.cluster.local\n")
            return 0
        }
        io.out(host.ctx.hostname + "\n")
        return 0
    }

    static func uid(_ host: AppletHost) -> Int {
        let c = host.ctx.launch.container[path: "securityContext", "runAsUser"]?.intValue
        return c ?? host.ctx.launch.pod[path: "spec", "securityContext", "runAsUser"]?.intValue ?? 0
    }

    static let id: Applet = { argv, io, host in
        let pod = host.ctx.launch.pod[path: "spec", "securityContext"]
        let csc = host.ctx.launch.container["securityContext"]
        let u = uid(host)
        let g = csc?["runAsGroup"]?.intValue ?? pod?["runAsGroup"]?.intValue ?? 0
        if argv.contains("-u") { io.out("\(u)\n"); return 0 }
        if argv.contains("-g") { io.out("\(g)\n"); return 0 }
        let fs = pod?["fsGroup"]?.intValue
        let name = { (n: Int) in n == 0 ? "\(n)(root)" : "\(n)" }
        var groups = [g]
        if let fs, fs != g { groups.insert(fs, at: 0) }
        for s in pod?["supplementalGroups"]?.arrayValue?.compactMap(\.intValue) ?? [] where !groups.contains(s) { groups.append(s) }
        if u == 0, g == 0, host.userland == .busybox { groups += [1, 2, 3, 4, 6, 10, 11, 20, 26, 27] }
        let gnames = groups.map { n -> String in
            let names = [1: "bin", 2: "daemon", 3: "sys", 4: "adm", 6: "disk", 10: "wheel", 11: "floppy", 20: "dialout", 26: "tape", 27: "video"]
            return n == 0 ? "0(root)" : names[n].map { "\(n)(\($0))" } ?? "\(n)"
        }
        io.out("uid=\(name(u)) gid=\(name(g)) groups=\(gnames.joined(separator: ","))\n")
        return 0
    }

    static let uname: Applet = { argv, io, host in
        let flags = FileApplets.split(argv.dropFirst()).flags
        if flags.contains("a") {
            io.out("Linux \(host.ctx.hostname) 6.6.56+ #1 SMP PREEMPT_DYNAMIC Sat Nov  9 09:11:34 UTC 2024 x86_64 \(host.userland == .busybox ? "Linux" : "GNU/Linux")\n")
        } else if flags.contains("r") {
            io.out("6.6.56+\n")
        } else if flags.contains("m") {
            io.out("x86_64\n")
        } else {
            io.out("Linux\n")
        }
        return 0
    }

    static let ps: Applet = { _, io, host in
        io.out("PID   USER     TIME  COMMAND\n")
        let user = uid(host) == 0 ? "root" : String(uid(host))
        io.out("    1 \(user.padding(toLength: 8, withPad: " ", startingAt: 0))  0:00 \(host.ctx.commandLine)\n")
        host.ctx.lastPID += 6
        io.out("\(String(host.ctx.lastPID).leftPadded(5, with: " ")) \(user.padding(toLength: 8, withPad: " ", startingAt: 0))  0:00 ps\n")
        return 0
    }

    static let df: Applet = { argv, io, host in
        let human = argv.contains("-h")
        io.out(human ? "Filesystem                Size      Used Available Use% Mounted on\n"
                     : "Filesystem           1K-blocks      Used Available Use% Mounted on\n")
        let used = 6_281_476 + host.fs.layerBytes / 1024
        let rows: [(String, Int, Int, String)] = [("overlay", 98_831_908, used, "/"), ("tmpfs", 65_536, 0, "/dev"),
                                                  ("shm", 65_536, 0, "/dev/shm")]
        for (fs, total, u, mount) in rows + host.ctx.fs.mounts.map({ ("/dev/sda1", 98_831_908, used, $0.mountPath) }) {
            let pct = total == 0 ? 0 : (u * 100 + total - 1) / total
            if human {
                let h = { (k: Int) -> String in k >= 1_048_576 ? String(format: "%.1fG", Double(k) / 1_048_576) : String(format: "%.1fM", Double(k) / 1024) }
                io.out("\(fs.padding(toLength: 20, withPad: " ", startingAt: 0))\(h(total).leftPadded(10, with: " "))\(h(u).leftPadded(10, with: " "))\(h(total - u).leftPadded(10, with: " "))\("\(pct)%".leftPadded(5, with: " ")) \(mount)\n")
            } else {
                io.out("\(fs.padding(toLength: 20, withPad: " ", startingAt: 0))\(String(total).leftPadded(10, with: " "))\(String(u).leftPadded(10, with: " "))\(String(total - u).leftPadded(10, with: " "))\("\(pct)%".leftPadded(5, with: " ")) \(mount)\n")
            }
        }
        return 0
    }

    static let free: Applet = { _, io, host in
        let used = (host.ctx.baselineMemory + host.ctx.extraMemory) / 1024
        io.out("              total        used        free      shared  buff/cache   available\n")
        io.out("Mem:        4021088     \(String(used + 1_204_112).leftPadded(7, with: " "))     1448760        1664     1368216     2532100\n")
        io.out("Swap:             0           0           0\n")
        return 0
    }

    static let which: Applet = { argv, io, host in
        var status: Int32 = 0
        for name in argv.dropFirst() {
            if host.command(name) != nil { io.out(host.path(of: name) + "\n") } else { status = 1 }
        }
        return status
    }

    /// Sizes like `150M`, `1Gi`, `512k` in bytes (stress and vish/stress).
    static func bytes(_ s: String) -> Int64? {
        let units: [(String, Int64)] = [("Gi", 1 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10), ("G", 1 << 30), ("M", 1 << 20),
                                        ("K", 1 << 10), ("g", 1 << 30), ("m", 1 << 20), ("k", 1 << 10), ("B", 1), ("b", 1)]
        for (u, m) in units where s.hasSuffix(u) { return Int64(s.dropLast(u.count)).map { $0 * m } }
        return Int64(s)
    }

    /// `stress --vm 1 --vm-bytes 150M --vm-hang 1 [--cpu N] [--timeout N]` and vish/stress's `-cpus N -mem-total X`.
    static let stress: Applet = { argv, io, host in
        var vmBytes: Int64 = 0, cpus = 0, vms = 0
        var timeout: Duration?
        var args = Array(argv.dropFirst())
        while !args.isEmpty {
            let a = args.removeFirst()
            let v = args.first ?? ""
            switch a {
            case "--vm", "-m": vms = Int(v) ?? 1; args.removeFirst()
            case "--vm-bytes", "-mem-total": vmBytes = bytes(v) ?? 0; args.removeFirst()
            case "--cpu", "-c", "-cpus": cpus = Int(v) ?? 1; args.removeFirst()
            case "--timeout", "-t": timeout = duration(v); args.removeFirst()
            case "--vm-hang", "--io", "-i", "--hdd", "-mem-alloc-size", "-mem-alloc-sleep": if !args.isEmpty { args.removeFirst() }
            default: continue
            }
        }
        if argv.first.map(Applets.base) == "stress", !host.ctx.image.image.hasShell || argv.first == "/stress" {
            host.ctx.log("I1126 09:00:00.000000       1 main.go:26] Allocating \"\(vmBytes)\" memory, in \"4Ki\" chunks, with a 1ms sleep between allocations", .stderr)
        } else {
            io.err("stress: info: [1] dispatching hogs: \(cpus) cpu, 0 io, \(vms) vm, 0 hdd\n")
            if vms > 0, vmBytes == 0 { vmBytes = 256 << 20 }
        }
        let total = vmBytes * Int64(max(vms, 1))
        if total > 0 {
            if host.ctx.wouldExceedLimit(adding: total) { host.onOOM(); return 137 }
            host.ctx.extraMemory += total
        }
        if cpus > 0 { host.ctx.busyCPU = (cpus * 1000, timeout.map { host.now + $0 }) }
        if let timeout {
            _ = host.sleep(timeout)
            io.err("stress: info: [1] successful run completed in \(timeout.seconds)s\n")
            host.ctx.extraMemory -= total
            return 0
        }
        while host.sleep(.seconds(86_400)) {}
        return 143
    }

    static let dd: Applet = { argv, io, host in
        var bs: Int64 = 512, count: Int64 = 0
        var output: String?
        for a in argv.dropFirst() {
            let kv = a.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            switch kv[0] {
            case "bs": bs = bytes(kv[1]) ?? 512
            case "count": count = Int64(kv[1]) ?? 0
            case "of": output = kv[1]
            default: break
            }
        }
        let total = bs * count
        // Writing into memory-backed places holds the bytes (a tmpfs emptyDir, /dev/shm).
        if let out = output, out.hasPrefix("/dev/shm") || host.fs.mounts.contains(where: { out.hasPrefix($0.mountPath) && $0.name.contains("memory") }) {
            if host.ctx.wouldExceedLimit(adding: total) { host.onOOM(); return 137 }
            host.ctx.extraMemory += total
        }
        io.err("\(count)+0 records in\n\(count)+0 records out\n")
        io.err(host.userland == .busybox ? "\(total) bytes (\(String(format: "%.1f", Double(total) / 1_048_576))MB) copied, 0.012345 seconds, \(max(1, total / 12_345_000))MB/s\n"
                                       : "\(total) bytes copied, 0.0123456 s, \(max(1, total / 12_345_000)) MB/s\n")
        return 0
    }
}
