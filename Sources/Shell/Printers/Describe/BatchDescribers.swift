// `describe job` and `describe cronjob`.
import MiniCluster

enum BatchDescribers {
    static func job(_ j: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        let spec = j["spec"] ?? .null, status = j["status"] ?? .null
        w.write(0, "Name:\t\(j.metadataName)\n")
        w.write(0, "Namespace:\t\(j.metadataNamespace ?? "")\n")
        w.write(0, "Selector:\t\(DescribeSelector.string(spec["selector"]))\n")
        w.labels("Labels", j.labels)
        w.annotations("Annotations", j.annotations)
        if let c = j.dController { w.write(0, "Controlled By:\t\(c.dStr("kind"))/\(c.dStr("name"))\n") }
        if let p = spec.dInt("parallelism") { w.write(0, "Parallelism:\t\(p)\n") }
        w.write(0, "Completions:\t\(spec.dInt("completions").map(String.init) ?? "<unset>")\n")
        if spec.dHas("completionMode") { w.write(0, "Completion Mode:\t\(spec.dStr("completionMode"))\n") }
        if let s = spec.dBool("suspend") { w.write(0, "Suspend:\t\(s)\n") }
        if let b = spec.dInt("backoffLimit") { w.write(0, "Backoff Limit:\t\(b)\n") }
        if let t = spec.dInt("ttlSecondsAfterFinished") { w.write(0, "TTL Seconds After Finished:\t\(t)\n") }
        let start = status.dTime("startTime"), done = status.dTime("completionTime")
        if let start { w.write(0, "Start Time:\t\(DescribeFormat.time(start))\n") }
        if let done { w.write(0, "Completed At:\t\(DescribeFormat.time(done))\n") }
        if let start, let done { w.write(0, "Duration:\t\(HumanDuration.format(done - start))\n") }
        if let a = spec.dInt("activeDeadlineSeconds") { w.write(0, "Active Deadline Seconds:\t\(a)s\n") }
        let active = status.dInt("active") ?? 0, ok = status.dInt("succeeded") ?? 0, failed = status.dInt("failed") ?? 0
        if let ready = status.dInt("ready") {
            w.write(0, "Pods Statuses:\t\(active) Active (\(ready) Ready) / \(ok) Succeeded / \(failed) Failed\n")
        } else {
            w.write(0, "Pods Statuses:\t\(active) Active / \(ok) Succeeded / \(failed) Failed\n")
        }
        if spec.dStr("completionMode") == "Indexed" {
            w.write(0, "Completed Indexes:\t\(capIndexes(status.dStr("completedIndexes"), 50))\n")
        }
        PodTemplateSection.write(spec["template"], w)
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: j, in: ctx), w, ctx) }
        return w.text
    }

    /// Cuts a long index list after the first comma past `softLimit` characters.
    private static func capIndexes(_ s: String, _ softLimit: Int) -> String {
        guard !s.isEmpty else { return "<none>" }
        let chars = Array(s)
        var i = softLimit
        while i < chars.count, chars[i] != "," { i += 1 }
        return i >= chars.count ? s : String(chars[...i]) + "..."
    }

    static func cronJob(_ c: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        let spec = c["spec"] ?? .null
        w.write(0, "Name:\t\(c.metadataName)\n")
        w.write(0, "Namespace:\t\(c.metadataNamespace ?? "")\n")
        w.labels("Labels", c.labels)
        w.annotations("Annotations", c.annotations)
        w.write(0, "Schedule:\t\(spec.dStr("schedule"))\n")
        w.write(0, "Concurrency Policy:\t\(spec.dStr("concurrencyPolicy"))\n")
        w.write(0, "Suspend:\t\(spec.dBool("suspend").map(DescribeFormat.bool) ?? "<unset>")\n")
        w.write(0, "Successful Job History Limit:\t\(spec.dInt("successfulJobsHistoryLimit").map(String.init) ?? "<unset>")\n")
        w.write(0, "Failed Job History Limit:\t\(spec.dInt("failedJobsHistoryLimit").map(String.init) ?? "<unset>")\n")
        w.write(0, "Starting Deadline Seconds:\t\(spec.dInt("startingDeadlineSeconds").map { "\($0)s" } ?? "<unset>")\n")
        let jobSpec = spec[path: "jobTemplate", "spec"] ?? .null
        if let sel = jobSpec["selector"], !sel.isNull {
            w.write(0, "Selector:\t\(DescribeSelector.string(sel))\n")
        } else {
            w.write(0, "Selector:\t<unset>\n")
        }
        w.write(0, "Parallelism:\t\(jobSpec.dInt("parallelism").map(String.init) ?? "<unset>")\n")
        w.write(0, "Completions:\t\(jobSpec.dInt("completions").map(String.init) ?? "<unset>")\n")
        if let a = jobSpec.dInt("activeDeadlineSeconds") { w.write(0, "Active Deadline Seconds:\t\(a)s\n") }
        PodTemplateSection.write(jobSpec["template"], w)
        let last = c.dTime("status", "lastScheduleTime")
        w.write(0, "Last Schedule Time:\t\(last.map { DescribeFormat.time($0) } ?? "<unset>")\n")
        w.write(0, "Active Jobs:\t")
        let active = c.dArr("status", "active").map { $0.dStr("name") }
        if active.isEmpty { w.line("<none>") } else { w.write(0, active.joined(separator: ", ")); w.line("") }
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: c, in: ctx), w, ctx) }
        return w.text
    }
}
