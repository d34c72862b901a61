// batch/v1 Job and CronJob: defaults, the Job strategy's generated selector, and validation.

extension KindSpec {
    static let job = KindSpec(type: .builtIn("Job", group: "batch"), hasGeneration: true,
                              defaults: Batch.defaultJob, validate: validator(.subdomain, Batch.validateJob))
    static let cronJob = KindSpec(type: .builtIn("CronJob", group: "batch"), hasGeneration: true,
                                  defaults: Batch.defaultCronJob, validate: validator(.subdomain, Batch.validateCronJob))
}

enum Batch {
    typealias D = PodSpecDefaults
    static let controllerUID = "batch.kubernetes.io/controller-uid"
    static let jobName = "batch.kubernetes.io/job-name"

    static func defaultJob(_ obj: inout Value, _ ctx: DefaultingContext) {
        var spec = obj["spec"].flatMap { $0.isObject ? $0 : nil } ?? .emptyObject
        if spec["completions"] == nil && spec["parallelism"] == nil { spec["completions"] = 1 }
        D.setIfMissing(&spec, "parallelism", 1)
        D.setIfMissing(&spec, "backoffLimit", spec.has("backoffLimitPerIndex") ? .int(Int(Int32.max)) : 6)
        D.setIfMissing(&spec, "completionMode", "NonIndexed")
        D.setIfMissing(&spec, "suspend", false)
        D.setIfMissing(&spec, "podReplacementPolicy", spec.has("podFailurePolicy") ? "Failed" : "TerminatingOrFailed")
        D.setIfMissing(&spec, "manualSelector", false)
        obj["spec"] = spec
        D.template(&obj)
        // The registry strategy generates the selector and pod labels from the uid (set before defaulting on create).
        let uid = obj.uid
        if spec["manualSelector"]?.boolValue != true, !uid.isEmpty, obj[path: "spec", "selector"] == nil {
            obj[path: "spec", "selector"] = ["matchLabels": [controllerUID: .string(uid)]]
            var labels = obj[path: "spec", "template", "metadata", "labels"]?.objectValue ?? [:]
            labels[controllerUID] = .string(uid)
            labels[jobName] = .string(obj.metadataName)
            labels["controller-uid"] = .string(uid)
            labels["job-name"] = .string(obj.metadataName)
            obj[path: "spec", "template", "metadata", "labels"] = .object(labels)
        }
        if obj.labels.isEmpty, let tl = obj[path: "spec", "template", "metadata", "labels"], !(tl.objectValue?.isEmpty ?? true) {
            obj[path: "metadata", "labels"] = tl
        }
        D.setIfMissing(&obj, "status", .emptyObject)
    }

    static let spec = FieldPath("spec")

    /// JobSpec checks shared by Job and a CronJob's jobTemplate.
    static func jobSpec(_ s: Value, _ p: FieldPath, requireSelector: Bool) -> [FieldError] {
        var errs: [FieldError] = []
        for f in ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"] {
            errs += FieldErrors.nonNegative(s.int(at: f), p.child(f))
        }
        if let mode = s.string(at: "completionMode"), !["NonIndexed", "Indexed"].contains(mode) {
            errs.append(FieldErrors.notSupported(p.child("completionMode"), mode, ["NonIndexed", "Indexed"]))
        }
        if s.string(at: "completionMode") == "Indexed", s["completions"] == nil {
            errs.append(FieldErrors.required(p.child("completions"), "when completion mode is Indexed"))
        }
        let tp = p.child("template")
        if requireSelector {
            let sel = s["selector"].flatMap { $0.isNull ? nil : $0 }
            if sel == nil { errs.append(FieldErrors.required(p.child("selector"))) }
            else { errs += SelectorValidation.validate(sel, p.child("selector")) }
            let labels = s[path: "template", "metadata", "labels"]?.stringMap
            if let sel, !SelectorValidation.matches(sel, labels ?? [:]) {
                errs.append(FieldErrors.invalid(tp.child("metadata", "labels"), GoValue.stringMap(labels), "`selector` does not match template `labels`"))
            }
        }
        errs += PodSpecValidation.template(s["template"], tp)
        let rp = s[path: "template", "spec", "restartPolicy"]?.stringValue ?? ""
        if rp == "Always" || rp.isEmpty {
            // Always is the PodSpec default, so upstream words it as a missing choice.
            errs.append(FieldErrors.required(tp.child("spec", "restartPolicy"), "valid values: \"OnFailure\", \"Never\""))
        } else if !["OnFailure", "Never"].contains(rp) {
            errs.append(FieldErrors.notSupported(tp.child("spec", "restartPolicy"), rp, ["OnFailure", "Never"]))
        }
        return errs
    }

    static func validateJob(_ obj: Value, _ old: Value?) -> [FieldError] {
        var errs = jobSpec(obj["spec"] ?? .emptyObject, spec, requireSelector: true)
        if let old {
            errs += FieldErrors.immutable(obj[path: "spec", "selector"], old[path: "spec", "selector"], spec.child("selector"),
                                          render: GoValue.labelSelector)
            if obj[path: "spec", "template"] != old[path: "spec", "template"] {
                errs.append(FieldErrors.invalid(spec.child("template"), "core.PodTemplateSpec{...}", FieldErrors.immutable))
            }
            if obj[path: "spec", "completionMode"] != old[path: "spec", "completionMode"] {
                errs += FieldErrors.immutable(obj[path: "spec", "completionMode"], old[path: "spec", "completionMode"], spec.child("completionMode"))
            }
        }
        return errs
    }

    static func defaultCronJob(_ obj: inout Value, _ ctx: DefaultingContext) {
        var spec = obj["spec"].flatMap { $0.isObject ? $0 : nil } ?? .emptyObject
        D.setIfMissing(&spec, "concurrencyPolicy", "Allow")
        D.setIfMissing(&spec, "suspend", false)
        D.setIfMissing(&spec, "successfulJobsHistoryLimit", 3)
        D.setIfMissing(&spec, "failedJobsHistoryLimit", 1)
        obj["spec"] = spec
        D.template(&obj, at: ["spec", "jobTemplate", "spec", "template"])
        D.zeroCreationTimestamp(&obj, at: ["spec", "jobTemplate"])
        D.setIfMissing(&obj, "status", .emptyObject)
    }

    static func validateCronJob(_ obj: Value, _ old: Value?) -> [FieldError] {
        let s = obj["spec"] ?? .emptyObject
        var errs: [FieldError] = []
        let name = obj.metadataName
        if name.utf8.count > 52 { errs.append(FieldErrors.invalid(FieldPath("metadata.name"), string: name, NameRules.maxLenError(52))) }
        let schedule = s.string(at: "schedule") ?? ""
        if schedule.isEmpty { errs.append(FieldErrors.required(spec.child("schedule"))) }
        else if let msg = Cron.validate(schedule) { errs.append(FieldErrors.invalid(spec.child("schedule"), string: schedule, msg)) }
        errs += PodSpecValidation.enumValue(s.string(at: "concurrencyPolicy"), spec.child("concurrencyPolicy"), ["Allow", "Forbid", "Replace"])
        for f in ["startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit"] {
            errs += FieldErrors.nonNegative(s.int(at: f), spec.child(f))
        }
        errs += jobSpec(s[path: "jobTemplate", "spec"] ?? .emptyObject, spec.child("jobTemplate", "spec"), requireSelector: false)
        if let tz = s.string(at: "timeZone"), let msg = CronTimeZone.validate(tz) {
            errs.append(FieldErrors.invalid(spec.child("timeZone"), string: tz, msg))
        }
        return errs
    }
}

/// Just enough of robfig/cron's standard parser to reject what the API server rejects, with its messages.
enum Cron {
    static let descriptors: Set<String> = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]
    static let bounds: [(Int, Int)] = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 6)]
    static let names: [[String: Int]] = [[:], [:], [:],
        ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12],
        ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]]

    /// nil when the schedule parses; otherwise the parser's error text.
    static func validate(_ spec: String) -> String? {
        var s = spec.trimmingGoSpace
        if s.hasPrefix("TZ=") || s.hasPrefix("CRON_TZ=") {
            guard let space = s.firstIndex(of: " ") else { return "missing spec after timezone" }
            s = String(s[space...]).trimmingGoSpace
        }
        if s.hasPrefix("@") {
            if descriptors.contains(s) || s.hasPrefix("@every ") { return nil }
            return "unrecognized descriptor: \(s)"
        }
        let fields = s.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            return "expected exactly 5 fields, found \(fields.count): [\(fields.joined(separator: " "))]"
        }
        for (i, f) in fields.enumerated() {
            for part in f.split(separator: ",", omittingEmptySubsequences: false) {
                if let msg = checkRange(String(part), i) { return msg }
            }
        }
        return nil
    }

    private static func checkRange(_ expr: String, _ field: Int) -> String? {
        let (lo, hi) = bounds[field]
        let stepParts = expr.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if stepParts.count > 2 { return "too many slashes: \(expr)" }
        let rangeParts = stepParts[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if rangeParts.count > 2 { return "too many hyphens: \(expr)" }
        var values: [Int] = []
        if stepParts[0] == "*" || stepParts[0] == "?" {
            values = [lo, hi]
        } else {
            for r in rangeParts {
                if let n = names[field][r.lowercased()] { values.append(n); continue }
                guard let n = Int(r), n >= 0 else { return "failed to parse int from \(r): strconv.Atoi: parsing \(GoValue.quote(r)): invalid syntax" }
                values.append(n)
            }
        }
        let start = values[0], end = values.count > 1 ? values[1] : values[0]
        if stepParts.count == 2 {
            guard let step = Int(stepParts[1]) else {
                return "failed to parse int from \(stepParts[1]): strconv.Atoi: parsing \(GoValue.quote(stepParts[1])): invalid syntax"
            }
            if step == 0 { return "step of range should be a positive number: \(expr)" }
        }
        if start < lo { return "beginning of range (\(start)) below minimum (\(lo)): \(expr)" }
        if end > hi { return "end of range (\(end)) above maximum (\(hi)): \(expr)" }
        if start > end { return "beginning of range (\(start)) beyond end of range (\(end)): \(expr)" }
        return nil
    }
}
