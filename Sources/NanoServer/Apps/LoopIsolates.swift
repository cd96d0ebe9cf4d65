import Logging
import NanoEngine
import NanoRuntime
import NIOCore

/// The app isolates of one event loop: one per app, created on the app's
/// first request on this loop, and each app's request counters. Used only
/// on that loop (isolate affinity).
final class LoopIsolates {
    let eventLoop: any EventLoop
    let snapshot: Snapshot
    let appLogger: Logger
    /// An app on this loop: its isolate (once it had a request) and its
    /// counters, found with the one lookup a request makes.
    private final class Slot {
        var isolate: AppIsolate?
        let counters: AppCounters
        init(_ counters: AppCounters) { self.counters = counters }
    }
    private var slots: [String: Slot] = [:]
    /// Condemned isolates finishing the requests they have in flight.
    private var retiring: [ObjectIdentifier: AppIsolate] = [:]
    /// Isolates started only to check a deploy (trialStart).
    private var trials: [ObjectIdentifier: AppIsolate] = [:]

    /// This loop's share of the process's isolate limits.
    private(set) var policy: EvictionPolicy
    private var sweep: RepeatedTask?
    /// Isolates disposed for being idle, or to stay under the caps.
    private(set) var evictions = 0
    /// Idle isolates whose heaps were given back (reduceIdleMemory).
    private(set) var memoryReductions = 0
    /// Isolates drained because their app was replaced or removed.
    private(set) var drains = 0
    let metrics: ServerMetrics?
    /// Apps with an isolate on this loop now.
    private var live = 0

    init(eventLoop: any EventLoop, snapshot: Snapshot, appLogger: Logger, policy: EvictionPolicy = EvictionPolicy(),
         metrics: ServerMetrics? = nil) {
        self.metrics = metrics
        self.eventLoop = eventLoop
        self.snapshot = snapshot
        self.appLogger = appLogger
        self.policy = policy
        pool = IsolatePool(snapshot: snapshot, eventLoop: eventLoop)
        pool.fillSoon()
    }

    /// Blank isolates made ahead of need: an app's first request here does
    /// not wait for one.
    let pool: IsolatePool

    deinit {
        ref.target = nil
        // Off its loop (released after the loop shut down) a cancel would
        // only log an error: the task, if it ever runs, finds its target gone.
        if eventLoop.inEventLoop { sweep?.cancel() }
    }

    private lazy var ref = ClearedRef(self)

    /// The last app asked for, its slot and isolate: consecutive requests
    /// for the same app skip the lookup (forgotten whenever an isolate or
    /// slot changes).
    private var lastApp: RoutedApp?
    private var lastSlot: Slot?

    /// The isolate of a routed app that loaded (`app.spec` is set), and the
    /// app's counters.
    func isolate(for app: RoutedApp) -> (AppIsolate, AppCounters) {
        if app === lastApp, let slot = lastSlot, let isolate = slot.isolate, isolate.condemned == nil {
            return (isolate, slot.counters)
        }
        let found = isolate(for: app.spec!)
        lastApp = app
        lastSlot = slots[app.name]
        return found
    }

    private func forgetLast() {
        lastApp = nil
        lastSlot = nil
    }

    private func slot(_ name: String) -> Slot {
        if let slot = slots[name] { return slot }
        let slot = Slot(AppCounters(latency: metrics?.latency(app: name)))
        slots[name] = slot
        return slot
    }

    /// The isolate to run `spec`'s request in, and the app's counters.
    private func isolate(for spec: AppSpec) -> (AppIsolate, AppCounters) {
        forgetLast()
        let slot = slot(spec.name)
        if let existing = slot.isolate {
            guard existing.condemned != nil else { return (existing, slot.counters) }
            // Stopped for a limit: new requests get a fresh isolate.
            let key = ObjectIdentifier(existing)
            retiring[key] = existing
            existing.whenRetired { [unowned self] in self.retiring[key] = nil }
            slot.isolate = nil
            live -= 1
        }
        // Room for one more: the least recently used idle isolates go first.
        while live >= policy.maxLive, evictLeastRecentlyUsed(why: "the isolate cap") {}
        let instance = AppIsolate(spec: spec, snapshot: snapshot, eventLoop: eventLoop,
                                  output: Self.consoleOutput(app: spec.name, logger: appLogger), pool: pool)
        slot.isolate = instance
        let counters = slot.counters
        instance.onCPUCharged = { counters.addCPU($0) }
        live += 1
        if sweep == nil { startSweep() }
        return (instance, slot.counters)
    }

    // MARK: - Eviction

    /// This loop's share of the process's IsolateLimits.
    struct EvictionPolicy {
        var idle = TimeAmount.seconds(300)
        /// An isolate idle this long gives back the heap it grew while busy
        /// (it stays, warm, until `idle`): a quarter of `idle`, at most 30 s.
        var reduceMemoryAfter = TimeAmount.seconds(30)
        var maxLive = Int.max
        var maxMemoryBytes = Int.max

        init() {}

        init(_ limits: IsolateLimits, loops: Int) {
            idle = .seconds(Int64(limits.idleSeconds))
            reduceMemoryAfter = min(reduceMemoryAfter, .nanoseconds(idle.nanoseconds / 4))
            maxLive = max(1, (limits.maxLive + loops - 1) / loops)
            maxMemoryBytes = max(1, limits.maxMemoryBytes / loops)
        }
    }

    func setPolicy(_ policy: EvictionPolicy) {
        self.policy = policy
        sweep?.cancel()
        sweep = nil
        if live > 0 { startSweep() }
    }

    /// Every quarter of the idle time (between 0.25 s and 5 s), while there
    /// are isolates: evicts the idle ones and keeps under the memory cap.
    private func startSweep() {
        let period = TimeAmount.nanoseconds(min(5_000_000_000, max(250_000_000, policy.idle.nanoseconds / 4)))
        let bound = NIOLoopBound(ref, eventLoop: eventLoop)
        sweep = eventLoop.scheduleRepeatedTask(initialDelay: period, delay: period) { task in
            guard let isolates = bound.value.target else { return task.cancel() }
            isolates.evictIdleAndOverMemory()
        }
    }

    private func evictIdleAndOverMemory() {
        let cutoff = NIODeadline.now() - policy.idle
        for (name, slot) in slots {
            if let instance = slot.isolate, instance.isIdle, instance.lastRequestAt <= cutoff {
                evict(name, slot, why: "idle")
            }
        }
        if policy.maxMemoryBytes < Int.max {
            var used = slots.values.reduce(0) { total, slot in
                total + (slot.isolate?.memory.map { $0.heap.used + $0.arrayBuffers } ?? 0)
            }
            while used > policy.maxMemoryBytes, let (name, slot) = leastRecentlyUsedIdle() {
                used -= slot.isolate?.memory.map { $0.heap.used + $0.arrayBuffers } ?? 0
                evict(name, slot, why: "the memory cap")
            }
        }
        if live == 0 {
            sweep?.cancel()
            sweep = nil
        }
        reduceIdleMemory()
    }

    /// Loop time one round of reduceIdleMemory may take: an isolate's
    /// collection takes about 2 ms (p99 4 ms with 300 apps), and requests
    /// wait meanwhile.
    static let reduceMemorySlice = TimeAmount.milliseconds(3)
    private var reduceMemoryScheduled = false

    /// Isolates idle for `reduceMemoryAfter` give back their grown heaps, a
    /// few per turn (what is left goes on a turn later, after other work).
    private func reduceIdleMemory() {
        let now = NIODeadline.now()
        let cutoff = now - policy.reduceMemoryAfter
        let stop = now + Self.reduceMemorySlice
        for slot in slots.values {
            guard let instance = slot.isolate, !instance.memoryReduced, instance.lastRequestAt <= cutoff else { continue }
            guard NIODeadline.now() < stop else {
                guard !reduceMemoryScheduled else { return }
                reduceMemoryScheduled = true
                let bound = NIOLoopBound(ref, eventLoop: eventLoop)
                eventLoop.scheduleTask(in: .milliseconds(20)) {
                    guard let isolates = bound.value.target else { return }
                    isolates.reduceMemoryScheduled = false
                    isolates.reduceIdleMemory()
                }
                return
            }
            if instance.reduceMemory() { memoryReductions += 1 }
        }
    }

    private func leastRecentlyUsedIdle() -> (String, Slot)? {
        var oldest: (String, Slot, NIODeadline)?
        for (name, slot) in slots {
            guard let instance = slot.isolate, instance.isIdle else { continue }
            if oldest == nil || instance.lastRequestAt < oldest!.2 { oldest = (name, slot, instance.lastRequestAt) }
        }
        return oldest.map { ($0.0, $0.1) }
    }

    /// Returns false when no isolate is idle (busy ones are never evicted:
    /// the cap is exceeded until one is).
    private func evictLeastRecentlyUsed(why: String) -> Bool {
        guard let (name, slot) = leastRecentlyUsedIdle() else { return false }
        evict(name, slot, why: why)
        return true
    }

    /// The isolate takes no more requests (the app's next one starts a new
    /// isolate) and is disposed through the same retirement as a drain.
    private func evict(_ name: String, _ slot: Slot, why: String) {
        guard let instance = slot.isolate else { return }
        forgetLast()
        slot.isolate = nil
        live -= 1
        evictions += 1
        appLogger.debug("isolate evicted (\(why))", metadata: ["app": .string(name)])
        let key = ObjectIdentifier(instance)
        retiring[key] = instance
        instance.drain { [unowned self] in self.retiring[key] = nil }
    }

    /// The counters of an app answered without an isolate (draining, not
    /// loaded).
    func counters(for app: String) -> AppCounters { slot(app).counters }

    /// After a reload: an isolate whose app is gone or has a new version
    /// drains (new requests already go to the new version) and is disposed
    /// once its work is done, or after `drainTimeout` at the latest. An app
    /// no longer in the table loses its counters.
    func reconcile(with table: AppTable, drainTimeout: TimeAmount) {
        forgetLast()
        for (name, slot) in slots {
            if table.apps[name] == nil { slots[name] = nil }
            guard let instance = slot.isolate else { continue }
            if let app = table.apps[name], !app.draining, app.fingerprint == instance.spec.version { continue }
            slot.isolate = nil
            live -= 1
            drains += 1
            let key = ObjectIdentifier(instance)
            retiring[key] = instance
            instance.drain { [unowned self] in self.retiring[key] = nil }
            let bound = NIOLoopBound(ref, eventLoop: eventLoop)
            eventLoop.scheduleTask(in: drainTimeout) {
                bound.value.target?.retiring[key] = nil  // whatever is left is dropped
            }
        }
    }

    /// One app's counters, isolates and memory on this loop.
    func statistics(of app: String) -> AppStatistics {
        var stats = AppStatistics()
        if let slot = slots[app] {
            stats.requests = slot.counters.requests
            stats.errors = slot.counters.errors
            stats.cpuNanoseconds = slot.counters.cpuNanoseconds
            if let isolate = slot.isolate {
                stats.isolates = 1
                if let memory = isolate.memory {
                    stats.heapUsed = memory.heap.used
                    stats.heapTotal = memory.heap.total
                    stats.arrayBuffers = memory.arrayBuffers
                }
            }
        }
        stats.retiringIsolates = retiringCount(of: app)
        return stats
    }

    /// What this loop counted, for /metrics.
    func metricsSnapshot() -> LoopMetrics {
        var snapshot = LoopMetrics()
        for (name, slot) in slots {
            var app = LoopMetrics.App(name: name, byStatus: slot.counters.byStatus,
                                      cpuNanoseconds: slot.counters.cpuNanoseconds,
                                      limitKills: slot.counters.limitKills, heapBytes: 0, inFlight: 0)
            if let isolate = slot.isolate {
                app.inFlight = isolate.inFlightCount
                if let memory = isolate.memory { app.heapBytes = memory.heap.used + memory.arrayBuffers }
            }
            snapshot.apps.append(app)
        }
        snapshot.liveIsolates = live
        snapshot.retiringIsolates = retiring.count
        snapshot.drains = drains
        snapshot.evictions = evictions
        snapshot.memoryReductions = memoryReductions
        return snapshot
    }

    /// Starts `spec` in a throwaway isolate on this loop and says whether
    /// it could serve: nil, or why not (its module_load_failed detail). The
    /// top level gets `timeout` of wall-clock time (a top-level await that
    /// never settles would leave every request waiting).
    func trialStart(_ spec: AppSpec, timeout: TimeAmount, done: @escaping (String?) -> Void) {
        let trial = AppIsolate(spec: spec, snapshot: snapshot, eventLoop: eventLoop,
                               output: Self.consoleOutput(app: spec.name, logger: appLogger))
        let key = ObjectIdentifier(trial)
        trials[key] = trial
        var answered = false
        let loop = eventLoop.assumeIsolated()
        let answer: (String?) -> Void = { [unowned self] reason in
            guard !answered else { return }
            answered = true
            done(reason)
            // Dropped on the next turn: this may run inside the isolate's own callback.
            loop.execute { self.trials[key] = nil }
        }
        let timer = loop.scheduleTask(in: timeout) {
            answer("the module's top level did not finish within \(timeout.nanoseconds / 1_000_000) ms")
        }
        trial.whenStarted { failure in
            timer.cancel()
            answer(failure?.detail)
        }
    }

    /// Isolates still draining for `app`.
    func retiringCount(of app: String) -> Int {
        retiring.values.filter { $0.spec.name == app }.count
    }

    var count: Int { live }
    var retiringCount: Int { retiring.count }

    /// Disposes every isolate (on this loop, where they belong).
    func removeAll() {
        forgetLast()
        pool.removeAll()
        for slot in slots.values { slot.isolate = nil }
        live = 0
        retiring.removeAll()
        trials.removeAll()
    }

    /// ctx.waitUntil work not settled yet, over every isolate of this loop.
    var pendingWaitUntil: Int {
        slots.values.reduce(0) { $0 + ($1.isolate?.pendingWaitUntil ?? 0) }
            + retiring.values.reduce(0) { $0 + $1.pendingWaitUntil }
    }

    /// Memory of each live (not retiring) app isolate on this loop.
    func statistics() -> [IsolateStatistics] {
        slots.compactMap { name, slot in
            slot.isolate?.memory.map { IsolateStatistics(app: name, heapUsed: $0.heap.used, heapTotal: $0.heap.total,
                                               heapLimit: $0.heap.limit, external: $0.heap.external,
                                               arrayBuffers: $0.arrayBuffers) }
        }
    }

    /// console.* of an app goes to the log, tagged with the app and request.
    static func consoleOutput(app: String, logger: Logger) -> ConsoleOutput {
        ConsoleOutput(tagged: { text, stream, requestID in
            var metadata: Logger.Metadata = ["app": .string(app)]
            if let requestID { metadata["request_id"] = .string(requestID) }
            let line = text.hasSuffix("\n") ? String(text.dropLast()) : text
            logger.log(level: stream == .stdout ? .info : .error, "\(line)", metadata: metadata)
        })
    }
}

/// One app isolate's memory, for metrics and the admin API.
public struct IsolateStatistics: Sendable {
    public var app: String
    public var heapUsed: Int
    public var heapTotal: Int
    public var heapLimit: Int
    public var external: Int
    public var arrayBuffers: Int
}
