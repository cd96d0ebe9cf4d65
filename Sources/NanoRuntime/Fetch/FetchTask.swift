import AsyncHTTPClient
import Foundation
import Synchronization
import NanoEngine
import NIOCore
import NIOHTTP1
import NIOPosix

/// The HTTP client every isolate's fetch() shares: connections are pooled,
/// redirects are NANO's (the Fetch Standard's, in JS), and each request's
/// callbacks arrive on its isolate's event loop.
///
/// A server's loops each get their connections on the loop itself
/// (`attach`): a fetch then never leaves the isolate's thread. Through a
/// client on another group, each fetch crossed threads about six times
/// (start, head, each body part, end), which on a busy 2-core machine cost
/// more than the HTTP exchange itself (measured: 292 µs of CPU per proxied
/// request against Deno's 69 µs). Loops no group was attached for use a
/// process-wide client on NIO's singleton group.
public enum FetchClient {
    static let shared = make(MultiThreadedEventLoopGroup.singleton)
    private static let attached = Mutex<[ObjectIdentifier: GroupClient]>([:])

    static func make(_ group: any EventLoopGroup) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        configuration.timeout.connect = .seconds(30)
        // A refused connection is fetch()'s TypeError at once, as in browsers
        // and Deno, not retried until the connect timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        // AsyncHTTPClient keeps 8 connections per host by default and closes
        // the ones over that after one request each: under concurrent
        // fetches to one upstream, a new TCP connection per fetch (measured:
        // 12,000 in TIME-WAIT after 5 s). Keep enough for a busy upstream.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 256
        return HTTPClient(eventLoopGroup: group, configuration: configuration)
    }

    /// The fetches of isolates on `group`'s loops use connections on their
    /// own loop from now on. The client is made on the first fetch; call
    /// `detach` before the group shuts down.
    public static func attach(to group: any EventLoopGroup) {
        let client = GroupClient(group: group)
        attached.withLock { clients in
            for loop in group.makeIterator() { clients[ObjectIdentifier(loop)] = client }
        }
    }

    /// Closes `group`'s client (cancelling what it still has in flight);
    /// later fetches on its loops fail.
    public static func detach(from group: any EventLoopGroup) -> EventLoopFuture<Void> {
        let client = attached.withLock { clients -> GroupClient? in
            var found: GroupClient?
            for loop in group.makeIterator() { found = clients.removeValue(forKey: ObjectIdentifier(loop)) ?? found }
            return found
        }
        // Plain-HTTP connections idle in the loops' pools close too.
        let pools = UpstreamPool.closeIdle(of: group)
        guard let client else { return pools }
        return pools.flatMap { client.shutdown() }
    }

    /// The client for a fetch made on `loop`, and where it runs; nil once
    /// the loop's group was detached.
    static func client(for loop: any EventLoop) -> (HTTPClient, HTTPClient.EventLoopPreference)? {
        guard let attachedClient = attached.withLock({ $0[ObjectIdentifier(loop)] }) else {
            return (shared, .indifferent)
        }
        // `.delegate`, not `.delegateAndChannel`: with the latter,
        // AsyncHTTPClient 1.x opened a new connection for most fetches under
        // concurrent load and closed it after one request (measured: 5,000
        // sockets in TIME-WAIT after 2 s), where `.delegate` keeps reusing
        // the pool's connections, which are on this loop when they can be.
        return attachedClient.client().map { ($0, .delegate(on: loop)) }
    }

    /// One group's client, made on first use (most servers never fetch).
    private final class GroupClient: Sendable {
        let group: any EventLoopGroup
        private let state = Mutex<(client: HTTPClient?, closed: Bool)>((nil, false))

        init(group: any EventLoopGroup) { self.group = group }

        func client() -> HTTPClient? {
            state.withLock { state in
                if state.closed { return nil }
                if let client = state.client { return client }
                let client = FetchClient.make(group)
                state.client = client
                return client
            }
        }

        func shutdown() -> EventLoopFuture<Void> {
            let client = state.withLock { state -> HTTPClient? in
                state.closed = true
                defer { state.client = nil }
                return state.client
            }
            return client?.shutdown() ?? group.next().makeSucceededVoidFuture()
        }
    }
}

/// One fetch() in flight: what JS asked for, the outbound policy check on
/// the resolved address, the request's streamed body, and the response
/// streamed back into JS with backpressure (the next part is read from the
/// socket only once JS asks for it).
///
/// Sendable: the mutable state is only touched on the isolate's event loop.
/// AsyncHTTPClient calls the delegate methods on one of its own loops; they
/// only hop to the isolate's loop (and complete promises, which is allowed
/// from any thread).
final class FetchTask: HTTPClientResponseDelegate, UpstreamExchange, @unchecked Sendable {
    typealias Response = Void

    struct Spec {
        var method: String
        var url: String
        var target: FetchTarget
        /// "name\0value\0…", lower-case names, as fetch.js joins them.
        var headerBlock: String
        var body: Body

        /// The header block as pairs.
        var headers: [(String, String)] {
            var pairs: [(String, String)] = []
            if headerBlock.isEmpty { return pairs }
            let parts = headerBlock.split(separator: "\0", omittingEmptySubsequences: false)
            var i = 0
            while i + 1 < parts.count {
                pairs.append((String(parts[i]), String(parts[i + 1])))
                i += 2
            }
            return pairs
        }
        enum Body { case none, bytes([UInt8]), streamed }
    }

    let id: Int
    let request: Int?  // the request it was made for (subrequest count)
    private let spec: Spec
    /// Not strong: a fetch the client still reports on must not keep a
    /// stopped worker alive, nor touch it once it is gone.
    private let workerRef: ClearedRef<Worker>
    private var worker: Worker? { workerRef.target }
    let eventLoop: any EventLoop
    private var task: HTTPClient.Task<Void>?
    private var pendingPull: EventLoopPromise<Void>?
    private var writer: HTTPClient.Body.StreamWriter?
    private var bodyDone: EventLoopPromise<Void>?
    private var finished = false
    /// Set on the isolate's loop, read by the client's: once a fetch is
    /// aborted (or its worker stopped, and maybe its loop with it), the
    /// client's late callbacks do not hop to that loop at all.
    private let cancelled = Atomic<Bool>(false)
    var aborted: Bool { cancelled.load(ordering: .acquiring) }

    // Plain HTTP (UpstreamConnection, on this loop).
    private var connection: UpstreamConnection?
    private var plainRequest: ByteBuffer?
    private var plainAddress: (address: SocketAddress, key: String, host: String, port: Int)?
    private var retried = false
    private var requestSent = false
    /// A body chunk went to JS and JS has not asked for the next.
    private var awaitingPull = false
    private var queued: [ByteBuffer] = []
    private var responseComplete = false
    /// Inside a call JS made (an op): what the connection reports meanwhile
    /// must wait for its own macrotask, not run JS inside JS.
    private var inOp = false

    init(id: Int, request: Int?, spec: Spec, worker: Worker) {
        self.id = id
        self.request = request
        self.spec = spec
        self.workerRef = worker.ref
        self.eventLoop = worker.eventLoop
    }

    // MARK: - Start: resolve, check, send

    /// Starts on the next loop turn: fetchStart runs inside JS, and what the
    /// fetch reports must reach JS as macrotasks of their own.
    func start(policy: OutboundPolicy) {
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        eventLoop.execute { bound.value.begin(policy: policy) }
    }

    private func begin(policy: OutboundPolicy) {
        guard !aborted else { return }
        let target = spec.target
        let port = target.port
        if OutboundPolicy.badPorts.contains(port) {
            return fail("fetch: port \(port) is blocked (a bad port in the Fetch Standard)")
        }
        let host = target.host
        let name = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        // An IP literal needs no resolver (nor its thread pool's hop).
        if let literal = try? SocketAddress(ipAddress: name, port: port) {
            return connect(to: [literal], name: name, port: port, policy: policy, literal: true)
        }
        NIOThreadPool.singleton.runIfActive(eventLoop: eventLoop) { try Self.resolve(name, port: port) }
            .whenComplete { [self] result in
                switch result {
                case .failure(let error):
                    fail("fetch: cannot resolve \(name): \(error)")
                case .success(let addresses):
                    connect(to: addresses, name: name, port: port, policy: policy, literal: false)
                }
            }
    }

    private func connect(to addresses: [SocketAddress], name: String, port: Int, policy: OutboundPolicy, literal: Bool) {
        guard !aborted else { return }
        if addresses.isEmpty { return fail("fetch: \(name) has no address") }
        for address in addresses {
            if let why = policy.refusal(for: address) {
                return fail("fetch: \(name) is refused: \(address.ipAddress ?? name) is a \(why)")
            }
        }
        if spec.target.secure {
            send(connectingTo: addresses[0], host: name, port: port)
        } else {
            // The pool's key: this worker's connections to the address (a
            // literal is already one).
            guard let worker else { return }
            let key = String(worker.fetchPartition) + "|" + (literal ? name : addresses[0].ipAddress ?? name) + ":" + String(port)
            sendPlain(to: addresses[0], key: key, host: name, port: port)
        }
    }

    /// HTTPS, through AsyncHTTPClient. It keeps the name for SNI and
    /// certificate checks: an attacker's name pointed at an internal address
    /// afterwards would still need that name's certificate.
    private func send(connectingTo address: SocketAddress, host: String, port: Int) {
        guard !aborted else { return }
        let url = spec.url
        var headers = HTTPHeaders()
        for (name, value) in spec.headers { headers.add(name: name, value: value) }
        let body: HTTPClient.Body?
        switch spec.body {
        case .none: body = nil
        case .bytes(let bytes): body = .bytes(bytes)
        case .streamed:
            let bound = NIOLoopBound(self, eventLoop: eventLoop)
            let loop = eventLoop
            body = .stream(contentLength: nil) { writer in
                loop.flatSubmit { bound.value.bodyStarted(writer) }
            }
        }
        do {
            let request = try HTTPClient.Request(url: url, method: HTTPMethod(rawValue: spec.method), headers: headers, body: body)
            guard let (client, preference) = FetchClient.client(for: eventLoop) else {
                return fail("fetch: the server is shutting down")
            }
            task = client.execute(request: request, delegate: self, eventLoop: preference)
        } catch {
            fail("fetch: \(error)")
        }
    }

    // MARK: - Plain HTTP, on this loop

    /// Plain HTTP goes to the very address that was checked, on a connection
    /// of this loop's pool; the Host header keeps the name.
    private func sendPlain(to address: SocketAddress, key: String, host: String, port: Int) {
        guard !aborted else { return }
        plainAddress = (address, key, host, port)
        plainRequest = plainRequestBytes(host: host, port: port)
        let pool = UpstreamPool.current(on: eventLoop)
        if let idle = pool.takeIdle(key) { return exchange(on: idle, pooled: true) }
        connectPlain(pool)
    }

    private func connectPlain(_ pool: UpstreamPool) {
        guard let (address, key, host, port) = plainAddress else { return }
        pool.connect(to: address, key: key) { [self] result in
            switch result {
            case .success(let connection):
                guard !aborted, !finished else { return pool.release(connection) }
                exchange(on: connection, pooled: false)
            case .failure(let error):
                let reason = (error as? IOError).map { String(cString: strerror($0.errnoCode)) } ?? Self.describe(error)
                fail("fetch: cannot connect to \(host):\(port): \(reason)")
            }
        }
    }

    private func exchange(on connection: UpstreamConnection, pooled: Bool) {
        guard let request = plainRequest else { return }
        self.connection = connection
        if !pooled { retried = true }  // a new connection failing is the answer
        let streamed: Bool
        if case .streamed = spec.body { streamed = true } else { streamed = false }
        connection.begin(self, request: request, isHEAD: spec.method == "HEAD").assumeIsolated().whenComplete { [self] result in
            guard !finished, self.connection === connection else { return }
            switch result {
            case .success:
                if streamed {
                    worker?.fetchEvent(.writeReady(id: id), chargedTo: self.request)
                } else {
                    requestSent = true
                }
            case .failure:
                break  // the connection reports how it failed
            }
        }
    }

    /// The request's head (and body, when it is bytes) as HTTP/1.1 sends it.
    private func plainRequestBytes(host: String, port: Int) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(256)
        buffer.writeString(spec.method)
        buffer.writeStaticString(" ")
        buffer.writeString(spec.target.requestTarget)
        buffer.writeStaticString(" HTTP/1.1\r\n")
        // The block is "name\0value\0…": each NUL alternately ends a name
        // (": " goes out) and a value (a line end). Names are lower case.
        var hasHost = false
        var block = spec.headerBlock
        block.withUTF8 { bytes in
            guard !bytes.isEmpty else { return }
            var start = 0
            var index = 0
            var name: UnsafeBufferPointer<UInt8>?
            while index <= bytes.count {
                if index == bytes.count || bytes[index] == 0 {
                    let piece = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    if let field = name {
                        // The framing is the client's to write.
                        if !Self.isFraming(field) {
                            if Self.equals(field, "host") { hasHost = true }
                            buffer.writeBytes(field)
                            buffer.writeStaticString(": ")
                            buffer.writeBytes(piece)
                            buffer.writeStaticString("\r\n")
                        }
                        name = nil
                    } else {
                        name = piece
                    }
                    start = index + 1
                }
                index += 1
            }
        }
        if !hasHost {
            buffer.writeStaticString("host: ")
            buffer.writeString(host.utf8.contains(UInt8(ascii: ":")) ? "[\(host)]" : host)
            if port != 80 { buffer.writeString(":" + String(port)) }
            buffer.writeStaticString("\r\n")
        }
        switch spec.body {
        case .none:
            // The Fetch Standard's Content-Length: 0 for a POST or PUT with no body.
            if spec.method == "POST" || spec.method == "PUT" { buffer.writeStaticString("content-length: 0\r\n") }
            buffer.writeStaticString("\r\n")
        case .bytes(let bytes):
            buffer.writeString("content-length: " + String(bytes.count) + "\r\n\r\n")
            buffer.writeBytes(bytes)
        case .streamed:
            buffer.writeStaticString("transfer-encoding: chunked\r\n\r\n")
        }
        return buffer
    }

    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        bytes.count == text.utf8CodeUnitCount && memcmp(bytes.baseAddress!, text.utf8Start, bytes.count) == 0
    }

    private static func isFraming(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        equals(name, "content-length") || equals(name, "transfer-encoding")
    }

    /// Runs `body` now, or on its own turn when JS is on the stack.
    private func whenOutsideJS(_ body: @escaping () -> Void) {
        if inOp {
            let bound = NIOLoopBound(body, eventLoop: eventLoop)
            eventLoop.execute { bound.value() }
        } else {
            body()
        }
    }

    /// Hands the finished exchange's connection back to the pool (it can
    /// carry another request only once this one was wholly sent).
    private func releaseConnection() {
        guard let connection else { return }
        self.connection = nil
        if requestSent {
            UpstreamPool.current(on: eventLoop).release(connection)
        } else {
            connection.abandon()
        }
    }

    /// What JS has not been given of the body yet, once it asks for more.
    private func deliverQueued() {
        guard !finished, !awaitingPull else { return }
        if !queued.isEmpty {
            let chunk = queued
            queued = []
            awaitingPull = true
            if responseComplete {
                done()
                worker?.fetchEvent(.chunk(id: id, body: chunk, last: true), chargedTo: request)
            } else {
                worker?.fetchEvent(.chunk(id: id, body: chunk, last: false), chargedTo: request)
            }
        } else if responseComplete {
            done()
            worker?.fetchEvent(.end(id: id), chargedTo: request)
        } else {
            connection?.holdReads(false)
        }
    }

    // MARK: - Request body, pushed by JS one chunk at a time

    private func bodyStarted(_ writer: HTTPClient.Body.StreamWriter) -> EventLoopFuture<Void> {
        self.writer = writer
        let done = eventLoop.makePromise(of: Void.self)
        bodyDone = done
        worker?.fetchEvent(.writeReady(id: id), chargedTo: request)
        return done.futureResult
    }

    /// JS gives the next chunk of the request body.
    func write(_ bytes: [UInt8]) {
        guard !finished else { return }
        let id = self.id
        if let connection {
            guard !bytes.isEmpty else {
                return whenOutsideJS { [self] in worker?.fetchEvent(.writeReady(id: id), chargedTo: request) }
            }
            var chunk = ByteBuffer()
            chunk.reserveCapacity(bytes.count + 16)
            chunk.writeString(String(bytes.count, radix: 16) + "\r\n")
            chunk.writeBytes(bytes)
            chunk.writeStaticString("\r\n")
            inOp = true
            defer { inOp = false }
            connection.write(chunk).assumeIsolated().whenComplete { [self] result in
                guard !finished, case .success = result else { return }
                whenOutsideJS { [self] in
                    if !finished { worker?.fetchEvent(.writeReady(id: id), chargedTo: request) }
                }
            }
            return
        }
        guard let writer else { return }
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        writer.write(.byteBuffer(ByteBuffer(bytes: bytes))).hop(to: eventLoop).whenComplete { result in
            let task = bound.value
            guard !task.finished else { return }
            switch result {
            case .success: task.worker?.fetchEvent(.writeReady(id: id), chargedTo: task.request)
            case .failure(let error): task.bodyDone?.fail(error)
            }
        }
    }

    /// JS finished the request body (or it failed: `error`).
    func endBody(error: String?) {
        if let connection, !finished {
            inOp = true
            defer { inOp = false }
            if let error {
                connection.abandon()
                self.connection = nil
                return whenOutsideJS { [self] in fail("fetch: \(error)") }
            }
            var last = ByteBuffer()
            last.writeStaticString("0\r\n\r\n")
            connection.write(last).assumeIsolated().whenComplete { [self] result in
                guard case .success = result else { return }
                requestSent = true
            }
            return
        }
        if let error {
            bodyDone?.fail(FetchBodyError(message: error))
        } else {
            bodyDone?.succeed(())
        }
        bodyDone = nil
        writer = nil
    }

    // MARK: - Response, pulled by JS

    /// JS wants the next part of the response body.
    func pull() {
        pendingPull?.succeed(())
        pendingPull = nil
        guard plainAddress != nil, !finished else { return }
        awaitingPull = false
        if queued.isEmpty && !responseComplete {
            connection?.holdReads(false)
        } else {
            // JS is on the stack: what is queued goes to it on its own turn.
            let bound = NIOLoopBound(self, eventLoop: eventLoop)
            eventLoop.execute { bound.value.deliverQueued() }
        }
    }

    func abort() {
        guard !finished else { return }
        cancelled.store(true, ordering: .releasing)
        connection?.abandon()
        connection = nil
        task?.cancel()
        bodyDone?.fail(FetchBodyError(message: "aborted"))
        bodyDone = nil
        done()
    }

    // MARK: - HTTPClientResponseDelegate (on the client's loop: hop)

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        var block = ""
        for (name, value) in head.headers {
            if !block.isEmpty { block += "\0" }
            block += name.lowercased() + "\0" + value
        }
        let status = Int(head.status.code)
        let reason = head.status.reasonPhrase
        if aborted { return task.eventLoop.makeSucceededVoidFuture() }
        eventLoop.execute {
            guard !self.aborted, !self.finished else { return }
            self.worker?.fetchEvent(.head(id: self.id, status: status, statusText: reason, headers: block), chargedTo: self.request)
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        // The next part is read once JS pulls again (backpressure).
        if aborted { return task.eventLoop.makeSucceededVoidFuture() }
        let next = task.eventLoop.makePromise(of: Void.self)
        eventLoop.execute {
            guard !self.aborted, !self.finished else { return next.succeed(()) }
            self.pendingPull = next
            self.worker?.fetchEvent(.chunk(id: self.id, body: [buffer], last: false), chargedTo: self.request)
        }
        return next.futureResult
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        if aborted { return }
        eventLoop.execute {
            guard !self.aborted, !self.finished else { return }
            self.done()
            self.worker?.fetchEvent(.end(id: self.id), chargedTo: self.request)
        }
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: Error) {
        let message = "fetch: \(Self.describe(error))"
        if aborted { return }
        eventLoop.execute {
            guard !self.aborted, !self.finished else { return }
            self.fail(message)
        }
    }

    private func fail(_ message: String) {
        guard !finished else { return }
        // Done first: the macrotask that reports it must already see the
        // fetch gone (`nanod run` ends when nothing is pending).
        done()
        worker?.fetchEvent(.error(id: id, message: message), chargedTo: request)
    }

    private func done() {
        guard !finished else { return }
        finished = true
        pendingPull?.succeed(())
        pendingPull = nil
        worker?.fetchFinished(self)
    }

    // MARK: - UpstreamExchange (plain HTTP, on this loop)

    func upstreamRead(head: UpstreamConnection.Head?, body: [ByteBuffer], complete: Bool) {
        guard !finished, !aborted else { return }
        if inOp {
            return whenOutsideJS { [self] in upstreamRead(head: head, body: body, complete: complete) }
        }
        if complete {
            responseComplete = true
            releaseConnection()
        }
        if let head {
            // The head, with what came of the body in the same read, in one
            // macrotask: a small response is one crossing into JS.
            if !body.isEmpty { awaitingPull = true }
            if complete { done() } else if !body.isEmpty { connection?.holdReads(true) }
            worker?.fetchEvent(.response(id: id, status: head.status, statusText: head.reason, headers: head.headers,
                                         body: body, ended: complete), chargedTo: request)
            return
        }
        queued.append(contentsOf: body)
        if awaitingPull {
            if !complete { connection?.holdReads(true) }
            return
        }
        deliverQueued()
    }

    func upstreamFailed(_ message: String, beforeResponse: Bool) {
        guard !finished, !aborted else { return }
        if inOp {
            return whenOutsideJS { [self] in upstreamFailed(message, beforeResponse: beforeResponse) }
        }
        connection = nil
        var streamed = false
        if case .streamed = spec.body { streamed = true }
        if beforeResponse && !retried && !streamed {
            // A kept-alive connection the server had closed meanwhile: the
            // request again, on a new one.
            retried = true
            requestSent = false
            return connectPlain(UpstreamPool.current(on: eventLoop))
        }
        fail("fetch: \(message)")
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? HTTPClientError {
            if error == .connectTimeout { return "the connection timed out" }
            if error == .remoteConnectionClosed { return "the server closed the connection" }
        }
        if let error = error as? NIOConnectionError, let first = error.connectionErrors.first {
            return "cannot connect to \(error.host):\(error.port): \(describe(first.error))"
        }
        if let error = error as? IOError {
            return "cannot connect: \(String(cString: strerror(error.errnoCode)))"
        }
        return "\(error)"
    }

    /// All addresses `host` resolves to (an IP literal is itself).
    static func resolve(_ host: String, port: Int) throws -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &result)
        guard status == 0 else { throw FetchBodyError(message: String(cString: gai_strerror(status))) }
        defer { freeaddrinfo(result) }
        var addresses: [SocketAddress] = []
        var entry = result
        while let info = entry {
            if let sa = info.pointee.ai_addr {
                switch Int32(sa.pointee.sa_family) {
                case AF_INET:
                    let v4 = UnsafeRawPointer(sa).assumingMemoryBound(to: sockaddr_in.self).pointee
                    addresses.append(SocketAddress(v4, host: host))
                case AF_INET6:
                    let v6 = UnsafeRawPointer(sa).assumingMemoryBound(to: sockaddr_in6.self).pointee
                    addresses.append(SocketAddress(v6, host: host))
                default: break
                }
            }
            entry = info.pointee.ai_next
        }
        return addresses
    }
}

struct FetchBodyError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
