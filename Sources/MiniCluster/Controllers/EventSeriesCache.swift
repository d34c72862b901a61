// kube-scheduler records through events.k8s.io (tools/events/event_broadcaster.go, client-go 1.32), whose
// broadcaster keeps each event it wrote in `eventCache` and folds a repeat into it. Nothing bounds that map by
// size; a loop, finishSeries, runs when recording starts and every 6 minutes after, and forgets each event last
// seen (its own time, or its series' last observation) more than 6 minutes before the run, so a repeat after that
// starts a new Event. (refreshExistingEventSeries, every 30 minutes, rewrites series but forgets none.)

extension EventRecorder {
    /// `eventCache` on the virtual clock: the finishSeries runs fall at fixed instants from the recorder's start
    /// and are caught up when the next event comes, before it is looked up (a run at that very instant first).
    struct SeriesCache {
        static let finishMs: Int64 = 360_000

        struct Folded {
            var namespace, name: String
            var lastSeenMs: Int64
        }

        private var table: [FoldKey: Folded] = [:]
        /// When recording started (finishSeries' first run), and the last run caught up.
        let startMs: Int64
        private var lastRunMs: Int64

        init(startMs: Int64) {
            self.startMs = startMs
            lastRunMs = startMs
        }

        var count: Int { table.count }

        /// The finishSeries run that forgets an event last seen at `ms`: the first one more than 6 minutes later.
        func forgettingRunMs(lastSeen ms: Int64) -> Int64 {
            let period = Self.finishMs
            return startMs + (max(0, ms - startMs + period) / period + 1) * period
        }

        /// Runs every finishSeries due by `nowMs` that has not run yet.
        mutating func catchUp(toMs nowMs: Int64) {
            guard nowMs - lastRunMs >= Self.finishMs else { return }
            lastRunMs += (nowMs - lastRunMs) / Self.finishMs * Self.finishMs
            let runMs = lastRunMs
            table = table.filter { forgettingRunMs(lastSeen: $0.value.lastSeenMs) > runMs }
        }

        /// The Event a repeat of `key` folds into, now seen again at `nowMs`; nil when there is none.
        mutating func repeatOf(_ key: FoldKey, atMs nowMs: Int64) -> (namespace: String, name: String)? {
            Self.seenAgain(&table[key], atMs: nowMs)
        }

        private static func seenAgain(_ slot: inout Folded?, atMs nowMs: Int64) -> (namespace: String, name: String)? {
            guard slot != nil else { return nil }
            slot!.lastSeenMs = nowMs
            return (slot!.namespace, slot!.name)
        }

        /// Remembers the Event written for `key` at `nowMs`.
        mutating func wrote(_ key: FoldKey, namespace: String, name: String, atMs nowMs: Int64) {
            table[key] = Folded(namespace: namespace, name: name, lastSeenMs: nowMs)
        }
    }
}
