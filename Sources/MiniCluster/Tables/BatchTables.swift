// Tables of Job and CronJob.

extension Tables {
    static let job = TableSpec(["Name", "Status", "Completions", "Duration", "Age", "Containers*", "Images*", "Selector*"]) { o, now in
        let (names, images) = Cell.containersAndImages(o[path: "spec", "template", "spec"])
        let succeeded = o[path: "status", "succeeded"]?.intValue ?? 0
        let completions: String
        if let c = o[path: "spec", "completions"]?.intValue {
            completions = "\(succeeded)/\(c)"
        } else if let p = o[path: "spec", "parallelism"]?.intValue, p > 1 {
            completions = "\(succeeded)/1 of \(p)"
        } else {
            completions = "\(succeeded)/1"
        }
        var duration = ""
        if let start = Cell.time(o[path: "status", "startTime"]) {
            let end = Cell.time(o[path: "status", "completionTime"]) ?? now
            duration = HumanDuration.format(end - start)
        }
        return [o.metadataName, jobStatus(o), completions, duration, Cell.age(o, now), names, images,
                Cell.selector(o[path: "spec", "selector"])]
    }

    /// The STATUS cell of a job: the first of its true conditions in the printer's order, else Running.
    static func jobStatus(_ o: Value) -> String {
        let trueTypes = Set((o[path: "status", "conditions"]?.arrayValue ?? [])
            .filter { $0["status"]?.stringValue == "True" }.compactMap { $0["type"]?.stringValue })
        if trueTypes.contains("Complete") { return "Complete" }
        if trueTypes.contains("Failed") { return "Failed" }
        if o[path: "metadata", "deletionTimestamp"] != nil { return "Terminating" }
        for t in ["Suspended", "FailureTarget", "SuccessCriteriaMet"] where trueTypes.contains(t) { return t }
        return "Running"
    }

    static let cronJob = TableSpec(["Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age",
                                    "Containers*", "Images*", "Selector*"]) { o, now in
        let jobSpec = o[path: "spec", "jobTemplate", "spec"]
        let (names, images) = Cell.containersAndImages(jobSpec?[path: "template", "spec"])
        var suspend = "<unset>"
        if let b = o[path: "spec", "suspend"]?.boolValue { suspend = b ? "True" : "False" }
        let last = Cell.time(o[path: "status", "lastScheduleTime"]).map { HumanDuration.age($0, now: now) } ?? "<none>"
        return [o.metadataName, o[path: "spec", "schedule"]?.stringValue ?? "", Cell.string(o[path: "spec", "timeZone"], or: "<none>"),
                suspend, String(Cell.count(o[path: "status", "active"])), last, Cell.age(o, now), names, images,
                Cell.selector(jobSpec?["selector"])]
    }

    static let batchTables: [String: TableSpec] = ["batch/Job": job, "batch/CronJob": cronJob]
}
