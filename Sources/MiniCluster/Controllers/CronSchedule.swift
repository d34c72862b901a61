// A parsed standard cron schedule (the five fields robfig/cron's ParseStandard reads, and its @descriptors), in
// UTC, with the next activation after a time. `Cron.validate` (Kinds/Batch.swift) words the errors; this only
// parses schedules that passed it.

struct CronSchedule: Equatable {
    /// Allowed values per field as bits: minute, hour, day of month, month, day of week.
    var minutes: UInt64 = 0, hours: UInt64 = 0, days: UInt64 = 0, months: UInt64 = 0, weekdays: UInt64 = 0
    /// Whether day of month / day of week were `*` or `?`: when either was, both must match; else either may.
    var anyDay = false, anyWeekday = false

    static let descriptors: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    /// nil for what `Cron.validate` rejects, and for `@every` and time-zone prefixes, which are not supported here.
    init?(_ text: String) {
        var s = text.trimmingGoSpace
        if let expanded = Self.descriptors[s] { s = expanded }
        let fields = s.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5, Cron.validate(s) == nil else { return nil }
        var bits: [UInt64] = []
        for (i, f) in fields.enumerated() {
            var b: UInt64 = 0
            for part in f.split(separator: ",") {
                guard let p = Self.bits(String(part), i) else { return nil }
                b |= p
            }
            bits.append(b)
        }
        (minutes, hours, days, months, weekdays) = (bits[0], bits[1], bits[2], bits[3], bits[4])
        anyDay = fields[2].hasPrefix("*") || fields[2].hasPrefix("?")
        anyWeekday = fields[4].hasPrefix("*") || fields[4].hasPrefix("?")
    }

    /// One `range[/step]` of field `field` as bits.
    private static func bits(_ expr: String, _ field: Int) -> UInt64? {
        let (lo, hi) = Cron.bounds[field]
        let parts = expr.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var start = lo, end = hi
        if parts[0] != "*" && parts[0] != "?" {
            let r = parts[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            func value(_ x: String) -> Int? { Cron.names[field][x.lowercased()] ?? Int(x) }
            guard let a = value(r[0]) else { return nil }
            start = a
            // A single value with a step runs to the field's end (robfig: `5/15` is 5,20,35,50).
            end = r.count > 1 ? (value(r[1]) ?? a) : (parts.count > 1 ? hi : a)
        }
        let step = parts.count > 1 ? (Int(parts[1]) ?? 1) : 1
        guard step > 0, start >= lo, end <= hi, start <= end else { return nil }
        var b: UInt64 = 0
        for v in stride(from: start, through: end, by: step) { b |= 1 << UInt64(v) }
        return b
    }

    private static func has(_ bits: UInt64, _ v: Int) -> Bool { bits & (1 << UInt64(v)) != 0 }

    /// Whether the schedule runs on this day.
    private func dayMatches(_ c: Timestamp.Civil, weekday: Int) -> Bool {
        guard Self.has(months, c.month) else { return false }
        let d = Self.has(days, c.day), w = Self.has(weekdays, weekday)
        return anyDay || anyWeekday ? d && w : d || w
    }

    /// The first activation strictly after `t` with the fields read as wall-clock time in `zone`.
    func next(after t: Timestamp, in zone: CronTimeZone) -> Timestamp? {
        var wallAfter = t + zone.offset(at: t)
        for _ in 0..<4 {
            guard let wall = next(after: wallAfter) else { return nil }
            // Back to an instant with the offset in force then (a DST change between shifts it).
            let guess = wall + Duration(ms: -zone.offset(at: t).ms)
            let at = wall + Duration(ms: -zone.offset(at: guess).ms)
            if at > t { return at }
            wallAfter = wall
        }
        return nil
    }

    /// The first activation strictly after `t` in UTC (within eight years; nil if none, e.g. `0 0 30 2 *`).
    func next(after t: Timestamp) -> Timestamp? {
        let minuteMs: Int64 = 60_000, dayMs: Int64 = 86_400_000
        let from = Timestamp(ms: (t.ms / minuteMs + 1) * minuteMs)  // the next whole minute
        var day = from.ms >= 0 ? from.ms / dayMs : (from.ms - dayMs + 1) / dayMs
        for _ in 0..<(366 * 8) {
            let start = Timestamp(ms: day * dayMs)
            let weekday = Int(((day + 4) % 7 + 7) % 7)  // 1970-01-01 was a Thursday
            if dayMatches(start.civil, weekday: weekday) {
                for h in 0..<24 where Self.has(hours, h) {
                    for m in 0..<60 where Self.has(minutes, m) {
                        let at = start + .minutes(Int64(h * 60 + m))
                        if at >= from { return at }
                    }
                }
            }
            day += 1
        }
        return nil
    }

    /// The activations in (`after`, `upTo`]: the latest, and how many there were. Long gaps (a CronJob suspended
    /// for weeks) are not walked through: as upstream, the count is estimated from the first two activations and
    /// the latest is looked for close to `now`.
    func mostRecent(after: Timestamp, upTo now: Timestamp, in zone: CronTimeZone = .utc,
                    walk limit: Int = 1_000) -> (time: Timestamp, missed: Int)? {
        guard let first = next(after: after, in: zone), first <= now else { return nil }
        var last = first, n = 1
        while let t = next(after: last, in: zone), t <= now {
            last = t
            n += 1
            guard n >= limit else { continue }
            let gap = max(1, (last - first).ms / Int64(n - 1))
            var from = now + Duration(ms: -2 * gap)
            if from < last { from = last }
            while let t = next(after: from, in: zone), t <= now { last = t; from = t }
            return (last, Int((now - first).ms / gap) + 1)
        }
        return (last, n)
    }
}
