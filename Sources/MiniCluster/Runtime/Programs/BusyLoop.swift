// A shell loop that never sleeps (`while true; do :; done`) burns CPU for as long as it runs. A real shell runs
// millions of commands a second; the simulation cannot, so it runs such a loop in bursts and charges each burst
// virtual time: the loop takes time, the cluster goes on meanwhile, and the work per virtual hour stays bounded.

/// Counts a shell's commands since it last slept and says when a burst is complete and what it costs.
struct BusyLoop {
    /// Commands in one burst.
    static let burst = 1000
    /// The first bursts cost this much each (50,000 commands a second, slower than a real shell but near it).
    static let firstCharge = Duration.milliseconds(20)
    /// Bursts charged `firstCharge` before the charge doubles with each further burst: a finite loop of up to
    /// 50,000 commands (counting to 15,000) ends within a second of virtual time.
    static let cheapBursts = 50
    /// The most one burst costs: an hour of a busy loop is about 120 bursts (120,000 commands, a few seconds of work
    /// in a debug build) instead of 180 million commands at the first rate — which hung scripts and the REPL.
    static let maxCharge = Duration.seconds(60)

    private var commands = 0
    private var bursts = 0

    /// Called before each command: the virtual time the burst costs once it is complete, else nil.
    mutating func tick() -> Duration? {
        commands += 1
        guard commands >= Self.burst else { return nil }
        commands = 0
        bursts += 1
        let doublings = min(max(0, bursts - Self.cheapBursts), 20)
        return Duration(ms: min(Self.maxCharge.ms, Self.firstCharge.ms << doublings))
    }

    /// The program slept on its own (`sleep`, a network wait): it is not busy any more.
    mutating func slept() {
        commands = 0
        bursts = 0
    }
}
