#!/usr/bin/env python3
"""Records the strategic merge patches the real kubectl 1.32 sends for `kubectl apply` (the expected values of
PatchDiffOracleTests). Starts a throw-away loopback API server (discovery, one object per path, PATCH bodies
recorded), stores each scenario's live object, runs `kubectl apply`, and writes apply-patches.json beside
this script: every scenario with kubectl's output line and the patch it sent (null when it sent none).
Run it again after changing SCENARIOS."""
import json, subprocess, sys, tempfile, threading, time, os
from http.server import BaseHTTPRequestHandler, HTTPServer

KUBECTL = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32"
STATE = {"objects": {}, "patches": []}
VERBS = ["create", "delete", "get", "list", "patch", "update", "watch"]
def res(name, kind, namespaced=True): return {"name": name, "singularName": kind.lower(), "namespaced": namespaced, "kind": kind, "verbs": VERBS}
DISCOVERY = {
    "/api": {"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}]},
    "/apis": {"kind": "APIGroupList", "apiVersion": "v1", "groups": [{"name": "apps", "versions": [{"groupVersion": "apps/v1", "version": "v1"}], "preferredVersion": {"groupVersion": "apps/v1", "version": "v1"}}]},
    "/api/v1": {"kind": "APIResourceList", "groupVersion": "v1", "resources": [res("configmaps", "ConfigMap"), res("services", "Service"), res("pods", "Pod")]},
    "/apis/apps/v1": {"kind": "APIResourceList", "groupVersion": "apps/v1", "resources": [res("deployments", "Deployment")]},
}

class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def send(self, code, obj):
        b = json.dumps(obj).encode()
        self.send_response(code); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(b))); self.end_headers(); self.wfile.write(b)
    def do_GET(self):
        p = self.path.split("?")[0]
        if p in DISCOVERY: return self.send(200, DISCOVERY[p])
        if p in STATE["objects"]: return self.send(200, STATE["objects"][p])
        self.send(404, {"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound", "code": 404, "message": "not found"})
    def do_PATCH(self):
        p = self.path.split("?")[0]
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        STATE["patches"].append(json.loads(body))
        self.send(200, STATE["objects"].get(p, {}))

def path_of(o):
    plural = {"Deployment": "deployments", "ConfigMap": "configmaps", "Service": "services"}[o["kind"]]
    base = "/apis/apps/v1" if o["apiVersion"] == "apps/v1" else "/api/v1"
    return f"{base}/namespaces/default/{plural}/{o['metadata']['name']}"

def deploy(replicas=3, image="nginx:1.25", env=None, sidecar=True, labels=None, extra_spec=None, volumes=None, mounts=None, resources=None):
    c = {"name": "web", "image": image}
    if env is not None: c["env"] = env
    if mounts is not None: c["volumeMounts"] = mounts
    if resources is not None: c["resources"] = resources
    containers = [c] + ([{"name": "side", "image": "busybox"}] if sidecar else [])
    pod = {"containers": containers}
    if volumes is not None: pod["volumes"] = volumes
    spec = {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}}, "spec": pod}}
    spec.update(extra_spec or {})
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "labels": labels if labels is not None else {"app": "web"}}, "spec": spec}

def service(ports):
    return {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}, "spec": {"selector": {"app": "web"}, "ports": ports}}

def configmap(data):
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": data}

def live(previous, annotate=True, extra_labels=None, extra=None):
    o = json.loads(json.dumps(previous))
    o["metadata"]["namespace"] = "default"
    if annotate:
        applied = json.loads(json.dumps(o)); applied["metadata"]["annotations"] = {}
        o["metadata"]["annotations"] = {"kubectl.kubernetes.io/last-applied-configuration": json.dumps(applied, separators=(",", ":"), sort_keys=True) + "\n"}
    o["metadata"].update({"uid": "u1", "resourceVersion": "5", "creationTimestamp": "2026-11-26T09:00:00Z"})
    if extra_labels: o["metadata"].setdefault("labels", {}).update(extra_labels)
    for k, v in (extra or {}).items():
        if isinstance(v, dict) and isinstance(o.get(k), dict): o[k].update(v)
        else: o[k] = v
    return o

ENV = [{"name": "A", "value": "1"}]
SCENARIOS = [
    ("unchanged", live(deploy(env=ENV), extra={"status": {"replicas": 3}}), deploy(env=ENV)),
    ("scaled", live(deploy(env=ENV)), deploy(replicas=5, env=ENV)),
    ("image, env and a dropped container", live(deploy(env=ENV)), deploy(image="nginx:1.26", env=[{"name": "B", "value": "2"}], sidecar=False)),
    ("label dropped, others' label kept", live(deploy(labels={"app": "web", "tier": "f"}), extra_labels={"by-hand": "x"}), deploy(labels={"app": "web"})),
    ("server defaults kept", live(deploy(), extra={"spec": {"strategy": {"type": "RollingUpdate"}, "revisionHistoryLimit": 10}}), deploy(replicas=2)),
    ("no last-applied annotation", live(deploy(labels={"app": "web", "x": "y"}), annotate=False), deploy(replicas=4)),
    ("volumes and mounts added", live(deploy()), deploy(volumes=[{"name": "data", "emptyDir": {}}], mounts=[{"name": "data", "mountPath": "/data"}])),
    ("resources removed from a container", live(deploy(resources={"limits": {"cpu": "1"}})), deploy()),
    ("container order changed", live(deploy()), {**deploy(), "spec": {**deploy()["spec"], "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "side", "image": "busybox"}, {"name": "web", "image": "nginx:1.25"}]}}}}),
    ("service ports", live(service([{"port": 80, "targetPort": 8080}])), service([{"port": 443, "targetPort": 8443}, {"port": 80, "targetPort": 9090}])),
    ("configmap data", live(configmap({"a": "1", "b": "2"})), configmap({"b": "3", "c": "4"})),
    ("strategy switched to Recreate", live(deploy(), extra={"spec": {"strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}}}}), deploy(extra_spec={"strategy": {"type": "Recreate"}})),
    ("strategy type only, as before", live(deploy(extra_spec={"strategy": {"type": "RollingUpdate"}}), extra={"spec": {"strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}}}}), deploy(extra_spec={"strategy": {"type": "RollingUpdate"}})),
    ("strategy limits changed", live(deploy(extra_spec={"strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}}})), deploy(extra_spec={"strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": "20%"}}})),
    ("strategy back from Recreate", live(deploy(extra_spec={"strategy": {"type": "Recreate"}})), deploy()),
]

def main():
    scenarios = [{"name": n, "live": l, "manifest": m} for n, l, m in SCENARIOS]
    srv = HTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    d = tempfile.mkdtemp()
    kc = os.path.join(d, "kubeconfig")
    open(kc, "w").write(f"apiVersion: v1\nkind: Config\nclusters:\n- cluster: {{server: 'http://127.0.0.1:{srv.server_port}'}}\n  name: f\ncontexts:\n- context: {{cluster: f, user: u, namespace: default}}\n  name: f\ncurrent-context: f\nusers:\n- name: u\n  user: {{}}\n")
    for s in scenarios:
        STATE["patches"].clear()
        STATE["objects"] = {path_of(s["live"]): s["live"]}
        f = os.path.join(d, "m.json"); json.dump(s["manifest"], open(f, "w"))
        out = subprocess.run([KUBECTL, "apply", "-f", f, "--validate=false"], env={"KUBECONFIG": kc, "HOME": d}, capture_output=True, text=True)
        s["stdout"] = out.stdout.strip() or out.stderr.strip()
        s["patch"] = STATE["patches"][0] if STATE["patches"] else None
    srv.shutdown()
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "apply-patches.json"), "w") as f:
        json.dump(scenarios, f, indent=1, sort_keys=True)
        f.write("\n")

main()
