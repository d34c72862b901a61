// A body of code that can pause itself and be resumed, so a container's shell script can `sleep` in virtual time
// in the middle of a loop. It runs on its own thread, but control is handed over synchronously: exactly one of the
// caller and the body runs at any moment, so the simulation stays deterministic and needs no locks.
//
// The engine is compiled with non-atomic reference counting (`-assume-single-threaded`, see Package.swift), so the
// two threads must never retain or release one object at the same time. The hand-over below is built for that: the
// semaphores are plain memory (no reference count), the thread holds no reference of its own to the coroutine
// (the owner keeps it alive until the body has finished: `cancel`), and each side touches nothing counted between
// waking the other and going to sleep itself.
import Foundation

final class Coroutine {
    /// The two semaphores, in memory of their own.
    private struct Channel {
        var toBody = sem_t()
        var toCaller = sem_t()
    }
    private let channel: UnsafeMutablePointer<Channel>
    private var body: ((Coroutine) -> Void)?
    private var started = false
    /// True once the body returned.
    private(set) var finished = false
    /// Set by `cancel`; a body checks it after every `suspend` and unwinds.
    private(set) var cancelled = false
    /// Scripts recurse through the interpreter; deep nesting is rare, so a modest stack suffices.
    private static let stackSize = 4 << 20

    init(_ body: @escaping (Coroutine) -> Void) {
        self.body = body
        channel = .allocate(capacity: 1)
        channel.initialize(to: Channel())
        sem_init(&channel.pointee.toBody, 0, 0)
        sem_init(&channel.pointee.toCaller, 0, 0)
    }

    deinit {
        sem_destroy(&channel.pointee.toBody)
        sem_destroy(&channel.pointee.toCaller)
        channel.deinitialize(count: 1)
        channel.deallocate()
    }

    /// Runs the body until it suspends or returns. Called only from the owner's side.
    func resume() {
        guard !finished else { return }
        let c = channel
        if !started {
            started = true
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            pthread_attr_setstacksize(&attributes, Self.stackSize)
            var thread = pthread_t()
            // Unretained: the thread borrows the owner's reference (see `threadMain`).
            let created = pthread_create(&thread, &attributes, { raw in
                Coroutine.threadMain(raw!)
                return nil
            }, Unmanaged.passUnretained(self).toOpaque())
            pthread_attr_destroy(&attributes)
            guard created == 0 else { fatalError("kubetutor: cannot start a container's shell thread (\(created))") }
            pthread_detach(thread)
        }
        sem_post(&c.pointee.toBody)
        Self.wait(&c.pointee.toCaller)
    }

    /// Gives control back to the caller of `resume` until it resumes us again. Called only from the body.
    func suspend() {
        let c = channel
        sem_post(&c.pointee.toCaller)
        Self.wait(&c.pointee.toBody)
    }

    /// Makes the body unwind (its owner must call this before letting go: the thread borrows the owner's
    /// reference): resumes it with `cancelled` set until it returns.
    func cancel() {
        cancelled = true
        guard started else { finished = true; body = nil; return }
        while !finished { resume() }
    }

    /// The thread: waits for the first `resume`, runs the body, then wakes the caller a last time. Every reference
    /// the body took is given back inside `run` (not inlined, so none is released after the wake-up), and the
    /// channel, read before, is the only thing touched afterwards.
    private static func threadMain(_ raw: UnsafeMutableRawPointer) {
        let c = run(raw)
        sem_post(&c.pointee.toCaller)
    }

    @inline(never)
    private static func run(_ raw: UnsafeMutableRawPointer) -> UnsafeMutablePointer<Channel> {
        let co = Unmanaged<Coroutine>.fromOpaque(raw).takeUnretainedValue()
        let c = co.channel
        wait(&c.pointee.toBody)
        co.body?(co)
        co.body = nil
        co.finished = true
        return c
    }

    /// sem_wait, again when a signal (a terminal resize) interrupts it.
    private static func wait(_ s: UnsafeMutablePointer<sem_t>) {
        while sem_wait(s) != 0, errno == EINTR {}
    }
}
