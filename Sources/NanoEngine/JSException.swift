import CV8

/// An error that came out of V8: a JavaScript exception, a compile error,
/// a termination, or an unhandled rejection.
public struct JSException: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case exception
        case compile
        case terminated
        case unhandledRejection
        case invalid
        case internalFailure
    }

    public var kind: Kind
    /// `String(error)`, e.g. "TypeError: x is not a function".
    public var message: String
    /// `error.stack` when the thrown value had one.
    public var stack: String?
    /// Script or module URL the error points at.
    public var resource: String?
    public var line: Int
    public var column: Int
    public var sourceLine: String?

    public init(kind: Kind, message: String, stack: String? = nil, resource: String? = nil,
                line: Int = 0, column: Int = 0, sourceLine: String? = nil) {
        self.kind = kind
        self.message = message
        self.stack = stack
        self.resource = resource
        self.line = line
        self.column = column
        self.sourceLine = sourceLine
    }

    /// Takes the contents of a shim report (and clears it).
    init(status: Int32, taking e: inout cv8_exception) {
        switch UInt32(bitPattern: status) {
        case CV8_ERR_COMPILE.rawValue: kind = .compile
        case CV8_ERR_TERMINATED.rawValue: kind = .terminated
        case CV8_ERR_UNHANDLED_REJECTION.rawValue: kind = .unhandledRejection
        case CV8_ERR_INVALID.rawValue: kind = .invalid
        case CV8_ERR_INTERNAL.rawValue: kind = .internalFailure
        default: kind = .exception
        }
        message = e.message.map { String(cString: $0) } ?? "unknown error"
        stack = e.stack.map { String(cString: $0) }
        resource = e.resource.map { String(cString: $0) }
        line = Int(e.line)
        column = Int(e.column)
        sourceLine = e.source_line.map { String(cString: $0) }
        cv8_exception_clear(&e)
    }

    /// "file:line:column" when the location is known.
    public var location: String? {
        guard let resource else { return nil }
        return line > 0 ? "\(resource):\(line):\(column)" : resource
    }

    /// The stack if it says more than the message, else the message.
    public var stackOrMessage: String {
        if let stack, !stack.isEmpty { return stack }
        return message
    }

    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}

/// Runs a shim call that reports through a cv8_exception.
@inline(__always)
func withShimError<T>(_ body: (inout cv8_exception) -> T) -> (T, cv8_exception) {
    var e = cv8_exception()
    let result = body(&e)
    return (result, e)
}

func check(_ status: Int32, _ e: inout cv8_exception) throws(JSException) {
    if status != Int32(CV8_OK.rawValue) {
        throw JSException(status: status, taking: &e)
    }
    cv8_exception_clear(&e)
}
