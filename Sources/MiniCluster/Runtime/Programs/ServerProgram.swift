// A long-running server: start-up lines written over its first moments, ports it listens on once ready, requests
// served by a handler, and its own way of ending on SIGTERM. nginx, httpd, redis, hello-app … are subclasses.
import Foundation

class ServerProgram: SimulatedProcess {
    /// Lines still to be written, with the instant each appears.
    private var pending: [(at: Timestamp, text: String, stream: LogLine.Stream)] = []
    /// When the ports start accepting connections.
    var readyAt: Timestamp
    var ports: Set<Int>
    /// The program exits on its own at this instant with this code (a database missing its password).
    var plannedExit: (at: Timestamp, code: Int32)?
    /// Requests served so far (nginx numbers its connections).
    var requests = 0

    /// When the program started: the container's start, or later when a shell in it started the program.
    let started: Timestamp

    init(ctx: ContainerContext, ports: Set<Int>, readyAfter: Duration = .milliseconds(0)) {
        self.ports = ports
        started = ctx.now
        readyAt = ctx.now + readyAfter
        super.init(ctx: ctx)
    }

    /// Queues a line to appear `after` the start.
    /// Makes room for `n` more queued lines at once (a program that knows how many it will queue).
    func reserveLines(_ n: Int) { pending.reserveCapacity(pending.count + n) }

    func emit(_ text: String, after: Duration = .milliseconds(0), _ stream: LogLine.Stream = .stdout) {
        pending.append((started + after, text, stream))
    }

    /// Writes the queued lines that are due, in order, stamped with their own instants.
    private func flushPending(upTo t: Timestamp) {
        guard !pending.isEmpty else { return }
        // Programs mostly queue their lines in order already: sorted only when they are not (sorting lines in
        // order leaves them as they are).
        if zip(pending, pending.dropFirst()).contains(where: { $1.at < $0.at }) { pending.sort { $0.at < $1.at } }
        var due = 0
        while due < pending.count, pending[due].at <= t { due += 1 }
        guard due > 0 else { return }
        let saved = ctx.now
        ctx.reserveLogLines(due)
        for i in 0..<due {
            ctx.now = pending[i].at
            ctx.log(pending[i].text, pending[i].stream)
        }
        // Taken off at once rather than one at a time (each would move the rest).
        pending.removeFirst(due)
        ctx.now = max(saved, ctx.now)
    }

    override func advance(to now: Timestamp) -> ProcessState {
        ctx.settle()
        guard isRunning else { return state }
        if let p = plannedExit, p.at <= now {
            flushPending(upTo: p.at)
            ctx.now = p.at
            exit(p.code, at: p.at)
            return state
        }
        flushPending(upTo: now)
        return super.advance(to: now)
    }

    override var nextWake: Timestamp? { isRunning ? plannedExit?.at : nil }

    /// Running, every start-up line written, no exit planned: nothing changes until a request or a signal.
    override var isQuiescent: Bool { isRunning && pending.isEmpty && plannedExit == nil }

    override func listens(on port: Int, now: Timestamp) -> Bool {
        advance(to: now) == .running && now >= readyAt && ports.contains(port)
    }

    override func http(_ request: HTTPRequest, port: Int, now: Timestamp) -> HTTPResponse? {
        guard listens(on: port, now: now) else { return nil }
        requests += 1
        return serve(request, port: port)
    }

    /// Answers one request (the program is running and listening on `port`).
    func serve(_ request: HTTPRequest, port: Int) -> HTTPResponse? { nil }

    /// The client address a server logs.
    func client(_ r: HTTPRequest) -> String { r.sourceIP ?? "10.8.0.1" }

    /// `[26/Nov/2026:09:00:05 +0000]`, the common log format's time.
    var clfTime: String {
        let c = ctx.now.civil
        let pad = SystemApplets.zeroPad
        return "[" + pad(c.day, 2) + "/" + LsDate.months[c.month - 1] + "/" + pad(c.year, 4) + ":" + pad(c.hour, 2) + ":"
            + pad(c.minute, 2) + ":" + pad(c.second, 2) + " +0000]"
    }

    /// `strftime` of the program's current time.
    func time(_ format: String) -> String { SystemApplets.strftime(format, ctx.now) }

    /// The program runs `cpuMilliseconds` of work for this request.
    func spend(_ cpuMilliseconds: Int64) { ctx.spend(cpuMilliseconds: cpuMilliseconds) }
}
