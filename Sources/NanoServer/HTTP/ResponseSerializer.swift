import NanoRuntime
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole HTTP/1.1 response into one ByteBuffer: status line,
/// headers, framing, body. One buffer, one write — no HTTPResponseEncoder,
/// no HTTPHeaders copy (ARCHITECTURE.md, "The HTTP front must be lean").
enum ResponseSerializer {
    struct Framing {
        var isHead: Bool
        var keepAlive: Bool
        /// HTTP/1.0 clients need `connection: keep-alive` to keep the connection.
        var http10: Bool
        var requestID: String
        var date: String
    }

    /// Serializes the response; returns the number of body bytes sent.
    /// The size is worked out first and the bytes copied in one pass: one
    /// capacity check, not one per piece (this runs for every response).
    /// A body over `inlineBodyLimit` is left out (`bodyFollows` is set): the
    /// caller sends it with `bodyPieces`, so no buffer reaches malloc's mmap
    /// threshold.
    @discardableResult
    static func write(_ response: OutgoingResponse, framing: Framing, into buffer: inout ByteBuffer,
                      bodyFollows: UnsafeMutablePointer<Bool>? = nil) -> Int {
        let status = response.status
        let bodyAllowed = !(status == 204 || status == 304 || (100..<200).contains(status))
        var bodyLength = 0
        switch response.body {
        case .empty: bodyLength = 0
        case .text(let s): bodyLength = s.utf8.count
        case .bytes(let b): bodyLength = b.count
        case .buffers(let buffers): bodyLength = buffers.reduce(0) { $0 + $1.readableBytes }
        }
        var head = HeadWriter(response, framing: framing)
        let connection: StaticString? = !framing.keepAlive ? "connection: close\r\n"
            : framing.http10 ? "connection: keep-alive\r\n" : nil
        let deferBody = bodyFollows != nil && bodyLength > inlineBodyLimit
        bodyFollows?.pointee = deferBody && bodyAllowed && !framing.isHead
        let sendsBody = bodyAllowed && !framing.isHead && !deferBody
        var lengthDigits = (0, 0)  // up to 16 decimal digits, 8 per half
        let lengthText = bodyAllowed ? decimal(bodyLength, into: &lengthDigits) : 0
        let size = head.size + (connection?.utf8CodeUnitCount ?? 0)
            + (bodyAllowed ? 16 + lengthText + 4 : 2) + (sendsBody ? bodyLength : 0)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { raw in
            var out = Cursor(raw)
            head.write(to: &out)
            if let connection { out.put(connection) }
            if !bodyAllowed {
                out.put("\r\n")
                return out.offset
            }
            out.put("content-length: ")
            withUnsafeBytes(of: &lengthDigits) { out.put(UnsafeRawBufferPointer(rebasing: $0[0..<lengthText])) }
            out.put("\r\n\r\n")
            if sendsBody {
                switch response.body {
                case .empty: break
                case .text(var s): s.withUTF8 { out.put(UnsafeRawBufferPointer($0)) }
                case .bytes(let b): b.withUnsafeBytes { out.put($0) }
                case .buffers(let buffers): for b in buffers { b.withUnsafeReadableBytes { out.put($0) } }
                }
            }
            return out.offset
        }
        return bodyAllowed ? bodyLength : 0
    }

    /// Largest body written into the head's buffer.
    static let inlineBodyLimit = OutgoingResponse.inlineBodyBytes

    /// Largest body piece a buffer gets (see OutgoingResponse.pieceBytes).
    static let piece = OutgoingResponse.pieceBytes

    /// `bytes` copied into buffers of at most `piece` bytes, `head` before
    /// the first byte and `tail` after the last (a chunk's framing), each
    /// buffer handed to `send`.
    static func pieces(_ bytes: UnsafeRawBufferPointer, allocator: ByteBufferAllocator, head: String = "",
                       tail: StaticString? = nil, _ send: (ByteBuffer) -> Void) {
        var offset = 0
        while offset < bytes.count {
            let length = min(piece, bytes.count - offset)
            var buffer = allocator.buffer(capacity: length + 16)
            if offset == 0 { buffer.writeString(head) }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]))
            offset += length
            if offset == bytes.count, let tail { buffer.writeStaticString(tail) }
            send(buffer)
        }
    }

    /// A whole response body in pieces (see `pieces`).
    static func bodyPieces(_ body: OutgoingResponse.Body, allocator: ByteBufferAllocator, _ send: (ByteBuffer) -> Void) {
        switch body {
        case .empty: break
        case .text(var s): s.withUTF8 { pieces(UnsafeRawBufferPointer($0), allocator: allocator, send) }
        case .bytes(let b): b.withUnsafeBytes { pieces($0, allocator: allocator, send) }
        case .buffers(let buffers): buffers.forEach(send)  // in pieces already
        }
    }

    /// The head of a response whose body follows in pieces: chunked framing,
    /// or none (the body ends with the connection) when `chunked` is false.
    static func writeStreamingHead(_ response: OutgoingResponse, framing: Framing, chunked: Bool,
                                   into buffer: inout ByteBuffer) {
        var head = HeadWriter(response, framing: framing)
        let size = head.size + 64
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { raw in
            var out = Cursor(raw)
            head.write(to: &out)
            if !framing.keepAlive { out.put("connection: close\r\n") }
            if chunked || framing.isHead { out.put("transfer-encoding: chunked\r\n") }
            out.put("\r\n")
            return out.offset
        }
    }

    /// Status line, the app's header lines, x-request-id and date: what every
    /// response starts with.
    private struct HeadWriter {
        var status: Int
        var reason: String
        var headerLines: String
        var requestID: String
        var date: String
        var statusDigits = (0, 0)
        var statusLength = 0

        init(_ response: OutgoingResponse, framing: Framing) {
            status = response.status
            reason = ResponseSerializer.reasonPhrase(response.status)
            headerLines = response.headerLines
            requestID = framing.requestID
            date = framing.date
            statusLength = ResponseSerializer.decimal(status, into: &statusDigits)
        }

        var size: Int {
            9 + statusLength + 1 + reason.utf8.count + 2 + headerLines.utf8.count
                + 14 + requestID.utf8.count + 8 + date.utf8.count + 2
        }

        mutating func write(to out: inout Cursor) {
            out.put("HTTP/1.1 ")
            let length = statusLength
            withUnsafeBytes(of: &statusDigits) { out.put(UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
            out.put(" ")
            out.put(&reason)
            out.put("\r\n")
            out.put(&headerLines)
            out.put("x-request-id: ")
            out.put(&requestID)
            out.put("\r\ndate: ")
            out.put(&date)
            out.put("\r\n")
        }
    }

    /// Writes into a buffer already known to be large enough.
    private struct Cursor {
        let raw: UnsafeMutableRawBufferPointer
        var offset = 0
        init(_ raw: UnsafeMutableRawBufferPointer) { self.raw = raw }

        mutating func put(_ bytes: UnsafeRawBufferPointer) {
            guard bytes.count > 0 else { return }
            (raw.baseAddress! + offset).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            offset += bytes.count
        }

        mutating func put(_ text: StaticString) {
            put(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }

        mutating func put(_ text: inout String) {
            text.withUTF8 { put(UnsafeRawBufferPointer($0)) }
        }
    }

    /// The decimal digits of a non-negative `value` (< 10^16) into `digits`;
    /// returns how many.
    static func decimal(_ value: Int, into digits: inout (Int, Int)) -> Int {
        var v = max(0, value)
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &scratch) { tmp in
            var n = 0
            repeat {
                tmp[23 - n] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                n += 1
            } while v > 0 && n < 16
            withUnsafeMutableBytes(of: &digits) { out in
                for i in 0..<n { out[i] = tmp[24 - n + i] }
            }
            return n
        }
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 101: return "Switching Protocols"
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        case 204: return "No Content"
        case 206: return "Partial Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 303: return "See Other"
        case 304: return "Not Modified"
        case 307: return "Temporary Redirect"
        case 308: return "Permanent Redirect"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 415: return "Unsupported Media Type"
        case 418: return "I'm a teapot"
        case 422: return "Unprocessable Content"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "Status \(status)"
        }
    }
}

/// The IMF-fixdate for the Date header, formatted at most once a second.
struct HTTPDate {
    private var second: time_t = 0
    private var text = ""

    mutating func now() -> String {
        var t = time(nil)
        if t != second {
            second = t
            var parts = tm()
            gmtime_r(&t, &parts)
            let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
            text = "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
                + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
        }
        return text
    }
}
