// A CronJob's `spec.timeZone`: IANA names through the system's time zone database (what Go's LoadLocation
// reads too). Pure look-ups of a zone's offset at an instant; the wall clock is never read.
import Foundation

struct CronTimeZone {
    private let zone: TimeZone?

    static let utc = CronTimeZone(zone: nil)

    private init(zone: TimeZone?) { self.zone = zone }

    /// nil for a name the database does not know.
    init?(identifier: String) {
        guard let z = TimeZone(identifier: identifier) else { return nil }
        zone = z
    }

    /// The zone's offset from UTC at `t`.
    func offset(at t: Timestamp) -> Duration {
        guard let zone else { return .milliseconds(0) }
        return .seconds(Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t.ms) / 1000))))
    }

    /// `t` as RFC 3339 in this zone (`2026-11-26T10:05:00+01:00`; `Z` for UTC), as the scheduled-time annotation.
    func rfc3339(_ t: Timestamp) -> String {
        let off = offset(at: t)
        let local = (t + off).rfc3339
        guard off.ms != 0 else { return local }
        let mins = abs(off.ms) / 60_000
        let sign = off.ms < 0 ? "-" : "+"
        return String(local.dropLast()) + sign + SystemApplets.zeroPad(Int(mins / 60), 2) + ":" + SystemApplets.zeroPad(Int(mins % 60), 2)
    }

    /// The API server's complaint about a `timeZone` value, if any (validateTimeZone).
    static func validate(_ name: String) -> String? {
        if name.isEmpty { return "timeZone must be nil or non-empty string" }
        if name.lowercased() == "local" { return "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones" }
        return CronTimeZone(identifier: name) == nil ? "unknown time zone \(name)" : nil
    }
}
