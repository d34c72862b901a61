// What the renderer produces: lines of runs, each run one piece of text with one style. The TUI maps styles to
// colours and attributes; tests read the plain text.

/// How a piece of rendered Markdown looks, independent of any terminal.
public struct TextStyle: OptionSet, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public static let strong = TextStyle(rawValue: 1 << 0)
    public static let emphasis = TextStyle(rawValue: 1 << 1)
    public static let code = TextStyle(rawValue: 1 << 2)
    public static let codeBlock = TextStyle(rawValue: 1 << 3)
    public static let heading = TextStyle(rawValue: 1 << 4)
    public static let link = TextStyle(rawValue: 1 << 5)
    public static let linkTarget = TextStyle(rawValue: 1 << 6)
    public static let quote = TextStyle(rawValue: 1 << 7)
    /// List bullets, table rules, quote bars.
    public static let decoration = TextStyle(rawValue: 1 << 8)
    public static let strikethrough = TextStyle(rawValue: 1 << 9)
    public static let tableHeader = TextStyle(rawValue: 1 << 10)
}

public struct StyledRun: Equatable, Sendable {
    public var text: String
    public var style: TextStyle
    public init(_ text: String, _ style: TextStyle = []) { self.text = text; self.style = style }
}

public struct StyledLine: Equatable, Sendable {
    public var runs: [StyledRun]
    public init(_ runs: [StyledRun] = []) { self.runs = runs }
    public init(_ text: String, _ style: TextStyle = []) { runs = text.isEmpty ? [] : [StyledRun(text, style)] }
    public var text: String { runs.map(\.text).joined() }
    /// Width in terminal columns (CJK and emoji take two).
    public var width: Int { runs.reduce(0) { $0 + CellWidth.of($1.text) } }
}
