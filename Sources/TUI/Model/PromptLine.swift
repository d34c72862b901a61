// The terminal pane's input line: editing, history with a kept draft, and Ctrl-R search. A value; the app
// applies actions from the key table to it.

public struct PromptLine: Equatable {
    public private(set) var buffer: [Character] = []
    public private(set) var cursor = 0
    public var history: [String] = []
    private var historyIndex: Int?
    private var draft: [Character] = []
    /// Ctrl-R: the text searched for, while searching.
    public private(set) var search: String?

    public init() {}

    public var text: String { String(buffer) }

    public mutating func set(_ text: String) {
        buffer = Array(text)
        cursor = buffer.count
        historyIndex = nil
    }

    public mutating func insert(_ c: Character) {
        if search != nil { search!.append(c); findMatch(from: history.count - 1); return }
        buffer.insert(c, at: cursor)
        cursor += 1
    }

    public mutating func insert(_ s: String) { for c in s { insert(c) } }

    /// Applies an editing action; false when the action is not an editing one.
    @discardableResult
    public mutating func apply(_ action: Action) -> Bool {
        if search != nil {
            switch action {
            case .historySearch: findMatch(from: (historyIndex ?? history.count) - 1); return true
            case .deleteBack:
                search!.removeLast(search!.isEmpty ? 0 : 1)
                findMatch(from: history.count - 1)
                return true
            case .cancel: search = nil; set(String(draft)); return true
            default: search = nil   // any other key accepts the match and then acts
            }
        }
        switch action {
        case .cursorLeft: if cursor > 0 { cursor -= 1 }
        case .cursorRight: if cursor < buffer.count { cursor += 1 }
        case .lineStart: cursor = 0
        case .lineEnd: cursor = buffer.count
        case .deleteBack: if cursor > 0 { buffer.remove(at: cursor - 1); cursor -= 1 }
        case .deleteForward: if cursor < buffer.count { buffer.remove(at: cursor) }
        case .killToEnd: buffer.removeSubrange(cursor...)
        case .killToStart: buffer.removeSubrange(..<cursor); cursor = 0
        case .killWord:
            var start = cursor
            while start > 0, buffer[start - 1] == " " { start -= 1 }
            while start > 0, buffer[start - 1] != " " { start -= 1 }
            buffer.removeSubrange(start..<cursor)
            cursor = start
        case .historyUp:
            let i = (historyIndex ?? history.count) - 1
            if i >= 0 { recall(i) }
        case .historyDown:
            if let h = historyIndex { recall(h + 1) }
        case .historySearch:
            draft = buffer
            search = ""
        default: return false
        }
        return true
    }

    private mutating func recall(_ i: Int) {
        if historyIndex == nil { draft = buffer }
        if i >= history.count {
            historyIndex = nil
            buffer = draft
        } else {
            historyIndex = i
            buffer = Array(history[i])
        }
        cursor = buffer.count
    }

    /// The newest history entry at or before `from` that contains the search text.
    private mutating func findMatch(from: Int) {
        guard let s = search else { return }
        var i = min(from, history.count - 1)
        while i >= 0 {
            if s.isEmpty || history[i].contains(s) {
                historyIndex = i
                buffer = Array(history[i])
                cursor = buffer.count
                return
            }
            i -= 1
        }
    }

    /// Takes the line (for running): clears the buffer and remembers it in the history.
    public mutating func take() -> String {
        search = nil
        let line = text
        if !line.trimmingCharacters(in: .whitespaces).isEmpty, history.last != line { history.append(line) }
        buffer = []
        cursor = 0
        historyIndex = nil
        draft = []
        return line
    }

    /// Drops the line (Ctrl-C).
    public mutating func cancel() {
        search = nil
        buffer = []
        cursor = 0
        historyIndex = nil
    }

    /// Replaces the word before the cursor (Tab completion).
    public mutating func replaceWord(with word: String, addSpace: Bool) {
        var start = cursor
        while start > 0, buffer[start - 1] != " " { start -= 1 }
        let new = Array(word + (addSpace ? " " : ""))
        buffer.replaceSubrange(start..<cursor, with: new)
        cursor = start + new.count
    }

    /// The word the cursor ends, and the words before it.
    public var wordsBeforeCursor: (previous: [String], current: String) {
        let head = String(buffer[..<cursor])
        var parts = head.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let current = parts.popLast() ?? ""
        return (parts.filter { !$0.isEmpty }, current)
    }
}
