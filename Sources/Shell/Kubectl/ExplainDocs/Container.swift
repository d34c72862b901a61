// Explain notes for Container and the types it uses (ports, env, resources, probes, mounts).

enum ExplainDocsContainer {
    static let types: [ExplainType] = [
        ExplainType("Container", """
            A single application container that runs inside a pod.
            """, [
            doc("args", .array(.string), "Arguments passed to the entrypoint. If not set, the image's CMD is used. $(VAR) refers to an environment variable of the container."),
            doc("command", .array(.string), "The entrypoint to run instead of the image's ENTRYPOINT. It is not run in a shell, so use [\"sh\", \"-c\", \"...\"] when you need one."),
            doc("env", .array(.ref("EnvVar")), "Environment variables set in the container."),
            doc("envFrom", .array(.ref("EnvFromSource")), "Sources (ConfigMaps or Secrets) whose keys all become environment variables. Entries in env win when a name appears twice."),
            doc("image", .string, "The container image to run, such as nginx:1.27 or us-docker.pkg.dev/project/repo/app:v1."),
            doc("imagePullPolicy", .string, enum: ["Always", "IfNotPresent", "Never"], "When the kubelet pulls the image. Defaults to Always for the latest tag (or no tag) and to IfNotPresent otherwise."),
            doc("lifecycle", .ref("Lifecycle"), "Actions run right after the container starts and right before it is stopped."),
            doc("livenessProbe", .ref("Probe"), "A periodic check of whether the container still works. When it fails often enough the container is restarted."),
            doc("name", .string, required: true, "The container's name, unique within the pod. Cannot be changed."),
            doc("ports", .array(.ref("ContainerPort")), "Ports the container listens on. Listing them is informational, but it names them for Services and documents the pod."),
            doc("readinessProbe", .ref("Probe"), "A periodic check of whether the container is ready for traffic. A pod that is not ready is taken out of its Services' endpoints."),
            doc("resizePolicy", .array(.ref("ContainerResizePolicy")), "What happens to the container when its resources are changed in place."),
            doc("resources", .ref("ResourceRequirements"), "The CPU and memory the container asks for (requests) and may not exceed (limits)."),
            doc("restartPolicy", .string, "Only for init containers: Always turns the init container into a sidecar that keeps running next to the main containers."),
            doc("securityContext", .ref("SecurityContext"), "Security settings for this container, overriding those of the pod."),
            doc("startupProbe", .ref("Probe"), "A check that must succeed once before the other probes start; for slow-starting applications."),
            doc("stdin", .boolean, "Keep a standard input stream open for the container. Off by default."),
            doc("stdinOnce", .boolean, "Close standard input after the first client detaches."),
            doc("terminationMessagePath", .string, "The file the container may write a last message to when it ends. Defaults to /dev/termination-log."),
            doc("terminationMessagePolicy", .string, enum: ["FallbackToLogsOnError", "File"], "Where the termination message comes from: File (the default) or the end of the log when the file is empty and the container failed."),
            doc("tty", .boolean, "Give the container a terminal. Needs stdin too."),
            doc("volumeDevices", .array(.ref("VolumeDevice")), "Raw block devices the container uses."),
            doc("volumeMounts", .array(.ref("VolumeMount")), "Where the pod's volumes appear in the container's file system."),
            doc("workingDir", .string, "The folder the entrypoint runs in. Defaults to the image's working folder."),
        ]),
        ExplainType("ContainerPort", """
            A network port a container listens on.
            """, [
            doc("containerPort", .integer, required: true, "The port number inside the container, between 1 and 65535."),
            doc("hostIP", .string, "The node IP address to bind an exposed host port to."),
            doc("hostPort", .integer, "A port on the node forwarded to this container port. Most pods do not need one."),
            doc("name", .string, "A short name (up to 15 characters) that Services can refer to instead of the number."),
            doc("protocol", .string, enum: ["SCTP", "TCP", "UDP"], "The protocol of the port. Defaults to TCP."),
        ]),
        ExplainType("EnvVar", """
            One environment variable of a container.
            """, [
            doc("name", .string, required: true, "The variable's name."),
            doc("value", .string, "The value, which may refer to earlier variables as $(NAME). Defaults to an empty string."),
            doc("valueFrom", .ref("EnvVarSource"), "Take the value from a ConfigMap key, a Secret key, a field of the pod or a resource of the container. Cannot be combined with value."),
        ]),
        ExplainType("EnvVarSource", """
            Where an environment variable gets its value from. Set exactly one field.
            """, [
            doc("configMapKeyRef", .ref("ConfigMapKeySelector"), "A key of a ConfigMap in the pod's namespace."),
            doc("fieldRef", .ref("ObjectFieldSelector"), "A field of the pod, such as metadata.name or status.podIP."),
            doc("resourceFieldRef", .ref("ResourceFieldSelector"), "A request or limit of the container, such as limits.memory."),
            doc("secretKeyRef", .ref("SecretKeySelector"), "A key of a Secret in the pod's namespace."),
        ]),
        ExplainType("EnvFromSource", """
            A ConfigMap or Secret whose keys all become environment variables.
            """, [
            doc("configMapRef", .ref("ConfigMapEnvSource"), "The ConfigMap to read."),
            doc("prefix", .string, "A prefix added to every variable name taken from the source."),
            doc("secretRef", .ref("SecretEnvSource"), "The Secret to read."),
        ]),
        ExplainType("ResourceRequirements", """
            The compute resources a container asks for and the most it may use.
            """, [
            doc("claims", .array(.ref("ResourceClaim")), "Names of the pod's resource claims this container uses."),
            doc("limits", .map(.ref("Quantity")), "The most of each resource the container may use. Going over the memory limit gets the container killed; CPU is throttled."),
            doc("requests", .map(.ref("Quantity")), "The amount of each resource the scheduler reserves for the container. Defaults to the limit when only a limit is given."),
        ]),
        ExplainType("Probe", """
            A health check the kubelet runs against a container. Exactly one way of checking (exec, httpGet, \
            tcpSocket or grpc) must be set.
            """, [
            doc("exec", .ref("ExecAction"), "Run a command in the container; exit status 0 counts as success."),
            doc("failureThreshold", .integer, "How many failures in a row count as a failed probe. Defaults to 3."),
            doc("grpc", .ref("GRPCAction"), "Call the standard gRPC health check."),
            doc("httpGet", .ref("HTTPGetAction"), "Send an HTTP GET; a status code from 200 to 399 counts as success."),
            doc("initialDelaySeconds", .integer, "How long to wait after the container starts before the first probe."),
            doc("periodSeconds", .integer, "How often to probe, in seconds. Defaults to 10."),
            doc("successThreshold", .integer, "How many successes in a row count as passing after a failure. Defaults to 1, and must be 1 for liveness and startup probes."),
            doc("tcpSocket", .ref("TCPSocketAction"), "Open a TCP connection to a port; connecting counts as success."),
            doc("terminationGracePeriodSeconds", .integer, "A grace period used instead of the pod's when this probe causes a restart."),
            doc("timeoutSeconds", .integer, "How long one probe may take before it counts as failed. Defaults to 1 second."),
        ]),
        ExplainType("HTTPGetAction", """
            An HTTP GET request used by a probe or lifecycle hook.
            """, [
            doc("host", .string, "The host to connect to. Defaults to the pod's IP."),
            doc("httpHeaders", .array(.ref("HTTPHeader")), "Extra request headers."),
            doc("path", .string, "The path to request."),
            doc("port", .ref("IntOrString"), required: true, "The port, by number or by the name of a container port."),
            doc("scheme", .string, enum: ["HTTP", "HTTPS"], "HTTP (the default) or HTTPS."),
        ]),
        ExplainType("VolumeMount", """
            Where a volume of the pod appears inside a container.
            """, [
            doc("mountPath", .string, required: true, "The path in the container where the volume is mounted. Must not contain ':'."),
            doc("name", .string, required: true, "The name of the pod volume to mount."),
            doc("readOnly", .boolean, "Mount the volume read-only. Defaults to false."),
            doc("subPath", .string, "Mount only this path within the volume instead of its root."),
        ]),
    ]
}
