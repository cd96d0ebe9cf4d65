import Logging
import NanoEngine
import NanoRuntime
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The HTTP front: a listener on `threads` event loops, each with its own app
/// isolates. A connection stays on its loop, so JS never hops threads.
public final class HTTPServer: Sendable {
    public struct Options: Sendable {
        public var threads: Int
        public var logLevel: Logger.Level
        /// Where log lines go (swift-log's bootstrapped handler when nil).
        public var logHandler: (@Sendable (String) -> any LogHandler)?
        public init(threads: Int = System.coreCount, logLevel: Logger.Level = .info,
                    logHandler: (@Sendable (String) -> any LogHandler)? = nil) {
            self.threads = threads
            self.logLevel = logLevel
            self.logHandler = logHandler
        }
    }

    let group: MultiThreadedEventLoopGroup
    let channel: any Channel
    public let address: ListenAddress

    /// Binds and starts serving. Apps are read from disk here, before any
    /// request is accepted.
    public static func start(config: ServerConfig, snapshot: Snapshot, options: Options) async throws -> HTTPServer {
        func logger(_ label: String) -> Logger {
            var logger = options.logHandler.map { Logger(label: label, factory: $0) } ?? Logger(label: label)
            logger.logLevel = options.logLevel
            return logger
        }
        let accessLogger = logger("nano.http")
        let appLogger = logger("nano.app")
        for app in config.apps where app.routes.isEmpty {
            accessLogger.warning("app has no routes and will get no requests", metadata: ["app": .string(app.name)])
        }
        let loaded = config.apps.map { LoadedApp.load($0, snapshot: snapshot) }
        for app in loaded {
            if let error = app.loadError {
                accessLogger.error("app failed to load: \(error)", metadata: ["app": .string(app.name)])
            }
        }
        let table = AppTable(loaded)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, options.threads))
        var loops: [ObjectIdentifier: NIOLoopBound<LoopContext>] = [:]
        let policy = LoopIsolates.EvictionPolicy(config.isolates, loops: max(1, options.threads))
        for (index, loop) in group.makeIterator().enumerated() {
            let context = try await loop.submit {
                NIOLoopBound(LoopContext(eventLoop: loop, index: index, snapshot: snapshot, appLogger: appLogger,
                                         apps: table, isolatePolicy: policy), eventLoop: loop)
            }.get()
            loops[ObjectIdentifier(loop)] = context
        }
        let contexts = loops
        let server = ServerContext(limits: config.http, listen: config.listen, accessLogger: accessLogger)
        var decoderLimits = NIOHTTPDecoderLimitConfiguration()
        // The decoder counts the URL and every header field together; NANO
        // answers the precise 414/431 itself once it has the head.
        decoderLimits.maxHeaderFieldSize = config.http.maxHeaderBytes
        decoderLimits.maxHeaderListSize = config.http.maxHeaderBytes + config.http.maxURLBytes
        let limits = decoderLimits
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                guard let loop = contexts[ObjectIdentifier(channel.eventLoop)] else {
                    return channel.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel)
                }
                do {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes,
                                                                informationalResponseStrategy: .drop,
                                                                limitConfiguration: limits)))
                    try channel.pipeline.syncOperations.addHandler(HTTPConnectionHandler(server: server, loop: loop.value))
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: config.listen.host, port: config.listen.port).get()
        } catch {
            try? await group.shutdownGracefully()
            throw ConfigError("cannot listen on \(config.listen): \(error)")
        }
        let port = channel.localAddress?.port ?? config.listen.port
        return HTTPServer(group: group, channel: channel, address: ListenAddress(host: config.listen.host, port: port),
                          loops: contexts, snapshot: snapshot, config: config, table: table, logger: accessLogger)
    }

    private let loops: [ObjectIdentifier: NIOLoopBound<LoopContext>]
    private let snapshot: Snapshot
    private let logger: Logger
    /// The config and app table in force (replaced by `reload`).
    private let current: Mutex<(config: ServerConfig, table: AppTable)>

    private init(group: MultiThreadedEventLoopGroup, channel: any Channel, address: ListenAddress,
                 loops: [ObjectIdentifier: NIOLoopBound<LoopContext>], snapshot: Snapshot, config: ServerConfig,
                 table: AppTable, logger: Logger) {
        self.group = group
        self.channel = channel
        self.address = address
        self.loops = loops
        self.snapshot = snapshot
        self.logger = logger
        self.current = Mutex((config, table))
    }

    public struct ReloadSummary: Sendable, CustomStringConvertible {
        public var added: [String] = []
        public var changed: [String] = []
        public var removed: [String] = []
        public var description: String {
            "added [\(added.joined(separator: ", "))], changed [\(changed.joined(separator: ", "))], removed [\(removed.joined(separator: ", "))]"
        }
    }

    /// Applies a new config without a restart: new apps start routing,
    /// changed apps (config or module sources) get a new version, removed
    /// apps answer 503 app_draining; the old versions drain — in-flight
    /// requests and waitUntil work finish, up to `drainTimeout` — and are
    /// disposed. A config with an app that does not load, or a different
    /// listen address or HTTP limits, is refused (ConfigError): the running
    /// one stays in force. Load checks run on the calling thread.
    public func reload(_ config: ServerConfig, drainTimeout: Duration = .seconds(30)) async throws -> ReloadSummary {
        let old = current.withLock { $0 }
        if config.listen != old.config.listen {
            throw ConfigError("listen cannot change without a restart (\(old.config.listen) → \(config.listen))")
        }
        var loaded: [LoadedApp] = []
        var summary = ReloadSummary()
        for app in config.apps {
            let fresh = LoadedApp.load(app, snapshot: snapshot)
            if let error = fresh.loadError { throw ConfigError("app \"\(app.name)\": \(error)") }
            if let previous = old.table.apps[app.name], !previous.draining {
                if previous.fingerprint != fresh.fingerprint { summary.changed.append(app.name) }
            } else {
                summary.added.append(app.name)
            }
            loaded.append(fresh)
        }
        // Removed apps stay routed, as tombstones, while they drain.
        var tombstones: [LoadedApp] = []
        for (name, app) in old.table.apps where !config.apps.contains(where: { $0.name == name }) && !app.draining {
            var tombstone = app
            tombstone.draining = true
            tombstones.append(tombstone)
            summary.removed.append(name)
        }
        let table = AppTable(loaded + tombstones)
        current.withLock { $0 = (config, table) }
        let policy = LoopIsolates.EvictionPolicy(config.isolates, loops: loops.count)
        let policyChanged = config.isolates != old.config.isolates
        let timeout = TimeAmount.nanoseconds(Int64(drainTimeout.components.seconds) * 1_000_000_000
            + Int64(drainTimeout.components.attoseconds / 1_000_000_000))
        for (_, context) in loops {
            try? await context.eventLoop.submit {
                context.value.apps = table
                context.value.isolates.reconcile(with: table, drainTimeout: timeout)
                if policyChanged { context.value.isolates.setPolicy(policy) }
            }.get()
        }
        if !tombstones.isEmpty {
            // Once the removed apps' isolates are gone, their routes go too.
            let names = tombstones.map(\.name)
            Task { [self] in
                let deadline = ContinuousClock.now + drainTimeout + .seconds(1)
                while ContinuousClock.now < deadline {
                    var left = 0
                    for (_, context) in loops {
                        left += (try? await context.eventLoop.submit {
                            names.reduce(0) { $0 + context.value.isolates.retiringCount(of: $1) }
                        }.get()) ?? 0
                    }
                    if left == 0 { break }
                    try? await Task.sleep(for: .milliseconds(50))
                }
                let now = current.withLock { state -> AppTable? in
                    guard state.table.apps.values.contains(where: { $0.draining && names.contains($0.name) }) else { return nil }
                    let kept = state.table.apps.values.filter { !($0.draining && names.contains($0.name)) }
                    state.table = AppTable(Array(kept))
                    return state.table
                }
                guard let now else { return }
                for (_, context) in loops {
                    try? await context.eventLoop.submit { context.value.apps = now }.get()
                }
            }
        }
        return summary
    }

    /// Resolves when the listener closes.
    public func waitUntilClosed() async throws {
        try await channel.closeFuture.get()
    }

    /// The memory of every app isolate, gathered from each loop (for metrics
    /// and the admin API), and how many condemned isolates are still finishing.
    public func isolateStatistics() async -> (live: [IsolateStatistics], retiring: Int) {
        var live: [IsolateStatistics] = []
        var retiring = 0
        for (_, context) in loops {
            if let (stats, count) = try? await context.eventLoop.submit({
                (context.value.isolates.statistics(), context.value.isolates.retiringCount)
            }).get() {
                live += stats
                retiring += count
            }
        }
        return (live, retiring)
    }

    /// Graceful shutdown, first part: stops accepting, closes idle
    /// connections, lets busy ones finish their response (then close), and
    /// waits for that and for ctx.waitUntil work — at most `timeout`.
    /// Returns whether everything finished in time. Call `stop()` after.
    @discardableResult
    public func drain(timeout: Duration) async -> Bool {
        try? await channel.close()
        for (_, context) in loops {
            try? await context.eventLoop.submit {
                context.value.draining = true
                for handler in Array(context.value.connections.values) { handler.beginDrain() }
            }.get()
        }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            var busy = 0
            for (_, context) in loops {
                busy += (try? await context.eventLoop.submit {
                    context.value.connections.count + context.value.isolates.pendingWaitUntil
                }.get()) ?? 0
            }
            if busy == 0 { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Stops accepting, disposes every isolate on its own loop, and shuts the
    /// event loops down.
    public func stop() async throws {
        try? await channel.close()
        for (_, context) in loops {
            try? await context.eventLoop.submit { context.value.isolates.removeAll() }.get()
        }
        try await group.shutdownGracefully()
    }
}
