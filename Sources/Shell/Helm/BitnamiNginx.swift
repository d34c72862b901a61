// bitnami/nginx: an NGINX Deployment behind a LoadBalancer Service. Versions are those of the chart published
// in late 2024 (18.3.x, NGINX 1.27.3); only the values the course uses are modelled.
import MiniCluster

enum BitnamiNginx {
    static let chart = HelmChart(
        repo: "bitnami", name: "nginx", version: "18.3.5", appVersion: "1.27.3",
        description: "NGINX Open Source is a web server that can be also used as a reverse proxy, load balancer, and HTTP cache. Recommended for high-demanding sites due to its ability to provide faster content.",
        valuesYAML: values, render: render, notes: notes)

    static let values = """
    ## How many NGINX pods the Deployment runs
    replicaCount: 1
    ## The container image
    image:
      registry: docker.io
      repository: bitnami/nginx
      tag: 1.27.3-debian-12-r5
      pullPolicy: IfNotPresent
    ## Port the container listens on
    containerPorts:
      http: 80
    ## Requests and limits for the NGINX container
    resources:
      requests:
        cpu: 100m
        memory: 128Mi
      limits:
        cpu: 150m
        memory: 192Mi
    ## How the Service exposes NGINX: LoadBalancer, NodePort or ClusterIP
    service:
      type: LoadBalancer
      ports:
        http: 80

    """

    static func image(_ v: HelmRenderInput) -> String {
        "\(v.string("image.registry", "docker.io"))/\(v.string("image.repository", "bitnami/nginx")):\(v.string("image.tag", "latest"))"
    }

    static func render(_ v: HelmRenderInput) -> [HelmTemplate] {
        let name = v.fullname
        let port = v.int("containerPorts.http", 80)
        var svcSpec: Value = ["type": .string(v.string("service.type", "LoadBalancer")),
                              "ports": [["name": "http", "port": .int(v.int("service.ports.http", 80)), "protocol": "TCP",
                                         "targetPort": "http"]],
                              "selector": v.selector()]
        if svcSpec["type"] == "LoadBalancer" || svcSpec["type"] == "NodePort" {
            svcSpec["externalTrafficPolicy"] = "Cluster"
        }
        let service: Value = ["apiVersion": "v1", "kind": "Service", "metadata": v.metadata(name, labels: v.labels()),
                              "spec": svcSpec]
        let container: Value = [
            "name": "nginx", "image": .string(image(v)), "imagePullPolicy": .string(v.string("image.pullPolicy", "IfNotPresent")),
            "ports": [["name": "http", "containerPort": .int(port)]],
            "resources": v.values["resources"] ?? .emptyObject,
            "livenessProbe": ["tcpSocket": ["port": "http"], "initialDelaySeconds": 30, "periodSeconds": 10],
            "readinessProbe": ["httpGet": ["path": "/", "port": "http"], "initialDelaySeconds": 5, "periodSeconds": 5],
        ]
        let deployment: Value = [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": v.metadata(name, labels: v.labels()),
            "spec": ["replicas": .int(v.int("replicaCount", 1)),
                     "selector": ["matchLabels": v.selector()],
                     "template": ["metadata": ["labels": v.labels()],
                                  "spec": ["containers": [container]]]],
        ]
        return [HelmTemplate(source: "nginx/templates/svc.yaml", object: service),
                HelmTemplate(source: "nginx/templates/deployment.yaml", object: deployment)]
    }

    static func notes(_ v: HelmRenderInput) -> String {
        let name = v.fullname, ns = v.namespace
        var s = """
        CHART NAME: nginx
        CHART VERSION: \(v.chart.version)
        APP VERSION: \(v.chart.appVersion)

        The pods may take a minute to become ready.
        Inside the cluster, NGINX answers at:

            \(name).\(ns).svc.cluster.local (port \(v.int("service.ports.http", 80)))

        From outside the cluster:

        """
        if v.string("service.type") == "LoadBalancer" {
            s += """

            1. Read the address of the load balancer (it appears once the load balancer is ready;
               follow it with 'kubectl get svc --namespace \(ns) -w \(name)'):

                export SERVICE_PORT=$(kubectl get --namespace \(ns) -o jsonpath="{.spec.ports[0].port}" services \(name))
                export SERVICE_IP=$(kubectl get svc --namespace \(ns) \(name) -o jsonpath='{.status.loadBalancer.ingress[0].ip}')
                echo "http://${SERVICE_IP}:${SERVICE_PORT}"
            """
        } else {
            s += """

            1. Forward a local port to the Service:

                kubectl port-forward --namespace \(ns) svc/\(name) 8080:\(v.int("service.ports.http", 80)) &
                echo "http://127.0.0.1:8080"
            """
        }
        return s
    }
}
