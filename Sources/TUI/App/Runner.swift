// The run loop: keys in, frames out, and wall time turned into lesson time between keys. Also the editor
// launcher that lends the terminal to `$EDITOR`.
import Course
import Foundation
import Shell

public enum Runner {
    /// Plays the course full screen on the process's terminal; returns the exit status.
    public static func play(course: Course, store: ProgressStore,
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32 {
        let driver = CursesDriver(environment: environment)
        let app = App(course: course, store: store, theme: Theme(unicode: driver.unicode, colors: driver.colors))
        app.crashCommandEnabled = environment["KUBETUTOR_TEST_CRASH"] == "1"
        app.suspend = { body in driver.suspend(body) }
        app.redraw = { [unowned app] in driver.draw(app.render(size: driver.size)) }
        app.pollKey = { ms in driver.readKey(timeoutMs: ms) }
        app.pendingSignal = { CursesDriver.pendingQuitSignal }
        app.start(deferResume: true)
        driver.draw(app.render(size: driver.size))
        app.finishStart()
        let signal = loop(app, driver) { CursesDriver.pendingQuitSignal }
        driver.shutdown()
        return signal == 0 ? 0 : 128 + signal
    }

    /// Runs until the app quits or `pendingSignal` says a signal asked to leave (progress is saved then).
    /// Returns that signal, or 0.
    @discardableResult
    public static func loop(_ app: App, _ driver: TerminalDriver, pendingSignal: () -> Int32 = { 0 }) -> Int32 {
        driver.draw(app.render(size: driver.size))
        while !app.quitRequested {
            let sig = pendingSignal()
            if sig != 0 { app.quit(); return sig }
            if let key = driver.readKey(timeoutMs: 250) {
                app.handle(key)
                // Keys already waiting (pasted or typed fast) are handled before the next frame.
                var n = 0
                while n < 256, !app.quitRequested, let more = driver.readKey(timeoutMs: 0) { app.handle(more); n += 1 }
            }
            if app.quitRequested { break }
            app.tick()
            driver.draw(app.render(size: driver.size))
        }
        return 0
    }
}

/// Lends the terminal to the learner's editor: curses is suspended while it runs. Without KUBE_EDITOR or
/// EDITOR it falls back to nano, then vi; the editor gets the real terminal's environment.
struct SuspendingEditor: EditorLauncher {
    let inner: EditorLauncher = ProcessEditorLauncher()
    let suspend: (() -> Void) -> Void

    func edit(file: URL, env: [String: String]) throws {
        var merged = ProcessInfo.processInfo.environment.merging(env) { _, session in session }
        for k in ["TERM", "PATH", "LANG", "LC_ALL", "COLORTERM"] { if let v = ProcessInfo.processInfo.environment[k] { merged[k] = v } }
        merged = EditorChoice.withFallback(merged)
        var failure: Error?
        suspend {
            do { try inner.edit(file: file, env: merged) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}
