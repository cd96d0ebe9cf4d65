import CV8

/// A compiled module inside one isolate.
public struct ModuleID: Sendable, Hashable {
    public let raw: Int32
}

/// One static import of a module: what it names, and whether it asserts
/// `{ type: "json" }`.
public struct ModuleRequest: Sendable, Equatable {
    public let specifier: String
    public let assertsJSON: Bool
    public init(specifier: String, assertsJSON: Bool) {
        self.specifier = specifier
        self.assertsJSON = assertsJSON
    }
}

public enum ModuleState: Sendable {
    case pending
    case evaluated
    case errored(JSException)
}

extension Isolate {
    /// Compiles ES module source; a SyntaxError comes back with its location.
    public func compileModule(url: String, source: String) throws(JSException) -> ModuleID {
        try compile(url: url, text: source, cv8_module_compile)
    }

    /// Makes a module whose default export is the parsed JSON text.
    public func compileJSONModule(url: String, json: String) throws(JSException) -> ModuleID {
        try compile(url: url, text: json, cv8_module_json)
    }

    private func compile(
        url: String, text: String,
        _ fn: (OpaquePointer?, UnsafePointer<CChar>?, Int, UnsafePointer<CChar>?, Int, UnsafeMutablePointer<cv8_exception>?) -> Int32
    ) throws(JSException) -> ModuleID {
        var e = cv8_exception()
        var url = url
        var text = text
        let id = url.withUTF8 { u in
            text.withUTF8 { t in
                u.withMemoryRebound(to: CChar.self) { u in
                    t.withMemoryRebound(to: CChar.self) { t in
                        fn(raw, u.baseAddress, u.count, t.baseAddress, t.count, &e)
                    }
                }
            }
        }
        if id < 0 {
            throw JSException(status: Int32(CV8_ERR_COMPILE.rawValue), taking: &e)
        }
        cv8_exception_clear(&e)
        return ModuleID(raw: id)
    }

    /// The module's static imports, in source order.
    public func requests(of module: ModuleID) -> [ModuleRequest] {
        let count = cv8_module_request_count(raw, module.raw)
        guard count > 0 else { return [] }
        return (0..<count).map { i in
            let pointer = cv8_module_request_specifier(raw, module.raw, i)
            defer { cv8_free(pointer) }
            let specifier = pointer.map { String(cString: $0) } ?? ""
            return ModuleRequest(specifier: specifier, assertsJSON: cv8_module_request_is_json(raw, module.raw, i))
        }
    }

    /// Resolves import number `request` of `module` to `target`.
    public func link(_ module: ModuleID, request: Int, to target: ModuleID) {
        let status = cv8_module_link(raw, module.raw, Int32(request), target.raw)
        precondition(status == Int32(CV8_OK.rawValue), "linking an unknown module or import")
    }

    public func instantiate(_ module: ModuleID) throws(JSException) {
        var e = cv8_exception()
        try check(cv8_module_instantiate(raw, module.raw, &e), &e)
    }

    /// Starts evaluation; completion (top-level await) shows in `state(of:)`.
    public func evaluate(_ module: ModuleID) throws(JSException) {
        var e = cv8_exception()
        try check(cv8_module_evaluate(raw, module.raw, &e), &e)
    }

    public func state(of module: ModuleID) -> ModuleState {
        var e = cv8_exception()
        let state = cv8_module_state(raw, module.raw, &e)
        switch UInt32(bitPattern: state) {
        case CV8_MODULE_PENDING.rawValue:
            cv8_exception_clear(&e)
            return .pending
        case CV8_MODULE_EVALUATED.rawValue:
            cv8_exception_clear(&e)
            return .evaluated
        default:
            return .errored(JSException(status: Int32(CV8_ERR_EXCEPTION.rawValue), taking: &e))
        }
    }
}
