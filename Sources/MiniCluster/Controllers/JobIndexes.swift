// Indexed completion mode: each pod carries its completion index (0 ..< completions), the Job needs one
// success per index, and `status.completedIndexes` lists them in the API's interval form ("0-2,4").

enum JobIndexes {
    static let key = "batch.kubernetes.io/job-completion-index"

    static func isIndexed(_ job: Value) -> Bool { job[path: "spec", "completionMode"]?.stringValue == "Indexed" }

    /// The pod's completion index, from its annotation.
    static func index(of pod: Value) -> Int? { pod.annotations[key].flatMap { Int($0) } }

    /// Parses "0-2,4" (what `format` writes); malformed parts are skipped.
    static func parse(_ s: String?) -> Set<Int> {
        var out: Set<Int> = []
        for part in (s ?? "").split(separator: ",") {
            let ends = part.split(separator: "-").compactMap { Int($0) }
            if ends.count == 1 { out.insert(ends[0]) }
            else if ends.count == 2, ends[0] <= ends[1] { out.formUnion(ends[0]...ends[1]) }
        }
        return out
    }

    /// Sorted indexes as intervals: runs of two or more as "a-b", single ones alone, joined by commas.
    static func format(_ indexes: Set<Int>) -> String {
        var parts: [String] = []
        var run: (first: Int, last: Int)?
        for i in indexes.sorted() {
            if let r = run, i == r.last + 1 { run = (r.first, i); continue }
            if let r = run { parts.append(r.first == r.last ? "\(r.first)" : "\(r.first)-\(r.last)") }
            run = (i, i)
        }
        if let r = run { parts.append(r.first == r.last ? "\(r.first)" : "\(r.first)-\(r.last)") }
        return parts.joined(separator: ",")
    }

    /// The lowest `count` indexes below `completions` that neither succeeded nor have an active pod.
    static func toCreate(count: Int, completions: Int, succeeded: Set<Int>, active: Set<Int>) -> [Int] {
        var out: [Int] = []
        var i = 0
        while out.count < count, i < completions {
            if !succeeded.contains(i), !active.contains(i) { out.append(i) }
            i += 1
        }
        return out
    }

    /// The pod for `index`: named `<job>-<index>-…`, with the index as annotation and label, the hostname
    /// `<job>-<index>`, and JOB_COMPLETION_INDEX in every container's environment.
    static func pod(_ base: Value, job: Value, index: Int) -> Value {
        var pod = base
        let i = Value.string(String(index))
        pod[path: "metadata", "generateName"] = .string(ReplicaSetController.generateNamePrefix("\(job.metadataName)-\(index)"))
        pod[path: "metadata", "annotations", key] = i
        pod[path: "metadata", "labels", key] = i
        if pod[path: "spec", "hostname"] == nil { pod[path: "spec", "hostname"] = .string("\(job.metadataName)-\(index)") }
        let env: Value = ["name": "JOB_COMPLETION_INDEX",
                          "valueFrom": ["fieldRef": ["apiVersion": "v1", "fieldPath": .string("metadata.annotations['\(key)']")]]]
        for list in ["initContainers", "containers"] {
            guard var cs = pod[path: "spec", list]?.arrayValue else { continue }
            for c in cs.indices {
                let vars = cs[c]["env"]?.arrayValue ?? []
                if !vars.contains(where: { $0["name"]?.stringValue == "JOB_COMPLETION_INDEX" }) { cs[c]["env"] = .array(vars + [env]) }
            }
            pod[path: "spec", list] = .array(cs)
        }
        return pod
    }
}
