/// What the runtime JS of a serving isolate reports back.
public protocol ServingDelegate: AnyObject {
    func respond(id: Int, response: OutgoingResponse)
    func fail(id: Int, failure: DispatchFailure)
    func waitUntilChanged(by delta: Int)
}

/// An HTTP request as the runtime hands it to JavaScript.
public struct IncomingRequest: Sendable {
    public var method: String
    /// Absolute: http://host:port/path?query
    public var url: String
    /// Header names and values in wire order, joined by NUL ("name\0value\0…"),
    /// which HTTP forbids inside either (one string crosses into V8, not 2n).
    public var headers: String
    public var body: [UInt8]?

    public init(method: String, url: String, headers: String, body: [UInt8]?) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// A response produced by an app's fetch handler.
public struct OutgoingResponse: Sendable {
    public enum Body: Sendable {
        case empty
        case text(String)
        case bytes([UInt8])
    }
    public var status: Int
    /// Lower-case names as the Headers object holds them; each set-cookie separately.
    public var headers: [(name: String, value: String)]
    public var body: Body

    public init(status: Int, headers: [(name: String, value: String)], body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static func parseHeaders(_ joined: String) -> [(name: String, value: String)] {
        if joined.isEmpty { return [] }
        let parts = joined.split(separator: "\0", omittingEmptySubsequences: false)
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(parts.count / 2)
        var i = 0
        while i + 1 < parts.count {
            headers.append((String(parts[i]), String(parts[i + 1])))
            i += 2
        }
        return headers
    }
}

/// Why a request got no response from the app.
public struct DispatchFailure: Error, Sendable {
    public enum Code: String, Sendable {
        case uncaughtException = "uncaught_exception"
        case moduleLoadFailed = "module_load_failed"
        case invalidResponse = "invalid_response"
    }
    public var code: Code
    /// For the log only (may hold a stack); never sent to a client.
    public var detail: String

    public init(code: Code, detail: String) {
        self.code = code
        self.detail = detail
    }
}

public enum DispatchOutcome: Sendable {
    case response(OutgoingResponse)
    case failure(DispatchFailure)
}
