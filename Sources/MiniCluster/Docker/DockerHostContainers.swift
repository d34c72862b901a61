// Containers on the docker host: create and start through the runtime's programs, stop, restart, remove, exec,
import Foundation
// and requests to published ports (`curl localhost:8080`).

extension DockerHost {
    /// Docker's generated names: `adjective_surname`.
    static let adjectives = ["admiring", "brave", "clever", "dreamy", "eager", "focused", "gifted", "happy", "jolly",
                             "keen", "loving", "nifty", "quirky", "serene", "stoic", "tender", "upbeat", "vibrant",
                             "wizardly", "zealous"]
    static let surnames = ["babbage", "curie", "darwin", "einstein", "feynman", "goldberg", "hopper", "johnson",
                           "kepler", "lovelace", "mccarthy", "noether", "pascal", "ritchie", "shannon", "tesla",
                           "turing", "villani", "wozniak", "yonath"]

    /// Finds a container by name, full id or unique id prefix.
    public func container(_ ref: String) -> DockerContainer? {
        let name = ref.hasPrefix("/") ? String(ref.dropFirst()) : ref
        if let c = containers.first(where: { $0.name == name || $0.id == ref }) { return c }
        let matches = containers.filter { $0.id.hasPrefix(ref) }
        return matches.count == 1 && !ref.isEmpty ? matches.first : nil
    }

    /// Creates a container from a local image (the CLI pulls first when it is missing).
    public func create(_ o: DockerRunOptions) -> Result<DockerContainer, DockerError> {
        guard let img = image(o.image) else { return .failure(DockerError("No such image: \(o.image)")) }
        if let n = o.name {
            guard n.range(of: "^[a-zA-Z0-9][a-zA-Z0-9_.-]*$", options: .regularExpression) != nil else {
                return .failure(DockerError("Invalid container name (\(n)), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"))
            }
            if let other = containers.first(where: { $0.name == n }) {
                return .failure(DockerError("Conflict. The container name \"/\(n)\" is already in use by container \"\(other.id)\". You have to remove (or rename) that container to be able to reuse that name."))
            }
        }
        var name = o.name ?? ""
        while name.isEmpty || containers.contains(where: { $0.name == name }) {
            name = Self.adjectives[Int(random.next() % UInt64(Self.adjectives.count))] + "_" +
                Self.surnames[Int(random.next() % UInt64(Self.surnames.count))]
        }
        var id = ""
        for _ in 0..<4 {
            let s = String(random.next(), radix: 16)
            id += String(repeating: "0", count: 16 - s.count) + s
        }
        let entry = o.entrypoint ?? img.config.entrypoint ?? []
        let cmd = o.command.isEmpty ? (o.entrypoint != nil ? [] : img.config.cmd ?? []) : o.command
        let c = DockerContainer(id: id, name: name, image: img, imageName: o.image, argv: entry + cmd, created: now,
                                options: o)
        containers.append(c)
        return .success(c)
    }

    /// Starts a created or stopped container: its program begins now.
    public func start(_ c: DockerContainer) -> Result<Void, DockerError> {
        refresh()
        if c.running { return .success(()) }
        for p in c.ports {
            if let other = containers.first(where: { $0 !== c && $0.running && $0.ports.contains { $0.hostPort == p.hostPort } }) {
                _ = other
                return .failure(DockerError("driver failed programming external connectivity on endpoint \(c.name) (\(DockerDigest.of(c.id + "ep").dropFirst(7))): Bind for \(p.hostIP):\(p.hostPort) failed: port is already allocated"))
            }
        }
        let used = Set(containers.filter(\.running).map(\.ip))
        var n = 2
        while used.contains("172.17.0.\(n)") { n += 1 }
        c.ip = "172.17.0.\(n)"
        let repository = "kubetutor.local/img/\(c.image.shortID)"
        localCatalog.register(c.image.catalogImage(repository: repository, tag: "latest"))
        var spec: Value = ["name": .string(c.name), "image": .string(repository + ":latest")]
        // A shell on a terminal (`-it … sh`) waits for its input rather than exiting: the program holds until the
        // attached shell (openShell with main: true) exits.
        let argv = holdsShell(c) ? ["sleep", "2147483647"] : c.argv
        spec["command"] = .array(argv.prefix(1).map { .string($0) })
        spec["args"] = .array(argv.dropFirst().map { .string($0) })
        if let w = c.options.workdir { spec["workingDir"] = .string(w) } else if !c.image.config.workingDir.isEmpty {
            spec["workingDir"] = .string(c.image.config.workingDir)
        }
        var mounts: [VolumeMount] = []
        for v in c.options.volumes {
            let dir: VolumeDirectory
            if let files = v.files { dir = VolumeDirectory(files: files) } else {
                dir = volumes[v.source] ?? VolumeDirectory()
                volumes[v.source] = dir
            }
            mounts.append(VolumeMount(name: v.source, mountPath: v.target, readOnly: v.readOnly, directory: dir))
        }
        let env = c.env.map { e -> (name: String, value: String) in
            guard let eq = e.firstIndex(of: "=") else { return (e, "") }
            return (String(e[..<eq]), String(e[e.index(after: eq)...]))
        }
        let launch = ContainerLaunch(namespace: "docker", podName: c.shortID, podUID: c.id, podIP: c.ip,
                                     nodeName: "localhost", container: spec, pod: ["spec": ["hostname": .string(c.shortID)]],
                                     environment: env, mounts: mounts, restartCount: c.restartCount, network: network)
        switch runtime.start(launch, now: now) {
        case .failure(let e):
            c.finishedAt = now
            c.exitCode = e.message.contains("executable file not found") ? 127 : 126
            let message = e.message.replacingOccurrences(of: "failed to create containerd task: ", with: "failed to create task for container: ")
            return .failure(DockerError(message, runStatus: c.exitCode))
        case .success(let p):
            if let old = c.process { c.pastLogs += old.logs }
            c.process = p
            for w in c.writes { _ = p.exec(w, stdin: "", now: now) }
            c.running = true
            c.startedAt = now
            c.finishedAt = nil
            refresh()
            return .success(())
        }
    }

    /// Lets each running program catch up with the clock; notes exits and removes `--rm` containers.
    public func refresh() {
        for c in containers where c.running {
            guard let p = c.process else { continue }
            if case .exited(let code, _, let at) = p.advance(to: now) {
                c.running = false
                c.exitCode = code
                c.finishedAt = at
            }
        }
        containers.removeAll { $0.autoRemove && !$0.running && $0.finishedAt != nil }
    }

    /// The next instant a running container's program exits on its own, if any (foreground `docker run` waits).
    public func nextExit(of c: DockerContainer) -> Timestamp? { c.running ? c.process?.nextWake : nil }

    /// `docker stop`: SIGTERM, then SIGKILL when the program does not exit (the 10 s grace passes at once).
    public func stop(_ c: DockerContainer) {
        refresh()
        guard c.running, let p = c.process else { return }
        p.terminate(now: now)
        if case .exited(let code, _, _) = p.advance(to: now + .seconds(10)) {
            c.exitCode = code
        } else {
            p.kill(now: now)
            c.exitCode = 137
        }
        c.running = false
        c.finishedAt = now
        refresh()
    }

    /// `docker kill` / `rm -f`.
    public func kill(_ c: DockerContainer) {
        refresh()
        guard c.running, let p = c.process else { return }
        p.kill(now: now)
        c.running = false
        c.exitCode = 137
        c.finishedAt = now
    }

    public func restart(_ c: DockerContainer) -> Result<Void, DockerError> {
        stop(c)
        return start(c)
    }

    /// Removes a container; a running one only with `force`. Its writable layer goes with it.
    public func remove(_ c: DockerContainer, force: Bool) -> Result<Void, DockerError> {
        refresh()
        if c.running {
            guard force else {
                return .failure(DockerError("cannot remove container \"/\(c.name)\": container is running: stop the container before removing or force remove"))
            }
            kill(c)
        }
        containers.removeAll { $0 === c }
        return .success(())
    }

    /// `docker exec`: a command inside a running container.
    /// `clock` carries the command's waits (nil: they take no time); see ExecClock.
    public func exec(_ c: DockerContainer, _ argv: [String], stdin: String = "",
                     clock: ExecClock? = nil) -> Result<ExecResult, DockerError> {
        refresh()
        guard c.running, let p = c.process else {
            return .failure(DockerError("container \(c.id) is not running"))
        }
        let r = p.exec(argv, stdin: stdin, now: now, clock: clock)
        if r.status == 0 { c.writes.append(argv) }
        return .success(r)
    }

    /// Whether a running container publishes `port` on the host.
    public func publishes(_ port: Int) -> Bool {
        refresh()
        return containers.contains { $0.running && $0.ports.contains { $0.hostPort == port } }
    }

    /// Whether the container's main program is a shell with a terminal and open input (`run -it busybox sh`).
    public func holdsShell(_ c: DockerContainer) -> Bool {
        c.tty && c.interactive && c.argv.count == 1 && Applets.shells.contains(Applets.base(c.argv[0]))
    }

    /// An interactive shell in a running container whose commands count as writes to its writable layer (a restart
    /// keeps them): `docker exec -it CONTAINER sh`, or with `main` the container's own shell (`docker run -it … sh`),
    /// whose exit stops the container with its status. Nil when the image has no such shell.
    public func openShell(_ c: DockerContainer, _ argv: [String], main: Bool = false,
                          clock: ExecClock? = nil) -> Result<ContainerShell?, DockerError> {
        refresh()
        guard c.running, let p = c.process else { return .failure(DockerError("container \(c.id) is not running")) }
        guard let shell = (p as? InteractiveContainer)?.openShell(argv, now: now, clock: clock) else { return .success(nil) }
        let recording = RecordingShell(shell: shell, container: c)
        if main {
            recording.onExit = { [unowned self] code in
                guard c.running, let p = c.process else { return }
                p.kill(now: self.now)
                c.running = false
                c.exitCode = code
                c.finishedAt = self.now
                self.refresh()
            }
        }
        return .success(recording)
    }

    /// An HTTP request to a published host port (`curl localhost:8080`); nil when nothing is published there
    /// (connection refused). A published port whose program does not listen resets the connection: `.some(nil)`.
    public func localhost(port: Int, _ request: HTTPRequest) -> HTTPResponse?? {
        refresh()
        guard let c = containers.first(where: { $0.running && $0.ports.contains { $0.hostPort == port } }),
              let p = c.process, let mapping = c.ports.first(where: { $0.hostPort == port }) else { return nil }
        var r = request
        r.sourceIP = "172.17.0.1"
        return .some(p.http(r, port: mapping.containerPort, now: now))
    }
}

/// The default bridge network: containers reach each other by IP (not by name, as on docker's default bridge).
final class DockerBridge: NetworkDialer {
    unowned let host: DockerHost
    init(host: DockerHost) { self.host = host }

    func resolve(_ name: String, fromNamespace namespace: String?) -> String? {
        if name == "localhost" { return "127.0.0.1" }
        return host.containers.contains { $0.running && $0.ip == name } ? name : nil
    }

    func send(_ request: HTTPRequest, fromNamespace namespace: String?, sourceIP: String?, now: Timestamp)
        -> Result<HTTPResponse, NetworkError> {
        guard let c = host.containers.first(where: { $0.running && $0.ip == request.host }), let p = c.process else {
            if resolve(request.host, fromNamespace: nil) == nil { return .failure(.unknownHost(request.host)) }
            return .failure(.connectionRefused)
        }
        guard let r = p.http(request, port: request.port, now: now) else { return .failure(.connectionRefused) }
        return .success(r)
    }
}

/// A container shell that remembers each successful line, so a restarted container replays it on its new process.
final class RecordingShell: ContainerShell {
    let shell: ContainerShell
    unowned let container: DockerContainer
    /// Called with the status when the shell exits.
    var onExit: ((Int32) -> Void)?
    init(shell: ContainerShell, container: DockerContainer) { self.shell = shell; self.container = container }
    var prompt: String { shell.prompt }
    func run(line: String, now: Timestamp) -> (result: ExecResult, exited: Int32?) {
        let r = shell.run(line: line, now: now)
        if let code = r.exited { onExit?(code) }
        if r.exited == nil, r.result.status == 0, !line.trimmingCharacters(in: .whitespaces).isEmpty {
            container.writes.append(["sh", "-c", line])
        }
        return r
    }
}
