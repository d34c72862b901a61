// The correlator's per source+object tables (aggregate records by type and reason, observations by what the
// logger keys on). One object's events have a handful of reasons and messages (a container's Pulled, Created,
// Started), so these are searched in order: comparing a short reason costs less than hashing a long message, and
// an empty table allocates nothing. A dictionary indexes a table that grows past `linearLimit` keys, so an object
// with many distinct messages costs what it did.

extension EventRecorder {
    struct KeyedRecords<Key: Hashable, Record> {
        static var linearLimit: Int { 16 }

        // Keys apart from records: a key compared in a buffer of keys is read in place, where one in a buffer of
        // pairs was copied (retaining its strings) for each comparison.
        private var keys: [Key] = []
        private var records: [Record] = []
        /// Where each key is, once there are more than `linearLimit` of them.
        private var positions: [Key: Int] = [:]

        var isEmpty: Bool { keys.isEmpty }
        var count: Int { keys.count }

        private func position(of key: Key) -> Int? {
            if keys.count > Self.linearLimit { return positions[key] }
            return keys.withUnsafeBufferPointer { buffer in
                var i = 0
                while i < buffer.count {
                    if buffer[i] == key { return i }
                    i += 1
                }
                return nil
            }
        }

        /// Edits the record of `key`, made by `make` when there is none (`make` runs only then, as a dictionary's
        /// `default:` does). The key is taken, not borrowed: a new one is moved into the table, not copied.
        mutating func edit<R>(_ key: consuming Key, default make: () -> Record, _ body: (inout Record) -> R) -> R {
            if let i = position(of: key) { return body(&records[i]) }
            append(key, make())
            return body(&records[records.count - 1])
        }

        subscript(key: Key) -> Record? {
            get { position(of: key).map { records[$0] } }
            set {
                switch (position(of: key), newValue) {
                case let (i?, record?): records[i] = record
                case let (nil, record?): append(key, record)
                case let (i?, nil): remove(at: i)
                case (nil, nil): break
                }
            }
        }

        /// Empties the table, keeping its room (an entry reused for another object fills it again).
        mutating func removeAll() {
            keys.removeAll(keepingCapacity: true)
            records.removeAll(keepingCapacity: true)
            if !positions.isEmpty { positions = [:] }
        }

        private mutating func append(_ key: consuming Key, _ record: consuming Record) {
            // Room for a container's few reasons at once, rather than grown from one to two to four.
            if keys.capacity == 0 {
                keys.reserveCapacity(4)
                records.reserveCapacity(4)
            }
            let count = keys.count + 1
            if count > Self.linearLimit + 1 { positions[copy key] = count - 1 }
            keys.append(key)
            records.append(record)
            if count == Self.linearLimit + 1 { index() }
        }

        private mutating func remove(at i: Int) {
            keys.remove(at: i)
            records.remove(at: i)
            if keys.count > Self.linearLimit { index() } else if !positions.isEmpty { positions = [:] }
        }

        private mutating func index() {
            positions = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        }
    }
}
