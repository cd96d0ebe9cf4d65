import NIOCore
import NIOPosix
import NIOSSL

/// The HTTP/1.1 upstream connections (plain and TLS) of one event loop,
/// kept alive between fetches, by key (the isolate, the address and, for
/// TLS, the server name). One pool per
/// loop thread, so a fetch finds its connection without a lock and its
/// exchange never leaves the isolate's thread.
///
/// Sendable only so a thread-local can hold it: each pool is made by, stored
/// in and only ever reached through the thread-local of its loop's thread
/// (or a NIOLoopBound of that loop), so its state is touched by that thread
/// alone.
final class UpstreamPool: @unchecked Sendable {
    private static let perThread = ThreadSpecificVariable<UpstreamPool>()
    /// Idle connections kept per address; more are closed when handed back.
    static let maxIdlePerAddress = 64
    /// An idle connection is closed after this long (servers close theirs
    /// after a while; one closed under a request costs a retry).
    static let idleTimeout = TimeAmount.seconds(30)

    /// The pool of the loop this runs on.
    static func current(on loop: any EventLoop) -> UpstreamPool {
        if let pool = perThread.currentValue { return pool }
        let pool = UpstreamPool(loop: loop)
        perThread.currentValue = pool
        return pool
    }

    /// Closes the pools of every loop of `group` (the server is stopping):
    /// idle connections close now, those in use when their exchange ends,
    /// and no new one opens.
    static func close(_ group: any EventLoopGroup) -> EventLoopFuture<Void> {
        let futures = group.makeIterator().map { loop in
            loop.submit { current(on: loop).closeAll() }
        }
        return EventLoopFuture.andAllComplete(futures, on: group.next())
    }

    /// Set once the loop's group is stopping: fetches fail at once.
    private(set) var closed = false

    let loop: any EventLoop
    private var idle: [String: [UpstreamConnection]] = [:]
    private var sweep: RepeatedTask?

    private init(loop: any EventLoop) {
        self.loop = loop
    }

    /// A kept-alive connection to `key` (an address), the most recently used
    /// first, or nil.
    func takeIdle(_ key: String) -> UpstreamConnection? {
        guard var list = idle[key] else { return nil }
        var found: UpstreamConnection?
        while found == nil, let connection = list.popLast() {
            if connection.isOpen && connection.reusable { found = connection }
        }
        idle[key] = list.isEmpty ? nil : list
        return found
    }

    /// A new connection to `address`; over TLS when `tls` is given (its
    /// server name is for SNI and the certificate check; nil for an IP
    /// literal, whose certificate is checked against the address).
    func connect(to address: SocketAddress, key: String, peer: String,
                 tls: (context: NIOSSLContext, serverName: String?)?,
                 _ completion: @escaping (Result<UpstreamConnection, any Error>) -> Void) {
        let connection = UpstreamConnection(key: key, peer: peer, eventLoop: loop)
        let bound = NIOLoopBound(connection, eventLoop: loop)
        ClientBootstrap(group: loop)
            .connectTimeout(.seconds(30))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: tls.context, serverHostname: tls.serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(bound.value)
                }
            }
            .connect(to: address)
            .assumeIsolated()
            .whenComplete { result in
                switch result {
                case .success: completion(.success(connection))
                case .failure(let error): completion(.failure(error))
                }
            }
    }

    /// Takes back a connection whose exchange is over; it is kept for the
    /// next fetch to its address if it can be reused.
    func release(_ connection: UpstreamConnection) {
        guard !closed, connection.isOpen, connection.reusable else { return connection.abandon() }
        var list = idle[connection.key] ?? []
        guard list.count < Self.maxIdlePerAddress else { return connection.abandon() }
        connection.idleSince = .now()
        list.append(connection)
        idle[connection.key] = list
        if sweep == nil { startSweep() }
    }

    private func startSweep() {
        let bound = NIOLoopBound(self, eventLoop: loop)
        sweep = loop.scheduleRepeatedTask(initialDelay: Self.idleTimeout, delay: .seconds(15)) { _ in
            bound.value.closeExpired()
        }
    }

    private func closeExpired() {
        let oldest = NIODeadline.now() - Self.idleTimeout
        for (key, list) in idle {
            let kept = list.filter { connection in
                let keep = connection.isOpen && connection.reusable && connection.idleSince > oldest
                if !keep { connection.abandon() }
                return keep
            }
            idle[key] = kept.isEmpty ? nil : kept
        }
        if idle.isEmpty {
            sweep?.cancel()
            sweep = nil
        }
    }

    private func closeAll() {
        closed = true
        for list in idle.values { for connection in list { connection.abandon() } }
        idle.removeAll()
        sweep?.cancel()
        sweep = nil
    }
}
