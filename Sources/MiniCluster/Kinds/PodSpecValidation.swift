// PodSpec and container validation (core ValidatePodSpec / validateContainerCommon), with upstream field paths.

enum PodSpecValidation {
    /// Validates a pod template (`metadata` labels/annotations + spec), as every workload embeds one.
    static func template(_ t: Value?, _ p: FieldPath) -> [FieldError] {
        guard let t, t.isObject else { return [FieldErrors.required(p)] }
        var errs = ObjectMetaValidation.labels(t[path: "metadata", "labels"], p.child("metadata", "labels"))
        errs += ObjectMetaValidation.annotations(t[path: "metadata", "annotations"], p.child("metadata", "annotations"))
        errs += spec(t["spec"] ?? .emptyObject, p.child("spec"), isPod: false)
        if !(t[path: "spec", "ephemeralContainers"]?.arrayValue?.isEmpty ?? true) {
            errs.append(FieldErrors.forbidden(p.child("spec", "ephemeralContainers"), "ephemeral containers not allowed in pod template"))
        }
        return errs
    }

    static func spec(_ s: Value, _ p: FieldPath, isPod: Bool) -> [FieldError] {
        var errs: [FieldError] = []
        if s["terminationGracePeriodSeconds"] == nil { errs.append(FieldErrors.required(p.child("terminationGracePeriodSeconds"))) }
        let (volumes, volErrs) = self.volumes(s.array(at: "volumes"), p.child("volumes"))
        errs += volErrs
        let containers = s.array(at: "containers")
        if containers.isEmpty {
            errs.append(FieldErrors.required(p.child("containers")))
        } else {
            var names = Set<String>()
            for (i, c) in containers.enumerated() {
                let cp = p.child("containers").index(i)
                errs += container(c, cp, volumes: volumes)
                let name = c.string(at: "name") ?? ""
                if names.contains(name) { errs.append(FieldErrors.duplicate(cp.child("name"), GoValue.quote(name))) }
                else { names.insert(name) }
                for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
                    if let pr = c[probe], pr.isObject { errs += self.probe(pr, cp.child(probe), kind: probe) }
                }
                for hook in ["postStart", "preStop"] {
                    if let h = c[path: "lifecycle", hook], h.isObject { errs += handler(h, cp.child("lifecycle", hook)) }
                }
                if c.has("restartPolicy") { errs.append(FieldErrors.forbidden(cp.child("restartPolicy"), "may not be set for non-init containers")) }
            }
            var initNames = names
            for (i, c) in s.array(at: "initContainers").enumerated() {
                let cp = p.child("initContainers").index(i)
                errs += container(c, cp, volumes: volumes)
                let name = c.string(at: "name") ?? ""
                if initNames.contains(name) { errs.append(FieldErrors.duplicate(cp.child("name"), GoValue.quote(name))) }
                else if !name.isEmpty { initNames.insert(name) }
                let sidecar = c.string(at: "restartPolicy") == "Always"
                if let rp = c.string(at: "restartPolicy"), rp != "Always" {
                    errs.append(FieldErrors.notSupported(cp.child("restartPolicy"), rp, ["Always"]))
                }
                for f in ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"] where c.has(f) {
                    if sidecar {
                        if f != "lifecycle", let pr = c[f] { errs += probe(pr, cp.child(f), kind: f) }
                    } else {
                        errs.append(FieldErrors.forbidden(cp.child(f), "may not be set for init containers without restartPolicy=Always"))
                    }
                }
            }
        }
        errs += enumValue(s.string(at: "restartPolicy"), p.child("restartPolicy"), ["Always", "OnFailure", "Never"])
        errs += enumValue(s.string(at: "dnsPolicy"), p.child("dnsPolicy"), ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"])
        errs += ObjectMetaValidation.labels(s["nodeSelector"], p.child("nodeSelector"))
        if let sa = s.string(at: "serviceAccountName"), !sa.isEmpty {
            errs += FieldErrors.each(NameRules.dns1123Subdomain(sa), p.child("serviceAccountName"), sa)
        }
        if let node = s.string(at: "nodeName"), !node.isEmpty {
            errs += FieldErrors.each(NameRules.dns1123Subdomain(node), p.child("nodeName"), node)
        }
        if let ad = s.int(at: "activeDeadlineSeconds"), ad < 1 || ad > Int(Int32.max) {
            errs.append(FieldErrors.invalid(p.child("activeDeadlineSeconds"), int: ad, NameRules.inclusiveRangeError(1, Int(Int32.max))))
        }
        for f in ["hostname", "subdomain"] {
            if let h = s.string(at: f), !h.isEmpty { errs += FieldErrors.each(NameRules.dns1123Label(h), p.child(f), h) }
        }
        errs += tolerations(s.array(at: "tolerations"), p.child("tolerations"))
        if let pp = s.string(at: "preemptionPolicy") {
            errs += enumValue(pp, p.child("preemptionPolicy"), ["PreemptLowerPriority", "Never"])
        }
        if let pc = s.string(at: "priorityClassName"), !pc.isEmpty {
            errs += FieldErrors.each(NameRules.dns1123Subdomain(pc), p.child("priorityClassName"), pc)
        }
        if s.string(at: "dnsPolicy") == "None", s["dnsConfig"] == nil {
            errs.append(FieldErrors.required(p.child("dnsConfig"), "must provide `dnsConfig` when `dnsPolicy` is None"))
        }
        if isPod {
            for key in ["containers", "initContainers"] {
                for (i, c) in s.array(at: key).enumerated() {
                    let img = c.string(at: "image") ?? ""
                    if img != img.trimmingGoSpace {
                        errs.append(FieldErrors.invalid(p.child(key).index(i).child("image"), string: img, "must not have leading or trailing whitespace"))
                    }
                }
            }
        }
        return errs
    }

    /// `Required` when empty, `Unsupported value` when not one of `supported`.
    static func enumValue(_ v: String?, _ p: FieldPath, _ supported: [String]) -> [FieldError] {
        let v = v ?? ""
        if v.isEmpty { return [FieldErrors.required(p)] }
        return supported.contains(v) ? [] : [FieldErrors.notSupported(p, v, supported)]
    }

    static func container(_ c: Value, _ p: FieldPath, volumes: Set<String>) -> [FieldError] {
        var errs: [FieldError] = []
        let name = c.string(at: "name") ?? ""
        if name.isEmpty { errs.append(FieldErrors.required(p.child("name"))) }
        else { errs += FieldErrors.each(NameRules.dns1123Label(name), p.child("name"), name) }
        if (c.string(at: "image") ?? "").isEmpty { errs.append(FieldErrors.required(p.child("image"))) }
        errs += enumValue(c.string(at: "terminationMessagePolicy"), p.child("terminationMessagePolicy"), ["File", "FallbackToLogsOnError"])
        errs += ports(c.array(at: "ports"), p.child("ports"))
        errs += env(c.array(at: "env"), p.child("env"))
        errs += envFrom(c.array(at: "envFrom"), p.child("envFrom"))
        var mountPaths = Set<String>()
        for (i, m) in c.array(at: "volumeMounts").enumerated() {
            let mp = p.child("volumeMounts").index(i)
            let n = m.string(at: "name") ?? ""
            if n.isEmpty { errs.append(FieldErrors.required(mp.child("name"))) }
            if !volumes.contains(n) { errs.append(FieldErrors.notFound(mp.child("name"), GoValue.quote(n))) }
            let path = m.string(at: "mountPath") ?? ""
            if path.isEmpty { errs.append(FieldErrors.required(mp.child("mountPath"))) }
            if mountPaths.contains(path) { errs.append(FieldErrors.invalid(mp.child("mountPath"), string: path, "must be unique")) }
            mountPaths.insert(path)
        }
        errs += enumValue(c.string(at: "imagePullPolicy"), p.child("imagePullPolicy"), ["Always", "IfNotPresent", "Never"])
        errs += resources(c["resources"], p.child("resources"))
        return errs
    }

    static let protocols = ["SCTP", "TCP", "UDP"]

    static func ports(_ ports: [Value], _ p: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        var names = Set<String>()
        for (i, port) in ports.enumerated() {
            let ip = p.index(i)
            if let n = port.string(at: "name"), !n.isEmpty {
                let msgs = NameRules.validPortName(n)
                if !msgs.isEmpty { errs += FieldErrors.each(msgs, ip.child("name"), n) }
                else if names.contains(n) { errs.append(FieldErrors.duplicate(ip.child("name"), GoValue.quote(n))) }
                else { names.insert(n) }
            }
            let cp = port.int(at: "containerPort") ?? 0
            if cp == 0 { errs.append(FieldErrors.required(ip.child("containerPort"))) }
            else if !(1...65535).contains(cp) { errs.append(FieldErrors.invalid(ip.child("containerPort"), int: cp, NameRules.inclusiveRangeError(1, 65535))) }
            if let hp = port.int(at: "hostPort"), hp != 0, !(1...65535).contains(hp) {
                errs.append(FieldErrors.invalid(ip.child("hostPort"), int: hp, NameRules.inclusiveRangeError(1, 65535)))
            }
            let proto = port.string(at: "protocol") ?? ""
            if proto.isEmpty { errs.append(FieldErrors.required(ip.child("protocol"))) }
            else if !protocols.contains(proto) { errs.append(FieldErrors.notSupported(ip.child("protocol"), proto, protocols)) }
        }
        return errs
    }

    static func env(_ vars: [Value], _ p: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, e) in vars.enumerated() {
            let ep = p.index(i)
            let name = e.string(at: "name") ?? ""
            if name.isEmpty { errs.append(FieldErrors.required(ep.child("name"))) }
            else { errs += FieldErrors.each(NameRules.envVarName(name), ep.child("name"), name) }
            guard let from = e["valueFrom"], from.isObject else { continue }
            let fp = ep.child("valueFrom")
            let sources = ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef"].filter { from.has($0) }
            for ref in ["configMapKeyRef", "secretKeyRef"] where from.has(ref) {
                let r = from[ref] ?? .emptyObject
                let n = r.string(at: "name") ?? ""
                errs += FieldErrors.each(NameRules.dns1123Subdomain(n), fp.child(ref, "name"), n)
                let key = r.string(at: "key") ?? ""
                if key.isEmpty { errs.append(FieldErrors.required(fp.child(ref, "key"))) }
                else { errs += FieldErrors.each(NameRules.configMapKey(key), fp.child(ref, "key"), key) }
            }
            if from.has("fieldRef"), (from[path: "fieldRef", "fieldPath"]?.stringValue ?? "").isEmpty {
                errs.append(FieldErrors.required(fp.child("fieldRef", "fieldPath")))
            }
            if sources.isEmpty {
                errs.append(FieldErrors.invalid(fp, string: "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"))
            } else if !(e.string(at: "value") ?? "").isEmpty {
                errs.append(FieldErrors.invalid(fp, string: "", "may not be specified when `value` is not empty"))
            } else if sources.count > 1 {
                errs.append(FieldErrors.invalid(fp, string: "", "may not have more than one field specified at a time"))
            }
        }
        return errs
    }

    static func envFrom(_ list: [Value], _ p: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, e) in list.enumerated() {
            let ep = p.index(i)
            let sources = ["configMapRef", "secretRef"].filter { e.has($0) }
            for s in sources {
                let n = e[path: s, "name"]?.stringValue ?? ""
                if n.isEmpty { errs.append(FieldErrors.required(ep.child(s, "name"))) }
                else { errs += FieldErrors.each(NameRules.dns1123Subdomain(n), ep.child(s, "name"), n) }
            }
            if sources.isEmpty { errs.append(FieldErrors.invalid(p, string: "", "must specify one of: `configMapRef` or `secretRef`")) }
            else if sources.count > 1 { errs.append(FieldErrors.invalid(p, string: "", "may not have more than one field specified at a time")) }
        }
        return errs
    }

    static let standardContainerResources: Set<String> = ["cpu", "memory", "ephemeral-storage"]

    static func resources(_ r: Value?, _ p: FieldPath) -> [FieldError] {
        guard let r, r.isObject else { return [] }
        var errs: [FieldError] = []
        let limits = r["limits"]?.objectValue ?? [:]
        let requests = r["requests"]?.objectValue ?? [:]
        for (key, list) in [("limits", limits), ("requests", requests)] {
            for name in list.keys.sorted() {
                let fp = p.child(key).key(name)
                if !name.contains("/"), !standardContainerResources.contains(name), !name.hasPrefix("hugepages-") {
                    errs.append(FieldErrors.invalid(fp, string: name, "must be a standard resource for containers"))
                }
                if let q = list[name]?.quantityValue, q.sign < 0 {
                    errs.append(FieldErrors.invalid(fp, string: q.description, FieldErrors.negative))
                }
            }
        }
        for name in requests.keys.sorted() {
            guard let rq = requests[name]?.quantityValue, let lq = limits[name]?.quantityValue else { continue }
            if lq < rq {
                errs.append(FieldErrors.invalid(p.child("requests"), string: rq.description,
                                                "must be less than or equal to \(name) limit of \(lq.description)"))
            }
        }
        return errs
    }

    static func probe(_ pr: Value, _ p: FieldPath, kind: String) -> [FieldError] {
        var errs = handler(pr, p, probe: true)
        for f in ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"] {
            errs += FieldErrors.nonNegative(pr.int(at: f), p.child(f))
        }
        if kind != "readinessProbe", let st = pr.int(at: "successThreshold"), st != 1 {
            errs.append(FieldErrors.invalid(p.child("successThreshold"), int: st, "must be 1"))
        }
        return errs
    }

    /// Exactly one handler (exec, httpGet, tcpSocket, grpc; sleep for lifecycle hooks).
    static func handler(_ h: Value, _ p: FieldPath, probe: Bool = false) -> [FieldError] {
        var errs: [FieldError] = []
        var count = 0
        for kind in ["exec", "httpGet", "tcpSocket", probe ? "grpc" : "sleep"] where h.has(kind) {
            if count > 0 { errs.append(FieldErrors.forbidden(p.child(kind), "may not specify more than 1 handler type")); continue }
            count += 1
            let hp = p.child(kind)
            let v = h[kind] ?? .emptyObject
            switch kind {
            case "exec":
                if v.array(at: "command").isEmpty { errs.append(FieldErrors.required(hp.child("command"))) }
            case "httpGet":
                if (v.string(at: "path") ?? "").isEmpty { errs.append(FieldErrors.required(hp.child("path"))) }
                errs += portNumOrName(v["port"], hp.child("port"))
                let scheme = v.string(at: "scheme") ?? ""
                if !["HTTP", "HTTPS"].contains(scheme) { errs.append(FieldErrors.notSupported(hp.child("scheme"), scheme, ["HTTP", "HTTPS"])) }
            case "tcpSocket", "grpc":
                errs += portNumOrName(v["port"], hp.child("port"))
            default: break
            }
        }
        if count == 0 { errs.append(FieldErrors.required(p, "must specify a handler type")) }
        return errs
    }

    /// An IntOrString port: a number in 1–65535 or an IANA service name.
    static func portNumOrName(_ v: Value?, _ p: FieldPath) -> [FieldError] {
        switch v {
        case .string(let s)?: return FieldErrors.each(NameRules.validPortName(s), p, s)
        case let x?:
            let n = x.intValue ?? 0
            return (1...65535).contains(n) ? [] : [FieldErrors.invalid(p, int: n, NameRules.inclusiveRangeError(1, 65535))]
        case nil: return [FieldErrors.invalid(p, int: 0, NameRules.inclusiveRangeError(1, 65535))]
        }
    }

    /// Volume names (DNS-1123 labels, unique) and exactly one source each; returns the set of names.
    static func volumes(_ vols: [Value], _ p: FieldPath) -> (Set<String>, [FieldError]) {
        var names = Set<String>()
        var errs: [FieldError] = []
        for (i, v) in vols.enumerated() {
            let vp = p.index(i)
            let n = v.string(at: "name") ?? ""
            let sources = PodSpecDefaults.volumeSources.filter { v.has($0) }
            if sources.isEmpty { errs.append(FieldErrors.required(vp, "must specify a volume type")) }
            for extra in sources.dropFirst() {
                errs.append(FieldErrors.forbidden(vp.child(extra), "may not specify more than 1 volume type"))
            }
            if let claim = v["persistentVolumeClaim"], claim.isObject, (claim.string(at: "claimName") ?? "").isEmpty {
                errs.append(FieldErrors.required(vp.child("persistentVolumeClaim", "claimName")))
            }
            if let cm = v["configMap"], cm.isObject, (cm.string(at: "name") ?? "").isEmpty {
                errs.append(FieldErrors.required(vp.child("configMap", "name")))
            }
            if let s = v["secret"], s.isObject, (s.string(at: "secretName") ?? "").isEmpty {
                errs.append(FieldErrors.required(vp.child("secret", "secretName")))
            }
            if let hp = v["hostPath"], hp.isObject, (hp.string(at: "path") ?? "").isEmpty {
                errs.append(FieldErrors.required(vp.child("hostPath", "path")))
            }
            if n.isEmpty { errs.append(FieldErrors.required(vp.child("name"))) }
            else { errs += FieldErrors.each(NameRules.dns1123Label(n), vp.child("name"), n) }
            if names.contains(n) { errs.append(FieldErrors.duplicate(vp.child("name"), GoValue.quote(n))) }
            else if !n.isEmpty { names.insert(n) }
        }
        return (names, errs)
    }

    static func tolerations(_ list: [Value], _ p: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, t) in list.enumerated() {
            let tp = p.index(i)
            let key = t.string(at: "key") ?? ""
            let op = t.string(at: "operator") ?? ""
            if !key.isEmpty { errs += FieldErrors.each(NameRules.qualifiedName(key), tp.child("key"), key) }
            if key.isEmpty && op != "Exists" {
                errs.append(FieldErrors.invalid(tp.child("operator"), string: op,
                                                "operator must be Exists when `key` is empty, which means \"match all values and all keys\""))
            }
            let effect = t.string(at: "effect") ?? ""
            if t.has("tolerationSeconds"), effect != "NoExecute" {
                errs.append(FieldErrors.invalid(tp.child("effect"), string: effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"))
            }
            let value = t.string(at: "value") ?? ""
            switch op {
            case "Equal", "":
                let msgs = NameRules.labelValue(value)
                if !msgs.isEmpty { errs.append(FieldErrors.invalid(tp.child("operator"), string: value, msgs.joined(separator: ";"))) }
            case "Exists":
                if !value.isEmpty { errs.append(FieldErrors.invalid(tp.child("operator"), string: value, "value must be empty when `operator` is 'Exists'")) }
            default:
                errs.append(FieldErrors.notSupported(tp.child("operator"), op, ["Equal", "Exists"]))
            }
            if !effect.isEmpty, !["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(effect) {
                errs.append(FieldErrors.notSupported(tp.child("effect"), effect, ["NoSchedule", "PreferNoSchedule", "NoExecute"]))
            }
        }
        return errs
    }
}

extension String {
    /// The string without leading and trailing whitespace (Go's strings.TrimSpace, ASCII part).
    var trimmingGoSpace: String {
        let ws: Set<Character> = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"]
        var s = Substring(self)
        while let f = s.first, ws.contains(f) { s = s.dropFirst() }
        while let l = s.last, ws.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
