// What a running container is made of, shared by its main program and the commands exec'd into it: the launch,
// the image, the files, the log, memory and CPU accounting, and the program's own idea of "now".
import Foundation

final class ContainerContext {
    let launch: ContainerLaunch
    let image: ResolvedImage
    /// Built when first looked at (an exec, a request served from files, a probe's check of what changed): most
    /// containers of a big rollout never are, and it is made from the launch and image alone, so building it later
    /// gives the same files.
    private(set) lazy var fs: ContainerFilesystem = makeFilesystem()
    /// Whether `fs` was built (until then no program changed a file).
    private(set) var hasFilesystem = false
    /// The environment every process of the container starts with, in order (image env, then the pod's); made
    /// from the launch and image alone, when first asked for.
    private(set) lazy var environment: [(String, String)] = Self.environment(
        hostname: hostname, image: image.image.env, version: image.tag.version, launch: launch.environment)
    let hostname: String
    let startedAt: Timestamp
    /// The program's current virtual time (the instant it is running at, which may trail the cluster's).
    var now: Timestamp
    private var lines: [LogLine] = []
    /// What the program wrote, oldest first (replayed probe runs included).
    var logs: [LogLine] { settle(); return lines }
    /// A line each stream began without ending it yet (a pair, not a dictionary: every log line looks here).
    private var partialOut = "", partialErr = ""
    private func partial(_ s: LogLine.Stream) -> String { s == .stdout ? partialOut : partialErr }
    private func setPartial(_ s: LogLine.Stream, _ text: String) { if s == .stdout { partialOut = text } else { partialErr = text } }
    /// The memory limit in bytes, when the container has one (read from the spec when first asked for).
    private(set) lazy var memoryLimit: Int64? = Self.memoryLimit(launch.container)
    /// The CPU limit in millicores (the CFS quota throttles usage to it).
    private(set) lazy var cpuLimit: Int? = Self.cpuLimit(launch.container)
    /// Memory the program holds besides its baseline (caches, `stress` allocations).
    var extraMemory: Int64 = 0
    var baselineMemory: Int64
    /// Millicores the program burns while idle.
    var idleCPU: Int
    /// CPU milliseconds spent on work (requests, busy loops) per virtual second.
    private var cpuSpent: [Int64: Int64] = [:]
    /// Millicores burnt continuously until a time (`stress --cpu`, a busy loop).
    var busyCPU: (millicores: Int, until: Timestamp?)?
    /// PID 1's command line as `ps` shows it, joined when first asked for.
    private(set) lazy var commandLine: String = makeCommandLine()
    private let makeCommandLine: () -> String
    /// The last process id handed out (exec'd commands get new ones).
    var lastPID = 1
    /// Lines kept (the kubelet rotates logs at 10 MiB; this keeps memory bounded on busy loops).
    static let logCap = 20_000

    init(launch: ContainerLaunch, image: ResolvedImage, now: Timestamp, baselineMemory: Int64, idleCPU: Int,
         commandLine: @autoclosure @escaping () -> String) {
        self.launch = launch
        self.image = image
        self.now = now
        self.startedAt = now
        self.baselineMemory = baselineMemory
        self.idleCPU = idleCPU
        makeCommandLine = commandLine
        hostname = launch.pod[path: "spec", "hostname"]?.stringValue ?? launch.podName
    }

    private func makeFilesystem() -> ContainerFilesystem {
        hasFilesystem = true
        var podFiles = DistroFiles.kubeletFiles(podName: launch.podName, namespace: launch.namespace, podIP: launch.podIP,
                                                hostname: hostname, subdomain: launch.pod[path: "spec", "subdomain"]?.stringValue)
        // The kubelet's few files are the only ones besides the image's (and replace the image's own): their
        // directories join the image's, worked out once per image since their paths are always the same. They lie
        // over the image's files, which every container of the image shares.
        let dirs = image.image.layout.directories(of: image.image.files, adding: DistroFiles.kubeletPaths)
        var moreDirs: [String] = []
        if image.image.program == .nginx, Self.isOldNginx(image.tag.version) {
            let page = "/usr/share/nginx/html/index.html"
            podFiles[page] = NginxFiles.oldWelcome
            moreDirs = ContainerFilesystem.parents(of: page)
        }
        let fs = ContainerFilesystem(imageFiles: image.image.files, podFiles: podFiles, directories: dirs, adding: moreDirs,
                                     mounts: launch.mounts)
        fs.cwd = launch.container["workingDir"]?.stringValue ?? image.image.workingDir
        return fs
    }

    /// `stateGeneration` of the files: before they are built, that of a filesystem with nothing written yet (its
    /// mounted volumes' generations).
    var filesGeneration: Int {
        if hasFilesystem { return fs.stateGeneration }
        var g = 0
        for m in launch.mounts { g &+= m.directory.generation }
        return g
    }

    static func memoryLimit(_ container: Value) -> Int64? {
        let memory = container[path: "resources", "limits", "memory"]
        if let q = memory?.stringValue.flatMap(Quantity.parseOrNil) { return q.value }
        if let n = memory?.intValue { return Int64(n) }
        return nil
    }

    static func cpuLimit(_ container: Value) -> Int? {
        let cpu = container[path: "resources", "limits", "cpu"]
        if let q = cpu?.stringValue.flatMap(Quantity.parseOrNil) { return Int(q.milliValue) }
        if let n = cpu?.intValue { return n * 1000 }
        return nil
    }

    /// Whether a line has a newline, looked for in its bytes at once (a String's UTF-8 view steps byte by byte;
    /// memchr looks at a word at a time).
    static func hasNewline(_ line: String) -> Bool {
        line.utf8.withContiguousStorageIfAvailable { b in
            guard let base = b.baseAddress, !b.isEmpty else { return false }
            return memchr(base, 10, b.count) != nil
        } ?? line.utf8.contains(10)
    }

    /// The environment every process of a container starts with: PATH and HOSTNAME, the image's variables (nginx's
    /// version as the tag names it), the kubelet's (`launch`), HOME; a name given again keeps its place and takes
    /// the later value.
    static func environment(hostname: String, image: [(String, String)], version: String,
                            launch: [(name: String, value: String)]) -> [(String, String)] {
        // Where each variable lands depends only on which names are equal, the same for every container of one
        // template: worked out for the last names seen. The names themselves are taken from this input.
        let layout: EnvironmentLayout
        if let l = lastLayout, l.matches(image: image, launch: launch) {
            layout = l
        } else {
            layout = EnvironmentLayout(names: image.map(\.0) + launch.map(\.name))
            lastLayout = layout
        }
        var env = layout.start
        env[1].1 = hostname
        var k = 0
        func put(_ n: String, _ v: String) {
            let slot = layout.slots[k]
            if layout.firsts[k] { env[slot] = (n, v) } else { env[slot].1 = v }
            k += 1
        }
        for (n, v) in image { put(n, n == "NGINX_VERSION" ? version : v) }
        for (n, v) in launch { put(n, v) }
        env[layout.home].1 = "/root"
        return env
    }

    /// Where the variables of an environment land: for each name given, its place in the result and whether it
    /// is the first of its name there.
    struct EnvironmentLayout {
        let names: [String]
        /// The result with PATH (and HOME, when no name given is HOME) in place; every other entry is written over.
        let start: [(String, String)]
        let slots: [Int]
        let firsts: [Bool]
        let home: Int

        init(names: [String]) {
            self.names = names
            var start: [(String, String)] = [("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                                             ("HOSTNAME", "")]
            // A dictionary finds names the way `==` does (canonically equal spellings are one name).
            var index: [String: Int] = ["PATH": 0, "HOSTNAME": 1]
            index.reserveCapacity(names.count + 3)
            var slots: [Int] = [], firsts: [Bool] = []
            slots.reserveCapacity(names.count)
            firsts.reserveCapacity(names.count)
            for n in names {
                if let i = index[n] { slots.append(i); firsts.append(false); continue }
                index[n] = start.count
                slots.append(start.count)
                firsts.append(true)
                start.append((n, ""))
            }
            if let i = index["HOME"] { home = i } else { home = start.count; start.append(("HOME", "")) }
            self.start = start
            self.slots = slots
            self.firsts = firsts
        }

        /// Whether these are the names, in order, that the layout was made for (equal as `==` has it).
        func matches(image: [(String, String)], launch: [(name: String, value: String)]) -> Bool {
            guard names.count == image.count + launch.count else { return false }
            var i = 0
            for (n, _) in image { if names[i] != n { return false }; i += 1 }
            for (n, _) in launch { if names[i] != n { return false }; i += 1 }
            return true
        }
    }

    private static var lastLayout: EnvironmentLayout?

    /// The environment as it was built before layouts (tests compare the two).
    static func environmentByPut(hostname: String, image: [(String, String)], version: String,
                                 launch: [(name: String, value: String)]) -> [(String, String)] {
        var env: [(String, String)] = [("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                                       ("HOSTNAME", hostname)]
        func put(_ n: String, _ v: String) {
            if let i = env.firstIndex(where: { $0.0 == n }) { env[i].1 = v } else { env.append((n, v)) }
        }
        for (n, v) in image { put(n, n == "NGINX_VERSION" ? version : v) }
        for (n, v) in launch { put(n, v) }
        put("HOME", "/root")
        return env
    }

    /// The last version asked about (every container of one image asks about the same).
    private static var lastOldNginx: (version: String, old: Bool)?

    static func isOldNginx(_ version: String) -> Bool {
        if let l = lastOldNginx, l.version == version { return l.old }
        let old = workOutOldNginx(version)
        lastOldNginx = (version, old)
        return old
    }

    private static func workOutOldNginx(_ version: String) -> Bool {
        let parts = version.split(separator: ".").compactMap { Int($0) }
        return parts.count >= 2 && parts[0] == 1 && parts[1] < 19
    }

    /// Appends program output; complete lines become log lines stamped with the program's current time.
    func write(_ text: String, _ stream: LogLine.Stream = .stdout) {
        settle()
        var buffer = partial(stream) + text
        while let nl = buffer.firstIndex(of: "\n") {
            lines.append(LogLine(time: now, stream: stream, text: String(buffer[..<nl])))
            buffer = String(buffer[buffer.index(after: nl)...])
        }
        setPartial(stream, buffer)
        if lines.count > Self.logCap + Self.logCap / 4 { lines.removeFirst(lines.count - Self.logCap) }
    }

    /// Makes room for `n` more log lines at once (a program about to write several).
    func reserveLogLines(_ n: Int) { lines.reserveCapacity(lines.count + n) }

    /// Writes one line.
    func log(_ line: String, _ stream: LogLine.Stream = .stdout) {
        settle()
        // The common case (no partial line waiting, no newline inside) is one append, as `write` would make it.
        guard partial(stream).isEmpty, !Self.hasNewline(line) else { write(line + "\n", stream); return }
        lines.append(LogLine(time: now, stream: stream, text: line))
        if lines.count > Self.logCap + Self.logCap / 4 { lines.removeFirst(lines.count - Self.logCap) }
    }

    /// Flushes a last line without a newline (the program ended).
    func flush() {
        settle()
        for s in [LogLine.Stream.stdout, .stderr] where !partial(s).isEmpty {
            lines.append(LogLine(time: now, stream: s, text: partial(s)))
            setPartial(s, "")
        }
    }

    /// The exported environment a new process sees, as a dictionary.
    var environmentMap: [String: String] {
        Dictionary(environment, uniquingKeysWith: { _, b in b })
    }

    /// Whether holding `bytes` more would pass the memory limit (the kernel's OOM killer would fire).
    func wouldExceedLimit(adding bytes: Int64) -> Bool {
        guard let limit = memoryLimit else { return false }
        return baselineMemory + extraMemory + bytes > limit
    }

    /// Records CPU time spent now (a request served, a command run).
    func spend(cpuMilliseconds: Int64) {
        settle()
        let sec = now.ms / 1000
        cpuSpent[sec, default: 0] += cpuMilliseconds
        if cpuSpent.count > 120 { cpuSpent = cpuSpent.filter { $0.key > sec - 60 } }
    }

    /// Memory and CPU at `t`: the baseline plus allocations; idle CPU plus work averaged over the last 30 s
    /// (metrics-server reports a rate over a window, so a burst of requests shows for a while).
    func usage(at t: Timestamp) -> ResourceUsage {
        settle()
        let sec = t.ms / 1000
        let window: Int64 = 30
        var spent: Int64 = 0
        for (s, ms) in cpuSpent where s > sec - window && s <= sec { spent += ms }
        var cpu = idleCPU + Int(spent / window)
        if let b = busyCPU, b.until.map({ $0 > t }) ?? true { cpu += b.millicores }
        if let limit = cpuLimit { cpu = min(cpu, limit) }
        return ResourceUsage(cpuMillicores: cpu, memoryBytes: baselineMemory + extraMemory)
    }

    // MARK: Probe replay

    /// One probe's replayed runs: `count` runs `period` apart from `first`, `done` of them materialised.
    private struct ReplaySeries {
        let token: ReplayToken
        let first: Timestamp
        var period: Int64
        var count: Int
        var done = 0
    }
    private var replaySeries: [ReplaySeries] = []
    /// The series of each replayed run, in the order the runs happened (probes of one container interleave).
    private var replayOrder: [UInt16] = []
    private var settling = false

    /// Records a replayed run at `t`; what it leaves behind is produced by `settle`, in order, when observed.
    func queueReplay(_ token: ReplayToken, at t: Timestamp) {
        if replaySeries.count >= Int(UInt16.max) { settle() }
        if let i = replaySeries.lastIndex(where: { $0.token === token }) {
            let s = replaySeries[i]
            if s.count == 1, t.ms > s.first.ms {
                replaySeries[i].period = t.ms - s.first.ms
                replaySeries[i].count = 2
                replayOrder.append(UInt16(i))
                return
            }
            if s.count > 1, s.first.ms + s.period * Int64(s.count) == t.ms {
                replaySeries[i].count += 1
                replayOrder.append(UInt16(i))
                return
            }
        }
        replaySeries.append(ReplaySeries(token: token, first: t, period: 0, count: 1))
        replayOrder.append(UInt16(replaySeries.count - 1))
    }

    /// Materialises the queued replayed runs, oldest first, each at its own instant. Everything that reads or
    /// changes the container's output, CPU or program state calls this first.
    func settle() {
        guard !replayOrder.isEmpty, !settling else { return }
        settling = true
        let saved = now
        for i in replayOrder {
            let s = replaySeries[Int(i)]
            let t = Timestamp(ms: s.first.ms + s.period * Int64(s.done))
            replaySeries[Int(i)].done += 1
            if now < t { now = t }
            s.token.effect(t)
        }
        replayOrder.removeAll(keepingCapacity: true)
        replaySeries.removeAll(keepingCapacity: true)
        if now < saved { now = saved }
        settling = false
    }
}
