// The correlator's per source+object caches, bounded like client-go's (tools/record/events_cache.go, 1.32): the
// spam filter, the aggregator and the logger each keep a golang groupcache LRU of maxLruCacheEntries (4096) entries,
// where a Get and an Add both make an entry the most recent and an Add past the limit drops the least recent one.

extension EventRecorder {
    /// client-go's LRU size for each of the correlator's three caches (`maxLruCacheEntries`).
    static let correlatorCacheEntries = 4096

    /// One source and object's entries in the three caches. A class, so that a subject can remember the entry its
    /// last event went to (see `SourceObjectCache.entry`) and share it rather than copy it.
    final class SourceEntry {
        /// Changed only when a dropped entry that nothing else holds is taken for a new key (see `spare`).
        fileprivate(set) var key: SpamKey
        var caches = SourceObject()
        /// False once the cache has dropped the entry: a subject may still hold it, but it no longer answers for
        /// its key (a new event about the object starts a new entry, as in client-go).
        fileprivate(set) var isLive = true
        /// Whether the key's name is a DNS-1123 subdomain, once a subject has checked it (see `record`).
        var nameCheck: Bool?
        // The recency list, newest to oldest; the table owns the entries, so the links need not.
        fileprivate unowned(unsafe) var older: SourceEntry?
        fileprivate unowned(unsafe) var newer: SourceEntry?

        init(key: SpamKey) { self.key = key }

        /// What `SourceEntry(key:)` holds, in this entry's storage (its tables keep their room: only looked up,
        /// never listed, so their size changes no answer).
        fileprivate func reset(for key: SpamKey) {
            self.key = key
            caches.bucket = TokenBucket()
            caches.aggregates.removeAll()
            caches.observations.removeAll()
            caches.source = nil
            nameCheck = nil
            isLive = true
        }
    }

    /// client-go's three LRUs kept as one, by source and object (the spam filter's key, which the other two keys
    /// begin with). Every event makes its source+object the most recent, as every event goes through all three
    /// caches there. The spam filter's LRU is this one exactly. The aggregator's and the logger's count keys, not
    /// objects: an object has one per reason (and per message), so past 4,096 of those they drop an object's entry
    /// before this does, while this drops all of an object's entries at once. That can only show once more than
    /// 4,096 keys are seen between two events of one key; below 4,096 objects this never drops anything, so what
    /// is printed there is what the unbounded table printed.
    struct SourceObjectCache {
        let capacity: Int
        private var table: [SpamKey: SourceEntry] = [:]
        private unowned(unsafe) var newest: SourceEntry?
        private unowned(unsafe) var oldest: SourceEntry?
        /// The last dropped entry when nothing but the cache held it: the next new key takes it rather than
        /// allocating one (past 4,096 objects, each new one drops an old one).
        private var spare: SourceEntry?

        init(capacity: Int = EventRecorder.correlatorCacheEntries) {
            precondition(capacity > 0)
            self.capacity = capacity
        }

        var count: Int { table.count }

        /// The entry for `key` (client-go's Get, then Add): the one kept, or a new one, the least recently used
        /// dropped when that makes one too many. Either way it is now the most recent.
        mutating func entry(for key: SpamKey) -> SourceEntry {
            var made = false
            var spare = self.spare.take()
            let entry = Self.findOrMake(&table[key], key: key, spare: &spare, made: &made)
            self.spare = spare
            guard made else {
                touch(entry)
                return entry
            }
            link(entry)
            if table.count > capacity, var last = oldest {
                drop(last)
                // A subject may still hold it: then it stays as it is, dropped.
                if isKnownUniquelyReferenced(&last) { self.spare = last }
            }
            return entry
        }

        /// The entry for `key` if kept, without making it the most recent (for tests).
        func peek(_ key: SpamKey) -> SourceEntry? { table[key] }

        /// Keys from the most recent to the least (for tests).
        var keysByRecency: [SpamKey] {
            var keys: [SpamKey] = []
            var at = newest
            while let e = at { keys.append(e.key); at = e.older }
            return keys
        }

        /// Makes a kept entry the most recent: what `entry(for: entry.key)` does for it, without the lookup.
        mutating func touch(_ entry: SourceEntry) {
            assert(entry.isLive, "a dropped entry is not made recent: it is no longer its key's")
            guard entry !== newest else { return }
            unlink(entry)
            link(entry)
        }

        /// One probe for both the read and the insert.
        private static func findOrMake(_ slot: inout SourceEntry?, key: SpamKey, spare: inout SourceEntry?,
                                       made: inout Bool) -> SourceEntry {
            if let entry = slot { return entry }
            let entry: SourceEntry
            if let reused = spare.take() {
                reused.reset(for: key)
                entry = reused
            } else {
                entry = SourceEntry(key: key)
            }
            slot = entry
            made = true
            return entry
        }

        private mutating func link(_ entry: SourceEntry) {
            entry.older = newest
            entry.newer = nil
            newest?.newer = entry
            newest = entry
            if oldest == nil { oldest = entry }
        }

        private mutating func unlink(_ entry: SourceEntry) {
            if let newer = entry.newer { newer.older = entry.older } else { newest = entry.older }
            if let older = entry.older { older.newer = entry.newer } else { oldest = entry.newer }
            entry.older = nil
            entry.newer = nil
        }

        private mutating func drop(_ entry: SourceEntry) {
            unlink(entry)
            entry.isLive = false
            table[entry.key] = nil
        }
    }
}
