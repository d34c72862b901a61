// What the app needs from a terminal: its size, drawing a screen, reading keys, and lending the terminal to
// another program (`$EDITOR`). The curses driver is the real one; the in-memory one serves tests and benches.

public protocol TerminalDriver: AnyObject {
    var size: Size { get }
    /// Whether line drawing and symbols can be UTF-8 (else views use ASCII).
    var unicode: Bool { get }
    /// Whether colours may be used (a colour terminal and no NO_COLOR).
    var colors: Bool { get }
    /// Puts `screen` on the terminal, redrawing only what changed since the last call.
    func draw(_ screen: Screen)
    /// The next key, waiting at most `timeoutMs` (nil: none came).
    func readKey(timeoutMs: Int) -> Key?
    /// Gives the terminal back while `body` runs (an editor), then takes it again and redraws everything.
    func suspend(_ body: () -> Void)
    /// Restores the terminal for good.
    func shutdown()
}

/// A terminal in memory: tests queue keys and read the last drawn screen.
public final class InMemoryDriver: TerminalDriver {
    public var size: Size
    public var unicode: Bool
    public var colors: Bool
    public var keys: [Key] = []
    public private(set) var screen: Screen
    public private(set) var draws = 0
    public private(set) var suspended = 0
    public private(set) var isShutDown = false

    public init(width: Int = 100, height: Int = 30, unicode: Bool = true, colors: Bool = true) {
        size = Size(width: width, height: height)
        self.unicode = unicode
        self.colors = colors
        screen = Screen(size: size)
    }

    public func draw(_ screen: Screen) { self.screen = screen; draws += 1 }

    public func readKey(timeoutMs: Int) -> Key? { keys.isEmpty ? nil : keys.removeFirst() }

    public func suspend(_ body: () -> Void) { suspended += 1; body() }

    public func shutdown() { isShutDown = true }

    /// Changes the size and queues the resize key, as a terminal would.
    public func resize(width: Int, height: Int) {
        size = Size(width: width, height: height)
        keys.append(.resize)
    }
}
