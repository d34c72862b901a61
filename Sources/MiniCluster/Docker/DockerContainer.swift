// A container on the learner's docker host: its image, command, ports and state, and the program that runs it.
import Foundation

/// One `-p` mapping.
public struct DockerPort: Equatable {
    public var hostIP: String
    public var hostPort: Int
    public var containerPort: Int
    public var proto: String
    public init(hostIP: String = "0.0.0.0", hostPort: Int, containerPort: Int, proto: String = "tcp") {
        self.hostIP = hostIP; self.hostPort = hostPort; self.containerPort = containerPort; self.proto = proto
    }
}

/// How `docker run` was asked to make a container.
public struct DockerRunOptions {
    public var image: String
    /// Replaces the image's CMD when not empty.
    public var command: [String] = []
    public var entrypoint: [String]?
    public var name: String?
    public var ports: [DockerPort] = []
    public var env: [String] = []
    /// `-v SOURCE:TARGET[:ro]`: a named volume or a workspace folder's files (read by the shell).
    public var volumes: [(source: String, target: String, readOnly: Bool, files: [String: String]?)] = []
    public var workdir: String?
    public var autoRemove = false
    public var interactive = false
    public var tty = false
    public init(image: String) { self.image = image }
}

public final class DockerContainer {
    /// 64 hex digits.
    public let id: String
    public var name: String
    public let image: DockerImage
    /// The image as the learner named it (`nginx`, `web:1.0`), as `docker ps` shows it.
    public let imageName: String
    /// The program and its arguments (Path and Args of docker inspect).
    public let argv: [String]
    public let created: Timestamp
    public internal(set) var startedAt: Timestamp?
    public internal(set) var finishedAt: Timestamp?
    public internal(set) var exitCode: Int32 = 0
    public internal(set) var running = false
    public let ports: [DockerPort]
    public let env: [String]
    public let autoRemove: Bool
    public let interactive: Bool
    public let tty: Bool
    public internal(set) var ip = ""
    public internal(set) var restartCount = 0
    public let options: DockerRunOptions
    var process: ContainerProcess?
    /// Lines written by earlier runs of this container (`docker logs` shows every run's output).
    var pastLogs: [LogLine] = []
    /// The writable layer lives in the process's filesystem; a restarted container keeps its files, so exec'd
    /// writes are replayed on the new process.
    var writes: [[String]] = []

    init(id: String, name: String, image: DockerImage, imageName: String, argv: [String], created: Timestamp,
         options: DockerRunOptions) {
        self.id = id; self.name = name; self.image = image; self.imageName = imageName; self.argv = argv
        self.created = created; self.options = options; self.ports = options.ports; self.env = options.env
        self.autoRemove = options.autoRemove; self.interactive = options.interactive; self.tty = options.tty
    }

    public var shortID: String { String(id.prefix(12)) }

    /// Every line the container wrote, over all its runs.
    public var logs: [LogLine] { pastLogs + (process?.logs ?? []) }

    /// `Up 5 seconds`, `Exited (0) 3 seconds ago`, `Created`, as `docker ps` words it.
    public func status(now: Timestamp) -> String {
        if running, let s = startedAt { return "Up \(DockerTime.human(now - s))" }
        guard let f = finishedAt else { return "Created" }
        return "Exited (\(exitCode)) \(DockerTime.human(now - f)) ago"
    }

    /// `running`, `exited`, `created` (docker inspect's State.Status).
    public var state: String { running ? "running" : finishedAt == nil ? "created" : "exited" }

    /// The COMMAND column before truncation: the argv, arguments with spaces single-quoted.
    public var commandLine: String {
        argv.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
    }
}

/// go-units' HumanDuration, as docker prints ages.
public enum DockerTime {
    public static func human(_ d: Duration) -> String {
        let seconds = d.ms / 1000
        if seconds < 1 { return "Less than a second" }
        if seconds == 1 { return "1 second" }
        if seconds < 60 { return "\(seconds) seconds" }
        let minutes = seconds / 60
        if minutes == 1 { return "About a minute" }
        if minutes < 60 { return "\(minutes) minutes" }
        let hours = Int64((Double(d.ms) / 3_600_000 + 0.5).rounded(.down))
        if hours == 1 { return "About an hour" }
        if hours < 48 { return "\(hours) hours" }
        if hours < 24 * 7 * 2 { return "\(hours / 24) days" }
        if hours < 24 * 30 * 2 { return "\(hours / 24 / 7) weeks" }
        if hours < 24 * 365 * 2 { return "\(hours / 24 / 30) months" }
        return "\(d.ms / 3_600_000 / 24 / 365) years"
    }

    /// go-units' HumanSizeWithPrecision(size, 3): decimal units, `187MB`, `7.8MB`, `1.24kB`, `0B`.
    public static func size(_ bytes: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var v = Double(bytes)
        var i = 0
        while v >= 1000 && i < units.count - 1 { v /= 1000; i += 1 }
        return significant3(v) + units[i]
    }

    /// Go's `%.4g` (three significant digits for these sizes, no trailing zeros).
    static func significant3(_ v: Double) -> String {
        if v == 0 { return "0" }
        let digits = v >= 100 ? 0 : v >= 10 ? 1 : 2
        var s = String(format: "%.\(digits)f", v)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}
