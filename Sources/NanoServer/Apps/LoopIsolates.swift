import Logging
import NanoEngine
import NanoRuntime
import NIOCore

/// The app isolates of one event loop: one per app, created on the app's
/// first request on this loop. Used only on that loop (isolate affinity).
final class LoopIsolates {
    let eventLoop: any EventLoop
    let snapshot: Snapshot
    let appLogger: Logger
    private var instances: [String: AppIsolate] = [:]
    /// Condemned isolates finishing the requests they have in flight.
    private var retiring: [ObjectIdentifier: AppIsolate] = [:]

    /// This loop's share of the process's isolate limits.
    private(set) var policy: EvictionPolicy
    private var sweep: RepeatedTask?
    /// Isolates disposed for being idle, or to stay under the caps.
    private(set) var evictions = 0

    init(eventLoop: any EventLoop, snapshot: Snapshot, appLogger: Logger, policy: EvictionPolicy = EvictionPolicy()) {
        self.eventLoop = eventLoop
        self.snapshot = snapshot
        self.appLogger = appLogger
        self.policy = policy
    }

    deinit {
        ref.target = nil
        sweep?.cancel()
    }

    private lazy var ref = ClearedRef(self)

    /// The last app asked for and its isolate: consecutive requests for the
    /// same app skip the lookup (reset whenever `instances` changes).
    private var lastApp: RoutedApp?
    private var lastIsolate: AppIsolate?

    /// The isolate of a routed app that loaded (`app.spec` is set).
    func isolate(for app: RoutedApp) -> AppIsolate {
        if app === lastApp, let isolate = lastIsolate, isolate.condemned == nil { return isolate }
        let isolate = isolate(for: app.spec!)
        lastApp = app
        lastIsolate = isolate
        return isolate
    }

    private func forgetLast() {
        lastApp = nil
        lastIsolate = nil
    }

    func isolate(for spec: AppSpec) -> AppIsolate {
        forgetLast()
        if let existing = instances[spec.name] {
            guard existing.condemned != nil else { return existing }
            // Stopped for a limit: new requests get a fresh isolate.
            let key = ObjectIdentifier(existing)
            retiring[key] = existing
            existing.whenRetired { [unowned self] in self.retiring[key] = nil }
            instances[spec.name] = nil
        }
        // Room for one more: the least recently used idle isolates go first.
        while instances.count >= policy.maxLive, evictLeastRecentlyUsed(why: "the isolate cap") {}
        let instance = AppIsolate(spec: spec, snapshot: snapshot, eventLoop: eventLoop,
                                  output: Self.consoleOutput(app: spec.name, logger: appLogger))
        instances[spec.name] = instance
        if sweep == nil { startSweep() }
        return instance
    }

    // MARK: - Eviction

    /// This loop's share of the process's IsolateLimits.
    struct EvictionPolicy {
        var idle = TimeAmount.seconds(300)
        var maxLive = Int.max
        var maxMemoryBytes = Int.max

        init() {}

        init(_ limits: IsolateLimits, loops: Int) {
            idle = .seconds(Int64(limits.idleSeconds))
            maxLive = max(1, (limits.maxLive + loops - 1) / loops)
            maxMemoryBytes = max(1, limits.maxMemoryBytes / loops)
        }
    }

    func setPolicy(_ policy: EvictionPolicy) {
        self.policy = policy
        sweep?.cancel()
        sweep = nil
        if !instances.isEmpty { startSweep() }
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
        for (name, instance) in instances where instance.isIdle && instance.lastRequestAt <= cutoff {
            evict(name, instance, why: "idle")
        }
        if policy.maxMemoryBytes < Int.max {
            var used = instances.values.reduce(0) { total, instance in
                total + (instance.memory.map { $0.heap.used + $0.arrayBuffers } ?? 0)
            }
            while used > policy.maxMemoryBytes, let (name, instance) = leastRecentlyUsedIdle() {
                used -= instance.memory.map { $0.heap.used + $0.arrayBuffers } ?? 0
                evict(name, instance, why: "the memory cap")
            }
        }
        if instances.isEmpty {
            sweep?.cancel()
            sweep = nil
        }
    }

    private func leastRecentlyUsedIdle() -> (String, AppIsolate)? {
        var oldest: (String, AppIsolate)?
        for (name, instance) in instances where instance.isIdle {
            if oldest == nil || instance.lastRequestAt < oldest!.1.lastRequestAt { oldest = (name, instance) }
        }
        return oldest
    }

    /// Returns false when no isolate is idle (busy ones are never evicted:
    /// the cap is exceeded until one is).
    private func evictLeastRecentlyUsed(why: String) -> Bool {
        guard let (name, instance) = leastRecentlyUsedIdle() else { return false }
        evict(name, instance, why: why)
        return true
    }

    /// The isolate takes no more requests (the app's next one starts a new
    /// isolate) and is disposed through the same retirement as a drain.
    private func evict(_ name: String, _ instance: AppIsolate, why: String) {
        forgetLast()
        instances[name] = nil
        evictions += 1
        appLogger.debug("isolate evicted (\(why))", metadata: ["app": .string(name)])
        let key = ObjectIdentifier(instance)
        retiring[key] = instance
        instance.drain { [unowned self] in self.retiring[key] = nil }
    }

    /// After a reload: an isolate whose app is gone or has a new version
    /// drains (new requests already go to the new version) and is disposed
    /// once its work is done, or after `drainTimeout` at the latest.
    func reconcile(with table: AppTable, drainTimeout: TimeAmount) {
        forgetLast()
        for (name, instance) in instances {
            if let app = table.apps[name], !app.draining, app.fingerprint == instance.spec.version { continue }
            instances[name] = nil
            let key = ObjectIdentifier(instance)
            retiring[key] = instance
            instance.drain { [unowned self] in self.retiring[key] = nil }
            eventLoop.scheduleTask(in: drainTimeout) { [weak self] in
                self?.retiring[key] = nil  // whatever is left is dropped
            }
        }
    }

    /// Isolates still draining for `app`.
    func retiringCount(of app: String) -> Int {
        retiring.values.filter { $0.spec.name == app }.count
    }

    var count: Int { instances.count }
    var retiringCount: Int { retiring.count }

    /// Disposes every isolate (on this loop, where they belong).
    func removeAll() {
        forgetLast()
        instances.removeAll()
        retiring.removeAll()
    }

    /// ctx.waitUntil work not settled yet, over every isolate of this loop.
    var pendingWaitUntil: Int {
        instances.values.reduce(0) { $0 + $1.pendingWaitUntil } + retiring.values.reduce(0) { $0 + $1.pendingWaitUntil }
    }

    /// Memory of each live (not retiring) app isolate on this loop.
    func statistics() -> [IsolateStatistics] {
        instances.compactMap { name, app in
            app.memory.map { IsolateStatistics(app: name, heapUsed: $0.heap.used, heapTotal: $0.heap.total,
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
