// The built-in images. Sizes are plausible compressed amd64 sizes; versions are what each tag's program prints.

extension ImageCatalog {
    static let path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    private static func tags(_ list: [(String, String, Int64)]) -> [String: ImageTag] {
        Dictionary(list.map { ($0.0, ImageTag(version: $0.1, size: $0.2)) }, uniquingKeysWith: { a, _ in a })
    }

    /// `tags`, plus what Docker Hub's official images also publish for each version listed: the full version
    /// (`7.4.1`) and its major.minor (`7.4`), where the list does not name them already.
    private static func officialTags(_ list: [(String, String, Int64)]) -> [String: ImageTag] {
        var derived = list
        for (_, version, size) in list {
            derived.append((version, version, size))
            let parts = version.split(separator: ".")
            if parts.count == 3 { derived.append(("\(parts[0]).\(parts[1])", version, size)) }
        }
        return tags(derived)
    }

    private static func hub(_ name: String) -> String { "docker.io/library/\(name)" }

    /// Every image the catalog knows from the start.
    public static var builtin: [CatalogImage] {
        webServers + shells + dataStores + runtimes + samples
    }

    static var webServers: [CatalogImage] {
        [
            CatalogImage(repository: hub("nginx"),
                         tags: tags([("latest", "1.27.3", 72_950_530), ("1.27", "1.27.3", 72_950_530),
                                     ("1.27.3", "1.27.3", 72_950_530), ("stable", "1.26.2", 71_027_456),
                                     ("1.26", "1.26.2", 71_027_456), ("1.25", "1.25.5", 70_991_218),
                                     ("1.25.5", "1.25.5", 70_991_218), ("1.23", "1.23.4", 56_986_016),
                                     ("1.21", "1.21.6", 56_747_870), ("1.19", "1.19.10", 53_605_226),
                                     ("1.17", "1.17.10", 51_029_614), ("1.16.1", "1.16.1", 51_030_575),
                                     ("1.16", "1.16.1", 51_030_575), ("1.14.2", "1.14.2", 44_710_204),
                                     ("1.14", "1.14.2", 44_710_204), ("alpine", "1.27.3", 20_479_328),
                                     ("mainline", "1.27.3", 72_950_530), ("1.7.9", "1.7.9", 39_947_264)]),
                         entrypoint: ["/docker-entrypoint.sh"], cmd: ["nginx", "-g", "daemon off;"],
                         env: [("PATH", path), ("NGINX_VERSION", "")], program: .nginx,
                         files: NginxFiles.files, executables: ["nginx", "/docker-entrypoint.sh", "curl"]),
            // The slim nginx builds the Kubernetes documentation's StatefulSet examples use (nginx versions approximate).
            CatalogImage(repository: "registry.k8s.io/nginx-slim",
                         tags: tags([("0.27", "1.27.1", 32_505_856), ("0.26", "1.25.3", 31_457_280), ("0.24", "1.23.3", 30_408_704),
                                     ("0.21", "1.21.6", 29_360_128), ("0.8", "1.9.11", 18_874_368)]),
                         cmd: ["nginx", "-g", "daemon off;"],
                         env: [("PATH", path)], program: .nginx,
                         files: NginxFiles.files, executables: ["nginx"]),
            // Bitnami's non-root builds, which the bitnami Helm charts run (sizes approximate).
            CatalogImage(repository: "docker.io/bitnami/nginx",
                         tags: tags([("latest", "1.27.3", 61_865_984), ("1.27.3-debian-12-r5", "1.27.3", 61_865_984),
                                     ("1.27.3", "1.27.3", 61_865_984), ("1.27", "1.27.3", 61_865_984),
                                     ("1.27.2-debian-12-r2", "1.27.2", 61_603_840), ("1.26", "1.26.2", 60_817_408)]),
                         cmd: ["nginx", "-g", "daemon off;"],
                         env: [("PATH", "/opt/bitnami/nginx/sbin:" + path)], program: .nginx,
                         files: NginxFiles.files, executables: ["nginx"]),
            CatalogImage(repository: "docker.io/bitnami/wordpress",
                         tags: tags([("latest", "6.7.1", 254_803_968), ("6.7.1-debian-12-r9", "6.7.1", 254_803_968),
                                     ("6.7.1", "6.7.1", 254_803_968), ("6.7", "6.7.1", 254_803_968)]),
                         cmd: ["httpd-foreground"], env: [("PATH", "/opt/bitnami/apache/bin:" + path)],
                         workingDir: "/opt/bitnami/wordpress", program: .httpd,
                         files: ["/usr/local/apache2/htdocs/index.html": "<!DOCTYPE html><html><head><title>User&#039;s Blog!</title></head><body><h1>User&#039;s Blog!</h1><p>Hello world!</p></body></html>\n"],
                         executables: ["httpd", "httpd-foreground", "apachectl", "php", "wp"]),
            CatalogImage(repository: hub("httpd"),
                         tags: tags([("latest", "2.4.62", 58_242_048), ("2.4", "2.4.62", 58_242_048),
                                     ("2.4.62", "2.4.62", 58_242_048), ("alpine", "2.4.62", 22_030_336),
                                     ("2.4-alpine", "2.4.62", 22_030_336)]),
                         cmd: ["httpd-foreground"], env: [("PATH", "/usr/local/apache2/bin:" + path),
                                                          ("HTTPD_PREFIX", "/usr/local/apache2")],
                         workingDir: "/usr/local/apache2", program: .httpd,
                         files: ["/usr/local/apache2/htdocs/index.html": "<html><body><h1>It works!</h1></body></html>\n"],
                         executables: ["httpd", "httpd-foreground", "apachectl"]),
        ]
    }

    static var shells: [CatalogImage] {
        let bb = tags([("latest", "1.37.0", 2_163_507), ("1.37", "1.37.0", 2_163_507), ("1.36", "1.36.1", 2_152_262),
                       ("1.36.1", "1.36.1", 2_152_262), ("1.35", "1.35.0", 772_788), ("1.34", "1.34.1", 764_556),
                       ("1.28", "1.28.4", 727_869), ("stable", "1.36.1", 2_152_262), ("glibc", "1.36.1", 2_152_262),
                       ("musl", "1.36.1", 1_121_458), ("uclibc", "1.36.1", 2_152_262)])
        return [
            CatalogImage(repository: hub("busybox"), tags: bb, cmd: ["sh"], env: [("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")], program: .shell, userland: .busybox),
            CatalogImage(repository: "registry.k8s.io/busybox",
                         tags: tags([("latest", "1.24.0", 1_144_547), ("1.24", "1.24.0", 1_144_547), ("1.27.2", "1.27.2", 729_986)]),
                         cmd: ["sh"], env: [("PATH", path)], program: .shell, userland: .busybox),
            CatalogImage(repository: hub("alpine"),
                         tags: tags([("latest", "3.21.0", 3_644_216), ("3", "3.21.0", 3_644_216), ("3.21", "3.21.0", 3_644_216),
                                     ("3.20", "3.20.3", 3_625_404), ("3.19", "3.19.4", 3_414_740), ("3.18", "3.18.9", 3_416_432),
                                     ("3.14", "3.14.10", 2_823_592), ("edge", "3.21.0", 3_644_216)]),
                         cmd: ["/bin/sh"], env: [("PATH", path)], program: .shell,
                         files: DistroFiles.osRelease(.alpine), userland: .busybox),
            CatalogImage(repository: hub("ubuntu"),
                         tags: tags([("latest", "24.04", 29_754_290), ("24.04", "24.04", 29_754_290), ("noble", "24.04", 29_754_290),
                                     ("22.04", "22.04", 29_536_372), ("jammy", "22.04", 29_536_372), ("20.04", "20.04", 27_508_244),
                                     ("focal", "20.04", 27_508_244)]),
                         cmd: ["/bin/bash"], env: [("PATH", path)], program: .shell,
                         files: DistroFiles.osRelease(.ubuntu)),
            CatalogImage(repository: hub("debian"),
                         tags: tags([("latest", "12", 49_557_538), ("12", "12", 49_557_538), ("bookworm", "12", 49_557_538),
                                     ("bookworm-slim", "12", 28_227_259), ("stable-slim", "12", 28_227_259),
                                     ("11", "11", 55_081_127), ("bullseye", "11", 55_081_127), ("bullseye-slim", "11", 31_420_916)]),
                         cmd: ["bash"], env: [("PATH", path)], program: .shell, files: DistroFiles.osRelease(.debian)),
            CatalogImage(repository: "docker.io/curlimages/curl",
                         tags: tags([("latest", "8.11.0", 11_207_936), ("8.11.0", "8.11.0", 11_207_936), ("8.5.0", "8.5.0", 10_780_672)]),
                         entrypoint: ["/entrypoint.sh"], cmd: ["curl"], env: [("PATH", path)], program: .shell,
                         files: DistroFiles.osRelease(.alpine), executables: ["curl", "/entrypoint.sh"], userland: .busybox),
            CatalogImage(repository: "docker.io/polinux/stress", tags: tags([("latest", "1.0.4", 4_045_312)]),
                         cmd: ["stress"], env: [("PATH", path)], program: .shell, executables: ["stress"], userland: .busybox),
            CatalogImage(repository: "docker.io/vish/stress", tags: tags([("latest", "1.0", 1_569_792)]),
                         entrypoint: ["/stress"], cmd: ["-logtostderr"], program: .shell, executables: ["/stress", "stress"],
                         hasShell: false),
            CatalogImage(repository: "registry.k8s.io/e2e-test-images/jessie-dnsutils",
                         tags: tags([("1.3", "1.3", 116_742_426), ("1.7", "1.7", 120_018_272)]),
                         cmd: ["/bin/sh"], env: [("PATH", path)], program: .shell, files: DistroFiles.osRelease(.debian),
                         executables: ["nslookup", "dig", "host"]),
            CatalogImage(repository: "registry.k8s.io/pause", tags: tags([("3.10", "3.10", 320_368), ("3.9", "3.9", 321_520), ("latest", "3.10", 320_368)]),
                         cmd: ["/pause"], program: .pause, executables: ["/pause"], hasShell: false),
        ]
    }

    static var dataStores: [CatalogImage] {
        [
            CatalogImage(repository: hub("redis"),
                         tags: officialTags([("latest", "7.4.1", 45_007_488), ("7", "7.4.1", 45_007_488), ("7.4", "7.4.1", 45_007_488),
                                     ("7.2", "7.2.6", 43_998_208), ("6.2", "6.2.16", 40_026_112), ("6.0.5", "6.0.5", 37_741_363),
                                     ("alpine", "7.4.1", 17_195_008), ("5.0.4", "5.0.4", 34_948_352)]),
                         entrypoint: ["docker-entrypoint.sh"], cmd: ["redis-server"], env: [("PATH", path)], workingDir: "/data",
                         program: .redis, executables: ["redis-server", "redis-cli", "docker-entrypoint.sh"]),
            CatalogImage(repository: hub("postgres"),
                         tags: officialTags([("latest", "17.2", 155_473_408), ("17", "17.2", 155_473_408), ("16", "16.6", 154_292_224),
                                     ("15", "15.10", 152_039_424), ("14", "14.15", 149_528_576), ("13", "13.18", 143_065_088),
                                     ("alpine", "17.2", 106_954_752)]),
                         entrypoint: ["docker-entrypoint.sh"], cmd: ["postgres"], env: [("PATH", "/usr/lib/postgresql/bin:" + path), ("PGDATA", "/var/lib/postgresql/data")],
                         program: .postgres, executables: ["postgres", "psql", "pg_isready", "docker-entrypoint.sh"]),
            CatalogImage(repository: hub("mysql"),
                         tags: officialTags([("latest", "9.1.0", 170_582_016), ("9", "9.1.0", 170_582_016), ("8.0", "8.0.40", 164_364_288),
                                     ("8", "8.4.3", 166_670_336), ("8.4", "8.4.3", 166_670_336), ("5.7", "5.7.44", 137_297_920),
                                     ("5.6", "5.6.51", 108_052_480)]),
                         entrypoint: ["docker-entrypoint.sh"], cmd: ["mysqld"], env: [("PATH", path)], program: .mysql,
                         executables: ["mysqld", "mysql", "mysqladmin", "docker-entrypoint.sh"]),
            CatalogImage(repository: "docker.io/bitnami/mariadb",
                         tags: tags([("latest", "11.4.4", 118_489_088), ("11.4.4-debian-12-r4", "11.4.4", 118_489_088),
                                     ("11.4.4", "11.4.4", 118_489_088), ("11.4", "11.4.4", 118_489_088)]),
                         cmd: ["mysqld"], env: [("PATH", "/opt/bitnami/mariadb/bin:" + path)], program: .mysql,
                         executables: ["mysqld", "mysql", "mariadb", "mysqladmin"]),
            CatalogImage(repository: hub("mongo"),
                         tags: officialTags([("latest", "8.0.3", 284_688_384), ("8", "8.0.3", 284_688_384), ("7", "7.0.15", 260_046_848),
                                     ("6", "6.0.19", 250_609_664), ("4.4", "4.4.29", 171_966_464)]),
                         entrypoint: ["docker-entrypoint.sh"], cmd: ["mongod"], env: [("PATH", path)], program: .mongo,
                         executables: ["mongod", "mongosh", "docker-entrypoint.sh"]),
            CatalogImage(repository: hub("cassandra"),
                         tags: officialTags([("latest", "5.0.2", 148_897_792), ("5", "5.0.2", 148_897_792), ("4.1", "4.1.7", 142_606_336),
                                     ("4.0", "4.0.14", 140_509_184), ("3.11", "3.11.17", 140_509_184)]),
                         entrypoint: ["docker-entrypoint.sh"], cmd: ["cassandra", "-f"], env: [("PATH", path)], program: .cassandra,
                         executables: ["cassandra", "cqlsh", "nodetool", "docker-entrypoint.sh"]),
        ]
    }

    static var runtimes: [CatalogImage] {
        [
            CatalogImage(repository: hub("perl"),
                         tags: tags([("latest", "5.40.0", 341_221_376), ("5.40", "5.40.0", 341_221_376), ("5.34.0", "5.34.0", 334_573_568),
                                     ("5.34", "5.34.3", 335_544_320), ("slim", "5.40.0", 51_380_224)]),
                         cmd: ["perl5.40.0", "-de0"], env: [("PATH", path)], workingDir: "/", program: .perl,
                         files: DistroFiles.osRelease(.debian), executables: ["perl"]),
            CatalogImage(repository: hub("python"),
                         tags: tags([("latest", "3.13.0", 391_118_848), ("3", "3.13.0", 391_118_848), ("3.13", "3.13.0", 391_118_848),
                                     ("3.12", "3.12.7", 389_021_696), ("3.11", "3.11.10", 387_973_120), ("3.9", "3.9.20", 381_681_664),
                                     ("slim", "3.13.0", 44_040_192), ("alpine", "3.13.0", 17_825_792)]),
                         cmd: ["python3"], env: [("PATH", path), ("LANG", "C.UTF-8")], program: .python,
                         files: DistroFiles.osRelease(.debian), executables: ["python", "python3", "pip"]),
            CatalogImage(repository: hub("node"),
                         tags: tags([("latest", "23.3.0", 402_653_184), ("22", "22.11.0", 400_556_032), ("20", "20.18.1", 398_458_880),
                                     ("18", "18.20.5", 396_361_728), ("lts", "22.11.0", 400_556_032), ("alpine", "23.3.0", 57_671_680)]),
                         entrypoint: ["docker-entrypoint.sh"], cmd: ["node"], env: [("PATH", path)], program: .node,
                         files: DistroFiles.osRelease(.debian), executables: ["node", "npm", "docker-entrypoint.sh"]),
        ]
    }

    static var samples: [CatalogImage] {
        let hello = tags([("1.0", "1.0.0", 4_637_632), ("2.0", "2.0.0", 4_637_872), ("latest", "2.0.0", 4_637_872)])
        let helloApp = { (repo: String) in
            CatalogImage(repository: repo, tags: hello, cmd: ["./hello-app"], workingDir: "/", program: .helloApp,
                         executables: ["./hello-app", "/hello-app"], hasShell: false)
        }
        return [
            helloApp("gcr.io/google-samples/hello-app"),
            helloApp("us-docker.pkg.dev/google-samples/containers/gke/hello-app"),
            // The Kubernetes Basics tutorial's Node.js app; v2 lives in a personal Docker Hub repository, as in the tutorial.
            CatalogImage(repository: "gcr.io/google-samples/kubernetes-bootcamp", tags: tags([("v1", "1", 80_326_530)]),
                         cmd: ["/bin/sh", "-c", "node server.js"], env: [("PATH", path)], workingDir: "/", program: .bootcamp,
                         files: DistroFiles.osRelease(.debian), executables: ["node", "curl"]),
            // The Kubernetes StatefulSet tutorial's Cassandra 3.11, configured by CASSANDRA_* variables in /run.sh.
            CatalogImage(repository: "gcr.io/google-samples/cassandra", tags: tags([("v13", "3.11.2", 151_652_352), ("v14", "3.11.4", 153_092_096)]),
                         cmd: ["/run.sh"], env: [("PATH", path)], workingDir: "/", program: .cassandraNode,
                         files: DistroFiles.osRelease(.debian),
                         executables: ["/run.sh", "cassandra", "nodetool", "cqlsh", "/ready-probe.sh"]),
            CatalogImage(repository: "docker.io/jocatalin/kubernetes-bootcamp", tags: tags([("v2", "2", 80_326_612)]),
                         cmd: ["/bin/sh", "-c", "node server.js"], env: [("PATH", path)], workingDir: "/", program: .bootcamp,
                         files: DistroFiles.osRelease(.debian), executables: ["node", "curl"]),
            CatalogImage(repository: "registry.k8s.io/hpa-example", tags: tags([("latest", "1.0", 181_347_958)]),
                         cmd: ["apache2-foreground"], env: [("PATH", path)], workingDir: "/var/www/html", program: .hpaExample,
                         files: ["/var/www/html/index.php": HPAFiles.indexPHP], executables: ["apache2-foreground", "php", "apache2"]),
            CatalogImage(repository: "registry.k8s.io/e2e-test-images/agnhost",
                         tags: tags([("2.53", "2.53", 52_953_088), ("2.52", "2.52", 52_428_800), ("2.47", "2.47", 51_380_224),
                                     ("2.43", "2.43", 50_331_648), ("2.40", "2.40", 49_283_072), ("2.39", "2.39", 49_283_072)]),
                         entrypoint: ["/agnhost"], cmd: ["pause"], env: [("PATH", path)], program: .agnhost,
                         executables: ["/agnhost", "agnhost"]),
            CatalogImage(repository: "docker.io/ealen/echo-server",
                         tags: tags([("latest", "0.9.2", 60_817_408), ("0.9.2", "0.9.2", 60_817_408), ("0.8.6", "0.8.6", 59_768_832)]),
                         cmd: ["node", "webserver"], env: [("PATH", path), ("PORT", "80")], program: .echoServer,
                         executables: ["node"]),
            CatalogImage(repository: "docker.io/hashicorp/http-echo",
                         tags: tags([("latest", "1.0.0", 3_460_096), ("1.0", "1.0.0", 3_460_096), ("0.2.3", "0.2.3", 2_957_312)]),
                         entrypoint: ["/http-echo"], cmd: [], program: .httpEcho, executables: ["/http-echo"], hasShell: false),
            CatalogImage(repository: "registry.k8s.io/liveness", tags: tags([("latest", "1.0", 2_574_066)]),
                         cmd: ["/server"], program: .liveness, executables: ["/server"], hasShell: false),
            CatalogImage(repository: "registry.k8s.io/goproxy", tags: tags([("0.1", "0.1", 2_412_032)]),
                         cmd: ["/goproxy"], program: .goproxy, executables: ["/goproxy"], hasShell: false),
            CatalogImage(repository: "registry.k8s.io/etcd", tags: tags([("3.5.1-0", "3.5.1", 98_888_614), ("3.5.16-0", "3.5.16", 57_680_541)]),
                         cmd: ["etcd"], env: [("PATH", path)], program: .etcd, executables: ["etcd", "etcdctl"], hasShell: false),
            CatalogImage(repository: "registry.k8s.io/echoserver", tags: tags([("1.10", "1.10", 46_118_912), ("1.4", "1.4", 46_137_344)]),
                         cmd: ["nginx", "-g", "daemon off;"], env: [("PATH", path)], program: .echoServer,
                         executables: ["nginx"]),
        ]
    }
}
