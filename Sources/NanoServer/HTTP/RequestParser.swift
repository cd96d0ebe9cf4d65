import CLLHTTP
import NIOCore

/// What the front needs of a request's head, gathered in one pass over the
/// bytes as llhttp finds them.
struct RequestHead {
    var method: String
    var uri: String
    /// HTTP/1.0 (no chunked framing, keep-alive only when asked for).
    var http10: Bool
    var keepAlive: Bool
    /// "name\0value\0name\0value", as the app's `request.headers` takes them.
    var headers: String
    var host: String?
    var requestID: String?
    var contentLength: Int
    var chunked: Bool
    var expectContinue: Bool
    /// It asked for another protocol (Upgrade, CONNECT). NANO does not
    /// switch: it answers, then closes, as what follows is not HTTP/1.1.
    var upgrade: Bool

    var isHEAD: Bool { method == "HEAD" }

    /// A placeholder for a response owed before any head was read.
    static let none = RequestHead(method: "GET", uri: "/", http10: false, keepAlive: false, headers: "", host: nil,
                                  requestID: nil, contentLength: 0, chunked: false, expectContinue: false,
                                  upgrade: false)
}

/// HTTP/1.1 request parsing for one connection, straight on the bytes read:
/// llhttp (Sources/CLLHTTP) does the parsing, this class collects the head's
/// bytes and hands out each request's head, body pieces (slices of the read
/// buffer, not copies) and end.
///
/// Requests may arrive split anywhere and several per read (pipelining);
/// what a callback receives is only valid during that callback.
final class RequestParser {
    /// Gets each event; returns false to stop parsing (for good).
    protocol Receiver: AnyObject {
        func received(_ event: consuming Event) -> Bool
    }

    enum Event {
        case head(RequestHead)
        case body(ByteBuffer)
        case end
    }

    enum Failure: Error, Equatable {
        case uriTooLong
        case headersTooLarge
        /// Not HTTP/1.x as RFC 9112 has it (llhttp's reason).
        case invalid(String)
    }

    private let parser: UnsafeMutablePointer<nano_llhttp_t>
    private let settings: UnsafeMutablePointer<nano_llhttp_settings_t>
    private let maxURLBytes: Int
    private let maxHeaderBytes: Int

    // The head being read.
    private var url: [UInt8] = []
    private var block: [UInt8] = []
    private var nameStart = 0
    private var valueStart = 0
    private var inValue = false
    private var headerBytes = 0
    private var host: String?
    private var requestID: String?
    private var expectContinue = false

    // During feed(): the buffer being parsed and where its bytes start.
    private var current: ByteBuffer?
    private var base: UnsafeRawPointer?
    /// Not weak: the receiver owns this parser and outlives its calls.
    unowned(unsafe) var receiver: (any Receiver)?
    private var failure: Failure?
    /// Nothing more is parsed: an upgrade or CONNECT took the connection
    /// elsewhere, the receiver asked to stop, or the bytes were not HTTP.
    private(set) var stopped = false

    init(maxURLBytes: Int, maxHeaderBytes: Int) {
        self.maxURLBytes = maxURLBytes
        self.maxHeaderBytes = maxHeaderBytes
        parser = .allocate(capacity: 1)
        settings = .allocate(capacity: 1)
        nano_llhttp_settings_init(settings)
        settings.pointee.on_message_begin = { p in RequestParser.from(p).messageBegan() }
        settings.pointee.on_url = { p, at, length in RequestParser.from(p).urlBytes(at, length) }
        settings.pointee.on_header_field = { p, at, length in RequestParser.from(p).nameBytes(at, length) }
        settings.pointee.on_header_value = { p, at, length in RequestParser.from(p).valueBytes(at, length) }
        settings.pointee.on_header_value_complete = { p in RequestParser.from(p).headerComplete() }
        settings.pointee.on_headers_complete = { p in RequestParser.from(p).headComplete() }
        settings.pointee.on_body = { p, at, length in RequestParser.from(p).bodyBytes(at, length) }
        settings.pointee.on_message_complete = { p in RequestParser.from(p).messageComplete() }
        nano_llhttp_init(parser, CLLHTTP.HTTP_REQUEST, settings)
        // Unretained: the parser lives inside this object.
        parser.pointee.data = Unmanaged.passUnretained(self).toOpaque()
        url.reserveCapacity(64)
        block.reserveCapacity(256)
    }

    deinit {
        parser.deallocate()
        settings.deallocate()
    }

    private static func from(_ parser: UnsafeMutablePointer<nano_llhttp_t>?) -> RequestParser {
        Unmanaged<RequestParser>.fromOpaque(parser!.pointee.data).takeUnretainedValue()
    }

    /// Parses `buffer`, handing each event to the receiver in order. Throws
    /// when the bytes break a limit or are not HTTP; nothing is parsed after
    /// that.
    func feed(_ buffer: ByteBuffer) throws(Failure) {
        guard !stopped, buffer.readableBytes > 0 else { return }
        current = buffer
        defer {
            current = nil
            base = nil
        }
        let status = buffer.withUnsafeReadableBytes { bytes -> nano_llhttp_errno_t in
            base = UnsafeRawPointer(bytes.baseAddress!)
            return nano_llhttp_execute_bytes(parser, bytes.baseAddress!, bytes.count)
        }
        switch status {
        case CLLHTTP.HPE_OK:
            return
        case CLLHTTP.HPE_PAUSED_UPGRADE:
            // The rest of the bytes are another protocol's.
            stopped = true
            return
        default:
            stopped = true
            if let failure { throw failure }
            if status == CLLHTTP.HPE_USER { return }  // the receiver stopped
            let reason = nano_llhttp_get_error_reason(parser).map { String(cString: $0) } ?? "invalid request"
            throw .invalid(reason)
        }
    }

    // MARK: - llhttp callbacks (0: go on, -1: stop with CLLHTTP.HPE_USER)

    private func messageBegan() -> Int32 {
        url.removeAll(keepingCapacity: true)
        block.removeAll(keepingCapacity: true)
        inValue = false
        headerBytes = 0
        host = nil
        requestID = nil
        expectContinue = false
        return 0
    }

    private func urlBytes(_ at: UnsafePointer<CChar>?, _ length: Int) -> Int32 {
        if url.count + length > maxURLBytes { return fail(.uriTooLong) }
        url.append(contentsOf: UnsafeRawBufferPointer(start: at, count: length))
        return 0
    }

    private func nameBytes(_ at: UnsafePointer<CChar>?, _ length: Int) -> Int32 {
        // A new field starts after a value (or first); otherwise this piece
        // continues a name split across reads.
        if inValue || block.isEmpty {
            if !block.isEmpty { block.append(0) }
            nameStart = block.count
            inValue = false
        }
        return appendHeaderBytes(at, length)
    }

    private func valueBytes(_ at: UnsafePointer<CChar>?, _ length: Int) -> Int32 {
        if !inValue {
            block.append(0)
            valueStart = block.count
            inValue = true
        }
        return appendHeaderBytes(at, length)
    }

    private func appendHeaderBytes(_ at: UnsafePointer<CChar>?, _ length: Int) -> Int32 {
        headerBytes += length
        if headerBytes > maxHeaderBytes { return fail(.headersTooLarge) }
        block.append(contentsOf: UnsafeRawBufferPointer(start: at, count: length))
        return 0
    }

    /// One field is whole: the separators count towards the limit (as
    /// "name: value\r\n" would), and the few the front itself needs are kept.
    private func headerComplete() -> Int32 {
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
        headerBytes += 4
        if headerBytes > maxHeaderBytes { return fail(.headersTooLarge) }
        let nameLength = valueStart - 1 - nameStart
        switch nameLength {
        case 4 where named("host"):
            if host == nil { host = valueString() }
        case 12 where named("x-request-id"):
            if requestID == nil { requestID = valueString() }
        case 6 where named("expect"):
            expectContinue = valueString().lowercased() == "100-continue"
        default:
            break
        }
        return 0
    }

    /// Whether the current field's name is `lowercase`, ignoring ASCII case.
    private func named(_ lowercase: StaticString) -> Bool {
        lowercase.withUTF8Buffer { expected in
            for i in 0..<expected.count where block[nameStart + i] | 0x20 != expected[i] { return false }
            return true
        }
    }

    private func valueString() -> String {
        block.withUnsafeBufferPointer { String(decoding: $0[valueStart...], as: UTF8.self) }
    }

    private func headComplete() -> Int32 {
        let p = parser.pointee
        guard p.http_major == 1 else { return fail(.invalid("HTTP/\(p.http_major).\(p.http_minor) is not HTTP/1.x")) }
        let method = Self.methodName(p.method)
        let chunked = p.flags & UInt16(CLLHTTP.F_CHUNKED.rawValue) != 0
        let head = RequestHead(
            method: method,
            uri: String(decoding: url, as: UTF8.self),
            http10: p.http_minor == 0,
            keepAlive: nano_llhttp_should_keep_alive(parser) != 0,
            headers: String(decoding: block, as: UTF8.self),
            host: host, requestID: requestID,
            contentLength: chunked ? 0 : Int(clamping: p.content_length),
            chunked: chunked, expectContinue: expectContinue, upgrade: p.upgrade != 0)
        return deliver(.head(head))
    }

    private func bodyBytes(_ at: UnsafePointer<CChar>?, _ length: Int) -> Int32 {
        guard let current, let base, let at else { return 0 }
        let offset = UnsafeRawPointer(at) - base
        return deliver(.body(current.getSlice(at: current.readerIndex + offset, length: length)!))
    }

    private func messageComplete() -> Int32 {
        // llhttp keeps the last message's content length otherwise
        // (nodejs/llhttp#202, as NIO works around it).
        parser.pointee.content_length = 0
        return deliver(.end)
    }

    private func deliver(_ event: consuming Event) -> Int32 {
        guard let receiver, receiver.received(event) else { return -1 }
        return 0
    }

    private func fail(_ failure: Failure) -> Int32 {
        self.failure = failure
        return -1
    }

    /// Method names as Swift strings, made once ("GET", not a new String per
    /// request): llhttp numbers its methods 0 (DELETE) to 46 (QUERY), and
    /// aborts when asked the name of any other number.
    private static let methods: [String] = (0...46).map { String(cString: nano_llhttp_method_name(nano_llhttp_method_t(rawValue: $0))) }

    private static func methodName(_ method: UInt8) -> String {
        Int(method) < methods.count ? methods[Int(method)] : "<unknown>"
    }
}
