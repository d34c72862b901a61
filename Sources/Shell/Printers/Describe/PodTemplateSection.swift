// `Pod Template:` as deployments, replica sets, jobs and other controllers show it (DescribePodTemplate).
import MiniCluster

enum PodTemplateSection {
    static func write(_ template: Value?, _ w: PrefixWriter) {
        w.write(0, "Pod Template:\n")
        guard let template, !template.isNull else { w.write(1, "<unset>"); return }
        let spec = template["spec"] ?? .null
        w.labels("  Labels", template.labels)
        if !template.annotations.isEmpty { w.annotations("  Annotations", template.annotations) }
        if !spec.dStr("serviceAccountName").isEmpty { w.write(1, "Service Account:\t\(spec.dStr("serviceAccountName"))\n") }
        if !spec.dArr("initContainers").isEmpty {
            ContainersSection.write("Init Containers", spec.dArr("initContainers"), statuses: nil, pod: nil, w, space: "  ")
        }
        ContainersSection.write("Containers", spec.dArr("containers"), statuses: nil, pod: nil, w, space: "  ")
        VolumesSection.write(spec.dArr("volumes"), w, space: "  ")
        PodDescriber.topologySpread(spec.dArr("topologySpreadConstraints"), w, space: "  ")
        if !spec.dStr("priorityClassName").isEmpty { w.write(1, "Priority Class Name:\t\(spec.dStr("priorityClassName"))\n") }
        w.labels("  Node-Selectors", spec.dMap("nodeSelector"))
        w.tolerations("  Tolerations", spec.dArr("tolerations"))
    }
}
