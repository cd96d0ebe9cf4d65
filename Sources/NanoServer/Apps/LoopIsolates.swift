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
        let counters = AppCounters()
    }
    private var slots: [String: Slot] = [:]
    /// Condemned isolates finishing the requests they have in flight.
    private var retiring: [ObjectIdentifier: AppIsolate] = [:]
    /// Isolates started only to check a deploy (trialStart).
    private var trials: [ObjectIdentifier: AppIsolate] = [:]

    init(eventLoop: any EventLoop, snapshot: Snapshot, appLogger: Logger) {
        self.eventLoop = eventLoop
        self.snapshot = snapshot
        self.appLogger = appLogger
    }

    private func slot(_ name: String) -> Slot {
        if let slot = slots[name] { return slot }
        let slot = Slot()
        slots[name] = slot
        return slot
    }

    /// The isolate to run `spec`'s request in, and the app's counters.
    func isolate(for spec: AppSpec) -> (AppIsolate, AppCounters) {
        let slot = slot(spec.name)
        if let existing = slot.isolate {
            guard existing.condemned != nil else { return (existing, slot.counters) }
            // Stopped for a limit: new requests get a fresh isolate.
            let key = ObjectIdentifier(existing)
            retiring[key] = existing
            existing.whenRetired { [unowned self] in self.retiring[key] = nil }
            slot.isolate = nil
        }
        let instance = AppIsolate(spec: spec, snapshot: snapshot, eventLoop: eventLoop,
                                  output: Self.consoleOutput(app: spec.name, logger: appLogger))
        slot.isolate = instance
        return (instance, slot.counters)
    }

    /// The counters of an app answered without an isolate (draining, not
    /// loaded).
    func counters(for app: String) -> AppCounters { slot(app).counters }

    /// After a reload: an isolate whose app is gone or has a new version
    /// drains (new requests already go to the new version) and is disposed
    /// once its work is done, or after `drainTimeout` at the latest. An app
    /// no longer in the table loses its counters.
    func reconcile(with table: AppTable, drainTimeout: TimeAmount) {
        for (name, slot) in slots {
            if table.apps[name] == nil { slots[name] = nil }
            guard let instance = slot.isolate else { continue }
            if let app = table.apps[name], !app.draining, app.fingerprint == instance.spec.version { continue }
            slot.isolate = nil
            let key = ObjectIdentifier(instance)
            retiring[key] = instance
            instance.drain { [unowned self] in self.retiring[key] = nil }
            eventLoop.scheduleTask(in: drainTimeout) { [weak self] in
                self?.retiring[key] = nil  // whatever is left is dropped
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

    var count: Int { slots.values.filter { $0.isolate != nil }.count }
    var retiringCount: Int { retiring.count }

    /// Disposes every isolate (on this loop, where they belong).
    func removeAll() {
        for slot in slots.values { slot.isolate = nil }
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
