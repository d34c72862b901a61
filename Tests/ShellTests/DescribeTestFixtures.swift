// Shared fixtures for the describe tests: a session whose cluster holds hand-built objects (status included,
// as the controllers of a later issue will write it), and the outputs Appendix C of the reference recorded.
import Foundation
import MiniCluster
import Shell
import TestSupport
import XCTest

enum DescribeFixture {
    /// A JSON object as an engine Value (booleans told apart from numbers).
    static func value(_ json: String) -> Value {
        guard let any = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else {
            XCTFail("bad fixture JSON: \(json.prefix(80))")
            return .null
        }
        return convert(any)
    }

    private static func convert(_ any: Any) -> Value {
        switch any {
        case let d as [String: Any]:
            var v = Value.emptyObject
            for k in d.keys.sorted() { v[k] = convert(d[k]!) }
            return v
        case let a as [Any]: return .array(a.map(convert))
        case let s as String: return .string(s)
        case let n as NSNumber:
            switch String(cString: n.objCType) {
            case "c": return .bool(n.boolValue)
            case "d", "f": return .double(n.doubleValue)
            default: return .int(n.intValue)
            }
        default: return .null
        }
    }

    /// A sandbox session with virtual time moved to `now` (RFC 3339).
    static func session(now: String) -> ShellSession {
        let s = ShellSession.withDefaultCluster(cwd: FileManager.default.temporaryDirectory)
        let c = Fixtures.bare(s)
        // Hand-built objects are described as stored: no controller reconciles them.
        c.controllers.enabled = false
        c.advance(by: Timestamp(rfc3339: now)! - c.now)
        return s
    }

    /// Stores objects as given (uid, timestamps and status included), bypassing admission.
    static func put(_ s: ShellSession, _ jsons: String...) {
        let c = s.currentCluster!
        for json in jsons {
            let obj = value(json)
            guard let t = c.registry.lookup(apiVersion: obj.apiVersion, kind: obj.kind) else {
                XCTFail("no type for \(obj.apiVersion) \(obj.kind)"); continue
            }
            c.store.put(t, obj)
        }
    }

    /// A core Event about an object.
    static func event(_ name: String, about kind: String, _ obj: String, uid: String, ns: String = "default", type: String = "Normal",
                      reason: String, message: String, component: String, first: String, last: String? = nil,
                      count: Int = 1) -> String {
        """
        {"apiVersion":"v1","kind":"Event","metadata":{"name":"\(name)","namespace":"\(ns)"},
         "involvedObject":{"kind":"\(kind)","name":"\(obj)","namespace":"\(kind == "Node" ? "" : ns)","uid":"\(uid)"},
         "type":"\(type)","reason":"\(reason)","message":"\(message)","source":{"component":"\(component)"},
         "firstTimestamp":"\(first)","lastTimestamp":"\(last ?? first)","count":\(count)}
        """
    }

    /// Runs one command line; returns stdout, stderr and the exit status.
    static func run(_ s: ShellSession, _ line: String) -> (out: String, err: String, status: Int32) {
        let o = Output()
        let status = s.runLine(line, output: o)
        return (o.stdout, o.stderr, status)
    }
}

/// Describe outputs recorded from the real kubectl 1.32 (reference Appendix C), byte for byte.
enum AppendixC {
    /// `kubectl describe pod web-7c5ddbdf54-4kx9z`
    static let pod_web_7c5ddbdf54_4kx9z = """
        Name:             web-7c5ddbdf54-4kx9z
        Namespace:        default
        Priority:         0
        Service Account:  default
        Node:             worker-1/172.18.0.3
        Start Time:       Thu, 26 Nov 2026 09:43:53 +0000
        Labels:           app=web
                          pod-template-hash=7c5ddbdf54
        Annotations:      <none>
        Status:           Running
        IP:               10.244.1.5
        IPs:
          IP:           10.244.1.5
        Controlled By:  ReplicaSet/web-7c5ddbdf54
        Containers:
          nginx:
            Container ID:   containerd://0123456789abcdef
            Image:          nginx:1.25
            Image ID:       docker.io/library/nginx@sha256:abc123
            Port:           80/TCP
            Host Port:      0/TCP
            State:          Running
              Started:      Thu, 26 Nov 2026 09:44:03 +0000
            Ready:          True
            Restart Count:  0
            Environment:    <none>
            Mounts:         <none>
        Conditions:
          Type                        Status
          PodReadyToStartContainers   True\u{20}
          Initialized                 True\u{20}
          Ready                       True\u{20}
          ContainersReady             True\u{20}
          PodScheduled                True\u{20}
        Volumes:                      <none>
        QoS Class:                    BestEffort
        Node-Selectors:               <none>
        Tolerations:                  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                      node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
        Events:
          Type    Reason     Age    From               Message
          ----    ------     ----   ----               -------
          Normal  Scheduled  5m26s  default-scheduler  Successfully assigned default/web-7c5ddbdf54-4kx9z to worker-1
          Normal  Pulling    5m25s  kubelet            Pulling image "nginx:1.25"
          Normal  Pulled     5m11s  kubelet            Successfully pulled image "nginx:1.25" in 2.1s (2.1s including waiting). Image size: 72080558 bytes.
          Normal  Created    5m11s  kubelet            Created container nginx
          Normal  Started    5m10s  kubelet            Started container nginx

        """

    /// `kubectl describe pod crashy`
    static let pod_crashy = """
        Name:             crashy
        Namespace:        default
        Priority:         0
        Service Account:  default
        Node:             worker-1/172.18.0.3
        Start Time:       Thu, 26 Nov 2026 09:45:33 +0000
        Labels:           run=crashy
        Annotations:      <none>
        Status:           Running
        IP:               10.244.1.9
        IPs:
          IP:  10.244.1.9
        Containers:
          app:
            Container ID:  containerd://0123456789abcdef
            Image:         busybox:1.36
            Image ID:      docker.io/library/nginx@sha256:abc123
            Port:          <none>
            Host Port:     <none>
            Command:
              sh
              -c
              exit 1
            State:          Waiting
              Reason:       CrashLoopBackOff
            Last State:     Terminated
              Reason:       Error
              Exit Code:    1
              Started:      Thu, 26 Nov 2026 09:48:13 +0000
              Finished:     Thu, 26 Nov 2026 09:48:18 +0000
            Ready:          False
            Restart Count:  3
            Environment:    <none>
            Mounts:         <none>
        Conditions:
          Type                        Status
          PodReadyToStartContainers   True\u{20}
          Initialized                 True\u{20}
          Ready                       False\u{20}
          ContainersReady             False\u{20}
          PodScheduled                True\u{20}
        Volumes:                      <none>
        QoS Class:                    BestEffort
        Node-Selectors:               <none>
        Tolerations:                  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                      node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
        Events:
          Type     Reason   Age                 From     Message
          ----     ------   ----                ----     -------
          Warning  BackOff  11s (x7 over 3m1s)  kubelet  Back-off restarting failed container app in pod crashy_default(uid)

        """

    /// `kubectl describe pod pending-pod`
    static let pod_pending_pod = """
        Name:             pending-pod
        Namespace:        default
        Priority:         0
        Service Account:  default
        Node:             <none>
        Labels:           run=pending-pod
        Annotations:      <none>
        Status:           Pending
        IP:\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}
        IPs:              <none>
        Containers:
          pending-pod:
            Image:        nginx
            Port:         <none>
            Host Port:    <none>
            Environment:  <none>
            Mounts:       <none>
        Conditions:
          Type           Status
          PodScheduled   False\u{20}
        Volumes:         <none>
        QoS Class:       Burstable
        Node-Selectors:  <none>
        Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                         node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
        Events:          <none>

        """

    /// `kubectl describe pod init-demo`
    static let pod_init_demo = """
        Name:             init-demo
        Namespace:        default
        Priority:         0
        Service Account:  default
        Node:             worker-1/
        Labels:           <none>
        Annotations:      <none>
        Status:           Pending
        IP:               10.244.1.11
        IPs:
          IP:  10.244.1.11
        Init Containers:
          init-a:
            Container ID:\u{20}\u{20}\u{20}
            Image:          busybox
            Image ID:\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}
            Port:           <none>
            Host Port:      <none>
            State:          Running
              Started:      Thu, 26 Nov 2026 09:48:53 +0000
            Ready:          False
            Restart Count:  0
            Environment:    <none>
            Mounts:         <none>
          init-b:
            Container ID:\u{20}\u{20}\u{20}
            Image:          busybox
            Image ID:\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}
            Port:           <none>
            Host Port:      <none>
            State:          Waiting
              Reason:       PodInitializing
            Ready:          False
            Restart Count:  0
            Environment:    <none>
            Mounts:         <none>
        Containers:
          main:
            Container ID:\u{20}\u{20}\u{20}
            Image:          nginx
            Image ID:\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}
            Port:           <none>
            Host Port:      <none>
            State:          Waiting
              Reason:       PodInitializing
            Ready:          False
            Restart Count:  0
            Environment:    <none>
            Mounts:         <none>
        Conditions:
          Type           Status
          Initialized    False\u{20}
        Volumes:         <none>
        QoS Class:       BestEffort
        Node-Selectors:  <none>
        Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                         node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
        Events:          <none>

        """

    /// `kubectl describe deployment web`
    static let deployment_web = """
        Name:                   web
        Namespace:              default
        CreationTimestamp:      Thu, 26 Nov 2026 09:43:33 +0000
        Labels:                 app=web
        Annotations:            deployment.kubernetes.io/revision: 1
        Selector:               app=web
        Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
        StrategyType:           RollingUpdate
        MinReadySeconds:        0
        RollingUpdateStrategy:  25% max unavailable, 25% max surge
        Pod Template:
          Labels:  app=web
          Containers:
           nginx:
            Image:         nginx:1.25
            Port:          80/TCP
            Host Port:     0/TCP
            Environment:   <none>
            Mounts:        <none>
          Volumes:         <none>
          Node-Selectors:  <none>
          Tolerations:     <none>
        Conditions:
          Type           Status  Reason
          ----           ------  ------
          Available      True    MinimumReplicasAvailable
          Progressing    True    NewReplicaSetAvailable
        OldReplicaSets:  <none>
        NewReplicaSet:   web-7c5ddbdf54 (3/3 replicas created)
        Events:
          Type    Reason             Age    From                   Message
          ----    ------             ----   ----                   -------
          Normal  ScalingReplicaSet  5m32s  deployment-controller  Scaled up replica set web-7c5ddbdf54 from 0 to 3

        """

    /// `kubectl describe deployment app`
    static let deployment_app = """
        Name:                   app
        Namespace:              default
        CreationTimestamp:      Thu, 26 Nov 2026 08:49:03 +0000
        Labels:                 app=app
        Annotations:            deployment.kubernetes.io/revision: 2
        Selector:               app=app
        Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable
        StrategyType:           RollingUpdate
        MinReadySeconds:        0
        RollingUpdateStrategy:  25% max unavailable, 25% max surge
        Pod Template:
          Labels:  app=app
          Containers:
           nginx:
            Image:         nginx:1.25
            Port:          80/TCP
            Host Port:     0/TCP
            Environment:   <none>
            Mounts:        <none>
          Volumes:         <none>
          Node-Selectors:  <none>
          Tolerations:     <none>
        Conditions:
          Type           Status  Reason
          ----           ------  ------
          Available      True    MinimumReplicasAvailable
          Progressing    True    NewReplicaSetAvailable
        OldReplicaSets:  app-6b7f8d9c4 (0/0 replicas created)
        NewReplicaSet:   app-5d8f7b9c6d (2/2 replicas created)
        Events:
          Type    Reason             Age    From                   Message
          ----    ------             ----   ----                   -------
          Normal  ScalingReplicaSet  2m32s  deployment-controller  Scaled up replica set app-5d8f7b9c6d from 0 to 1
          Normal  ScalingReplicaSet  2m22s  deployment-controller  Scaled down replica set app-6b7f8d9c4 from 2 to 1
          Normal  ScalingReplicaSet  2m22s  deployment-controller  Scaled up replica set app-5d8f7b9c6d from 1 to 2
          Normal  ScalingReplicaSet  2m12s  deployment-controller  Scaled down replica set app-6b7f8d9c4 from 1 to 0

        """

    /// `kubectl describe svc web`
    static let svc_web = """
        Name:                     web
        Namespace:                default
        Labels:                   app=web
        Annotations:              <none>
        Selector:                 app=web
        Type:                     NodePort
        IP Family Policy:         SingleStack
        IP Families:              IPv4
        IP:                       10.96.120.15
        IPs:                      10.96.120.15
        Port:                     <unset>  80/TCP
        TargetPort:               80/TCP
        NodePort:                 <unset>  31234/TCP
        Endpoints:                <none>
        Session Affinity:         None
        External Traffic Policy:  Cluster
        Internal Traffic Policy:  Cluster
        Events:                   <none>

        """

    /// `kubectl describe rs web-7c5ddbdf54`
    static let rs_web_7c5ddbdf54 = """
        Name:           web-7c5ddbdf54
        Namespace:      default
        Selector:       app=web,pod-template-hash=7c5ddbdf54
        Labels:         app=web
                        pod-template-hash=7c5ddbdf54
        Annotations:    deployment.kubernetes.io/desired-replicas: 3
                        deployment.kubernetes.io/max-replicas: 4
                        deployment.kubernetes.io/revision: 1
        Controlled By:  Deployment/web
        Replicas:       3 current / 3 desired
        Pods Status:    0 Running / 0 Waiting / 0 Succeeded / 0 Failed
        Pod Template:
          Labels:  app=web
                   pod-template-hash=7c5ddbdf54
          Containers:
           nginx:
            Image:         nginx:1.25
            Port:          80/TCP
            Host Port:     0/TCP
            Environment:   <none>
            Mounts:        <none>
          Volumes:         <none>
          Node-Selectors:  <none>
          Tolerations:     <none>
        Events:            <none>

        """

    /// `kubectl describe ns default`
    static let ns_default = """
        Name:         default
        Labels:       kubernetes.io/metadata.name=default
        Annotations:  <none>
        Status:       Active
        
        Resource Quotas
          Name:          my-quota
          Resource       Used  Hard
          --------       ---   ---
          limits.memory  1Gi   4Gi
          pods           6     10
          requests.cpu   500m  2

        No LimitRange resource.

        """

    /// `kubectl describe cm app-config`
    static let cm_app_config = """
        Name:         app-config
        Namespace:    default
        Labels:       <none>
        Annotations:  <none>
        
        Data
        ====
        KEY1:
        ----
        v1
        
        KEY2:
        ----
        v2
        
        
        BinaryData
        ====
        
        Events:  <none>

        """

    /// `kubectl describe node worker-1`
    static let node_worker_1 = """
        Name:               worker-1
        Roles:              <none>
        Labels:             beta.kubernetes.io/arch=amd64
                            beta.kubernetes.io/os=linux
                            kubernetes.io/arch=amd64
                            kubernetes.io/hostname=worker-1
                            kubernetes.io/os=linux
        Annotations:        <none>
        CreationTimestamp:  Sat, 14 Nov 2026 09:50:43 +0000
        Taints:             <none>
        Unschedulable:      false
        Lease:              Failed to get lease: the server could not find the requested resource
        Conditions:
          Type    Status  LastHeartbeatTime                 LastTransitionTime                Reason         Message
          ----    ------  -----------------                 ------------------                ------         -------
          Ready   True    Mon, 01 Jan 0001 00:00:00 +0000   Mon, 01 Jan 0001 00:00:00 +0000   KubeletReady   kubelet is posting ready status
        Addresses:
          InternalIP:  172.18.0.3
          Hostname:    worker-1
        Capacity:
          cpu:     4
          memory:  8049104Ki
          pods:    110
        Allocatable:
          cpu:     4
          memory:  8049104Ki
          pods:    110
        System Info:
          Machine ID:\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}
          System UUID:\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}
          Boot ID:\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}
          Kernel Version:             6.8.0-45-generic
          OS Image:                   Debian GNU/Linux 12 (bookworm)
          Operating System:           linux
          Architecture:               amd64
          Container Runtime Version:  containerd://1.7.24
          Kubelet Version:            v1.32.4
          Kube-Proxy Version:\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}
        PodCIDR:                      10.244.0.0/24
        Non-terminated Pods:          (0 in total)
          Namespace                   Name    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
          ---------                   ----    ------------  ----------  ---------------  -------------  ---
        Allocated resources:
          (Total limits may be over 100 percent, i.e., overcommitted.)
          Resource           Requests  Limits
          --------           --------  ------
          cpu                0 (0%)    0 (0%)
          memory             0 (0%)    0 (0%)
          ephemeral-storage  0 (0%)    0 (0%)
        Events:              <none>

        """

}
