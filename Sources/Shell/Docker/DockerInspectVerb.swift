// `docker inspect` (and `image inspect`, `container inspect`): the object as the Engine API returns it, in a JSON
// array with 4-space indents, or through `--format` (Go templates).
import MiniCluster

struct DockerInspectVerb: DockerVerb {
    let path = "inspect"
    let usage = "docker inspect [OPTIONS] NAME|ID [NAME|ID...]"
    let summary = "Return low-level information on Docker objects"
    let flags = [FlagSpec("format", "f", .string, usage: "Format output using a custom template"),
                 FlagSpec("type", nil, .string, usage: "Return JSON for specified type")]
    var minArgs: Int? { 1 }

    func run(_ f: ParsedFlags, _ args: [String], _ c: DockerCall) -> Int32 {
        c.host.refresh()
        var values: [Value] = []
        var status: Int32 = 0
        let type = f.string("type")
        for a in args {
            if type != "image", let ct = c.host.container(a) { values.append(Self.container(ct, c.host)); continue }
            if type != "container", let img = c.host.image(a) { values.append(Self.image(img, c.host)); continue }
            c.io.errLine("Error: No such \(type.isEmpty ? "object" : type): \(a)")
            status = 1
        }
        if f.isSet("format") {
            do {
                let t = try GoTemplate(f.string("format"))
                for v in values { c.io.outLine(try t.execute(v)) }
            } catch {
                c.io.errLine("template parsing error: \(error)")
                return 1
            }
            return status
        }
        if values.isEmpty && status != 0 { c.io.outLine("[]") } else { c.io.out(JSONCodec.encode(.array(values))) }
        return status
    }

    static func strings(_ a: [String]?) -> Value { a.map { .array($0.map { .string($0) }) } ?? .null }

    static func config(_ cfg: DockerImageConfig, hostname: String = "", image: String = "") -> Value {
        var ports: Value = [:]
        for p in cfg.exposedPorts { ports[p] = .object([:]) }
        var labels: Value = [:]
        for (k, v) in cfg.labels.sorted(by: { $0.key < $1.key }) { labels[k] = .string(v) }
        return ["Hostname": .string(hostname), "User": .string(cfg.user),
                "ExposedPorts": cfg.exposedPorts.isEmpty ? .null : ports, "Env": strings(cfg.env), "Cmd": strings(cfg.cmd),
                "Image": .string(image), "WorkingDir": .string(cfg.workingDir), "Entrypoint": strings(cfg.entrypoint),
                "Labels": cfg.labels.isEmpty ? .null : labels]
    }

    static func image(_ img: DockerImage, _ h: DockerHost) -> Value {
        ["Id": .string(img.id),
         "RepoTags": .array(h.tags(of: img).map { .string(DockerHost.familiar($0)) }),
         "RepoDigests": .array(img.repoDigests.map { .string(DockerHost.familiar($0)) }),
         "Created": .string(img.created.rfc3339),
         "Config": config(img.config),
         "Architecture": "amd64", "Os": "linux",
         "Size": .int(Int(img.size)),
         "RootFS": ["Type": "layers", "Layers": .array(img.layers.map { .string($0) })]]
    }

    static func container(_ ct: DockerContainer, _ h: DockerHost) -> Value {
        var ports: Value = [:]
        for e in ct.image.config.exposedPorts { ports[e] = .null }
        for p in ct.ports {
            var bindings: [Value] = [["HostIp": .string(p.hostIP), "HostPort": .string(String(p.hostPort))]]
            if p.hostIP == "0.0.0.0" { bindings.append(["HostIp": "::", "HostPort": .string(String(p.hostPort))]) }
            ports["\(p.containerPort)/\(p.proto)"] = ct.running ? .array(bindings) : .null
        }
        var cfg = ct.image.config
        cfg.env = ct.image.config.env + ct.env
        cfg.cmd = ct.argv.count > (ct.image.config.entrypoint?.count ?? 0) ? Array(ct.argv.dropFirst(ct.image.config.entrypoint?.count ?? 0)) : nil
        let zero = "0001-01-01T00:00:00Z"
        return ["Id": .string(ct.id),
                "Created": .string(ct.created.rfc3339),
                "Path": .string(ct.argv.first ?? ""),
                "Args": .array(ct.argv.dropFirst().map { .string($0) }),
                "State": ["Status": .string(ct.state), "Running": .bool(ct.running), "Paused": false, "Restarting": false,
                          "OOMKilled": false, "Dead": false, "Pid": .int(ct.running ? 4000 + Int(ct.id.hashValueForPid) : 0),
                          "ExitCode": .int(Int(ct.exitCode)), "Error": "",
                          "StartedAt": .string(ct.startedAt?.rfc3339 ?? zero),
                          "FinishedAt": .string(ct.finishedAt?.rfc3339 ?? zero)],
                "Image": .string(ct.image.id),
                "Name": .string("/" + ct.name),
                "RestartCount": .int(ct.restartCount),
                "Mounts": .array(ct.options.volumes.map { v in
                    ["Type": .string(v.files == nil ? "volume" : "bind"), "Source": .string(v.source),
                     "Destination": .string(v.target), "RW": .bool(!v.readOnly)]
                }),
                "Config": config(cfg, hostname: ct.shortID, image: ct.imageName),
                "NetworkSettings": ["Ports": ports, "Gateway": ct.running ? "172.17.0.1" : "",
                                    "IPAddress": .string(ct.running ? ct.ip : ""), "IPPrefixLen": .int(ct.running ? 16 : 0)]]
    }
}

extension String {
    /// A small stable number for a simulated process id.
    var hashValueForPid: UInt16 {
        var h: UInt16 = 7
        for b in utf8 { h = h &* 31 &+ UInt16(b) }
        return h % 5000
    }
}
