// kubectl's AGE format (apimachinery duration.HumanDuration): 90s, 5m30s, 130m, 3h20m, 20h, 2d5h, 12d, 2y45d.

public enum HumanDuration {
    /// Formats a duration the way `kubectl get` prints AGE; truncates, never rounds.
    public static func format(_ d: Duration) -> String {
        let s = d.seconds
        if s < -1 { return "<invalid>" }
        if s < 0 { return "0s" }
        if s < 120 { return "\(s)s" }
        let m = s / 60
        if m < 10 {
            let sec = s % 60
            return sec == 0 ? "\(m)m" : "\(m)m\(sec)s"
        }
        if m < 180 { return "\(m)m" }
        let h = m / 60
        if h < 8 {
            let min = m % 60
            return min == 0 ? "\(h)h" : "\(h)h\(min)m"
        }
        if h < 48 { return "\(h)h" }
        if h < 192 {
            let hr = h % 24
            return hr == 0 ? "\(h / 24)d" : "\(h / 24)d\(hr)h"
        }
        if h < 24 * 365 * 2 { return "\(h / 24)d" }
        if h < 24 * 365 * 8 {
            let days = (h / 24) % 365
            return days == 0 ? "\(h / 24 / 365)y" : "\(h / 24 / 365)y\(days)d"
        }
        return "\(h / 24 / 365)y"
    }

    /// AGE of something created at `t`, seen at `now`; `<unknown>` when there is no timestamp.
    public static func age(_ t: Timestamp?, now: Timestamp) -> String {
        guard let t else { return "<unknown>" }
        return format(now - t)
    }
}

extension Duration {
    /// Go's `time.Duration.String()`: `5s`, `1m30s`, `1h0m0s` (what Go tools print in messages).
    public var goString: String { KubeletText.goDuration(self) }
}
