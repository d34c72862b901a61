// Problems found in a lesson folder, each with the file and line it concerns (`FILE:LINE: message`).

public struct Diagnostic: Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String
    public var description: String { "\(location): \(message)" }
}

/// Collects diagnostics while loading or linting. A class so every reader can add to one list.
public final class Diagnostics {
    public private(set) var all: [Diagnostic] = []
    public init() {}

    public func error(_ file: String, _ line: Int, _ message: String) {
        let d = Diagnostic(location: SourceLocation(file: file, line: line), message: message)
        if !all.contains(d) { all.append(d) }
    }

    public var isEmpty: Bool { all.isEmpty }

    /// Sorted by file, then line, as a compiler prints them.
    public var sorted: [Diagnostic] {
        all.enumerated().sorted {
            ($0.element.location.file, $0.element.location.line, $0.offset)
                < ($1.element.location.file, $1.element.location.line, $1.offset)
        }.map(\.element)
    }
}
