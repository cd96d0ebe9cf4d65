/// A reference that its target clears in its own `deinit`: what `weak`
/// gives, without what `weak` costs. The first weak reference to an object
/// gives it a side table, after which every retain and release of that
/// object takes the Swift runtime's slow path — for a Worker or an
/// AppIsolate, several times per request (about 2% of a small request's
/// CPU, measured with perf).
///
/// Rules that make the unsafe reference sound: the target is confined to
/// one thread (its event loop), a ClearedRef is read only there, and the
/// target sets `target = nil` in its deinit — so a ClearedRef never hands
/// out a dead object.
public final class ClearedRef<Target: AnyObject> {
    public unowned(unsafe) var target: Target?
    public init(_ target: Target) { self.target = target }
}
