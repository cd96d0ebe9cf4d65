import NanoEngine
import NIOCore

/// Blank isolates made from the snapshot ahead of need, so an app's first
/// request on a loop does not wait the ~3.5 ms an isolate takes to make:
/// it pays only for its own module. Made on a later loop turn than the one
/// that took the last, so the cost falls between requests, not inside one.
///
/// An isolate's heap cap is fixed when it is made, so the pool holds
/// isolates for one set of options — the default app limits — and an app
/// with other limits makes its own. Loop-confined.
public final class IsolatePool {
    public let options: Isolate.Options
    public let size: Int
    private let snapshot: Snapshot
    private let eventLoop: any EventLoop
    private var ready: [Isolate] = []
    private var refill: Scheduled<Void>?
    /// removeAll was called: the loop is going away, nothing is made again
    /// (an isolate made after it would outlive the loop undisposed).
    private var closed = false

    /// The options the default app limits give an isolate.
    public static let defaultOptions: Isolate.Options = {
        let limits = AppLimits()
        return Isolate.Options(heapLimitBytes: limits.memoryBytes, arrayBufferLimitBytes: limits.memoryBytes,
                               allowEval: true, allowWasm: limits.allowWasm)
    }()

    public init(snapshot: Snapshot, eventLoop: any EventLoop, options: Isolate.Options = IsolatePool.defaultOptions,
                size: Int = 1) {
        self.snapshot = snapshot
        self.eventLoop = eventLoop
        self.options = options
        self.size = size
    }

    deinit {
        ref.target = nil
        // Off its loop (released after the loop shut down) a cancel would
        // only log an error: the task, if it ever runs, finds its target gone.
        if eventLoop.inEventLoop { refill?.cancel() }
    }

    private lazy var ref = ClearedRef(self)

    /// A blank isolate made with `options`, if one is ready; the pool
    /// refills soon after.
    public func take(_ options: Isolate.Options) -> Isolate? {
        guard options == self.options, let isolate = ready.popLast() else { return nil }
        fillSoon()
        return isolate
    }

    /// Makes isolates up to `size`, one per loop turn, a little later.
    public func fillSoon() {
        guard !closed, refill == nil, ready.count < size else { return }
        let bound = NIOLoopBound(ref, eventLoop: eventLoop)
        refill = eventLoop.scheduleTask(in: .milliseconds(2)) {
            guard let pool = bound.value.target, !pool.closed else { return }
            pool.refill = nil
            // If V8 cannot make one now, apps make their own (and report why).
            guard let isolate = try? Isolate(snapshot: pool.snapshot, options: pool.options) else { return }
            pool.ready.append(isolate)
            pool.fillSoon()
        }
    }

    /// Disposes the isolates kept (the loop is going away).
    public func removeAll() {
        closed = true
        refill?.cancel()
        refill = nil
        ready.removeAll()
    }
}
