// Which program a container runs: the argv Kubernetes builds from `command`/`args` and the image's ENTRYPOINT/CMD,
// then the image's program when argv names it, or a shell command line when it names a shell or an applet.

enum ProgramFactory {
    /// Kubernetes' rule: `command` replaces ENTRYPOINT (and drops CMD), `args` replaces CMD.
    static func argv(container: Value, image: CatalogImage) -> [String] {
        let command = container["command"]?.arrayValue?.compactMap(\.stringValue)
        let args = container["args"]?.arrayValue?.compactMap(\.stringValue)
        switch (command, args) {
        case let (c?, a?): return c + a
        case let (c?, nil): return c
        case let (nil, a?): return image.entrypoint + a
        case (nil, nil): return image.entrypoint + image.cmd
        }
    }

    /// The start error containerd reports for an executable the image lacks.
    static func notFound(_ name: String) -> ContainerStartError {
        ContainerStartError(reason: "RunContainerError", message: "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"\(name)\": executable file not found in $PATH: unknown")
    }

    /// The images' entrypoint scripts, which hand over to their program (a list: comparing three short names costs
    /// less than hashing one).
    private static let wrappers = ["/docker-entrypoint.sh", "docker-entrypoint.sh", "/entrypoint.sh"]

    static func make(_ launch: ContainerLaunch, image: ResolvedImage, now: Timestamp) -> Result<ContainerProcess, ContainerStartError> {
        var argv = argv(container: launch.container, image: image.image)
        if let first = argv.first, wrappers.contains(first), image.image.executables.contains(first) {
            argv.removeFirst()
            if argv.isEmpty { argv = image.image.cmd.filter { !wrappers.contains($0) } }
        }
        guard let first = argv.first else {
            return .failure(ContainerStartError(reason: "RunContainerError", message: "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: no command specified: unknown"))
        }
        let name = Applets.base(first)
        let ctx = ContainerContext(launch: launch, image: image, now: now, baselineMemory: 1 << 20, idleCPU: 1,
                                   commandLine: argv.joined(separator: " "))
        if let make = server(name: name, argv: argv, image: image.image) {
            let p = make(ctx)
            _ = p.advance(to: now)
            return .success(p)
        }
        let probe = AppletHost(ctx: ctx)
        guard probe.command(first) != nil || Applets.shells.contains(name) && image.image.hasShell else {
            return .failure(notFound(first))
        }
        ctx.baselineMemory = 512 << 10
        let p = ShellProgram(ctx: ctx, argv: argv)
        _ = p.advance(to: now)
        return .success(p)
    }

    /// A program made in a container's context.
    typealias Maker = (ContainerContext) -> SimulatedProcess

    /// The image's own program, when argv (whose first word's base is `name`) names it; the container's command or
    /// a shell in the container (`exec redis-server`) starts it.
    static func server(name: String, argv: [String], image: CatalogImage) -> Maker? {
        switch image.program {
        case .nginx where name == "nginx": return { NginxProgram(ctx: $0) }
        case .helloApp where name == "hello-app": return { HelloAppProgram(ctx: $0) }
        case .pause where name == "pause": return { PauseProgram(ctx: $0) }
        case .liveness where name == "server": return { LivenessProgram(ctx: $0) }
        case .goproxy where name == "goproxy": return { TCPServerProgram(ctx: $0, port: 8080) }
        case .etcd where name == "etcd": return { EtcdProgram(ctx: $0) }
        case .httpEcho where name == "http-echo": return { HTTPEchoProgram(ctx: $0, args: Array(argv.dropFirst())) }
        default: return moreServers(name: name, argv: argv, image: image)
        }
    }
}
