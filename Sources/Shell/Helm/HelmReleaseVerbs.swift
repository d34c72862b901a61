// `helm install|upgrade|rollback|uninstall`: render, apply through the API server, record the revision.
import Foundation
import MiniCluster

enum HelmReleaseVerbs {
    static let valueFlags = [
        FlagSpec("set", .stringArray, usage: "set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)"),
        FlagSpec("values", "f", .stringSlice, usage: "specify values in a YAML file or a URL (can specify multiple)"),
        FlagSpec("version", usage: "specify a version constraint for the chart version to use"),
    ]

    static let all: [HelmVerb] = [
        HelmVerb(path: "install", use: "helm install [NAME] [CHART] [flags]", args: (1, 2),
                 flags: valueFlags + [FlagSpec("create-namespace", .bool, default: "false", usage: "create the release namespace if not present"),
                                      FlagSpec("generate-name", "g", .bool, default: "false", usage: "generate the name (and omit the NAME parameter)")]) { c in
            try fail("INSTALLATION FAILED: ") {
                var args = c.args
                if c.flags.bool("generate-name") {
                    guard args.count == 1 else { throw HelmError("expected at most one argument when --generate-name is set") }
                    let chartName = args[0].split(separator: "/").last.map(String.init) ?? args[0]
                    args.insert("\(chartName)-\((c.session.currentCluster?.now.ms ?? 0) / 1000)", at: 0)
                } else if args.count < 2 {
                    throw HelmError("must either provide a name or specify --generate-name")
                }
                try install(c, name: args[0], chartRef: args[1])
            }
        },
        HelmVerb(path: "upgrade", use: "helm upgrade [RELEASE] [CHART] [flags]", args: (2, 2),
                 flags: valueFlags + [FlagSpec("install", "i", .bool, default: "false", usage: "if a release by this name doesn't already exist, run an install"),
                                      FlagSpec("reuse-values", .bool, default: "false", usage: "when upgrading, reuse the last release's values and merge in any overrides from the command line via --set and -f"),
                                      FlagSpec("reset-values", .bool, default: "false", usage: "when upgrading, reset the values to the ones built into the chart"),
                                      FlagSpec("create-namespace", .bool, default: "false", usage: "if --install is set, create the release namespace if not present")]) { c in
            let name = c.args[0], ns = c.namespace
            let kube = try c.kube("UPGRADE FAILED: ")
            let history = kube.history(name, namespace: ns)
            guard let current = history.last(where: { $0.status == "deployed" }) ?? history.last else {
                guard c.flags.bool("install") else { throw HelmError("UPGRADE FAILED: \"\(name)\" has no deployed releases") }
                c.io.outLine("Release \"\(name)\" does not exist. Installing it now.")
                try fail("INSTALLATION FAILED: ") { try install(c, name: name, chartRef: c.args[1]) }
                return
            }
            try fail("UPGRADE FAILED: ") {
                let chart = try HelmRepoVerbs.resolve(c.args[1], version: c.flags.string("version"), c.session)
                var config = try userValues(c)
                if c.flags.bool("reuse-values") { config = HelmValues.merge(current.config, config) }
                else if !c.flags.bool("reset-values"), config == .emptyObject { config = current.config }
                let next = try deploy(c, kube, chart: chart, name: name, namespace: ns, config: config, generated: current.generated,
                                      version: history.last!.version + 1, first: current.firstDeployed, previous: current,
                                      description: "Upgrade complete")
                try supersede(kube, history)
                c.io.outLine("Release \"\(name)\" has been upgraded. Happy Helming!")
                HelmInfoVerbs.printStatus(next, c.io)
            }
        },
        HelmVerb(path: "rollback", use: "helm rollback <RELEASE> [REVISION] [flags]", args: (1, 2)) { c in
            let name = c.args[0], ns = c.namespace
            let kube = try c.kube()
            let history = kube.history(name, namespace: ns)
            guard let last = history.last else { throw HelmError("release: not found") }
            let target: Int
            if c.args.count == 2 {
                guard let n = Int(c.args[1]), n >= 0 else { throw HelmError("invalid argument \"\(c.args[1])\" for \"helm rollback\"") }
                target = n == 0 ? last.version - 1 : n
            } else { target = last.version - 1 }
            guard let to = history.first(where: { $0.version == target }) else { throw HelmError("release has no \(target) version") }
            let current = history.last(where: { $0.status == "deployed" }) ?? last
            try kube.sync(old: current.manifest, new: to.manifest, namespace: ns)
            let now = kube.cluster.now
            var next = to
            next.version = last.version + 1; next.status = "deployed"; next.lastDeployed = now
            next.firstDeployed = history.first?.firstDeployed ?? now
            next.description = "Rollback to \(target)"
            try supersede(kube, history)
            try kube.store(next)
            c.io.outLine("Rollback was a success! Happy Helming!")
        },
        HelmVerb(path: "uninstall", use: "helm uninstall RELEASE_NAME [...] [flags]", args: (1, nil),
                 flags: [FlagSpec("keep-history", .bool, default: "false", usage: "remove all associated resources and mark the release as deleted, but retain the release history")]) { c in
            let kube = try c.kube()
            for name in c.args {
                let history = kube.history(name, namespace: c.namespace)
                guard let last = history.last, last.status != "uninstalled" else {
                    throw HelmError("uninstall: Release not loaded: \(name): release: not found")
                }
                try kube.delete(HelmKube.objects(last.manifest), namespace: c.namespace)
                if c.flags.bool("keep-history") {
                    var gone = last; gone.status = "uninstalled"; gone.description = "Deletion complete"
                    try kube.store(gone)
                } else {
                    kube.deleteRecords(name, namespace: c.namespace)
                }
                c.io.outLine("release \"\(name)\" uninstalled")
            }
        },
    ]

    /// Runs `body`, putting helm's action prefix (`INSTALLATION FAILED: `) before any error it throws.
    static func fail(_ prefix: String, _ body: () throws -> Void) throws {
        do { try body() } catch let e as HelmError {
            throw HelmError(e.message.hasPrefix(prefix) ? e.message : prefix + e.message)
        } catch let e as APIError { throw HelmError(prefix + e.message) }
    }

    static func install(_ c: HelmCall, name: String, chartRef: String) throws {
        try validateName(name)
        let ns = c.namespace, kube = try c.kube()
        let chart = try HelmRepoVerbs.resolve(chartRef, version: c.flags.string("version"), c.session)
        let config = try userValues(c)
        let history = kube.history(name, namespace: ns)
        if let last = history.last, last.status != "uninstalled" { throw HelmError("cannot re-use a name that is still in use") }
        let nsType = kube.cluster.registry.lookup(kind: "Namespace")!
        if (try? kube.api.get(nsType, namespace: nil, name: ns)) == nil {
            guard c.flags.bool("create-namespace") else { throw HelmError("create: failed to create: namespaces \"\(ns)\" not found") }
            try kube.api.create(nsType, ["apiVersion": "v1", "kind": "Namespace",
                                         "metadata": ["name": .string(ns), "labels": ["name": .string(ns)]]], namespace: nil)
        }
        var random = kube.api.random
        var generated: [String: String] = [:]
        for (k, n) in chart.generatedSecrets.sorted(by: { $0.key < $1.key }) {
            let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
            generated[k] = String((0..<n).map { _ in alphabet[random.int(in: 0...(alphabet.count - 1))] })
        }
        kube.api.random = random
        let r = try deploy(c, kube, chart: chart, name: name, namespace: ns, config: config, generated: generated,
                           version: (history.last?.version ?? 0) + 1, first: kube.cluster.now, previous: nil,
                           description: "Install complete")
        HelmInfoVerbs.printStatus(r, c.io)
    }

    /// Renders, checks ownership of objects that already exist, applies, and stores the new revision.
    static func deploy(_ c: HelmCall, _ kube: HelmKube, chart: HelmChart, name: String, namespace: String, config: Value,
                       generated: [String: String], version: Int, first: Timestamp, previous: HelmRelease?,
                       description: String) throws -> HelmRelease {
        let computed = HelmValues.merge(chart.defaults, config)
        let input = HelmRenderInput(release: name, namespace: namespace, values: computed, chart: chart, generated: generated)
        let templates = HelmKindOrder.sorted(chart.render(input))
        let manifest = templates.map { "---\n# Source: \($0.source)\n" + YAMLCodec.encode($0.object) }.joined()
        if previous == nil {
            for t in templates {
                guard let type = kube.cluster.registry.lookup(apiVersion: t.object.apiVersion, kind: t.object.kind) else { continue }
                if let e = kube.ownershipError(t.object, type: type, release: name, namespace: namespace) {
                    throw HelmError("Unable to continue with install: " + e)
                }
            }
        }
        try kube.sync(old: previous?.manifest ?? "", new: manifest, namespace: namespace)
        let now = kube.cluster.now
        let r = HelmRelease(name: name, namespace: namespace, version: version, status: "deployed", chart: chart, config: config,
                            computed: computed, generated: generated, manifest: manifest, notes: chart.notes(input),
                            first: first, last: now, description: description)
        try kube.store(r)
        return r
    }

    /// Every earlier deployed revision becomes superseded.
    static func supersede(_ kube: HelmKube, _ history: [HelmRelease]) throws {
        for var r in history where r.status == "deployed" {
            r.status = "superseded"
            try kube.store(r)
        }
    }

    /// `-f` files then `--set` pairs, merged in order.
    static func userValues(_ c: HelmCall) throws -> Value {
        var out: Value = .emptyObject
        for f in c.flags.strings("values") {
            guard case .success(let text) = c.session.readFile(f) else { throw HelmError("open \(f): no such file or directory") }
            let v: Value
            do { v = try YAMLCodec.decode(text) } catch { throw HelmError("failed to parse \(f): error converting YAML to JSON: \(error)") }
            if v.isObject { out = HelmValues.merge(out, v) }
        }
        for s in c.flags.strings("set") { out = HelmValues.merge(out, try HelmValues.parseSet(s)) }
        return out
    }

    static func validateName(_ name: String) throws {
        let ok = name.count <= 53 && name.range(of: #"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"#,
                                                options: .regularExpression) != nil
        if !ok {
            throw HelmError("release name \"\(name)\": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53")
        }
    }
}
