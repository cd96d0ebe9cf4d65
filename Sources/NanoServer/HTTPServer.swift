import Foundation
import Logging
import NanoEngine
import NanoRuntime
import NIOCore
import NIOPosix
import Synchronization

/// The HTTP front: a listener on `threads` event loops, each with its own app
/// isolates. A connection stays on its loop, so JS never hops threads.
/// With `config.admin`, it also serves the apps deployed through the admin
/// API (kept in the data folder) and, given a token, the admin API.
public final class HTTPServer: Sendable {
    public struct Options: Sendable {
        public var threads: Int
        public var logLevel: Logger.Level
        /// Where log lines go (swift-log's bootstrapped handler when nil).
        public var logHandler: (@Sendable (String) -> any LogHandler)?
        /// How long an app replaced or removed through the admin API may
        /// take to finish its in-flight work.
        public var drainTimeout: Duration
        /// Where the server's metrics go (a registry of its own when nil).
        public var metrics: ServerMetrics?
        public init(threads: Int = System.coreCount, logLevel: Logger.Level = .info,
                    logHandler: (@Sendable (String) -> any LogHandler)? = nil, drainTimeout: Duration = .seconds(30),
                    metrics: ServerMetrics? = nil) {
            self.threads = threads
            self.logLevel = logLevel
            self.logHandler = logHandler
            self.drainTimeout = drainTimeout
            self.metrics = metrics
        }
    }

    let group: MultiThreadedEventLoopGroup
    let channel: any Channel
    public let address: ListenAddress

    /// Binds and starts serving. Apps are read from disk here, before any
    /// request is accepted: the config's, then the deployed ones.
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
        let loaded = config.apps.map { LoadedApp.load(fenced($0, config.admin), snapshot: snapshot) }
        for app in loaded {
            if let error = app.loadError {
                accessLogger.error("app failed to load: \(error)", metadata: ["app": .string(app.name)])
            }
        }
        var store: DeploymentStore?
        var deployed: [String: LoadedApp] = [:]
        // The data folder is made once the admin API can deploy; without a
        // token, deployments made earlier are still served.
        if let admin = config.admin, admin.token != nil || FileManager.default.fileExists(atPath: admin.dataDir.path) {
            let opened = DeploymentStore(dataDir: admin.dataDir)
            do { try opened.prepare() } catch { throw ConfigError("admin.dataDir: \(error)") }
            deployed = loadDeployments(from: opened, config: config, snapshot: snapshot, logger: accessLogger)
            try checkConflicts(config: config, deployed: deployed, dataDir: admin.dataDir)
            store = opened
        }
        let table = AppTable(loaded + deployed.values)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, options.threads))
        var loops: [ObjectIdentifier: NIOLoopBound<LoopContext>] = [:]
        let policy = LoopIsolates.EvictionPolicy(config.isolates, loops: max(1, options.threads))
        let metrics = options.metrics ?? ServerMetrics()
        for (index, loop) in group.makeIterator().enumerated() {
            let context = try await loop.submit {
                NIOLoopBound(LoopContext(eventLoop: loop, index: index, snapshot: snapshot, appLogger: appLogger,
                                         apps: table, isolatePolicy: policy, metrics: metrics), eventLoop: loop)
            }.get()
            loops[ObjectIdentifier(loop)] = context
        }
        let contexts = loops
        let server = ServerContext(limits: config.http, listen: config.listen, accessLogger: accessLogger)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            // Reads grow (doubling while they fill the buffer) to 128 KiB: a
            // 64 KiB upload with its head arrives in one read, not two (NIO's
            // default stops at 64 KiB; hyper's reads grow to ~400 KiB). Small
            // requests keep small buffers (it starts at 2 KiB and halves after
            // two short reads), but a connection keeps its last read buffer
            // while it is open: 128 KiB at most, not more, for the many idle
            // keep-alive connections a multi-tenant server holds.
            .childChannelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(
                minimum: 64, initial: 2048, maximum: 128 * 1024))
            .childChannelInitializer { channel in
                guard let loop = contexts[ObjectIdentifier(channel.eventLoop)] else {
                    return channel.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel)
                }
                do {
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
            try? await FetchClient.detach(from: group).get()
            try? await group.shutdownGracefully()
            throw ConfigError("cannot listen on \(config.listen): \(error)")
        }
        let port = channel.localAddress?.port ?? config.listen.port
        let started = HTTPServer(
            group: group, channel: channel, address: ListenAddress(host: config.listen.host, port: port),
            loops: contexts, snapshot: snapshot, logger: accessLogger, store: store, drainTimeout: options.drainTimeout,
            apps: Apps(config: config, configApps: Dictionary(loaded.map { ($0.name, $0) }) { a, _ in a },
                       deployed: deployed, table: table), metrics: metrics)
        if let admin = config.admin {
            if let token = admin.token {
                do {
                    let listener = try await AdminServer.start(config: admin, api: AdminAPI(server: started, token: token))
                    started.admin.withLock { $0 = listener }
                } catch {
                    try? await started.stop()
                    throw ConfigError("admin API: cannot listen on \(admin.listen): \(error)")
                }
            } else {
                accessLogger.notice("admin API off: no token (admin.token in the config or \(AdminConfig.tokenVariable))")
            }
        }
        return started
    }

    let loops: [ObjectIdentifier: NIOLoopBound<LoopContext>]
    let snapshot: Snapshot
    let logger: Logger
    /// The deployments folder (nil without `config.admin`).
    let store: DeploymentStore?
    let drainTimeout: Duration

    /// The apps in force: the config's, the deployed ones, and the table
    /// routing to both (with removed apps that are still draining).
    struct Apps: Sendable {
        var config: ServerConfig
        var configApps: [String: LoadedApp]
        var deployed: [String: LoadedApp]
        var table: AppTable
    }
    /// Replaced only by `apply`, inside `changes`.
    let current: Mutex<Apps>
    /// Reload, deploy, delete and forgetting drained apps, one at a time.
    let changes = ChangeQueue()
    /// Set when the server starts draining for shutdown.
    let shuttingDown = Mutex(false)
    private let admin = Mutex<AdminServer?>(nil)

    /// The registry /metrics reads.
    public let metrics: ServerMetrics

    /// The metrics in Prometheus' text format, brought up to date from every
    /// event loop first.
    public func metricsText() async -> String {
        metrics.render(await onEveryLoop { $0.isolates.metricsSnapshot() })
    }

    /// Where the admin API listens, or nil when it is off.
    public var adminAddress: ListenAddress? { admin.withLock { $0?.address } }

    private init(group: MultiThreadedEventLoopGroup, channel: any Channel, address: ListenAddress,
                 loops: [ObjectIdentifier: NIOLoopBound<LoopContext>], snapshot: Snapshot, logger: Logger,
                 store: DeploymentStore?, drainTimeout: Duration, apps: Apps, metrics: ServerMetrics) {
        self.metrics = metrics
        self.group = group
        self.channel = channel
        self.address = address
        self.loops = loops
        self.snapshot = snapshot
        self.logger = logger
        self.store = store
        self.drainTimeout = drainTimeout
        self.current = Mutex(apps)
    }

    /// The deployments in the data folder, loaded (after the store has
    /// cleaned up what an interrupted deploy left).
    private static func loadDeployments(from store: DeploymentStore, config: ServerConfig, snapshot: Snapshot,
                                        logger: Logger) -> [String: LoadedApp] {
        var deployed: [String: LoadedApp] = [:]
        for stored in store.recover(log: { logger.warning("deployments: \($0)") }) {
            var app = LoadedApp.load(stored.app, snapshot: snapshot)
            app.origin = .deployment(version: stored.version, deployedAt: stored.deployedAt)
            if let error = app.loadError {
                logger.error("deployed app failed to load: \(error)", metadata: ["app": .string(stored.name)])
            }
            deployed[stored.name] = app
        }
        return deployed
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
        // The admin API stays up (readyz says 503 now) but takes no changes.
        shuttingDown.withLock { $0 = true }
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
        shuttingDown.withLock { $0 = true }
        if let listener = admin.withLock({ $0 }) { await listener.stop() }
        try? await channel.close()
        for (_, context) in loops {
            try? await context.eventLoop.submit { context.value.isolates.removeAll() }.get()
        }
        try? await FetchClient.detach(from: group).get()
        try await group.shutdownGracefully()
    }
}
