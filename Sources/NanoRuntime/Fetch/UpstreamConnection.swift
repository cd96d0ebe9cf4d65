import CLLHTTP
import NIOCore
import NIOSSL

/// What an upstream connection reports about the response it reads, on its
/// event loop, once per read (so a small response is one report).
protocol UpstreamExchange: AnyObject {
    /// `head` is set on the read that completed the response's head; `body`
    /// holds the body bytes of this read (slices of the read buffer);
    /// `complete` once the whole response is read.
    func upstreamRead(head: UpstreamConnection.Head?, body: [ByteBuffer], complete: Bool)
    /// The exchange cannot go on; `beforeResponse` when not a byte of the
    /// response had arrived (a kept-alive connection the server had closed:
    /// the request may be sent again on a new one).
    func upstreamFailed(_ message: String, beforeResponse: Bool)
}

/// One HTTP/1.1 connection to an upstream (over TLS when NIOSSL's handler
/// sits before it), on the fetching isolate's
/// loop: writes a request, parses the response with llhttp (Sources/CLLHTTP,
/// the parser the server's front uses) and hands it to the exchange that
/// sent it; kept alive in its loop's UpstreamPool between exchanges.
/// Reading pauses while the exchange holds reads (the JS side has not taken
/// the last body chunk). Loop-confined.
final class UpstreamConnection: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    struct Head {
        var status: Int
        var reason: String
        /// "name\0value\0…", names in lower case, in the order received.
        var headers: String
    }

    /// Most a response head may take (status line and fields).
    static let maxHeadBytes = 256 * 1024

    let key: String
    /// host:port, for messages.
    let peer: String
    let eventLoop: any EventLoop
    private(set) var channel: (any Channel)?
    private unowned(unsafe) var context: ChannelHandlerContext?
    /// Not weak: set for one exchange, cleared when it ends.
    private(set) var exchange: (any UpstreamExchange)?
    private var isHEAD = false
    private(set) var reusable = true
    var idleSince: NIODeadline = .now()

    private let parser = UnsafeMutablePointer<nano_llhttp_t>.allocate(capacity: 1)
    private let settings = UnsafeMutablePointer<nano_llhttp_settings_t>.allocate(capacity: 1)
    private var reason: [UInt8] = []
    private var block: [UInt8] = []
    private var inValue = false
    private var valueStart = 0
    private var head: Head?
    private var body: [ByteBuffer] = []
    private var complete = false
    private var sawResponse = false
    private var failure: String?
    private var current: ByteBuffer?
    private var base: UnsafeRawPointer?
    private var readsHeld = false
    private var readPending = false

    init(key: String, peer: String, eventLoop: any EventLoop) {
        self.key = key
        self.peer = peer
        self.eventLoop = eventLoop
        nano_llhttp_settings_init(settings)
        settings.pointee.on_message_begin = { p in UpstreamConnection.from(p).messageBegan() }
        settings.pointee.on_status = { p, at, length in UpstreamConnection.from(p).statusBytes(at, length) }
        settings.pointee.on_header_field = { p, at, length in UpstreamConnection.from(p).nameBytes(at, length) }
        settings.pointee.on_header_value = { p, at, length in UpstreamConnection.from(p).valueBytes(at, length) }
        settings.pointee.on_header_value_complete = { p in UpstreamConnection.from(p).fieldComplete() }
        settings.pointee.on_headers_complete = { p in UpstreamConnection.from(p).headComplete() }
        settings.pointee.on_body = { p, at, length in UpstreamConnection.from(p).bodyBytes(at, length) }
        settings.pointee.on_message_complete = { p in UpstreamConnection.from(p).messageComplete() }
        nano_llhttp_init(parser, CLLHTTP.HTTP_RESPONSE, settings)
        parser.pointee.data = Unmanaged.passUnretained(self).toOpaque()
    }

    deinit {
        parser.deallocate()
        settings.deallocate()
    }

    private static func from(_ parser: UnsafeMutablePointer<nano_llhttp_t>?) -> UpstreamConnection {
        Unmanaged<UpstreamConnection>.fromOpaque(parser!.pointee.data).takeUnretainedValue()
    }

    // MARK: - Exchanges

    var isOpen: Bool { context != nil && channel?.isActive == true }

    /// Sends `request` (a whole request, or its head when the body follows
    /// through `write`) for `exchange`, whose response this connection reads.
    func begin(_ exchange: any UpstreamExchange, request: ByteBuffer, isHEAD: Bool) -> EventLoopFuture<Void> {
        self.exchange = exchange
        self.isHEAD = isHEAD
        sawResponse = false
        holdReads(false)
        guard let context else { return eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel) }
        return context.writeAndFlush(wrapOutboundOut(request))
    }

    /// More of a streamed request body.
    func write(_ bytes: ByteBuffer) -> EventLoopFuture<Void> {
        guard let context else { return eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel) }
        return context.writeAndFlush(wrapOutboundOut(bytes))
    }

    /// The exchange no longer wants what is still to come: the connection
    /// cannot be reused (the rest of the response would arrive on it).
    func abandon() {
        exchange = nil
        reusable = false
        context?.close(promise: nil)
    }

    /// Whether the socket is read; false while the exchange's consumer has
    /// not taken the last body chunk (backpressure).
    func holdReads(_ held: Bool) {
        readsHeld = held
        if !held, readPending, let context {
            readPending = false
            context.read()
        }
    }

    // MARK: - Channel

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        channel = context.channel
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func read(context: ChannelHandlerContext) {
        if readsHeld { readPending = true } else { context.read() }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        guard exchange != nil else {
            // Bytes nobody asked for (on an idle connection): it cannot be
            // trusted with another request.
            reusable = false
            context.close(promise: nil)
            return
        }
        current = buffer
        let status = buffer.withUnsafeReadableBytes { bytes -> nano_llhttp_errno_t in
            base = UnsafeRawPointer(bytes.baseAddress!)
            return nano_llhttp_execute_bytes(parser, bytes.baseAddress!, bytes.count)
        }
        current = nil
        base = nil
        if status == CLLHTTP.HPE_PAUSED {
            // The response is complete (messageComplete pauses): bytes after
            // it are none that was asked for, so the connection is not reused.
            if let stop = nano_llhttp_get_error_pos(parser),
               buffer.withUnsafeReadableBytes({ UnsafeRawPointer(stop) < $0.baseAddress! + $0.count }) {
                reusable = false
            }
            nano_llhttp_resume(parser)
            return report()
        }
        if status != CLLHTTP.HPE_OK {
            let message = failure ?? "the server's response is not valid HTTP/1.1 ("
                + (nano_llhttp_get_error_reason(parser).map { String(cString: $0) } ?? "invalid") + ")"
            return fail(message, context: context)
        }
        report()
    }

    func channelInactive(context: ChannelHandlerContext) {
        reusable = false
        if exchange != nil {
            // A body that runs until the connection closes ends here.
            let finished = nano_llhttp_finish(parser)
            if finished == CLLHTTP.HPE_OK || finished == CLLHTTP.HPE_PAUSED, complete {
                report()
            } else {
                fail("the server closed the connection before the response was complete", context: context)
            }
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        reusable = false
        // TLS closed without close_notify (common): the close that follows
        // decides, by the response's own framing, whether it was complete.
        if case NIOSSLError.uncleanShutdown = error { return }
        if exchange != nil { fail("the connection to \(peer) failed: \(FetchTLS.describe(error))", context: context) }
        context.close(promise: nil)
    }

    private func fail(_ message: String, context: ChannelHandlerContext) {
        reusable = false
        let exchange = self.exchange
        let beforeResponse = !sawResponse
        self.exchange = nil
        body.removeAll()
        context.close(promise: nil)
        exchange?.upstreamFailed(message, beforeResponse: beforeResponse)
    }

    /// What this read produced, in one report.
    private func report() {
        guard let exchange, head != nil || !body.isEmpty || complete else { return }
        let reportedHead = head
        let reportedBody = body
        let done = complete
        head = nil
        body.removeAll(keepingCapacity: true)
        complete = false
        if done { self.exchange = nil }
        exchange.upstreamRead(head: reportedHead, body: reportedBody, complete: done)
    }

    // MARK: - llhttp callbacks

    private func messageBegan() -> Int32 {
        sawResponse = true
        reason.removeAll(keepingCapacity: true)
        block.removeAll(keepingCapacity: true)
        inValue = false
        return 0
    }

    private func statusBytes(_ at: UnsafePointer<CChar>?, _ length: Int) -> Int32 {
        reason.append(contentsOf: UnsafeRawBufferPointer(start: at, count: length))
        return reason.count > 1024 ? tooLarge() : 0
    }

    private func nameBytes(_ at: UnsafePointer<CChar>?, _ length: Int) -> Int32 {
        // A new field starts after a value (or first); otherwise this piece
        // continues a name split across reads.
        if inValue || block.isEmpty {
            if !block.isEmpty { block.append(0) }
            inValue = false
        }
        for byte in UnsafeRawBufferPointer(start: at, count: length) {
            block.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return block.count > Self.maxHeadBytes ? tooLarge() : 0
    }

    private func valueBytes(_ at: UnsafePointer<CChar>?, _ length: Int) -> Int32 {
        if !inValue {
            block.append(0)
            valueStart = block.count
            inValue = true
        }
        block.append(contentsOf: UnsafeRawBufferPointer(start: at, count: length))
        return block.count > Self.maxHeadBytes ? tooLarge() : 0
    }

    private func fieldComplete() -> Int32 {
        if !inValue {
            // An empty value: llhttp reports no value bytes at all.
            block.append(0)
            valueStart = block.count
            inValue = true
        }
        // Trailing whitespace is not part of a field value (RFC 9110 5.5).
        while block.count > valueStart, block[block.count - 1] == 0x20 || block[block.count - 1] == 0x09 {
            block.removeLast()
        }
        return 0
    }

    private func tooLarge() -> Int32 {
        failure = "the server's response head is larger than \(Self.maxHeadBytes / 1024) KB"
        return -1
    }

    private func headComplete() -> Int32 {
        let status = Int(parser.pointee.status_code)
        if status >= 100 && status < 200 {
            if status == 101 {
                failure = "the server switched protocols (101), which fetch() does not support"
                return -1
            }
            // An interim response (100 Continue, 103 Early Hints): the final
            // one follows on the same connection.
            return 0
        }
        head = Head(status: status, reason: String(decoding: reason, as: UTF8.self),
                    headers: String(decoding: block, as: UTF8.self))
        // A response to HEAD has no body, whatever its headers say.
        return isHEAD ? 1 : 0
    }

    private func bodyBytes(_ at: UnsafePointer<CChar>?, _ length: Int) -> Int32 {
        guard let current, let base, let at else { return 0 }
        let offset = UnsafeRawPointer(at) - base
        if let slice = current.getSlice(at: current.readerIndex + offset, length: length) { body.append(slice) }
        return 0
    }

    private func messageComplete() -> Int32 {
        let status = Int(parser.pointee.status_code)
        // llhttp keeps the last message's content length otherwise
        // (nodejs/llhttp#202, as NIO works around it).
        parser.pointee.content_length = 0
        if status >= 100 && status < 200 { return 0 }
        complete = true
        if nano_llhttp_should_keep_alive(parser) == 0 { reusable = false }
        // Stop here: anything after this response in the same read is not
        // part of this exchange.
        return Int32(CLLHTTP.HPE_PAUSED.rawValue)
    }
}
