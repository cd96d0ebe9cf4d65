#if canImport(Glibc)
import Glibc
#endif
import NanoEngine
import NIOCore
import NIOPosix
import NIOSSL

/// Connections for fetch() live in each loop's UpstreamPool, on the
/// fetching isolate's own thread: a fetch never crosses threads (through a
/// client on other loops, each fetch crossed threads about six times, which
/// on a busy 2-core machine cost more than the HTTP exchange itself).
public enum FetchClient {
    /// No new fetches on `group`'s loops from now on (they fail at once);
    /// idle connections close, those in use when their exchange ends.
    public static func detach(from group: any EventLoopGroup) -> EventLoopFuture<Void> {
        UpstreamPool.close(group)
    }
}

/// One fetch() in flight: what JS asked for, the outbound policy check on
/// the resolved address, the request's streamed body, and the response
/// streamed back into JS with backpressure (the next part is read from the
/// socket only once JS asks for it). HTTP/1.1 on an UpstreamConnection of
/// the loop's pool, over TLS for https. Loop-confined: everything runs on
/// the isolate's event loop (name resolution and the first TLS set-up run
/// on the thread pool and come back).
final class FetchTask: UpstreamExchange {
    struct Spec {
        var method: String
        var target: FetchTarget
        /// "name\0value\0…", lower-case names, as fetch.js joins them.
        var headerBlock: String
        var body: Body

        enum Body { case none, bytes([UInt8]), streamed }
    }

    let id: Int
    let request: Int?  // the request it was made for (subrequest count)
    private let spec: Spec
    /// Not strong: a fetch the connection still reports on must not keep a
    /// stopped worker alive, nor touch it once it is gone.
    private let workerRef: ClearedRef<Worker>
    private var worker: Worker? { workerRef.target }
    let eventLoop: any EventLoop
    private var finished = false
    private(set) var aborted = false

    private var connection: UpstreamConnection?
    private var requestBytes: ByteBuffer?
    private var destination: (addresses: [SocketAddress], key: String, host: String, port: Int)?
    private var tls: (context: NIOSSLContext, serverName: String?)?
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
        let pool = UpstreamPool.current(on: eventLoop)
        if pool.closed { return fail("fetch: the server is shutting down") }
        let target = spec.target
        let port = target.port
        if OutboundPolicy.badPorts.contains(port) {
            return fail("fetch: port \(port) is blocked (a bad port in the Fetch Standard)")
        }
        let host = target.host
        let name = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        let secure = target.secure
        // An IP literal needs no resolver (nor its thread pool's hop), nor,
        // once TLS is set up, does https to it.
        let literal = try? SocketAddress(ipAddress: name, port: port)
        if let literal, !secure || FetchTLS.contextIfMade != nil {
            return connect(to: [literal], name: name, port: port, policy: policy, literal: true,
                           tls: FetchTLS.contextIfMade)
        }
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        NIOThreadPool.singleton.runIfActive(eventLoop: eventLoop) { () throws -> ([SocketAddress], NIOSSLContext?) in
            // The first https fetch loads the trusted roots here, off the loop.
            let context: NIOSSLContext? = secure ? try FetchTLS.context() : nil
            if let literal { return ([literal], context) }
            do {
                return (try Self.resolve(name, port: port), context)
            } catch {
                throw FetchBodyError(message: "cannot resolve \(name): \(error)")
            }
        }.whenComplete { result in
            let task = bound.value
            switch result {
            case .failure(let error):
                task.fail("fetch: \(error)")
            case .success(let (addresses, context)):
                task.connect(to: addresses, name: name, port: port, policy: policy, literal: literal != nil, tls: context)
            }
        }
    }

    private func connect(to addresses: [SocketAddress], name: String, port: Int, policy: OutboundPolicy, literal: Bool,
                         tls context: NIOSSLContext?) {
        guard !aborted, let worker else { return }
        if addresses.isEmpty { return fail("fetch: \(name) has no address") }
        for address in addresses {
            if let why = policy.refusal(for: address) {
                return fail("fetch: \(name) is refused: \(address.ipAddress ?? name) is a \(why)")
            }
        }
        // The connection goes to the very address that was checked; TLS
        // keeps the name for SNI and the certificate check (an attacker's
        // name pointed at an internal address would still need that name's
        // certificate). The pool's key: this worker's connections to the
        // address, and for TLS the name they were checked for.
        var key = String(worker.fetchPartition) + "|" + (literal ? name : addresses[0].ipAddress ?? name) + ":" + String(port)
        if spec.target.secure {
            guard let context else { return fail("fetch: TLS is not set up") }
            tls = (context, literal ? nil : name)
            key += "|tls|" + name
        }
        destination = (addresses, key, name, port)
        requestBytes = Self.requestBytes(spec, host: name, port: port)
        let pool = UpstreamPool.current(on: eventLoop)
        if let idle = pool.takeIdle(key) { return exchange(on: idle, pooled: true) }
        open(pool)
    }

    /// A new connection, to the name's addresses in turn until one takes
    /// it (a name may resolve to ::1 first where the server listens on
    /// 127.0.0.1 only).
    private func open(_ pool: UpstreamPool, trying index: Int = 0) {
        guard let (addresses, key, host, port) = destination, index < addresses.count else { return }
        let peer = (host.utf8.contains(UInt8(ascii: ":")) ? "[\(host)]" : host) + ":" + String(port)
        pool.connect(to: addresses[index], key: key, peer: peer, tls: tls) { [self] result in
            switch result {
            case .success(let connection):
                guard !aborted, !finished else { return pool.release(connection) }
                exchange(on: connection, pooled: false)
            case .failure(let error):
                guard !aborted, !finished else { return }
                if index + 1 < addresses.count { return open(pool, trying: index + 1) }
                fail("fetch: cannot connect to \(peer): \(FetchTLS.describe(error))")
            }
        }
    }

    private func exchange(on connection: UpstreamConnection, pooled: Bool) {
        guard let request = requestBytes else { return }
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
    private static func requestBytes(_ spec: Spec, host: String, port: Int) -> ByteBuffer {
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
                        if !isFraming(field) {
                            if equals(field, "host") { hasHost = true }
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
            if port != (spec.target.secure ? 443 : 80) { buffer.writeString(":" + String(port)) }
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

    /// JS gives the next chunk of the request body.
    func write(_ bytes: [UInt8]) {
        guard !finished, let connection else { return }
        let id = self.id
        do {
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
        }
    }

    /// JS finished the request body (or it failed: `error`).
    func endBody(error: String?) {
        guard let connection, !finished else { return }
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
    }

    // MARK: - Response, pulled by JS

    /// JS wants the next part of the response body.
    func pull() {
        guard !finished else { return }
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
        aborted = true
        connection?.abandon()
        connection = nil
        done()
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
        worker?.fetchFinished(self)
    }

    // MARK: - UpstreamExchange

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
            return open(UpstreamPool.current(on: eventLoop))
        }
        fail("fetch: \(message)")
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
