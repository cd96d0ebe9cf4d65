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

    init(eventLoop: any EventLoop, snapshot: Snapshot, appLogger: Logger) {
        self.eventLoop = eventLoop
        self.snapshot = snapshot
        self.appLogger = appLogger
    }

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
        let instance = AppIsolate(spec: spec, snapshot: snapshot, eventLoop: eventLoop,
                                  output: Self.consoleOutput(app: spec.name, logger: appLogger))
        instances[spec.name] = instance
        return instance
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
