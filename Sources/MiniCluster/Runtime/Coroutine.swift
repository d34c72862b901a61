// A body of code that can pause itself and be resumed, so a container's shell script can `sleep` in virtual time
// in the middle of a loop. It runs on its own thread, but control is handed over synchronously: exactly one of the
// caller and the body runs at any moment, so the simulation stays deterministic and needs no locks.
import Foundation

final class Coroutine {
    private let toBody = DispatchSemaphore(value: 0)
    private let toCaller = DispatchSemaphore(value: 0)
    private var body: ((Coroutine) -> Void)?
    private var started = false
    /// True once the body returned.
    private(set) var finished = false
    /// Set by `cancel`; a body checks it after every `suspend` and unwinds.
    private(set) var cancelled = false

    init(_ body: @escaping (Coroutine) -> Void) { self.body = body }

    /// Runs the body until it suspends or returns. Called only from the owner's side.
    func resume() {
        guard !finished else { return }
        if !started {
            started = true
            let thread = Thread { [self] in
                toBody.wait()
                body?(self)
                body = nil
                finished = true
                toCaller.signal()
            }
            // Scripts recurse through the interpreter; deep nesting is rare, so a modest stack suffices.
            thread.stackSize = 4 << 20
            thread.start()
        }
        toBody.signal()
        toCaller.wait()
    }

    /// Gives control back to the caller of `resume` until it resumes us again. Called only from the body.
    func suspend() {
        toCaller.signal()
        toBody.wait()
    }

    /// Makes the body unwind (its owner must call this before letting go: the thread keeps the coroutine alive): resumes it with `cancelled` set until it returns.
    func cancel() {
        cancelled = true
        guard started else { finished = true; body = nil; return }
        while !finished { resume() }
    }
}
