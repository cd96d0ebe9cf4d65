import Logging
import NanoRuntime
import NIOCore

/// One HTTP/1.1 connection: parses the bytes it reads (RequestParser, on
/// llhttp), takes each request (head and body, within the limits), answers
/// requests strictly in order (pipelining), hands each to its app's isolate
/// on this loop, and writes the response itself. A request
/// with a larger or chunked body is handed over at its head: the body follows
/// into `request.body` as the app reads it, and the socket is not read while
/// the app has not taken what arrived (holding back `read`). A body no larger
/// than what would wait for the app before reads pause is taken whole first:
/// the request reaches the app with its bytes, in one crossing.
final class HTTPConnectionHandler: ChannelDuplexHandler, RequestParser.Receiver {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// A class, not a struct: the queue, the dispatch and the responder all
    /// hold the same request, and each copy of a struct this size retained
    /// and released every field of its head (2% of a hello-world request).
    private final class Pending: RequestResponder {
        let head: RequestHead
        var body = BodyPieces()
        /// The body, when its length is known and it is taken whole: written
        /// where JS will read it.
        var block: HostBytes?
        var complete = false
        var needsContinue = false
        var received = ContinuousClock.now
        /// An error response the server owes in this request's place (the
        /// request broke a limit or was not valid HTTP); the connection
        /// closes after it.
        var refusal: ByteBuffer?
        /// Chunked, or longer than is taken whole: dispatched at its head.
        var hasBody = false
        /// Where its body goes once it is dispatched before its end.
        var feed: RequestBodyFeed?
        var bodySize = 0

        /// Set while its app works on it: where its outcome goes. The
        /// request answers through itself (RequestResponder), so dispatching
        /// allocates no closure; `handler` is let go once it is answered.
        var handler: HTTPConnectionHandler?
        var context: ChannelHandlerContext?
        var app = ""
        var counters: AppCounters?
        var requestID = ""
        var answered = false

        init(head: consuming RequestHead) {
            self.head = head
        }

        func respond(_ outcome: DispatchOutcome, cpuNanoseconds: Int64) {
            answered = true
            guard let handler, let context else { return }
            self.handler = nil
            self.context = nil
            handler.finish(outcome, request: self, app: app, counters: counters, requestID: requestID,
                           cpuNanoseconds: cpuNanoseconds, context: context)
        }
    }

    private let server: ServerContext
    private let loop: LoopContext
    private let parser: RequestParser
    /// Requests in arrival order; the first is the one being answered.
    private var queue: CircularBuffer<Pending> = []
    private var busy = false
    private var closing = false
    private var active = true
    /// The in-flight request's isolate and token, to abort request.signal.
    private var inFlight: (AppIsolate, Int)?
    /// The body being streamed to the client, if one is.
    private var streaming: ResponseBodyStream?
    /// Dropping the rest of a request body the app did not read.
    private var discarding = false
    /// The response must close the connection (a body broke the limit).
    private var forceClose = false
    private var readsPaused = false
    private var draining = false
    private var readPending = false
    /// Set while the handler is in the pipeline (not weak: see ClearedRef).
    private unowned(unsafe) var context: ChannelHandlerContext?
    /// How a request body feed, which may outlive the connection, reaches it.
    private lazy var ref = ClearedRef(self)

    init(server: ServerContext, loop: LoopContext) {
        self.server = server
        self.loop = loop
        self.parser = RequestParser(maxURLBytes: server.limits.maxURLBytes, maxHeaderBytes: server.limits.maxHeaderBytes)
        parser.receiver = self
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        do {
            try parser.feed(unwrapInboundIn(data))
        } catch {
            // Bad bytes in a body the app is already reading: it fails there.
            if let last = queue.last, let feed = last.feed, !last.complete {
                return bodyFailed(feed, DispatchFailure(code: .badRequest, detail: "request body: \(error)"),
                                  context: context)
            }
            switch error {
            case .uriTooLong: reject(.uriTooLong, head: nil, context: context)
            case .headersTooLarge: reject(.headersTooLarge, head: nil, context: context)
            case .invalid: reject(.badRequest, head: nil, context: context)
            }
        }
    }

    /// Each part of each request, in order, while `channelRead` parses.
    /// Returns false once nothing more is to be read from this connection.
    func received(_ event: consuming RequestParser.Event) -> Bool {
        guard !closing, let context else { return false }
        switch consume event {
        case .head(let head):
            receiveHead(head, context: context)
        case .body(let chunk):
            if discarding { return true }
            guard !queue.isEmpty else { return !closing }
            let index = queue.index(before: queue.endIndex)
            if let feed = queue[index].feed {
                queue[index].bodySize += chunk.readableBytes
                if queue[index].bodySize > server.limits.maxBodyBytes {
                    bodyTooLarge(feed, context: context)
                } else {
                    feed.push(chunk.keptBodyPiece(allocator: context.channel.allocator))
                }
                return !closing
            }
            let pending = queue[index]
            if !pending.hasBody, pending.head.contentLength > 0 {
                // Its length was checked against the limit at its head, and
                // llhttp passes no more bytes than that length.
                let block = pending.block ?? HostBytes(capacity: pending.head.contentLength)
                pending.block = block
                _ = chunk.withUnsafeReadableBytes { block.append($0) }
                return !closing
            }
            let size = pending.body.count + chunk.readableBytes
            if size > server.limits.maxBodyBytes {
                reject(.payloadTooLarge, head: pending.head, context: context)
                return false
            }
            pending.body.append(chunk.keptBodyPiece(allocator: context.channel.allocator))
        case .end:
            if discarding {
                discarding = false
                setReadsPaused(false)
                processNext(context: context)
                return !closing
            }
            guard !queue.isEmpty else { return !closing }
            let index = queue.index(before: queue.endIndex)
            queue[index].complete = true
            if let feed = queue[index].feed {
                feed.finish()
            } else {
                processNext(context: context)
            }
        }
        return !closing
    }

    private func receiveHead(_ head: consuming RequestHead, context: ChannelHandlerContext) {
        // The parser has held the URL and the header fields to their limits.
        if head.contentLength > server.limits.maxBodyBytes {
            return reject(.payloadTooLarge, head: head, context: context)
        }
        let needsContinue = head.expectContinue
        let hasBody = head.chunked || head.contentLength > RequestBodyFeed.defaultPauseBytes
        // The head moves into the request (no copy of its strings).
        let pending = Pending(head: head)
        pending.needsContinue = needsContinue
        pending.hasBody = hasBody
        queue.append(pending)
        if pending.hasBody { return processNext(context: context) }
        sendContinueIfFront(context: context)
    }

    /// A streamed body went over the limit: the server answers 413 in the
    /// app's place if the response has not started, and closes.
    private func bodyTooLarge(_ feed: RequestBodyFeed, context: ChannelHandlerContext) {
        discarding = true
        bodyFailed(feed, DispatchFailure(code: .payloadTooLarge, detail: "request body over the limit"), context: context)
    }

    /// The body being streamed to the app cannot go on (`failure` says
    /// why): the app's read fails, the server answers in its place if the
    /// response has not started, and the connection closes.
    private func bodyFailed(_ feed: RequestBodyFeed, _ failure: DispatchFailure, context: ChannelHandlerContext) {
        feed.fail(failure.code == .payloadTooLarge ? "the request body is larger than the server accepts"
                                                   : "the request body is not valid HTTP/1.1")
        forceClose = true
        if let (isolate, token) = inFlight {
            isolate.failRequest(token: token, failure)
        } else if streaming != nil {
            closing = true
            context.close(promise: nil)
        }
    }

    // MARK: - Reading the socket only as fast as the app takes the body

    func read(context: ChannelHandlerContext) {
        if readsPaused {
            readPending = true
        } else {
            context.read()
        }
    }

    private func setReadsPaused(_ paused: Bool) {
        readsPaused = paused
        if !paused, readPending, let context {
            readPending = false
            context.read()
        }
    }

    deinit { ref.target = nil }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        loop.connections[ObjectIdentifier(self)] = self
        if loop.draining { beginDrain() }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        ref.target = nil
        loop.connections[ObjectIdentifier(self)] = nil
        // A request its app still holds must not keep this handler (nor the
        // handler it): an answer after now goes nowhere.
        for pending in queue {
            pending.handler = nil
            pending.context = nil
        }
    }

    /// The server is shutting down: an idle connection closes now; a busy
    /// one answers what it is answering with `connection: close`, then closes.
    func beginDrain() {
        draining = true
        if !busy, queue.isEmpty, let context {
            closing = true
            context.close(promise: nil)
        }
    }

    /// `Expect: 100-continue` is answered once the request is the one being
    /// served, so the interim response never lands inside another response.
    private func sendContinueIfFront(context: ChannelHandlerContext) {
        guard let first = queue.first, first.needsContinue, !first.complete,
              !busy || first.feed == nil else { return }
        queue[queue.startIndex].needsContinue = false
        var buffer = context.channel.allocator.buffer(capacity: 32)
        buffer.writeStaticString("HTTP/1.1 100 Continue\r\n\r\n")
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    private func processNext(context: ChannelHandlerContext) {
        guard !busy, let first = queue.first else { return }
        if let refusal = first.refusal {
            queue.removeAll()
            context.writeAndFlush(wrapOutboundOut(refusal)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            return
        }
        guard first.complete || first.hasBody else {
            sendContinueIfFront(context: context)
            return
        }
        busy = true
        if !first.complete {
            // The body follows while the app runs.
            sendContinueIfFront(context: context)
            let feed = RequestBodyFeed()
            let ref = self.ref
            feed.onReadable = { readable in ref.target?.setReadsPaused(!readable) }
            for buffer in first.body.buffers { feed.push(buffer) }
            first.feed = feed
            first.bodySize = first.body.count
            first.body = BodyPieces()
        }
        dispatch(first, context: context)
    }

    private func dispatch(_ request: Pending, context: ChannelHandlerContext) {
        let head = request.head
        let requestID = head.requestID.flatMap { RequestIDs.isValid($0) ? $0 : nil } ?? loop.requestIDs.next()
        let hostHeader = head.host ?? server.listen.description
        let host = Router<String>.normalizeHost(hostHeader)
        // Found on the bytes: String.firstIndex(of: Character) walks graphemes.
        let path = head.uri.utf8.firstIndex(of: UInt8(ascii: "?")).map { head.uri[..<$0] } ?? Substring(head.uri)
        guard let app = loop.apps.route(host: host, path: path) else {
            return finish(.response(ErrorResponse.response(.noRoute, requestID: requestID)), request: request,
                          app: nil, requestID: requestID, context: context)
        }
        if app.draining {
            return finish(.response(ErrorResponse.response(.appDraining, requestID: requestID)), request: request,
                          app: app.name, counters: loop.isolates.counters(for: app.name), requestID: requestID,
                          context: context)
        }
        guard app.spec != nil else {
            return finish(.failure(DispatchFailure(code: .moduleLoadFailed, detail: app.loadError ?? "not loaded")),
                          request: request, app: app.name, counters: loop.isolates.counters(for: app.name),
                          requestID: requestID, context: context)
        }
        let (isolate, counters) = loop.isolates.isolate(for: app)
        var url = head.uri
        if head.uri.utf8.first == UInt8(ascii: "/") {
            url = "http://"
            url.reserveCapacity(7 + hostHeader.utf8.count + head.uri.utf8.count)
            // request.url is a serialized URL: its host in lower case.
            url.append(hostHeader.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? hostHeader.lowercased() : hostHeader)
            url.append(head.uri)
        }
        let incoming = IncomingRequest(method: head.method, url: url, headers: head.headers, body: nil,
                                       bodyFeed: request.feed, bodyPieces: request.body.isEmpty ? nil : request.body,
                                       bodyBlock: request.block)
        request.handler = self
        request.context = context
        request.app = app.name
        request.counters = counters
        request.requestID = requestID
        let token = isolate.dispatch(consume incoming, requestID: requestID, responder: request)
        if !request.answered { inFlight = (isolate, token) }
    }

    private func finish(_ outcome: DispatchOutcome, request: Pending, app: String?, counters: AppCounters? = nil,
                        requestID: String, cpuNanoseconds: Int64 = 0, context: ChannelHandlerContext) {
        inFlight = nil
        let response: OutgoingResponse
        switch outcome {
        case .response(let r):
            response = r
        case .streaming(let head, let stream):
            counters?.count(status: head.status)
            counters?.latency?.record(ContinuousClock.now - request.received)
            guard active else { return stream.cancel?() ?? () }
            return startStreaming(head, stream, request: request, app: app, requestID: requestID,
                                  cpuNanoseconds: cpuNanoseconds, context: context)
        case .failure(let failure):
            server.accessLogger.error("\(failure.detail)", metadata: [
                "app": .string(app ?? "-"), "request_id": .string(requestID), "error": .string(failure.code.rawValue),
            ])
            response = ErrorResponse.response(ErrorResponse.Code(failure.code), requestID: requestID)
            switch failure.code {
            case .exceededCPU, .exceededMemory, .requestTimeout: counters?.countLimitKill(failure.code.rawValue)
            default: break
            }
        }
        counters?.count(status: response.status)
        counters?.latency?.record(ContinuousClock.now - request.received)
        guard active else { return }
        let head = request.head
        // A refusal queued behind this request (closing) does not change this
        // response: the client reads on to the refusal, then the close.
        let keepAlive = head.keepAlive && !head.upgrade && !forceClose && !draining
        var buffer = context.channel.allocator.buffer(capacity: 256)
        var bodyFollows = false
        let bytes = ResponseSerializer.write(response, framing: .init(
            isHead: head.isHEAD, keepAlive: keepAlive, http10: head.http10,
            requestID: requestID, date: loop.date.now()), into: &buffer, bodyFollows: &bodyFollows)
        if bodyFollows {
            // The head, then the body's pieces; the last one is written below
            // as a whole response would be.
            ResponseSerializer.bodyPieces(response.body, allocator: context.channel.allocator) { piece in
                context.write(wrapOutboundOut(buffer), promise: nil)
                buffer = piece
            }
        }
        logAccess(request, status: response.status, bytes: bytes, app: app, requestID: requestID, cpuNanoseconds: cpuNanoseconds)
        dropUnreadBody()
        queue.removeFirst()
        busy = false
        if keepAlive {
            context.write(wrapOutboundOut(buffer), promise: nil)
            loop.flushes.flushSoon(context)
            if !discarding { processNext(context: context) }
        } else {
            closing = true
            context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    /// The answered request's body has not all arrived: the app does not
    /// want it any more; the rest is read and dropped (the next request
    /// starts after it).
    private func dropUnreadBody() {
        guard let first = queue.first, let feed = first.feed, !first.complete else { return }
        feed.close()
        discarding = true
        setReadsPaused(false)
    }

    private func logAccess(_ request: Pending, status: Int, bytes: Int, app: String?, requestID: String, cpuNanoseconds: Int64) {
        guard server.logsAccess else { return }
        let head = request.head
        let elapsed = ContinuousClock.now - request.received
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        server.accessLogger.info("\(head.method) \(head.uri) \(status)", metadata: [
            "app": .string(app ?? "-"), "status": .stringConvertible(status), "bytes": .stringConvertible(bytes),
            "duration_ms": .string(millisecondsText(nanoseconds: nanoseconds)), "request_id": .string(requestID),
            "cpu_ms": .string(millisecondsText(nanoseconds: cpuNanoseconds)),
        ])
    }

    /// A response whose body the app streams: the head now, each chunk as
    /// the app produces it (chunked, or until the close for HTTP/1.0), and
    /// the app waits whenever the socket cannot take more (backpressure from
    /// the channel's writability).
    private func startStreaming(_ response: OutgoingResponse, _ stream: ResponseBodyStream, request: Pending,
                                app: String?, requestID: String, cpuNanoseconds: Int64, context: ChannelHandlerContext) {
        let head = request.head
        let http10 = head.http10
        // HTTP/1.0 has no chunked framing: the body ends with the connection.
        let keepAlive = head.keepAlive && !head.upgrade && !http10 && !draining
        let noBody = head.isHEAD || response.status == 204 || response.status == 304 || response.status < 200
        var buffer = context.channel.allocator.buffer(capacity: 256)
        ResponseSerializer.writeStreamingHead(response, framing: .init(
            isHead: head.isHEAD, keepAlive: keepAlive, http10: http10,
            requestID: requestID, date: loop.date.now()), chunked: !http10 && !noBody, into: &buffer)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        var sent = 0
        let done: (Bool) -> Void = { [self] complete in
            streaming = nil
            stream.write = nil
            stream.end = nil
            stream.abort = nil
            logAccess(request, status: response.status, bytes: sent, app: app, requestID: requestID,
                      cpuNanoseconds: cpuNanoseconds)
            guard active else { return }
            dropUnreadBody()
            queue.removeFirst()
            busy = false
            if complete && keepAlive && !forceClose {
                if !discarding { processNext(context: context) }
            } else {
                closing = true
                context.flush()
                context.close(promise: nil)
            }
        }
        if noBody {
            stream.cancel?()
            return done(true)
        }
        streaming = stream
        stream.write = { [self] bytes in
            guard active, !bytes.isEmpty else { return active }
            sent += bytes.count
            // The one copy, from V8's buffer, with the chunk's framing.
            ResponseSerializer.pieces(bytes, allocator: context.channel.allocator,
                                      head: http10 ? "" : String(bytes.count, radix: 16) + "\r\n",
                                      tail: http10 ? nil : "\r\n") {
                context.write(wrapOutboundOut($0), promise: nil)
            }
            context.flush()
            return context.channel.isWritable
        }
        stream.end = { [self] in
            if active && !http10 {
                var last = context.channel.allocator.buffer(capacity: 8)
                last.writeStaticString("0\r\n\r\n")
                context.writeAndFlush(wrapOutboundOut(last), promise: nil)
            }
            done(true)
        }
        stream.abort = { done(false) }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, let streaming { streaming.resume?() }
        context.fireChannelWritabilityChanged()
    }

    /// Answers a request the server refuses before any app sees it, then
    /// closes: the rest of the connection's bytes cannot be trusted.
    private func reject(_ code: ErrorResponse.Code, head: RequestHead?, context: ChannelHandlerContext) {
        guard !closing else { return }
        closing = true
        let requestID = loop.requestIDs.next()
        var buffer = context.channel.allocator.buffer(capacity: 256)
        ResponseSerializer.write(ErrorResponse.response(code, requestID: requestID), framing: .init(
            isHead: head?.isHEAD ?? false, keepAlive: false, http10: false, requestID: requestID, date: loop.date.now()),
            into: &buffer)
        server.accessLogger.notice("request refused", metadata: [
            "error": .string(code.rawValue), "status": .stringConvertible(code.status), "request_id": .string(requestID),
        ])
        // The refusal takes the place of the request being received (if its
        // head was queued) and is answered in order, after every earlier
        // request's response; nothing after it is read.
        if let last = queue.last, !last.complete {
            queue.removeLast()
        }
        let refusal = Pending(head: head ?? .none)
        refusal.complete = true
        refusal.refusal = buffer
        queue.append(refusal)
        processNext(context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        active = false
        if let feed = queue.first?.feed, queue.first?.complete == false {
            feed.fail("the client disconnected before sending the whole body")
        }
        if let stream = streaming {
            streaming = nil
            // Its closures hold this handler (and each other): let go of them.
            stream.write = nil
            stream.end = nil
            stream.abort = nil
            stream.cancel?()
        }
        if let (isolate, token) = inFlight {
            inFlight = nil
            isolate.clientDisconnected(token: token)
        }
        context.fireChannelInactive()
    }
}
