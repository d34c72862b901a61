// Every key binding in one table: the app looks actions up here, and the help overlay and the footer are drawn
// from it, so what the screen says is what the keys do. Every F-key has a `:` command or a Ctrl key too.

/// Where a binding applies.
public enum KeyContext: String, CaseIterable, Sendable {
    case courseMap = "Course map"
    case lesson = "Lesson"
    case prompt = "Prompt (line editing)"
    case quiz = "Quiz"
}

public enum Action: String, CaseIterable, Sendable {
    // Anywhere.
    case help, quit
    // Course map.
    case selectUp, selectDown, selectPageUp, selectPageDown, open
    // Lesson.
    case hint, solution, check, quiz, clusterMap, nextLesson, backToMap, readUp, readDown, scrollBack, scrollForward
    case restart, speed
    // Prompt.
    case run, cancel, clear, complete, historySearch, historyUp, historyDown, cursorLeft, cursorRight, lineStart, lineEnd
    case deleteBack, deleteForward, killToEnd, killToStart, killWord
    // Quiz.
    case choiceUp, choiceDown, toggleChoice, answer, leaveQuiz
}

public struct Binding: Sendable {
    public var action: Action
    public var context: KeyContext
    public var keys: [Key]
    /// The `:` command that does the same from the prompt, if any.
    public var command: String?
    public var help: String
    /// Shown in the footer (the few keys a learner needs first).
    public var footer: String?
}

public enum KeyMap {
    public static let bindings: [Binding] = [
        // Course map.
        Binding(action: .selectUp, context: .courseMap, keys: [.up, .char("k")], help: "previous lesson"),
        Binding(action: .selectDown, context: .courseMap, keys: [.down, .char("j")], help: "next lesson"),
        Binding(action: .selectPageUp, context: .courseMap, keys: [.pageUp], help: "a page up"),
        Binding(action: .selectPageDown, context: .courseMap, keys: [.pageDown], help: "a page down"),
        Binding(action: .open, context: .courseMap, keys: [.enter, .char("l")], help: "open the lesson", footer: "open"),
        Binding(action: .help, context: .courseMap, keys: [.f(1), .char("?")], help: "this help", footer: "help"),
        Binding(action: .quit, context: .courseMap, keys: [.char("q"), .ctrl("c"), .f(10)], help: "quit (progress is always saved)", footer: "quit"),
        // Lesson.
        Binding(action: .help, context: .lesson, keys: [.f(1)], command: "help", help: "this help", footer: "help"),
        Binding(action: .hint, context: .lesson, keys: [.f(2)], command: "hint", help: "reveal the next hint of the current task", footer: "hint"),
        Binding(action: .solution, context: .lesson, keys: [.f(3)], command: "solution", help: "show the solution (asks first; counts as done with help)"),
        Binding(action: .check, context: .lesson, keys: [.f(4)], command: "check", help: "check the current task now, letting its waiting time pass", footer: "check"),
        Binding(action: .clusterMap, context: .lesson, keys: [.f(5), .ctrl("t")], command: "cluster", help: "show or hide the cluster map", footer: "cluster"),
        Binding(action: .quiz, context: .lesson, keys: [.f(6)], command: "quiz", help: "take this lesson's quiz", footer: "quiz"),
        Binding(action: .nextLesson, context: .lesson, keys: [.f(7)], command: "next", help: "go on to the next lesson"),
        Binding(action: .speed, context: .lesson, keys: [.f(8)], command: "speed",
                help: "run the cluster's clock faster: 1x, 10x, 60x (:speed 10 picks one; where the lesson allows)"),
        Binding(action: .backToMap, context: .lesson, keys: [.escape, .f(9)], command: "map", help: "back to the course map", footer: "map"),
        Binding(action: .quit, context: .lesson, keys: [.f(10)], command: "quit", help: "quit kubetutor (progress is saved)"),
        Binding(action: .restart, context: .lesson, keys: [], command: "restart", help: "start the lesson over with a fresh cluster"),
        Binding(action: .readUp, context: .lesson, keys: [.pageUp], help: "scroll the reading pane up"),
        Binding(action: .readDown, context: .lesson, keys: [.pageDown], help: "scroll the reading pane down"),
        Binding(action: .scrollBack, context: .lesson, keys: [.shiftPageUp, .ctrl("b")], help: "scroll the terminal back"),
        Binding(action: .scrollForward, context: .lesson, keys: [.shiftPageDown, .ctrl("f")], help: "scroll the terminal forward"),
        // Prompt.
        Binding(action: .run, context: .prompt, keys: [.enter], help: "run the command"),
        Binding(action: .cancel, context: .prompt, keys: [.ctrl("c")], help: "drop the line, or stop a waiting command"),
        Binding(action: .clear, context: .prompt, keys: [.ctrl("l")], help: "clear the terminal pane"),
        Binding(action: .complete, context: .prompt, keys: [.tab], help: "complete commands, flags, types and names"),
        Binding(action: .historySearch, context: .prompt, keys: [.ctrl("r")], help: "search the history"),
        Binding(action: .historyUp, context: .prompt, keys: [.up, .ctrl("p")], help: "previous command"),
        Binding(action: .historyDown, context: .prompt, keys: [.down, .ctrl("n")], help: "next command"),
        Binding(action: .cursorLeft, context: .prompt, keys: [.left], help: "cursor left"),
        Binding(action: .cursorRight, context: .prompt, keys: [.right], help: "cursor right"),
        Binding(action: .lineStart, context: .prompt, keys: [.home, .ctrl("a")], help: "start of the line"),
        Binding(action: .lineEnd, context: .prompt, keys: [.end, .ctrl("e")], help: "end of the line"),
        Binding(action: .deleteBack, context: .prompt, keys: [.backspace, .ctrl("h")], help: "delete before the cursor"),
        Binding(action: .deleteForward, context: .prompt, keys: [.delete, .ctrl("d")], help: "delete under the cursor"),
        Binding(action: .killToEnd, context: .prompt, keys: [.ctrl("k")], help: "cut to the end of the line"),
        Binding(action: .killToStart, context: .prompt, keys: [.ctrl("u")], help: "cut to the start of the line"),
        Binding(action: .killWord, context: .prompt, keys: [.ctrl("w")], help: "cut the word before the cursor"),
        // Quiz.
        Binding(action: .choiceUp, context: .quiz, keys: [.up, .char("k")], help: "previous choice"),
        Binding(action: .choiceDown, context: .quiz, keys: [.down, .char("j")], help: "next choice"),
        Binding(action: .toggleChoice, context: .quiz, keys: [.char(" ")], help: "pick or unpick a choice (several answers)", footer: "pick"),
        Binding(action: .answer, context: .quiz, keys: [.enter], help: "answer / next question", footer: "answer"),
        Binding(action: .leaveQuiz, context: .quiz, keys: [.escape], help: "leave the quiz", footer: "leave"),
        Binding(action: .help, context: .quiz, keys: [.f(1), .char("?")], help: "this help", footer: "help"),
    ]

    private static let index: [KeyContext: [Key: Action]] = {
        var out: [KeyContext: [Key: Action]] = [:]
        for b in bindings { for k in b.keys where out[b.context]?[k] == nil { out[b.context, default: [:]][k] = b.action } }
        return out
    }()

    private static let commands: [String: Action] = {
        var out: [String: Action] = ["q": .quit, "exit": .quit, "lessons": .backToMap, "h": .help, "?": .help]
        for b in bindings { if let c = b.command { out[c] = b.action } }
        return out
    }()

    public static func action(for key: Key, in context: KeyContext) -> Action? { index[context]?[key] }

    /// The action of a `:command` typed at the prompt.
    public static func action(command: String) -> Action? { commands[command] }

    /// "F1 help  F2 hint …": the footer of a context, without the actions that do nothing there (`leaving`).
    public static func footer(_ context: KeyContext, leaving: Set<Action> = []) -> String {
        bindings.filter { $0.context == context && $0.footer != nil && !leaving.contains($0.action) }
            .map { "\($0.keys.first.map(\.description) ?? ":" + ($0.command ?? "")) \($0.footer!)" }
            .joined(separator: "  ")
    }

    /// The help overlay's lines: per context, each binding's keys, its command and what it does.
    public static func helpLines(_ contexts: [KeyContext]) -> [(keys: String, help: String, isHeader: Bool)] {
        var out: [(String, String, Bool)] = []
        for c in contexts {
            out.append((c.rawValue, "", true))
            for b in bindings where b.context == c {
                var keys = b.keys.map(\.description)
                if let cmd = b.command { keys.append(":" + cmd) }
                out.append((keys.joined(separator: " "), b.help, false))
            }
        }
        return out
    }
}
