// Files the catalog's images ship: the distributions' os-release, nginx's html and config, php-apache's page.

enum DistroFiles {
    enum Distro { case alpine, ubuntu, debian }

    /// Directories every Linux image has.
    static let baseDirectories = ["/bin", "/dev", "/etc", "/home", "/proc", "/root", "/sys", "/tmp", "/usr", "/usr/bin",
                                  "/usr/local", "/usr/local/bin", "/usr/sbin", "/sbin", "/var", "/var/log", "/var/run",
                                  "/run", "/lib", "/mnt", "/opt", "/srv"]

    static func osRelease(_ d: Distro) -> [String: String] {
        switch d {
        case .alpine:
            return ["/etc/os-release": """
                NAME="Alpine Linux"
                ID=alpine
                VERSION_ID=3.21.0
                PRETTY_NAME="Alpine Linux v3.21"
                HOME_URL="https://alpinelinux.org/"
                BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"

                """, "/etc/alpine-release": "3.21.0\n"]
        case .ubuntu:
            return ["/etc/os-release": """
                PRETTY_NAME="Ubuntu 24.04.1 LTS"
                NAME="Ubuntu"
                VERSION_ID="24.04"
                VERSION="24.04.1 LTS (Noble Numbat)"
                VERSION_CODENAME=noble
                ID=ubuntu
                ID_LIKE=debian
                HOME_URL="https://www.ubuntu.com/"
                SUPPORT_URL="https://help.ubuntu.com/"
                BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
                PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
                UBUNTU_CODENAME=noble
                LOGO=ubuntu-logo

                """]
        case .debian:
            return ["/etc/os-release": """
                PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
                NAME="Debian GNU/Linux"
                VERSION_ID="12"
                VERSION="12 (bookworm)"
                VERSION_CODENAME=bookworm
                ID=debian
                HOME_URL="https://www.debian.org/"
                SUPPORT_URL="https://www.debian.org/support"
                BUG_REPORT_URL="https://bugs.debian.org/"

                """, "/etc/debian_version": "12.8\n"]
        }
    }

    /// The paths of `kubeletFiles`, the same for every container.
    static let kubeletPaths: Set<String> = ["/etc/hosts", "/etc/hostname", "/etc/resolv.conf"]

    /// The hosts file's lines before the pod's own, the same in every container.
    static let hostsHeader = """
        # Kubernetes-managed hosts file.
        127.0.0.1\tlocalhost
        ::1\tlocalhost ip6-localhost ip6-loopback
        fe00::0\tip6-localnet
        fe00::0\tip6-mcastprefix
        fe00::1\tip6-allnodes
        fe00::2\tip6-allrouters

        """

    /// The files the kubelet writes into every container: hosts, hostname, resolv.conf.
    static func kubeletFiles(podName: String, namespace: String, podIP: String, hostname: String,
                             subdomain: String?) -> [String: String] {
        var fqdn = ""
        if let subdomain, !subdomain.isEmpty { fqdn = "\(hostname).\(subdomain).\(namespace).svc.cluster.local\t" }
        // Made in one buffer of its final size (an interpolated literal grows its buffer several times).
        var hosts = ""
        hosts.reserveCapacity(hostsHeader.utf8.count + podIP.utf8.count + fqdn.utf8.count + hostname.utf8.count + 2)
        hosts += hostsHeader
        hosts += podIP
        hosts += "\t"
        hosts += fqdn
        hosts += hostname
        hosts += "\n"
        return ["/etc/hosts": hosts, "/etc/hostname": hostname + "\n", "/etc/resolv.conf": resolvConf(namespace: namespace)]
    }

    /// The last namespace's resolv.conf (the pods of one template share it).
    private static var lastResolv: (namespace: String, text: String)?

    static func resolvConf(namespace: String) -> String {
        if let l = lastResolv, Value.sameBytes(l.namespace, namespace) { return l.text }
        let text = """
            search \(namespace).svc.cluster.local svc.cluster.local cluster.local c.kubetutor.internal google.internal
            nameserver 34.118.224.10
            options ndots:5

            """
        lastResolv = (namespace, text)
        return text
    }
}

enum NginxFiles {
    /// The welcome page of nginx 1.19 and later (615 bytes).
    static let welcome = """
        <!DOCTYPE html>
        <html>
        <head>
        <title>Welcome to nginx!</title>
        <style>
        html { color-scheme: light dark; }
        body { width: 35em; margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif; }
        </style>
        </head>
        <body>
        <h1>Welcome to nginx!</h1>
        <p>If you see this page, the nginx web server is successfully installed and
        working. Further configuration is required.</p>

        <p>For online documentation and support please refer to
        <a href="http://nginx.org/">nginx.org</a>.<br/>
        Commercial support is available at
        <a href="http://nginx.com/">nginx.com</a>.</p>

        <p><em>Thank you for using nginx.</em></p>
        </body>
        </html>

        """

    /// The welcome page of older nginx (1.14, 1.16; 612 bytes).
    static let oldWelcome = """
        <!DOCTYPE html>
        <html>
        <head>
        <title>Welcome to nginx!</title>
        <style>
            body {
                width: 35em;
                margin: 0 auto;
                font-family: Tahoma, Verdana, Arial, sans-serif;
            }
        </style>
        </head>
        <body>
        <h1>Welcome to nginx!</h1>
        <p>If you see this page, the nginx web server is successfully installed and
        working. Further configuration is required.</p>

        <p>For online documentation and support please refer to
        <a href="http://nginx.org/">nginx.org</a>.<br/>
        Commercial support is available at
        <a href="http://nginx.com/">nginx.com</a>.</p>

        <p><em>Thank you for using nginx.</em></p>
        </body>
        </html>

        """

    static let defaultConf = """
        server {
            listen       80;
            listen  [::]:80;
            server_name  localhost;

            location / {
                root   /usr/share/nginx/html;
                index  index.html index.htm;
            }

            error_page   500 502 503 504  /50x.html;
            location = /50x.html {
                root   /usr/share/nginx/html;
            }
        }

        """

    static let files: [String: String] = [
        "/usr/share/nginx/html/index.html": welcome,
        "/usr/share/nginx/html/50x.html": "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n",
        "/etc/nginx/conf.d/default.conf": defaultConf,
        "/etc/nginx/nginx.conf": "user  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n    access_log  /var/log/nginx/access.log  main;\n    sendfile        on;\n    keepalive_timeout  65;\n    include /etc/nginx/conf.d/*.conf;\n}\n",
        "/var/log/nginx/access.log": "",
        "/var/log/nginx/error.log": "",
    ]
}

enum HPAFiles {
    static let indexPHP = """
        <?php
          $x = 0.0001;
          for ($i = 0; $i <= 1000000; $i++) {
            $x += sqrt($x);
          }
          echo "OK!";
        ?>

        """
}
