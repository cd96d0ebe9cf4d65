import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The admin API's listener: plain SwiftNIO HTTP/1.1 (NIO's full server
/// pipeline; this is not the request path that needs to be lean) on its own
/// event loop thread, so a deploy's work never delays an app's request.
final class AdminServer: Sendable {
    let address: ListenAddress
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let stopped = Mutex(false)

    private init(address: ListenAddress, group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.address = address
        self.group = group
        self.channel = channel
    }

    static func start(config: AdminConfig, api: AdminAPI) async throws -> AdminServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let maxBodyBytes = config.maxBodyBytes
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(AdminHTTPHandler(api: api, maxBodyBytes: maxBodyBytes))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: config.listen.host, port: config.listen.port).get()
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        let port = channel.localAddress?.port ?? config.listen.port
        return AdminServer(address: ListenAddress(host: config.listen.host, port: port), group: group, channel: channel)
    }

    /// Closes the listener and its connections (once; later calls return).
    func stop() async {
        let first = stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        try? await channel.close()
        try? await group.shutdownGracefully()
    }
}

/// One admin connection: checks the token at the request's head (an
/// unauthenticated body is never buffered), reads the body up to the
/// limit, runs the endpoint off the loop and writes its JSON answer.
/// Requests on a connection are answered one at a time, in order (NIO's
/// pipelining helper holds the next one back).
final class AdminHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        case idle
        case reading(HTTPRequestHead, ByteBuffer)
        /// Answered already (401, 413): the rest of the request is dropped,
        /// then the connection closes.
        case refused
    }

    private let api: AdminAPI
    private let maxBodyBytes: Int
    private var state = State.idle

    init(api: AdminAPI, maxBodyBytes: Int) {
        self.api = api
        self.maxBodyBytes = maxBodyBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            guard api.isAuthorized(head.headers.first(name: "authorization")) else {
                return refuse(.unauthorized, head: head, context: context)
            }
            if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > maxBodyBytes {
                return refuse(.payloadTooLarge(maxBodyBytes), head: head, context: context)
            }
            state = .reading(head, context.channel.allocator.buffer(capacity: 0))
        case .body(var chunk):
            guard case .reading(let head, var body) = state else { return }
            if body.readableBytes + chunk.readableBytes > maxBodyBytes {
                return refuse(.payloadTooLarge(maxBodyBytes), head: head, context: context)
            }
            state = .idle  // let go of the buffer while it grows (no copy)
            body.writeBuffer(&chunk)
            state = .reading(head, body)
        case .end:
            switch state {
            case .idle:
                return
            case .refused:
                state = .idle
                context.close(promise: nil)
            case .reading(let head, let body):
                state = .idle
                dispatch(head, body, context: context)
            }
        }
    }

    private func refuse(_ error: AdminError, head: HTTPRequestHead, context: ChannelHandlerContext) {
        state = .refused
        write(.error(error), head: head, keepAlive: false, context: context)
    }

    private func dispatch(_ head: HTTPRequestHead, _ body: ByteBuffer, context: ChannelHandlerContext) {
        let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? head.uri
        let request = AdminRequest(method: head.method.rawValue, path: path, body: Data(body.readableBytesView))
        let api = self.api
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        Task {
            let response = await api.handle(request)
            api.server.logger.info("admin \(request.method) \(request.path) \(response.status)")
            loop.execute {
                let (handler, context) = bound.value
                handler.write(response, head: head, keepAlive: head.isKeepAlive, context: context)
            }
        }
    }

    private func write(_ response: AdminResponse, head request: HTTPRequestHead, keepAlive: Bool,
                       context: ChannelHandlerContext) {
        var head = HTTPResponseHead(version: request.version, status: HTTPResponseStatus(statusCode: response.status))
        head.headers.add(name: "content-type", value: response.contentType)
        head.headers.add(name: "content-length", value: String(response.body.count))
        for (name, value) in response.headers { head.headers.add(name: name, value: value) }
        if !keepAlive { head.headers.add(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive, case .idle = state {
            done.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }
}
