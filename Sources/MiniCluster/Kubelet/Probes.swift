// Liveness, readiness and startup probes: one timer per probe at its period (never a global tick), results in
// kubelet's words, thresholds, and what a failure does (restart, unready).

enum ProbeKind: String {
    case startup = "Startup", liveness = "Liveness", readiness = "Readiness"
}

/// A probe of one container instance and its consecutive results.
final class ProbeState {
    let kind: ProbeKind
    let spec: Value
    var successes = 0
    var failures = 0

    /// Read once: the timer asks for them every period.
    let period: Duration
    let successThreshold: Int
    let failureThreshold: Int

    init(kind: ProbeKind, spec: Value) {
        self.kind = kind; self.spec = spec
        period = .seconds(Int64(max(1, spec["periodSeconds"]?.intValue ?? 10)))
        successThreshold = max(1, spec["successThreshold"]?.intValue ?? 1)
        failureThreshold = max(1, spec["failureThreshold"]?.intValue ?? 3)
    }

    private func int(_ key: String, _ fallback: Int) -> Int { spec[key]?.intValue ?? fallback }
    var initialDelay: Duration { .seconds(Int64(max(0, int("initialDelaySeconds", 0)))) }
    var timeoutSeconds: Int { max(1, int("timeoutSeconds", 1)) }
    /// The probe's own grace period for the kill it causes, if it has one.
    var terminationGracePeriod: Int? { spec["terminationGracePeriodSeconds"]?.intValue }
    /// An httpGet probe's request, built once for the pod and host IPs it was built for (it runs every period).
    var httpGet: (podIP: String, hostIP: String, request: HTTPRequest, scheme: String)?
    /// Set after a successful run whose result cannot change while the program's state generation stays put:
    /// later runs are replayed (queued in the program, materialised when observed) instead of run.
    var replay: (token: ReplayToken?, generation: Int)?
    /// The timer action that runs this probe.
    var tick: (() -> Void)?
}

/// Probe replay: in steady state a probe that succeeded against a quiescent program whose state has not moved
/// would succeed again and leave the same traces behind, so its runs are recorded as a periodic series and their
/// traces (access-log lines at their own instants, CPU, request counts) produced when someone looks. The timer
/// still fires at every period, so anything that changes the result is seen at exactly the run it would be.
public enum ProbeReplay {
    /// Off runs every probe for real (tests compare the two).
    public static var enabled = true
    /// Runs replayed so far (tests check replay happened at all).
    public static var replayedRuns = 0
}

enum ProbeRunner {
    /// Runs a probe once against a running process: success, or the failure text kubelet puts after
    /// `<Kind> probe failed: `.
    static func run(_ probe: ProbeState, container: Value, process: ContainerProcess, podIP: String, hostIP: String = "",
                    now: Timestamp) -> (ok: Bool, message: String) {
        let spec = probe.spec
        if let exec = spec["exec"] {
            let argv = (exec["command"]?.arrayValue ?? []).compactMap(\.stringValue)
            let r = process.exec(argv, stdin: "", now: now)
            var out = r.stdout + r.stderr
            while out.hasSuffix("\n") { out.removeLast() }
            return (r.status == 0, out)
        }
        if let get = spec["httpGet"] {
            let request: HTTPRequest, scheme: String
            if let built = probe.httpGet, built.podIP == podIP, built.hostIP == hostIP {
                (request, scheme) = (built.request, built.scheme)
            } else {
                let port = resolvePort(get["port"], container: container)
                scheme = (get["scheme"]?.stringValue ?? "HTTP").lowercased()
                let host = get["host"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? podIP
                var path = get["path"]?.stringValue ?? "/"
                if !path.hasPrefix("/") { path = "/" + path }
                var headers = ["User-Agent": "kube-probe/1.32", "Accept": "*/*"]
                for h in get["httpHeaders"]?.arrayValue ?? [] {
                    if let n = h["name"]?.stringValue { headers[n] = h["value"]?.stringValue ?? "" }
                }
                request = HTTPRequest(method: "GET", host: host, port: port, path: path, headers: headers,
                                      sourceIP: hostIP.isEmpty ? nil : hostIP)
                probe.httpGet = (podIP, hostIP, request, scheme)
            }
            let (host, port, path) = (request.host, request.port, request.path)
            guard let response = process.http(request, port: port, now: now) else {
                return (false, "Get \"\(scheme)://\(host):\(port)\(path)\": dial tcp \(host):\(port): connect: connection refused")
            }
            if (200..<400).contains(response.status) { return (true, "") }
            return (false, "HTTP probe failed with statuscode: \(response.status)")
        }
        if let tcp = spec["tcpSocket"] {
            let port = resolvePort(tcp["port"], container: container)
            let host = tcp["host"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? podIP
            if process.listens(on: port, now: now) { return (true, "") }
            return (false, "dial tcp \(host):\(port): connect: connection refused")
        }
        if let grpc = spec["grpc"] {
            let port = grpc["port"]?.intValue ?? 0
            switch process.grpcHealth(port: port, service: grpc["service"]?.stringValue ?? "", now: now) {
            case true?: return (true, "")
            case false?: return (false, "service unhealthy (responded with \"NOT_SERVING\")")
            case nil:
                return (false, "timeout: failed to connect service \"\(podIP):\(port)\" within \(probe.timeoutSeconds)s")
            }
        }
        return (true, "")
    }

    /// A probe port: a number, or the name of one of the container's ports.
    static func resolvePort(_ v: Value?, container: Value) -> Int {
        if let n = v?.intValue { return n }
        if let s = v?.stringValue {
            if let n = Int(s) { return n }
            for p in container["ports"]?.arrayValue ?? [] where p["name"]?.stringValue == s {
                return p["containerPort"]?.intValue ?? 0
            }
        }
        return 0
    }
}

extension PodWorker {
    /// The spec's probe fields, in the order their probes are kept (made once, not per container start).
    private static let probeKeys: [(String, ProbeKind)] = [("startupProbe", .startup), ("livenessProbe", .liveness),
                                                          ("readinessProbe", .readiness)]

    /// Whether the container spec has a probe field: most containers have none, and one pass over their keys
    /// (`Value.forEachField`) tells so sooner than looking each field up.
    static func mayHaveProbes(_ container: Value) -> Bool {
        var found = false
        container.forEachField(named: probeNames) { _, _ in found = true }
        return found
    }

    private static let probeNames = probeKeys.map(\.0)

    /// Sets up the probes of a freshly started instance.
    func startProbes(_ s: ContainerSlot) {
        s.probes = []
        if Self.mayHaveProbes(s.spec) {
            for (key, kind) in Self.probeKeys {
                if let spec = s.spec[key], spec.isObject { s.probes.append(ProbeState(kind: kind, spec: spec)) }
            }
        }
        s.started = !s.probes.contains { $0.kind == .startup }
        s.ready = s.started && !s.probes.contains { $0.kind == .readiness }
        let generation = s.generation
        let startedAt = s.current?.startedAt ?? now
        for p in s.probes {
            // One closure per probe, scheduled again every period (no allocation per run).
            let tick: () -> Void = { [weak self, weak s, weak p] in
                guard let self, let s, let p else { return }
                self.probeTick(s, p, generation: generation)
            }
            p.tick = tick
            kubelets.clock.schedule(at: firstRun(of: p, startedAt: startedAt), tick)
        }
    }

    /// The prober's worker for a probe ticks every period from when the kubelet took the pod on (its first sync,
    /// `startTime`), whatever its containers do; a tick probes only a running container whose initial delay is
    /// over (whole seconds since its start, truncated as the prober does). So a fresh instance's probe first runs
    /// at the first tick after its start that is past the delay, not at the instant it starts (when a server in it
    /// does not listen yet). A readiness probe whose result is not known yet also runs at once when the kubelet
    /// next syncs the pod's status, which it does when its relist (every second) sees the container running.
    func firstRun(of p: ProbeState, startedAt: Timestamp) -> Timestamp {
        let earliest = startedAt + p.initialDelay
        var at = nextTick(of: p, after: max(startedAt, Timestamp(ms: earliest.ms - 1)))
        if p.kind == .readiness {
            let relist = Timestamp(ms: (startedAt.ms / 1000 + 1) * 1000)
            if relist >= earliest, relist < at { at = relist }
        }
        return at
    }

    /// The first tick of `p`'s worker strictly after `instant`.
    func nextTick(of p: ProbeState, after instant: Timestamp) -> Timestamp {
        let period = max(1, p.period.ms)
        let since = max(0, instant.ms - startTime.ms)
        return Timestamp(ms: startTime.ms + (since / period + 1) * period)
    }

    private func probeTick(_ s: ContainerSlot, _ p: ProbeState, generation: Int) {
        guard !finished, !terminal, !terminating, s.generation == generation else { return }
        // The worker's ticker keeps its own beat: a run at the relist (readiness) does not move it.
        let next = nextTick(of: p, after: now)
        defer {
            if s.generation == generation, !(p.kind == .startup && s.started), let tick = p.tick {
                kubelets.clock.schedule(at: next, tick)
            }
            writeStatus()
        }
        guard nodeReady, s.isRunning, case .running = s.activity, let process = s.process else { return }
        if let r = p.replay {
            if ProbeReplay.enabled, r.generation == process.stateGeneration, s.started, p.kind != .readiness || s.ready,
               podQuiescent {
                if let token = r.token { process.replay(token, now: now) }
                ProbeReplay.replayedRuns &+= 1
                p.failures = 0
                p.successes += 1
                return
            }
            p.replay = nil
        }
        observeExits()
        guard s.generation == generation else { return }
        if p.kind != .startup, !s.started { return }
        let result = ProbeRunner.run(p, container: s.spec, process: process, podIP: podIP ?? "", hostIP: hostIP, now: now)
        if result.ok {
            p.failures = 0
            p.successes += 1
            guard p.successes >= p.successThreshold else { return }
            switch p.kind {
            case .startup:
                s.started = true
                s.ready = !s.probes.contains { $0.kind == .readiness }
                dirty = true
            case .readiness:
                if !s.ready { s.ready = true; dirty = true }
            case .liveness:
                break
            }
            if ProbeReplay.enabled, p.kind != .startup, p.kind != .readiness || s.ready, podQuiescent {
                if p.spec["httpGet"] != nil, let built = p.httpGet {
                    if let token = process.replayToken(for: built.request, port: built.request.port) {
                        p.replay = (token, process.stateGeneration)
                    }
                } else if p.spec["tcpSocket"] != nil {
                    p.replay = (nil, process.stateGeneration)
                }
            }
            return
        }
        p.successes = 0
        p.failures += 1
        event(s, type: "Warning", reason: "Unhealthy", message: "\(p.kind.rawValue) probe failed: \(result.message)")
        guard p.failures >= p.failureThreshold else { return }
        switch p.kind {
        case .readiness:
            if s.ready { s.ready = false; dirty = true }
        case .liveness, .startup:
            p.failures = 0
            let what = p.kind == .liveness ? "liveness" : "startup"
            stop(s, message: "Container \(s.name) failed \(what) probe, will be restarted",
                 grace: p.terminationGracePeriod ?? podGracePeriod)
        }
    }

    /// Every running program of the pod is quiescent, so the real tick's `observeExits` would change nothing.
    private var podQuiescent: Bool {
        for s in initSlots where s.isRunning { if !(s.process?.isQuiescent ?? true) { return false } }
        for s in slots where s.isRunning { if !(s.process?.isQuiescent ?? true) { return false } }
        return true
    }

    /// The pod's `terminationGracePeriodSeconds`.
    var podGracePeriod: Int { pod[path: "spec", "terminationGracePeriodSeconds"]?.intValue ?? 30 }

    /// SIGTERM now, SIGKILL after `grace` seconds if the program is still running.
    func stop(_ s: ContainerSlot, message: String, grace: Int) {
        guard s.isRunning, let process = s.process else { return }
        event(s, reason: "Killing", message: message)
        process.terminate(now: now)
        s.generation += 1
        dirty = true
        let killAt = now + .seconds(Int64(max(0, grace)))
        s.activity = .stopping(killAt: killAt)
        if case .exited(let code, let reason, let at) = process.advance(to: now) {
            handleExit(s, code: code, reason: reason, at: at)
            return
        }
        let generation = s.generation
        kubelets.clock.schedule(at: killAt) { [weak self, weak s] in
            guard let self, let s, !self.finished, s.generation == generation, case .stopping = s.activity else { return }
            self.forceKill(s)
            self.step()
        }
    }

    /// SIGKILL: the program ends now (137 unless the runtime says otherwise).
    func forceKill(_ s: ContainerSlot) {
        guard let process = s.process else { return }
        process.kill(now: now)
        if case .exited(let code, let reason, let at) = process.advance(to: now) {
            handleExit(s, code: code, reason: reason, at: at)
        } else {
            handleExit(s, code: 137, reason: "Error", at: now)
        }
    }
}
