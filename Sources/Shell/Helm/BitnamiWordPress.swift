// bitnami/wordpress: WordPress (a Deployment with a claim for its files, behind a LoadBalancer Service) and
// its MariaDB subchart (a StatefulSet with a claim template and a ClusterIP Service). Passwords are generated
// from the cluster's seeded random at install and kept by upgrades. Versions: chart 24.1.x, WordPress 6.7.1.
import Foundation
import MiniCluster

enum BitnamiWordPress {
    static let chart = HelmChart(
        repo: "bitnami", name: "wordpress", version: "24.1.7", appVersion: "6.7.1",
        description: "WordPress is the world's most popular blogging and content management platform. Powerful yet simple, everyone from students to global corporations use it to build beautiful, functional websites.",
        valuesYAML: values, generatedSecrets: ["wordpress-password": 10, "mariadb-root-password": 10, "mariadb-password": 10],
        render: render, notes: notes)

    static let values = """
    ## WordPress container image
    image:
      registry: docker.io
      repository: bitnami/wordpress
      tag: 6.7.1-debian-12-r9
    ## The first administrator account
    wordpressUsername: user
    wordpressPassword: ""
    wordpressBlogName: User's Blog!
    ## How many WordPress pods run
    replicaCount: 1
    ## How the WordPress Service is exposed
    service:
      type: LoadBalancer
      ports:
        http: 80
    ## A claim for uploaded files and plugins
    persistence:
      enabled: true
      size: 10Gi
    ## The bundled MariaDB database
    mariadb:
      enabled: true
      auth:
        database: bitnami_wordpress
        username: bn_wordpress
        rootPassword: ""
        password: ""
      primary:
        persistence:
          size: 8Gi

    """

    static func render(_ v: HelmRenderInput) -> [HelmTemplate] {
        let name = v.fullname, db = v.fullname(for: "mariadb")
        let dbVersion = "11.4.4", dbChart = "mariadb-20.2.1"
        var dbLabels = v.labels(component: "primary", name: "mariadb", version: dbVersion)
        dbLabels["helm.sh/chart"] = .string(dbChart)
        func given(_ path: String, _ key: String) -> String {
            let s = v.string(path); return s.isEmpty ? v.generated[key] ?? "" : s
        }
        func secret(_ n: String, _ labels: Value, _ data: [(String, String)]) -> Value {
            var d: [String: Value] = [:]
            for (k, s) in data { d[k] = .string(Base64.encode(s)) }
            return ["apiVersion": "v1", "kind": "Secret", "metadata": v.metadata(n, labels: labels), "type": "Opaque",
                    "data": .object(.init(uniqueKeysWithValues: d.sorted { $0.key < $1.key }))]
        }
        var out: [HelmTemplate] = []
        let dbOn = v.values[path: "mariadb", "enabled"]?.boolValue ?? true
        if dbOn {
            out.append(HelmTemplate(source: "wordpress/charts/mariadb/templates/secrets.yaml", object: secret(db, dbLabels, [
                ("mariadb-password", given("mariadb.auth.password", "mariadb-password")),
                ("mariadb-root-password", given("mariadb.auth.rootPassword", "mariadb-root-password"))])))
        }
        out.append(HelmTemplate(source: "wordpress/templates/secrets.yaml", object: secret(name, v.labels(), [
            ("wordpress-password", given("wordpressPassword", "wordpress-password"))])))
        if v.values[path: "persistence", "enabled"]?.boolValue ?? true {
            out.append(HelmTemplate(source: "wordpress/templates/pvc.yaml", object: [
                "apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": v.metadata(name, labels: v.labels()),
                "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": .string(v.string("persistence.size", "10Gi"))]]]]))
        }
        if dbOn {
            out.append(HelmTemplate(source: "wordpress/charts/mariadb/templates/primary/svc.yaml", object: [
                "apiVersion": "v1", "kind": "Service", "metadata": v.metadata(db, labels: dbLabels),
                "spec": ["type": "ClusterIP", "ports": [["name": "mysql", "port": 3306, "protocol": "TCP", "targetPort": "mysql"]],
                         "selector": ["app.kubernetes.io/component": "primary", "app.kubernetes.io/instance": .string(v.release),
                                      "app.kubernetes.io/name": "mariadb"]]]))
        }
        out.append(HelmTemplate(source: "wordpress/templates/svc.yaml", object: [
            "apiVersion": "v1", "kind": "Service", "metadata": v.metadata(name, labels: v.labels()),
            "spec": ["type": .string(v.string("service.type", "LoadBalancer")),
                     "ports": [["name": "http", "port": .int(v.int("service.ports.http", 80)), "protocol": "TCP", "targetPort": "http"]],
                     "selector": v.selector()]]))
        let env: Value = [
            ["name": "WORDPRESS_DATABASE_HOST", "value": .string(db)],
            ["name": "WORDPRESS_DATABASE_PORT_NUMBER", "value": "3306"],
            ["name": "WORDPRESS_DATABASE_NAME", "value": .string(v.string("mariadb.auth.database", "bitnami_wordpress"))],
            ["name": "WORDPRESS_DATABASE_USER", "value": .string(v.string("mariadb.auth.username", "bn_wordpress"))],
            ["name": "WORDPRESS_DATABASE_PASSWORD", "valueFrom": ["secretKeyRef": ["name": .string(db), "key": "mariadb-password"]]],
            ["name": "WORDPRESS_USERNAME", "value": .string(v.string("wordpressUsername", "user"))],
            ["name": "WORDPRESS_PASSWORD", "valueFrom": ["secretKeyRef": ["name": .string(name), "key": "wordpress-password"]]],
            ["name": "WORDPRESS_BLOG_NAME", "value": .string(v.string("wordpressBlogName", "User's Blog!"))],
        ]
        var podSpec: Value = ["containers": [[
            "name": "wordpress",
            "image": .string("\(v.string("image.registry", "docker.io"))/\(v.string("image.repository", "bitnami/wordpress")):\(v.string("image.tag", "latest"))"),
            "env": env, "ports": [["name": "http", "containerPort": 80]],
            "readinessProbe": ["httpGet": ["path": "/", "port": "http"], "initialDelaySeconds": 30, "periodSeconds": 10],
        ]]]
        if v.values[path: "persistence", "enabled"]?.boolValue ?? true {
            podSpec[path: "containers"] = .array([podSpec["containers"]![0]!.merging(["volumeMounts": [["name": "wordpress-data", "mountPath": "/bitnami/wordpress"]]])])
            podSpec["volumes"] = [["name": "wordpress-data", "persistentVolumeClaim": ["claimName": .string(name)]]]
        }
        out.append(HelmTemplate(source: "wordpress/templates/deployment.yaml", object: [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": v.metadata(name, labels: v.labels()),
            "spec": ["replicas": .int(v.int("replicaCount", 1)), "selector": ["matchLabels": v.selector()],
                     "strategy": ["type": "RollingUpdate"],
                     "template": ["metadata": ["labels": v.labels()], "spec": podSpec]]]))
        if dbOn {
            var dbSelector = v.selector(name: "mariadb"); dbSelector["app.kubernetes.io/component"] = "primary"
            out.append(HelmTemplate(source: "wordpress/charts/mariadb/templates/primary/statefulset.yaml", object: [
                "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": v.metadata(db, labels: dbLabels),
                "spec": ["replicas": 1, "serviceName": .string(db), "selector": ["matchLabels": dbSelector],
                         "template": ["metadata": ["labels": dbLabels], "spec": ["containers": [[
                            "name": "mariadb", "image": "docker.io/bitnami/mariadb:11.4.4-debian-12-r4",
                            "env": [["name": "MYSQL_ROOT_PASSWORD", "valueFrom": ["secretKeyRef": ["name": .string(db), "key": "mariadb-root-password"]]],
                                    ["name": "MARIADB_DATABASE", "value": .string(v.string("mariadb.auth.database", "bitnami_wordpress"))]],
                            "ports": [["name": "mysql", "containerPort": 3306]],
                            "volumeMounts": [["name": "data", "mountPath": "/bitnami/mariadb"]]]]]],
                         "volumeClaimTemplates": [["metadata": ["name": "data", "labels": dbSelector],
                                                   "spec": ["accessModes": ["ReadWriteOnce"],
                                                            "resources": ["requests": ["storage": .string(v.string("mariadb.primary.persistence.size", "8Gi"))]]]]]]]))
        }
        return out
    }

    static func notes(_ v: HelmRenderInput) -> String {
        let name = v.fullname, ns = v.namespace
        return """
        CHART NAME: wordpress
        CHART VERSION: \(v.chart.version)
        APP VERSION: \(v.chart.appVersion)

        WordPress and its database are starting; the first start takes a few minutes.

        Inside the cluster, WordPress answers at:

            \(name).\(ns).svc.cluster.local (port \(v.int("service.ports.http", 80)))

        1. Read the address of the load balancer (it appears once the load balancer is ready):

            export SERVICE_IP=$(kubectl get svc --namespace \(ns) \(name) --template "{{ range (index .status.loadBalancer.ingress 0) }}{{ . }}{{ end }}")
            echo "WordPress URL: http://$SERVICE_IP/"

        2. Log in as \(v.string("wordpressUsername", "user")); the password is in a Secret:

            echo Password: $(kubectl get secret --namespace \(ns) \(name) -o jsonpath="{.data.wordpress-password}" | base64 -d)
        """
    }
}

enum Base64 {
    static func encode(_ s: String) -> String { Data(s.utf8).base64EncodedString() }
    static func decode(_ s: String) -> String? { Data(base64Encoded: s).flatMap { String(data: $0, encoding: .utf8) } }
}

extension Value {
    /// Top-level keys of `other` replace or add to this object's.
    func merging(_ other: Value) -> Value {
        guard case .object(var a) = self, case .object(let b) = other else { return other }
        for (k, v) in b { a[k] = v }
        return .object(a)
    }
}
