import NanoEngine
import NIOCore

/// What the runtime JS of a serving isolate reports back.
public protocol ServingDelegate: AnyObject {
    func respond(id: Int, response: OutgoingResponse)
    func fail(id: Int, failure: DispatchFailure)
    func waitUntilChanged(by delta: Int)
    /// A response whose body JS streams: the head now, then chunks.
    func respondStreaming(id: Int, head: OutgoingResponse) -> ResponseBodyStream?
    func responseBody(id: Int) -> ResponseBodyStream?
    func responseBodyDone(id: Int)
    /// The app's request.body stream wants more / was cancelled.
    func requestBodyPull(id: Int)
    /// The app wants the whole body in one delivery.
    func requestBodyPullWhole(id: Int)
    func requestBodyCancel(id: Int)
}

/// The body of a streamed response, between the isolate that produces it
/// and the connection that sends it. Both ends live on the same event loop.
public final class ResponseBodyStream {
    /// Set by the connection. `write` sends a chunk and says whether the
    /// connection can take more now; `end` finishes the body; `abort`
    /// gives up on it (the connection is closed: the body is incomplete).
    /// (The bytes are borrowed for the call: V8's memory, copied once, into
    /// the socket's buffer.)
    public var write: ((UnsafeRawBufferPointer) -> Bool)?
    public var end: (() -> Void)?
    public var abort: (() -> Void)?
    /// Set by the isolate: the connection can take more again; the client
    /// went away.
    public var resume: (() -> Void)?
    public var cancel: (() -> Void)?
    public init() {}
}

/// An HTTP request as the runtime hands it to JavaScript.
/// A request body written where JS will read it (see NanoEngine.HostBytes).
public typealias HostBytes = NanoEngine.HostBytes

public struct IncomingRequest {
    public var method: String
    /// Absolute: http://host:port/path?query
    public var url: String
    /// Header names and values in wire order, joined by NUL ("name\0value\0…"),
    /// which HTTP forbids inside either (one string crosses into V8, not 2n).
    public var headers: String
    public var body: [UInt8]?
    /// A body that arrives while the app runs, through this feed (then
    /// `body` is nil).
    public var bodyFeed: RequestBodyFeed?
    /// A body the server took whole, in the buffers it keeps it in (copied
    /// into JS as they are; then `body` is nil).
    public var bodyPieces: BodyPieces?
    /// A body of known length the server took whole, written into memory
    /// JS takes over as it is (then `body` is nil).
    public var bodyBlock: HostBytes?

    public init(method: String, url: String, headers: String, body: [UInt8]?, bodyFeed: RequestBodyFeed? = nil,
                bodyPieces: BodyPieces? = nil, bodyBlock: HostBytes? = nil) {
        self.bodyBlock = bodyBlock
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.bodyFeed = bodyFeed
        self.bodyPieces = bodyPieces
    }
}

/// A response produced by an app's fetch handler.
public struct OutgoingResponse: Sendable {
    public enum Body: Sendable {
        case empty
        case text(String)
        case bytes([UInt8])
        /// Bytes already in the buffers they are sent from, each at most
        /// `pieceBytes` (copied once, from JS's ArrayBuffer).
        case buffers([ByteBuffer])

        /// A copy of `bytes` in send-ready pieces.
        public static func copying(_ bytes: UnsafeRawBufferPointer) -> Body {
            var buffers: [ByteBuffer] = []
            buffers.reserveCapacity((bytes.count + pieceBytes - 1) / pieceBytes)
            var offset = 0
            while offset < bytes.count {
                let length = min(pieceBytes, bytes.count - offset)
                var buffer = ByteBufferAllocator().buffer(capacity: length)
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]))
                buffers.append(buffer)
                offset += length
            }
            return .buffers(buffers)
        }
    }

    /// Largest body piece a buffer gets. Below malloc's mmap threshold
    /// (64 KB) even once NIO rounds the capacity (piece plus framing) up to a
    /// power of two: such buffers come from malloc's heap and are reused,
    /// where one of its own would cost a mapping, page faults and an munmap.
    public static let pieceBytes = 32 * 1024 - 32
    public var status: Int
    /// Header lines exactly as sent: "name: value\r\n" each, lower-case
    /// names, every set-cookie on its own line, and none of the headers the
    /// server frames itself (content-length, connection, date, x-request-id...).
    public var headerLines: String
    public var body: Body

    public init(status: Int, headerLines: String, body: Body) {
        self.status = status
        self.headerLines = headerLines
        self.body = body
    }

    /// From (name, value) pairs; names the server frames itself are dropped.
    public init(status: Int, headers: [(name: String, value: String)], body: Body) {
        var lines = ""
        for (name, value) in headers where !Self.serverOwned.contains(name) {
            lines += "\(name): \(value)\r\n"
        }
        self.init(status: status, headerLines: lines, body: body)
    }

    static let serverOwned: Set<String> = ["content-length", "transfer-encoding", "connection", "keep-alive", "x-request-id", "date"]

    /// The headers as (name, value) pairs (for tests and logs; not on the hot path).
    public var headers: [(name: String, value: String)] {
        headerLines.split(separator: "\r\n").compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            return (String(line[..<colon]), String(value))
        }
    }
}

/// Why a request got no response from the app.
public struct DispatchFailure: Error, Sendable {
    public enum Code: String, Sendable {
        case uncaughtException = "uncaught_exception"
        case moduleLoadFailed = "module_load_failed"
        case invalidResponse = "invalid_response"
        case exceededCPU = "exceeded_cpu"
        case exceededMemory = "exceeded_memory"
        case requestTimeout = "request_timeout"
        case payloadTooLarge = "payload_too_large"
        /// The request's body stopped being valid HTTP/1.1 while the app ran.
        case badRequest = "bad_request"
    }
    public var code: Code
    /// For the log only (may hold a stack); never sent to a client.
    public var detail: String

    public init(code: Code, detail: String) {
        self.code = code
        self.detail = detail
    }
}

/// Gets a dispatched request's outcome, and the CPU time (ns) of the JS
/// charged to it. An object, not a closure: the server's own per-request
/// object answers, with no closure context allocated per request.
public protocol RequestResponder: AnyObject {
    func respond(_ outcome: DispatchOutcome, cpuNanoseconds: Int64)
}

public enum DispatchOutcome {
    case response(OutgoingResponse)
    case failure(DispatchFailure)
    /// The head of a response whose body follows through the stream.
    case streaming(OutgoingResponse, ResponseBodyStream)
}
