// A way back to an object for the closures the store and the clock keep, without a weak reference.
//
// The first weak reference to an object gives it a side table, and from then on every retain and release of that
// object goes through the runtime's slow path. The controller manager, the controllers and the garbage collector
// are retained and released for every store change, so they hand out an anchor instead: the closure keeps the
// anchor, the anchor points at its owner without counting, and the owner clears it when it goes.

final class Anchor<Target: AnyObject> {
    /// The owner while it lives; nil once its deinit ran `clear()`.
    private(set) unowned(unsafe) var target: Target?

    init(_ target: Target) { self.target = target }

    /// Called from the owner's deinit (and only there): closures still held elsewhere then find nothing.
    func clear() { target = nil }
}
