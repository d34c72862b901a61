// Explain notes for Service and Ingress.

enum ExplainDocsNetwork {
    static let types: [ExplainType] = [
        ExplainType("Service", """
            A Service gives a changing set of pods, picked by a label selector, one stable name and address, and \
            spreads connections across the ready ones. Depending on its type it is reachable inside the cluster only, \
            on every node's port, or through a cloud load balancer.
            """, ExplainCatalog.standardRootFields(
                spec: "ServiceSpec", status: "ServiceStatus",
                specDoc: "Which pods the service sends traffic to, on which ports, and how it is exposed.",
                statusDoc: "What the cluster last observed, such as the address of a load balancer.")),
        ExplainType("ServiceSpec", """
            The desired behaviour of a Service.
            """, [
            doc("clusterIP", .string, "The virtual IP address of the service inside the cluster. Usually assigned by the server; None makes a headless service. Cannot be changed later."),
            doc("clusterIPs", .array(.string), "All cluster IP addresses of the service, one per IP family."),
            doc("externalIPs", .array(.string), "Extra IP addresses, routed to the nodes by someone else, on which the service also accepts traffic."),
            doc("externalName", .string, "For type ExternalName: the DNS name the service name is an alias of."),
            doc("externalTrafficPolicy", .string, enum: ["Cluster", "Local"], "For traffic from outside: Cluster (the default) spreads it over all endpoints; Local keeps it on the node it arrived at, preserving the client address."),
            doc("internalTrafficPolicy", .string, enum: ["Cluster", "Local"], "For traffic from inside the cluster: Cluster (the default) or Local (only endpoints on the same node)."),
            doc("ipFamilies", .array(.string), "The IP families (IPv4, IPv6) the service uses."),
            doc("ipFamilyPolicy", .string, enum: ["PreferDualStack", "RequireDualStack", "SingleStack"], "Whether the service is single-stack or dual-stack."),
            doc("loadBalancerIP", .string, "Deprecated: a requested load balancer address. Support depends on the cloud provider."),
            doc("loadBalancerSourceRanges", .array(.string), "Client address ranges allowed through a cloud load balancer."),
            doc("ports", .array(.ref("ServicePort")), "The ports the service exposes and where each one forwards to."),
            doc("publishNotReadyAddresses", .boolean, "Include pods that are not ready in DNS and endpoints. Mostly for StatefulSets that need to find each other early."),
            doc("selector", .map(.string), "Labels of the pods that receive the traffic. Without a selector, endpoints must be managed by hand."),
            doc("sessionAffinity", .string, enum: ["ClientIP", "None"], "ClientIP sends a client's connections to the same pod; None (the default) does not."),
            doc("type", .string, enum: ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"], "How the service is exposed. ClusterIP (the default): inside the cluster only. NodePort: also on a port of every node. LoadBalancer: also through a cloud load balancer. ExternalName: a DNS alias."),
        ]),
        ExplainType("ServicePort", """
            One port a Service exposes.
            """, [
            doc("appProtocol", .string, "The application protocol on this port, as a hint to implementations."),
            doc("name", .string, "A name for the port. Required when the service has more than one port."),
            doc("nodePort", .integer, "For NodePort and LoadBalancer services: the port opened on every node. Assigned from a range (30000-32767 by default) when left out."),
            doc("port", .integer, required: true, "The port the service listens on."),
            doc("protocol", .string, enum: ["SCTP", "TCP", "UDP"], "TCP (the default), UDP or SCTP."),
            doc("targetPort", .ref("IntOrString"), "The port on the pods that traffic goes to, by number or by container port name. Defaults to port."),
        ]),
        ExplainType("ServiceStatus", """
            What the cluster last observed about a Service.
            """, [
            doc("conditions", .array(.ref("Condition")), "The service's current conditions."),
            doc("loadBalancer", .ref("LoadBalancerStatus"), "The addresses of the load balancer, once one exists."),
        ]),
        ExplainType("Ingress", """
            An Ingress routes outside HTTP and HTTPS traffic to Services inside the cluster, by host name and path. \
            An ingress controller (on GKE, the cloud load balancer) does the actual work.
            """, ExplainCatalog.standardRootFields(
                spec: "IngressSpec", status: "IngressStatus",
                specDoc: "The routing rules, TLS settings and default backend.",
                statusDoc: "The address the ingress is reachable at, once the controller has one.")),
        ExplainType("IngressSpec", """
            The routing wanted from an Ingress.
            """, [
            doc("defaultBackend", .ref("IngressBackend"), "Where requests go that match no rule."),
            doc("ingressClassName", .string, "Which ingress controller handles this Ingress, by IngressClass name."),
            doc("rules", .array(.ref("IngressRule")), "Host and path rules, checked in order. Requests that match none go to the default backend."),
            doc("tls", .array(.ref("IngressTLS")), "Host names served over HTTPS and the Secrets holding their certificates."),
        ]),
        ExplainType("IngressRule", """
            Routes requests for one host (or any host) by path.
            """, [
            doc("host", .string, "The host name the rule is for. A leading *. matches one level of subdomain. Empty matches every host."),
            doc("http", .ref("HTTPIngressRuleValue"), "The paths and the backends they go to."),
        ]),
        ExplainType("HTTPIngressRuleValue", """
            A list of paths and where they go.
            """, [
            doc("paths", .array(.ref("HTTPIngressPath")), required: true, "The path rules."),
        ]),
        ExplainType("HTTPIngressPath", """
            One path and the backend that serves it.
            """, [
            doc("backend", .ref("IngressBackend"), required: true, "The Service (and port) that serves matching requests."),
            doc("path", .string, "The path to match; must start with a /."),
            doc("pathType", .string, required: true, enum: ["Exact", "ImplementationSpecific", "Prefix"], "How path is matched: Exact, Prefix (by path segments) or ImplementationSpecific (up to the controller)."),
        ]),
        ExplainType("IngressBackend", """
            Where matching requests are sent.
            """, [
            doc("resource", .ref("TypedLocalObjectReference"), "Another object that serves the requests. Cannot be combined with service."),
            doc("service", .ref("IngressServiceBackend"), "The Service that serves the requests."),
        ]),
        ExplainType("IngressServiceBackend", """
            A Service and port used as an Ingress backend.
            """, [
            doc("name", .string, required: true, "The Service's name, in the Ingress's namespace."),
            doc("port", .ref("ServiceBackendPort"), "The Service's port, by number or name."),
        ]),
        ExplainType("ServiceBackendPort", """
            A port of a Service, by number or by name.
            """, [
            doc("name", .string, "The port's name. Cannot be combined with number."),
            doc("number", .integer, "The port's number. Cannot be combined with name."),
        ]),
        ExplainType("IngressStatus", """
            What the ingress controller last reported.
            """, [
            doc("loadBalancer", .ref("IngressLoadBalancerStatus"), "The addresses the ingress is reachable at."),
        ]),
    ]
}
