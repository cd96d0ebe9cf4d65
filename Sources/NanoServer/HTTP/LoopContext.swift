import Logging
import NanoEngine
import NIOCore

/// What every connection on one event loop shares: the loop's app isolates,
/// its request-id counter and its Date header cache. Loop-confined.
final class LoopContext {
    let isolates: LoopIsolates
    var requestIDs: RequestIDs
    var date = HTTPDate()
    let flushes: FlushBatch
    /// Open connections, to drain them at shutdown.
    var connections: [ObjectIdentifier: HTTPConnectionHandler] = [:]
    /// Set once the server drains: new connections are closed at once.
    var draining = false
    /// The apps this loop routes to (replaced by a reload).
    var apps: AppTable

    init(eventLoop: any EventLoop, index: Int, snapshot: Snapshot, appLogger: Logger, apps: AppTable,
         isolatePolicy: LoopIsolates.EvictionPolicy = .init(), metrics: ServerMetrics? = nil) {
        self.apps = apps
        flushes = FlushBatch(eventLoop: eventLoop)
        isolates = LoopIsolates(eventLoop: eventLoop, snapshot: snapshot, appLogger: appLogger, policy: isolatePolicy,
                                metrics: metrics)
        requestIDs = RequestIDs(loopIndex: index)
    }
}

/// What every connection of the server shares, on any thread.
struct ServerContext: Sendable {
    let limits: HTTPLimits
    let listen: ListenAddress
    let accessLogger: Logger
    /// Whether access lines are logged, decided once: reading a Logger's
    /// level copies its handler, on every request.
    let logsAccess: Bool

    init(limits: HTTPLimits, listen: ListenAddress, accessLogger: Logger) {
        self.limits = limits
        self.listen = listen
        self.accessLogger = accessLogger
        logsAccess = accessLogger.logLevel <= .info
    }
}
