// Virtual time: the engine never reads the wall clock. A front end decides how this clock follows wall time.
import Foundation
import HeapModule

/// A point in virtual time, in milliseconds since the Unix epoch.
public struct Timestamp: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var ms: Int64
    public init(ms: Int64) { self.ms = ms }
    public init(seconds: Int64) { self.ms = seconds * 1000 }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.ms < b.ms }
    public static func + (a: Timestamp, d: Duration) -> Timestamp { Timestamp(ms: a.ms + d.ms) }
    public static func - (a: Timestamp, b: Timestamp) -> Duration { Duration(ms: a.ms - b.ms) }

    /// RFC 3339 in UTC with second precision, as the API server writes timestamps: `2026-11-26T09:00:00Z`.
    public var rfc3339: String {
        let c = civil, pad = SystemApplets.zeroPad  // every object's creationTimestamp: no Foundation formatter
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2) + "T" + pad(c.hour, 2) + ":" + pad(c.minute, 2)
            + ":" + pad(c.second, 2) + "Z"
    }

    /// Go's RFC 1123 with a numeric zone, as describe prints times: `Thu, 26 Nov 2026 09:43:53 +0000`.
    public var rfc1123Z: String {
        let c = civil
        let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let dayIndex = Int(((floorDiv(ms, 86_400_000) % 7) + 7) % 7)
        return String(format: "%@, %02d %@ %04d %02d:%02d:%02d +0000", days[dayIndex], c.day, months[c.month - 1],
                      c.year, c.hour, c.minute, c.second)
    }

    /// Parses `2026-11-26T09:00:00Z` (fractional seconds and numeric offsets accepted).
    public init?(rfc3339 s: String) {
        // Fast path for the canonical form the server writes: tables parse a timestamp per row.
        if let ms = Self.parseCanonical(s) { self.ms = ms; return }
        // MicroTimes (Lease renewTime, Event eventTime): `…:05.000000Z`, the fraction cut to milliseconds.
        let u = Array(s.utf8)
        if u.count > 21, u[19] == UInt8(ascii: "."), u.last == UInt8(ascii: "Z"),
           u[20..<(u.count - 1)].allSatisfy({ $0 >= 48 && $0 <= 57 }),
           let whole = Self.parseCanonical(String(decoding: u[0..<19], as: UTF8.self) + "Z") {
            var frac: Int64 = 0
            for (i, d) in u[20..<(u.count - 1)].prefix(3).enumerated() { frac += Int64(d - 48) * [100, 10, 1][i] }
            self.ms = whole + frac
            return
        }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: s) { self.ms = Int64((d.timeIntervalSince1970 * 1000).rounded()); return }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: s) { self.ms = Int64((d.timeIntervalSince1970 * 1000).rounded()); return }
        return nil
    }

    public var description: String { rfc3339 }

    /// `YYYY-MM-DDTHH:MM:SSZ` exactly, without Foundation (days-from-civil); nil for any other shape.
    static func parseCanonical(_ s: String) -> Int64? {
        var fields: (Int64, Int64, Int64, Int64, Int64, Int64) = (0, 0, 0, 0, 0, 0)
        var count = 0
        for c in s.utf8 {
            count += 1
            let sep: UInt8
            switch count {
            case 5, 8: sep = 45   // -
            case 11: sep = 84     // T
            case 14, 17: sep = 58 // :
            case 20: sep = 90     // Z
            default: sep = 0
            }
            if sep != 0 { if c != sep { return nil }; continue }
            guard c >= 48, c <= 57, count < 20 else { return nil }
            let d = Int64(c - 48)
            switch count {
            case 1...4: fields.0 = fields.0 * 10 + d
            case 6...7: fields.1 = fields.1 * 10 + d
            case 9...10: fields.2 = fields.2 * 10 + d
            case 12...13: fields.3 = fields.3 * 10 + d
            case 15...16: fields.4 = fields.4 * 10 + d
            default: fields.5 = fields.5 * 10 + d
            }
        }
        guard count == 20 else { return nil }
        let (y0, m, d, hh, mm, ss) = fields
        guard (1...12).contains(m), (1...31).contains(d), hh < 24, mm < 60, ss < 61 else { return nil }
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return ((days * 86_400) + hh * 3600 + mm * 60 + ss) * 1000
    }

    struct Civil { var year, month, day, hour, minute, second: Int }

    /// Days-from-civil inverse (Howard Hinnant's algorithm), so formatting needs no calendar or time zone.
    var civil: Civil {
        let secs = floorDiv(ms, 1000)
        let days = floorDiv(secs, 86_400)
        let rem = Int(secs - days * 86_400)
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return Civil(year: Int(y), month: Int(m), day: Int(d), hour: rem / 3600, minute: rem % 3600 / 60, second: rem % 60)
    }
}

private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

/// A span of virtual time in milliseconds.
public struct Duration: Comparable, Hashable, Sendable {
    public var ms: Int64
    public init(ms: Int64) { self.ms = ms }
    public static func seconds(_ s: Int64) -> Duration { Duration(ms: s * 1000) }
    public static func milliseconds(_ m: Int64) -> Duration { Duration(ms: m) }
    public static func minutes(_ m: Int64) -> Duration { Duration(ms: m * 60_000) }
    public static func < (a: Duration, b: Duration) -> Bool { a.ms < b.ms }
    public static func + (a: Duration, b: Duration) -> Duration { Duration(ms: a.ms + b.ms) }
    public var seconds: Int64 { ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000) }
}

/// The virtual clock and its timer queue. Timers fire in time order (ties in scheduling order) when time advances.
public final class VirtualClock {
    public private(set) var now: Timestamp
    /// A min-heap: thousands of pods each keep probe, back-off and resync timers, so inserting must not be linear.
    private var timers = Heap<Timer>()
    private var seq = 0

    private struct Timer: Comparable {
        var at: Timestamp
        var seq: Int
        var action: () -> Void
        static func < (a: Timer, b: Timer) -> Bool { a.at.ms < b.at.ms || (a.at.ms == b.at.ms && a.seq < b.seq) }
        static func == (a: Timer, b: Timer) -> Bool { a.at == b.at && a.seq == b.seq }
    }

    public init(start: Timestamp) { self.now = start }

    private let nowText = TimestampText()
    /// `now.rfc3339`, formatted once per instant: every object and Event written at one instant is stamped with it.
    public var nowRFC3339: String { nowText(now) }

    /// Runs `action` once virtual time reaches `at` (immediately on the next advance if already past).
    public func schedule(at: Timestamp, _ action: @escaping () -> Void) {
        seq += 1
        timers.insert(Timer(at: at, seq: seq, action: action))
    }

    public func schedule(after d: Duration, _ action: @escaping () -> Void) { schedule(at: now + d, action) }

    /// The time of the next pending timer, if any.
    public var nextDeadline: Timestamp? { timers.min?.at }

    /// Moves time forward to `target`, firing due timers in order (ties in scheduling order); time stands at each
    /// timer's deadline while it runs.
    public func advance(to target: Timestamp) {
        while let first = timers.min, first.at <= target {
            _ = timers.popMin()
            if first.at > now { now = first.at }
            first.action()
        }
        if target > now { now = target }
    }

    public func advance(by d: Duration) { advance(to: now + d) }
}

/// `Timestamp.rfc3339`, remembering the last instant formatted: the clock and the kubelet format the current
/// instant many times over while it stays the same.
final class TimestampText {
    private var ms = Int64.min
    private var text = ""

    func callAsFunction(_ t: Timestamp) -> String {
        if t.ms != ms { ms = t.ms; text = t.rfc3339 }
        return text
    }
}
