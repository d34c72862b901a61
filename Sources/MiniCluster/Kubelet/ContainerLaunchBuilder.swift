// Builds the `ContainerLaunch` a runtime starts a container from: environment, mounts, expanded command and args.

extension Kubelets {
    /// The launch for a container of a pod, or why it cannot be configured (`CreateContainerConfigError`).
    func launch(for s: ContainerSlot, in w: PodWorker) -> Result<ContainerLaunch, ContainerStartError> {
        let env = EnvironmentResolver(api: api, pod: w.pod, container: s.spec, podIP: w.podIP ?? "", hostIP: w.hostIP,
                                      services: serviceVariables)
        let resolved: [(name: String, value: String)]
        do { resolved = try env.resolve() } catch let e as ConfigError {
            return .failure(ContainerStartError(reason: "CreateContainerConfigError", message: e.message))
        } catch {
            return .failure(ContainerStartError(reason: "CreateContainerConfigError", message: "\(error)"))
        }
        let hostname = w.pod[path: "spec", "hostname"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? w.name
        // HOSTNAME first, then the resolved variables (often the namespace's shared list: appended, not inserted into).
        var environment: [(name: String, value: String)] = []
        environment.reserveCapacity(resolved.count + 1)
        environment.append(("HOSTNAME", hostname))
        environment.append(contentsOf: resolved)

        var container = s.spec
        var known: [String: String]?
        for key in ["command", "args"] {
            // Items that are strings without a `$` come out as they are: the spec stays as it is.
            guard let items = container[key]?.arrayValue,
                  items.contains(where: { $0.stringValue.map { $0.utf8.contains(UInt8(ascii: "$")) } ?? true }) else { continue }
            let vars = known ?? Dictionary(environment.map { ($0.name, $0.value) }, uniquingKeysWith: { _, b in b })
            known = vars
            container[key] = .array(items.map { .string(EnvironmentResolver.expand($0.stringValue ?? "") { vars[$0] }) })
        }

        let volumes = VolumeResolver(api: api, pod: w.pod, env: env, clusterName: clusterName, memo: projectedVolumes)
        let specVolumes = w.pod[path: "spec", "volumes"]?.arrayValue ?? []
        var mounts: [VolumeMount] = []
        for m in s.spec["volumeMounts"]?.arrayValue ?? [] {
            let name = m["name"]?.stringValue ?? ""
            guard let v = specVolumes.first(where: { $0["name"]?.stringValue == name }) else { continue }
            let dir: VolumeDirectory
            if v["emptyDir"] != nil || v["hostPath"] != nil {
                dir = w.podVolumes[name] ?? VolumeDirectory()
                w.podVolumes[name] = dir
            } else if let claim = v[path: "persistentVolumeClaim", "claimName"]?.stringValue {
                let k = claimStorageKey(namespace: w.namespace, claim: claim)
                dir = claimDirectories[k] ?? VolumeDirectory()
                claimDirectories[k] = dir
            } else {
                do { dir = try volumes.directory(of: v) } catch let e as ConfigError {
                    return .failure(ContainerStartError(reason: "CreateContainerConfigError", message: e.message))
                } catch { dir = VolumeDirectory() }
            }
            let sub = m["subPath"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            mounts.append(VolumeMount(name: name, mountPath: m["mountPath"]?.stringValue ?? "", subPath: sub,
                                      readOnly: m["readOnly"]?.boolValue == true, directory: dir))
        }
        // The pod goes as the kubelet last read it: the runtime reads only its spec (the addresses are fields of
        // the launch), and writing them into a copy of its status cost a copy of the pod per container.
        return .success(ContainerLaunch(namespace: w.namespace, podName: w.name, podUID: w.uid, podIP: w.podIP ?? "",
                                        nodeName: w.nodeName, container: container, pod: w.pod, environment: environment,
                                        mounts: mounts, restartCount: s.current == nil ? 0 : s.restartCount + 1,
                                        network: network ?? UnreachableNetwork.shared))
    }

    /// Where a claim's data lives: with the PersistentVolume bound to it (by uid, so a new volume of the same name
    /// starts empty), or, for a claim not bound, with the claim itself.
    func claimStorageKey(namespace: String, claim: String) -> String {
        guard let pvc = api.registry.lookup(kind: "PersistentVolumeClaim"),
              let c = try? api.get(pvc, namespace: namespace, name: claim),
              let volume = c[path: "spec", "volumeName"]?.stringValue, !volume.isEmpty,
              let pvType = api.registry.lookup(kind: "PersistentVolume"),
              let pv = try? api.get(pvType, namespace: nil, name: volume) else { return namespace + "/" + claim }
        return "pv:" + pv.uid
    }

    /// Why the pod's volumes cannot be mounted yet (a missing ConfigMap or Secret), for `FailedMount`. Never for a
    /// pod being deleted: the kubelet tears a pod down without mounting anything, so a missing ConfigMap (or the
    /// kube-root-ca.crt a terminating namespace loses first) cannot keep it Terminating for ever.
    func mountError(for w: PodWorker) -> String? {
        if w.terminating { return nil }
        return MountCheck(api: api, namespace: w.pod.metadataNamespace ?? "default", memo: projectedVolumes)
            .mountError(w.pod[path: "spec", "volumes"]?.arrayValue ?? [])
    }
}

/// The network before the cluster has one: no name resolves, nothing answers.
final class UnreachableNetwork: NetworkDialer {
    static let shared = UnreachableNetwork()
    func resolve(_ host: String, fromNamespace namespace: String?) -> String? { nil }
    func send(_ request: HTTPRequest, fromNamespace namespace: String?, sourceIP: String?, now: Timestamp)
        -> Result<HTTPResponse, NetworkError> { .failure(.unknownHost(request.host)) }
}
