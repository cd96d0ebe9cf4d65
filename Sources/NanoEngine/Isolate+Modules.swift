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

/// An `import()` JS made, for the host to load.
public struct DynamicImportRequest: Sendable {
    public let id: Int32
    /// The importing module's URL ("" when the call was not in a module).
    public let referrer: String
    public let specifier: String
    public let assertsJSON: Bool
}

extension Isolate {
    /// Whether JS made an `import()` the host has not taken yet.
    public var hasPendingImports: Bool { cv8_import_pending(raw) }

    /// Takes the next `import()` waiting for the host.
    public func nextImport() -> DynamicImportRequest? {
        var referrer: UnsafeMutablePointer<CChar>?
        var specifier: UnsafeMutablePointer<CChar>?
        var json = false
        let id = cv8_import_next(raw, &referrer, &specifier, &json)
        defer {
            cv8_free(referrer)
            cv8_free(specifier)
        }
        guard id >= 0 else { return nil }
        return DynamicImportRequest(id: id, referrer: referrer.map { String(cString: $0) } ?? "",
                                    specifier: specifier.map { String(cString: $0) } ?? "", assertsJSON: json)
    }

    /// Settles `import()` number `id` with `module` (linked and instantiated):
    /// its namespace once evaluated, or its evaluation's error. Runs JS.
    public func resolveImport(_ id: Int32, with module: ModuleID) throws(JSException) {
        var e = cv8_exception()
        try check(cv8_import_resolve(raw, id, module.raw, &e), &e)
    }

    /// Rejects `import()` number `id` with a TypeError saying `message`.
    public func rejectImport(_ id: Int32, message: String) throws(JSException) {
        var e = cv8_exception()
        var message = message
        let status = message.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cv8_import_reject(raw, id, $0.baseAddress, $0.count, &e) }
        }
        try check(status, &e)
    }
}
