// The cluster map: the lesson cluster's nodes as boxes grouped by zone, their pods as coloured chips by status
// (live: drawn from the store every frame), unscheduled pods apart, and a text summary under it for screen
// readers. kube-system pods are counted, not drawn.
import MiniCluster
import Shell

extension App {
    enum ChipKind: String, CaseIterable { case running = "Running", pending = "Pending", failing = "Failing", terminating = "Terminating", completed = "Completed" }

    static func chipKind(status: String, deleting: Bool) -> ChipKind {
        if deleting || status == "Terminating" { return .terminating }
        switch status {
        case "Running": return .running
        case "Completed", "Succeeded": return .completed
        case "Pending", "ContainerCreating", "PodInitializing", "SchedulingGated": return .pending
        default: return status.hasPrefix("Init:") && !status.contains("Err") && !status.contains("Crash") ? .pending : .failing
        }
    }

    func chipStyle(_ k: ChipKind) -> Style {
        switch k {
        case .running: return theme.color(.green, bold: true)
        case .pending: return theme.color(.yellow, bold: true)
        case .failing: return theme.color(.red, bold: true)
        case .terminating: return theme.color(.magenta)
        case .completed: return theme.color(.blue, dim: !theme.colors)
        }
    }

    /// Glyphs differ per status when there is no colour, so the map still says something in monochrome.
    func chipGlyph(_ k: ChipKind) -> String {
        if theme.colors { return theme.chip }
        switch k {
        case .running: return theme.unicode ? "●" : "*"
        case .pending: return theme.unicode ? "◌" : "."
        case .failing: return theme.unicode ? "✗" : "!"
        case .terminating: return theme.unicode ? "◍" : "~"
        case .completed: return theme.unicode ? "○" : "o"
        }
    }

    func renderClusterMap(_ s: inout Screen, in r: Rect, session: ShellSession) {
        s.box(r, title: "Cluster map \(theme.middot) F5 hides", theme: theme, focused: true)
        let inner = Rect(x: r.x + 1, y: r.y + 1, width: r.width - 2, height: r.height - 2)
        guard let cluster = session.currentCluster,
              let podType = cluster.registry.lookup("pods"), let nodeType = cluster.registry.lookup("nodes") else {
            s.put("No cluster yet: kubectl has nothing to talk to in this lesson.", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 2)
            return
        }
        let now = cluster.now
        let nodes = cluster.store.list(nodeType).sorted { ($0["metadata"]?["name"]?.stringValue ?? "") < ($1["metadata"]?["name"]?.stringValue ?? "") }
        struct Chip { var name: String; var kind: ChipKind }
        var byNode: [String: [Chip]] = [:], system: [String: Int] = [:]
        var counts: [ChipKind: Int] = [:], total = 0
        for pod in cluster.store.list(podType) {
            let meta = pod["metadata"]
            let node = pod["spec"]?["nodeName"]?.stringValue ?? ""
            if meta?["namespace"]?.stringValue == "kube-system" { system[node, default: 0] += 1; continue }
            let kind = Self.chipKind(status: PodSummary.of(pod, now: now).status, deleting: meta?["deletionTimestamp"]?.stringValue != nil)
            byNode[node, default: []].append(Chip(name: meta?["name"]?.stringValue ?? "", kind: kind))
            counts[kind, default: 0] += 1
            total += 1
        }
        // Summary and legend at the bottom (for screen readers, and as the map's key).
        var summary = "\(nodes.count) node\(nodes.count == 1 ? "" : "s"); \(total) pod\(total == 1 ? "" : "s") outside kube-system"
        let parts = ChipKind.allCases.compactMap { k in counts[k].map { "\($0) \(k.rawValue.lowercased())" } }
        if !parts.isEmpty { summary += ": " + parts.joined(separator: ", ") }
        let summaryLines = MarkdownWrap.wrap(summary + ".", inner.width - 2)
        let bottom = inner.maxY - summaryLines.count - 1
        var lx = inner.x + 1
        for k in ChipKind.allCases where lx < inner.maxX - 12 {
            lx += s.put(chipGlyph(k), x: lx, y: bottom, style: chipStyle(k))
            lx += s.put(" \(k.rawValue)  ", x: lx, y: bottom, style: theme.muted, maxWidth: inner.maxX - lx)
        }
        for (i, l) in summaryLines.enumerated() { s.put(l, x: inner.x + 1, y: bottom + 1 + i, maxWidth: inner.width - 2) }

        // Zones in order, nodes as boxes in a grid.
        var zones: [(String, [Value])] = []
        for n in nodes {
            let zone = n["metadata"]?["labels"]?["topology.kubernetes.io/zone"]?.stringValue ?? "no zone"
            if let i = zones.firstIndex(where: { $0.0 == zone }) { zones[i].1.append(n) } else { zones.append((zone, [n])) }
        }
        var boxes: [(title: String, sub: String, chips: [Chip], ready: Bool, zone: String)] = zones.flatMap { zone, ns in
            ns.map { n -> (String, String, [Chip], Bool, String) in
                let name = n["metadata"]?["name"]?.stringValue ?? ""
                let ready = (n["status"]?["conditions"]?.arrayValue ?? []).contains {
                    $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True" }
                var sub = ready ? "Ready" : "NotReady"
                if n["spec"]?["unschedulable"]?.boolValue == true { sub += ",SchedulingDisabled" }
                if let k = system[name] { sub += " +\(k) system" }
                return (name, sub, byNode[name] ?? [], ready, zone)
            }
        }
        if let pending = byNode[""], !pending.isEmpty { boxes.append(("unscheduled", "waiting for a node", pending, true, "")) }
        var y = inner.y
        let columns = max(1, min(boxes.count, (inner.width - 1) / 26))
        let boxW = (inner.width - 1) / columns
        var currentZone: String?
        var col = 0, rowHeight = 0
        let zoneCount = Set(boxes.map(\.zone).filter { !$0.isEmpty }).count
        var zonesDrawn = 0
        for (bi, b) in boxes.enumerated() {
            if b.zone != currentZone || col == columns {
                if col > 0 { y += rowHeight; col = 0; rowHeight = 0 }
                if b.zone != currentZone, !b.zone.isEmpty {
                    if y >= bottom { break }
                    s.put("zone \(b.zone)", x: inner.x + 1, y: y, style: theme.heading)
                    y += 1
                    zonesDrawn += 1
                }
                currentZone = b.zone
            }
            // The rows of boxes still to draw share what is left of the height.
            let rowsLeft = (boxes.count - bi + col + columns - 1) / columns
            let chipRoom = max(1, (bottom - y - (zoneCount - zonesDrawn)) / max(1, rowsLeft) - 4)
            // Chips with names flow in rows inside the box; when they do not fit, glyphs only.
            let cw = boxW - 5
            var rows: [[Chip]] = [], named = true
            func flow(_ width: (Chip) -> Int) {
                rows = b.chips.isEmpty ? [] : [[]]
                var used = 0
                for c in b.chips {
                    let w = min(cw, width(c))
                    if used > 0, used + w > cw { rows.append([]); used = 0 }
                    rows[rows.count - 1].append(c)
                    used += w
                }
            }
            flow { $0.name.columns + 3 }
            if rows.count > chipRoom { named = false; flow { _ in 1 } }
            let shown = min(rows.count, chipRoom)
            let h = 3 + shown + (rows.count > shown ? 1 : 0)
            guard y + h <= bottom else { break }
            let bx = inner.x + 1 + col * boxW
            let rect = Rect(x: bx, y: y, width: boxW - 1, height: h)
            // Node names share a long prefix: keep their distinctive end.
            let room = boxW - 7
            let title = b.title.columns > room ? theme.ellipsis + String(b.title.suffix(room - 1)) : b.title
            s.box(rect, title: title, theme: theme)
            if !b.ready { s.restyle(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)) { $0 = self.theme.bad } }
            s.put(b.sub, x: bx + 2, y: y + 1, style: b.ready ? theme.muted : theme.bad, maxWidth: boxW - 4)
            for (ri, row) in rows.prefix(shown).enumerated() {
                var x = bx + 2
                for c in row {
                    x += s.put(chipGlyph(c.kind), x: x, y: y + 2 + ri, style: chipStyle(c.kind))
                    if named { x += s.put(" " + c.name.clipped(cw - 2, ellipsis: theme.ellipsis) + " ", x: x, y: y + 2 + ri, maxWidth: bx + boxW - 3 - x) }
                }
            }
            if rows.count > shown {
                let more = rows.dropFirst(shown).map(\.count).reduce(0, +)
                s.put("\(theme.ellipsis) +\(more) more", x: bx + 2, y: y + 2 + shown, style: theme.muted)
            }
            rowHeight = max(rowHeight, h)
            col += 1
        }
    }
}
