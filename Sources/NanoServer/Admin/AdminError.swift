import Foundation

/// An admin API error: an HTTP status, a stable code a script can test, and
/// a message a person can act on (naming the field and the reason, never a
/// secret's value). Sent as `{"error": {"code": ..., "message": ...}}`.
public struct AdminError: Error, Sendable, CustomStringConvertible {
    public let status: Int
    public let code: String
    public let message: String
    /// For 405: the methods the endpoint takes (the Allow header).
    var allowed: [String] = []

    public init(_ status: Int, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String { "\(status) \(code): \(message)" }

    static let unauthorized = AdminError(401, "unauthorized", "Send the admin token as \"Authorization: Bearer <token>\".")
    static let notFound = AdminError(404, "not_found", "No such admin endpoint.")
    static let shuttingDown = AdminError(503, "shutting_down", "The server is draining; it takes no changes.")
    static func appNotFound(_ name: String) -> AdminError {
        AdminError(404, "app_not_found", "No app is named \"\(name)\".")
    }
    static func methodNotAllowed(_ allowed: [String]) -> AdminError {
        var error = AdminError(405, "method_not_allowed", "Allowed here: \(allowed.joined(separator: ", ")).")
        error.allowed = allowed
        return error
    }
    static func payloadTooLarge(_ limit: Int) -> AdminError {
        AdminError(413, "payload_too_large", "The request body is larger than \(limit >> 20) MB.")
    }
    static func invalid(_ message: String, code: String = "invalid_deployment") -> AdminError {
        AdminError(400, code, message)
    }
    static func conflict(_ code: String, _ message: String) -> AdminError { AdminError(409, code, message) }
    static func loadFailed(_ message: String) -> AdminError { AdminError(422, "load_failed", message) }
    static func storage(_ message: String) -> AdminError { AdminError(500, "storage_failed", message) }

    var json: [String: Any] { ["error": ["code": code, "message": message]] }
}
