// The terminal pane's scrollback: what commands wrote (stderr in red), the echoed command lines and the
// player's own messages, kept as lines with a kind; the view wraps them to the pane's width.

import Foundation

public struct TerminalLine: Equatable {
    public enum Kind: Equatable { case output, error, command, info, success, failure, hint }
    public var text: String
    public var kind: Kind
    public init(_ text: String, _ kind: Kind = .output) { self.text = text; self.kind = kind }
}

public struct TerminalPane: Equatable {
    public private(set) var lines: [TerminalLine] = []
    /// A line a command has started but not ended.
    private var partial: TerminalLine?
    /// How many wrapped rows up from the bottom the view is scrolled.
    public var scroll = 0
    public static let limit = 5000

    public init() {}

    /// Appends output as it arrives (chunks need not end at line ends).
    public mutating func write(_ chunk: String, _ kind: TerminalLine.Kind = .output) {
        var parts = chunk.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        let last = parts.removeLast()
        for p in parts {
            let text = (partial?.text ?? "") + p
            lines.append(TerminalLine(Self.expandTabs(text), partial?.kind ?? kind))
            partial = nil
        }
        if !last.isEmpty { partial = TerminalLine((partial?.text ?? "") + last, partial?.kind ?? kind) }
        trim()
    }

    /// Takes back the last character of the line being written (an answer typed at a command's prompt).
    public mutating func eraseLast() {
        if var p = partial, !p.text.isEmpty { p.text.removeLast(); partial = p }
    }

    /// Ends a pending partial line (a command that wrote no final newline).
    public mutating func finishLine() {
        if let p = partial { lines.append(TerminalLine(Self.expandTabs(p.text), p.kind)); partial = nil }
    }

    /// A message of the player's own; single line breaks of Markdown source are joined (the view wraps words).
    public mutating func say(_ text: String, _ kind: TerminalLine.Kind = .info) {
        finishLine()
        let paragraphs = kind == .command ? [text] : text.components(separatedBy: "\n\n").map { p -> String in
            let lines = p.split(separator: "\n")
            return lines.count == 1 ? String(lines[0]) : lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        }
        for (i, p) in paragraphs.enumerated() {
            if i > 0 { lines.append(TerminalLine("", kind)) }
            lines.append(TerminalLine(p, kind))
        }
        scroll = 0
        trim()
    }

    public mutating func clear() { lines = []; partial = nil; scroll = 0 }

    public var allLines: [TerminalLine] { partial.map { lines + [$0] } ?? lines }

    private mutating func trim() {
        if lines.count > Self.limit { lines.removeFirst(lines.count - Self.limit) }
    }

    static func expandTabs(_ s: String) -> String {
        guard s.contains("\t") else { return s }
        var out = "", col = 0
        for c in s {
            if c == "\t" {
                let n = 8 - col % 8
                out += String(repeating: " ", count: n)
                col += n
            } else {
                out.append(c)
                col += 1
            }
        }
        return out
    }
}
