// `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME [--tcp=port[:target]]…`
import Foundation
import MiniCluster

struct CreateServiceVerb: CreateGenerator {
    /// The Service type, as kubectl names it in `failed to create ClusterIP service: …`.
    let type: String
    let path: [String]
    let ownFlags: [FlagSpec]
    let requiredFlags: [String]
    var serverErrorPrefix: String? { "failed to create \(type) service: " }

    private static let tcp = FlagSpec("tcp", .stringSlice, usage: "Port pairs as '<port>:<targetPort>'.")

    static let clusterIP = CreateServiceVerb(type: "ClusterIP", path: ["create", "service", "clusterip"], ownFlags: [
        tcp, FlagSpec("clusterip", usage: "Your own ClusterIP, or 'None' for a headless service."),
    ], requiredFlags: [])
    static let nodePort = CreateServiceVerb(type: "NodePort", path: ["create", "service", "nodeport"], ownFlags: [
        tcp, FlagSpec("node-port", .int, default: "0", usage: "Port the service is exposed on, on every node."),
    ], requiredFlags: [])
    static let loadBalancer = CreateServiceVerb(type: "LoadBalancer", path: ["create", "service", "loadbalancer"],
                                                ownFlags: [tcp], requiredFlags: [])
    static let externalName = CreateServiceVerb(type: "ExternalName", path: ["create", "service", "externalname"], ownFlags: [
        tcp, FlagSpec("external-name", usage: "External name of the service."),
    ], requiredFlags: ["external-name"])

    static var all: [KubectlVerb] { [clusterIP, nodePort, loadBalancer, externalName] }

    func validate(_ c: CreateCall) throws {
        let clusterIP = c.flags.string("clusterip")
        if clusterIP == "None", type != "ClusterIP" {
            throw KubectlFailure.plain("ClusterIP=None can only be used with ClusterIP service type")
        }
        if clusterIP != "None", c.flags.strings("tcp").isEmpty, type != "ExternalName" {
            throw KubectlFailure.plain("at least one tcp port specifier must be provided")
        }
        if type == "ExternalName" {
            let ext = c.flags.string("external-name")
            if !NameRules.isDNS1123Subdomain(ext) { throw KubectlFailure.plain("invalid service external name \(ext)") }
        }
    }

    func build(_ c: CreateCall) throws -> Value {
        var ports: [Value] = []
        let nodePort = c.flags.int("node-port")
        for spec in c.flags.strings("tcp") {
            let (port, target) = try Self.parsePorts(spec)
            ports.append(Build.object([
                ("name", .string(spec.replacingOccurrences(of: ":", with: "-"))),
                ("protocol", "TCP"),
                ("port", .int(port)),
                ("targetPort", target),
                ("nodePort", nodePort != 0 ? .int(nodePort) : Value?.none),
            ]))
        }
        let app: Value = ["app": .string(c.name)]
        let clusterIP = c.flags.string("clusterip")
        let ext = c.flags.string("external-name")
        let spec = Build.object([
            ("ports", Build.opt(!(ports.isEmpty), .array(ports))),
            ("selector", app),
            ("clusterIP", Build.opt(!(clusterIP.isEmpty), .string(clusterIP))),
            ("type", .string(type)),
            ("externalName", Build.opt(!(ext.isEmpty), .string(ext))),
        ])
        return Build.object(Build.head("Service", "v1", Build.meta(name: c.name, namespace: c.enforcedNamespace, labels: app))
                            + [("spec", spec), ("status", ["loadBalancer": .emptyObject])])
    }

    /// `80`, `80:8080` or `80:http`, with the errors of kubectl's parsePorts.
    static func parsePorts(_ s: String) throws -> (Int, Value) {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard !parts[0].hasPrefix("+"), let port = UInt16(parts[0]) else {
            let digits = !parts[0].isEmpty && parts[0].allSatisfy { $0.isASCII && $0.isNumber }
            throw KubectlFailure.plain("strconv.ParseUint: parsing \(GoFormat.q(parts[0])): \(digits ? "value out of range" : "invalid syntax")")
        }
        if parts.count == 1 { return (Int(port), .int(Int(port))) }
        let target = parts[1]
        if let n = Int(target) {
            if n < 1 || n > 65535 { throw KubectlFailure.plain("must be between 1 and 65535, inclusive") }
            return (Int(port), .int(n))
        }
        let errs = NameRules.portNameErrors(target)
        if !errs.isEmpty { throw KubectlFailure.plain(errs.joined(separator: ",")) }
        return (Int(port), .string(target))
    }
}
