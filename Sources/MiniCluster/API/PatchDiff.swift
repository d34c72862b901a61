// Computing strategic merge patches (`CreateTwoWayMergePatch` / `CreateThreeWayMergePatch`): what
// `kubectl apply` sends — the changes from the live object to the manifest, plus what the last applied
// manifest had and the new one dropped. An empty patch is how apply knows an object is "unchanged".

import OrderedCollections

extension StrategicMergePatch {
    struct DiffOptions {
        var ignoreDeletions = false
        var ignoreChangesAndAdditions = false
    }

    /// The patch that turns `original` into `modified` (deletions included).
    public static func twoWay(original: Value, modified: Value, type t: ResourceType) -> Value {
        .object(diffMaps(original.objectValue ?? [:], modified.objectValue ?? [:], parents: [], t, DiffOptions()))
    }

    /// kubectl apply's patch: changes and additions from `current` to `modified`, deletions from `original`
    /// (the last applied configuration; nil when there is none) to `modified`.
    public static func threeWay(original: Value?, modified: Value, current: Value, type t: ResourceType) -> Value {
        let m = modified.objectValue ?? [:]
        let delta = diffMaps(current.objectValue ?? [:], m, parents: [], t, DiffOptions(ignoreDeletions: true))
        let deletions = diffMaps(original?.objectValue ?? [:], m, parents: [], t, DiffOptions(ignoreChangesAndAdditions: true))
        return .object(combine(deletions, delta, parents: [], t))
    }

    /// The annotation `kubectl apply` keeps on an object.
    public static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    /// The annotation's text for a manifest as kubectl writes it: the manifest with its namespace filled in and
    /// this annotation removed (leaving `annotations: {}` if it was the only one), as compact JSON with sorted
    /// keys and a final newline.
    public static func lastAppliedConfiguration(of manifest: Value, namespace: String?) -> String {
        var m = manifest
        if let namespace { m[path: "metadata", "namespace"] = .string(namespace) }
        var annotations = m[path: "metadata", "annotations"]?.objectValue ?? [:]
        annotations[lastAppliedAnnotation] = nil
        m[path: "metadata", "annotations"] = .object(annotations)
        return JSONCodec.encodeCompact(m.sortedKeys) + "\n"
    }

    /// `retainKeys`: the map is a field whose patch strategy is retainKeys, so a patch that changes it names
    /// every key the manifest keeps (`$retainKeys`) and the server drops the rest (a defaulted `rollingUpdate`
    /// when the manifest switches to `Recreate`).
    static func diffMaps(_ original: OrderedDictionary<String, Value>, _ modified: OrderedDictionary<String, Value>,
                         parents: [String], _ t: ResourceType, _ opts: DiffOptions,
                         retainKeys: Bool = false) -> OrderedDictionary<String, Value> {
        var patch = OrderedDictionary<String, Value>()
        for (key, mv) in modified {
            guard let ov = original[key] else {
                if !opts.ignoreChangesAndAdditions { patch[key] = mv }
                continue
            }
            if ov == mv { continue }
            switch (ov, mv) {
            case (.object(let o), .object(let m)):
                let sub = diffMaps(o, m, parents: parents + [key], t, opts,
                                   retainKeys: retainsKeys(field: key, parents: parents, type: t))
                if !sub.isEmpty { patch[key] = .object(sub) }
            case (.array(let o), .array(let m)):
                diffLists(o, m, key: key, parents: parents, t, opts, into: &patch)
            default:
                if !opts.ignoreChangesAndAdditions { patch[key] = mv }
            }
        }
        if !opts.ignoreDeletions {
            for key in original.keys where modified[key] == nil { patch[key] = .null }
        }
        if retainKeys {
            // Sent with any change, and also when the original has a key the manifest lacks, even if nothing
            // else differs (so re-applying `strategy: {type: RollingUpdate}` is always "configured", as in kubectl).
            let keep = modified.filter { !$0.value.isNull }.keys.sorted()
            let extra = original.contains { !$0.value.isNull && modified[$0.key] == nil }
            if !keep.isEmpty, !patch.isEmpty || extra { patch["$retainKeys"] = .array(keep.map(Value.string)) }
        }
        return patch
    }

    /// The map fields declared `patchStrategy:"retainKeys"` that kubectl apply diffs (a Deployment's strategy).
    /// Not modelled: the same strategy on the elements of a pod's `volumes`.
    static func retainsKeys(field: String, parents: [String], type t: ResourceType) -> Bool {
        field == "strategy" && parents == ["spec"] && t.kind == "Deployment"
    }

    private static func diffLists(_ original: [Value], _ modified: [Value], key: String, parents: [String],
                                  _ t: ResourceType, _ opts: DiffOptions, into patch: inout OrderedDictionary<String, Value>) {
        switch strategy(field: key, parents: parents, type: t) {
        case nil:
            if !opts.ignoreChangesAndAdditions { patch[key] = .array(modified) }
        case .primitives:
            let added = modified.filter { !original.contains($0) }
            let removed = original.filter { !modified.contains($0) }
            if !opts.ignoreChangesAndAdditions, !added.isEmpty { patch[key] = .array(added) }
            if !opts.ignoreDeletions, !removed.isEmpty { patch["$deleteFromPrimitiveList/\(key)"] = .array(removed) }
            if (!opts.ignoreDeletions && !removed.isEmpty) || (!opts.ignoreChangesAndAdditions && original != modified) {
                patch["$setElementOrder/\(key)"] = .array(modified)
            }
        case .byKey(let mergeKey):
            var changes: [Value] = [], deletions: [Value] = []
            for m in modified {
                guard let id = m[mergeKey] else { continue }
                if let o = original.first(where: { $0[mergeKey] == id }) {
                    var sub = diffMaps(o.objectValue ?? [:], m.objectValue ?? [:], parents: parents + [key], t, opts)
                    if !sub.isEmpty {
                        sub.updateValue(id, forKey: mergeKey, insertingAt: 0)
                        changes.append(.object(sub))
                    }
                } else if !opts.ignoreChangesAndAdditions {
                    changes.append(m)
                }
            }
            if !opts.ignoreDeletions {
                for o in original {
                    guard let id = o[mergeKey], !modified.contains(where: { $0[mergeKey] == id }) else { continue }
                    deletions.append(.object([mergeKey: id, "$patch": "delete"]))
                }
            }
            let items = changes + deletions
            if !items.isEmpty { patch[key] = .array(items) }
            // The order directive goes with any change, and with a mere reordering (or a different length).
            let orderSame = original.count == modified.count && zip(original, modified).allSatisfy { $0[mergeKey] == $1[mergeKey] }
            if (!opts.ignoreChangesAndAdditions && (!items.isEmpty || !orderSame)) || (!opts.ignoreDeletions && !items.isEmpty) {
                patch["$setElementOrder/\(key)"] = .array(modified.compactMap { m in m[mergeKey].map { Value.object([mergeKey: $0]) } })
            }
        }
    }

    /// Merges the deletions patch and the delta patch of a three-way diff, as the patcher merges one patch
    /// into another: maps recursively, keyed lists element by element (delta's elements first).
    static func combine(_ a: OrderedDictionary<String, Value>, _ b: OrderedDictionary<String, Value>, parents: [String],
                        _ t: ResourceType) -> OrderedDictionary<String, Value> {
        var out = a
        for (k, v) in b {
            switch (out[k], v) {
            case (.object(let x)?, .object(let y)):
                out[k] = .object(combine(x, y, parents: parents + [k], t))
            case (.array(let x)?, .array(let y)):
                guard case .byKey(let mergeKey)? = strategy(field: k, parents: parents, type: t) else { out[k] = v; continue }
                var merged = x
                for e in y {
                    if let i = merged.firstIndex(where: { $0[mergeKey] == e[mergeKey] }),
                       let l = merged[i].objectValue, let r = e.objectValue {
                        merged[i] = .object(combine(l, r, parents: parents + [k], t))
                    } else {
                        merged.append(e)
                    }
                }
                out[k] = .array(ordered(merged, patch: y, original: x) { $0[mergeKey] })
            default:
                out[k] = v
            }
        }
        return out
    }
}
