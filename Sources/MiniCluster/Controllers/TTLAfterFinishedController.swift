// The TTL-after-finished controller (pkg/controller/ttlafterfinished): deletes a finished Job that sets
// `ttlSecondsAfterFinished` once that many seconds have passed since it finished, with its pods (foreground
// propagation, as upstream). It records no events.

public final class TTLAfterFinishedController: Controller {
    public let name = "ttl-after-finished-controller"
    unowned let api: APIServer
    unowned let manager: ControllerManager
    let jobType: ResourceType

    public init(api: APIServer, manager: ControllerManager) {
        self.api = api
        self.manager = manager
        jobType = api.registry.lookup(kind: "Job")!
    }

    public var watchedResources: [ResourceType]? { [jobType] }

    public func keys(for e: WatchEvent) -> [String] {
        guard e.type != .deleted, e.object[path: "spec", "ttlSecondsAfterFinished"] != nil else { return [] }
        return [e.objectKey]
    }

    public func sync(_ key: String) {
        let (ns, n) = ControllerKey.split(key)
        guard let job = try? api.get(jobType, namespace: ns, name: n), job.deletionTimestamp == nil,
              let ttl = job[path: "spec", "ttlSecondsAfterFinished"]?.intValue,
              let finishedAt = Self.finishTime(job) else { return }
        let expiry = finishedAt + .seconds(Int64(ttl)), now = api.clock.now
        if now < expiry {
            manager.enqueue(key, for: self, after: expiry - now)
            return
        }
        _ = try? api.delete(jobType, namespace: ns, name: n, propagation: .foreground)
    }

    /// When the Job's `Complete` or `Failed` condition turned true.
    static func finishTime(_ job: Value) -> Timestamp? {
        guard let type = JobStatus.finished(job) else { return nil }
        let c = job[path: "status", "conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }
        return c?["lastTransitionTime"]?.stringValue.flatMap { Timestamp(rfc3339: $0) }
    }
}
