// One container of a pod as its kubelet tracks it: the current instance (running or exited), the one before it,
// what the kubelet is doing about it now (pulling, backing off …), and its probes.

/// One started instance of a container.
struct ContainerInstance {
    var containerID: String
    var startedAt: Timestamp
    /// Set once the program exited: exit code, containerd's reason, when.
    var exit: (code: Int32, reason: String, at: Timestamp)?
}

/// What the kubelet is doing about a container right now.
enum SlotActivity {
    /// Nothing started yet (shows as `ContainerCreating` or `PodInitializing`).
    case idle
    /// Pulling its image; the outcome is known once `until` is reached.
    case pulling(until: Timestamp, outcome: PullOutcome)
    /// Waiting with a reason (`ErrImagePull`, `ImagePullBackOff`, `CrashLoopBackOff`, `CreateContainerConfigError`
    /// …) until `retryAt`, when it tries again.
    case waiting(reason: String, message: String, retryAt: Timestamp)
    /// An instance is running.
    case running
    /// Asked to stop (liveness failure or pod deletion); killed at `killAt` if still running.
    case stopping(killAt: Timestamp)
    /// The instance exited; restarted after a short delay if the restart policy says so.
    case exited
}

final class ContainerSlot {
    let name: String
    let isInit: Bool
    /// Init containers with `restartPolicy: Always` keep running beside the app containers.
    let isSidecar: Bool
    var spec: Value { didSet { image = spec["image"]?.stringValue ?? "" } }
    var activity = SlotActivity.idle
    var current: ContainerInstance?
    var previous: ContainerInstance?
    var process: ContainerProcess?
    var previousProcess: ContainerProcess?
    /// How many instances were created before the current one.
    var restartCount = 0
    /// Its image changed in place: the next instance starts from the new image, whatever the restart policy.
    var specChanged = false
    var ready = false
    /// The startup probe passed (or there is none) for the current instance.
    var started = false
    var crashBackoff = Backoff()
    var pullBackoff = Backoff()
    /// Bumped whenever the instance changes, so timers of an old instance (probes, kills) do nothing.
    var generation = 0
    var probes: [ProbeState] = []
    /// The last waiting reason and message shown; the kubelet keeps showing it while it tries again.
    var lastWaiting: (reason: String, message: String)?

    init(spec: Value, isInit: Bool) {
        self.spec = spec
        self.image = spec["image"]?.stringValue ?? ""
        self.name = spec["name"]?.stringValue ?? ""
        self.isInit = isInit
        self.isSidecar = isInit && spec["restartPolicy"]?.stringValue == "Always"
    }

    /// The spec's image (read on every pull, event and status; kept as the spec changes).
    private(set) var image: String

    /// The container as its events name it (`spec.containers{web}`), once asked for (by `Kubelets.fieldPath`).
    var fieldPath: String?

    /// Its volumeMounts as status lists them (of the spec only the image changes on a running pod).
    private(set) lazy var statusMounts = PodStatusBuilder.statusMounts(spec)

    /// The status last built while the container had no instance, with the fields it was built from that can
    /// change: a pod's first writes (created, sandbox ready) show its waiting container alike.
    private var unstartedShown: (image: String, last: Value, ready: Bool, restartCount: Int, started: Bool, state: Value,
                                 value: Value)?

    /// Its status while it has no instance (no id; the image as written).
    func unstartedStatus(last: Value, ready: Bool, started: Bool, state: Value) -> Value {
        if let u = unstartedShown, u.ready == ready, u.started == started, u.restartCount == restartCount,
           Value.sameBytes(u.image, image), u.state.isIdentical(to: state), u.last.isIdentical(to: last) {
            return u.value
        }
        let value = PodStatusBuilder.containerStatus(id: nil, image: image, imageID: "", last: last, name: name, ready: ready,
                                                     restartCount: restartCount, started: started, state: state,
                                                     mounts: statusMounts)
        unstartedShown = (image, last, ready, restartCount, started, state, value)
        return value
    }

    private var startedText: (at: Timestamp, text: String)?
    /// An instance's start time as status shows it, formatted once per instance (by the kubelet's formatter, which
    /// has it already when the status is written at the instant the container started).
    func startedAtText(_ t: Timestamp, _ format: TimestampText) -> String {
        if let s = startedText, s.at == t { return s.text }
        let text = format(t)
        startedText = (t, text)
        return text
    }

    /// Pulling its image.
    var isPulling: Bool {
        if case .pulling = activity { return true }
        return false
    }

    var isRunning: Bool {
        if case .running = activity { return true }
        if case .stopping = activity { return true }
        return false
    }

    /// Whether this init container let the next one start: exited 0, or a sidecar that has started.
    var initDone: Bool {
        if isSidecar { return isRunning && started }
        if case .exited = activity, let e = current?.exit, e.code == 0 { return true }
        return false
    }
}
