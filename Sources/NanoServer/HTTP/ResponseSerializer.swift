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
    @discardableResult
    static func write(_ response: OutgoingResponse, framing: Framing, into buffer: inout ByteBuffer) -> Int {
        let status = response.status
        writeHeadLines(response, framing: framing, into: &buffer)
        if !framing.keepAlive {
            buffer.writeStaticString("connection: close\r\n")
        } else if framing.http10 {
            buffer.writeStaticString("connection: keep-alive\r\n")
        }
        let bodyAllowed = !(status == 204 || status == 304 || (100..<200).contains(status))
        var bodyLength = 0
        switch response.body {
        case .empty: bodyLength = 0
        case .text(let s): bodyLength = s.utf8.count
        case .bytes(let b): bodyLength = b.count
        }
        if !bodyAllowed {
            buffer.writeStaticString("\r\n")
            return 0
        }
        buffer.writeStaticString("content-length: ")
        buffer.writeString(String(bodyLength))
        buffer.writeStaticString("\r\n\r\n")
        if !framing.isHead {
            switch response.body {
            case .empty: break
            case .text(let s): buffer.writeString(s)
            case .bytes(let b): buffer.writeBytes(b)
            }
        }
        return bodyLength
    }

    /// The head of a response whose body follows in pieces: chunked framing,
    /// or none (the body ends with the connection) when `chunked` is false.
    static func writeStreamingHead(_ response: OutgoingResponse, framing: Framing, chunked: Bool,
                                   into buffer: inout ByteBuffer) {
        writeHeadLines(response, framing: framing, into: &buffer)
        if !framing.keepAlive {
            buffer.writeStaticString("connection: close\r\n")
        }
        if chunked || framing.isHead {
            buffer.writeStaticString("transfer-encoding: chunked\r\n")
        }
        buffer.writeStaticString("\r\n")
    }

    /// Status line, the app's header lines, x-request-id and date: what every
    /// response starts with.
    private static func writeHeadLines(_ response: OutgoingResponse, framing: Framing, into buffer: inout ByteBuffer) {
        buffer.writeStaticString("HTTP/1.1 ")
        buffer.writeString(String(response.status))
        buffer.writeStaticString(" ")
        buffer.writeString(reasonPhrase(response.status))
        buffer.writeStaticString("\r\n")
        buffer.writeString(response.headerLines)
        buffer.writeStaticString("x-request-id: ")
        buffer.writeString(framing.requestID)
        buffer.writeStaticString("\r\ndate: ")
        buffer.writeString(framing.date)
        buffer.writeStaticString("\r\n")
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
