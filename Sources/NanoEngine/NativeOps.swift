import CV8

/// An error an op throws to make the JS call throw.
public struct OpError: Error, Sendable {
    public enum JSType: Int32, Sendable {
        case error = 0
        case typeError = 1
        case rangeError = 2
    }
    public var type: JSType
    public var message: String
    public init(_ type: JSType = .error, _ message: String) {
        self.type = type
        self.message = message
    }
}

/// A native op: a Swift function JS calls as `nano.ops.<name>(...)`.
public struct NativeOp: Sendable {
    public let name: String
    public let body: @Sendable (inout OpCall) throws -> Void
    public init(_ name: String, _ body: @escaping @Sendable (inout OpCall) throws -> Void) {
        self.name = name
        self.body = body
    }
}

/// The ops every isolate of one snapshot can call. The names are baked into
/// the snapshot (op i is `nano.ops[names[i]]`), so the table is fixed for the
/// process and part of the snapshot's cache key.
public struct OpTable: Sendable {
    public let ops: [NativeOp]
    public init(_ ops: [NativeOp]) {
        var seen = Set<String>()
        for op in ops {
            precondition(seen.insert(op.name).inserted, "duplicate native op \(op.name)")
        }
        self.ops = ops
    }
    public var names: [String] { ops.map(\.name) }
}

/// One call of an op from JS. Valid only while the op runs: never store it.
public struct OpCall {
    let raw: OpaquePointer
    /// The isolate the call came from.
    public let isolate: Isolate

    init(raw: OpaquePointer, isolate: Isolate) {
        self.raw = raw
        self.isolate = isolate
    }

    public var count: Int { Int(cv8_call_argc(raw)) }

    public enum Kind: Int32, Sendable {
        case undefined = 0, null, bool, number, string, bytes, object, other
    }

    public func kind(_ i: Int) -> Kind {
        Kind(rawValue: cv8_call_arg_kind(raw, Int32(i))) ?? .other
    }

    public func number(_ i: Int) -> Double { cv8_call_arg_number(raw, Int32(i)) }
    public func bool(_ i: Int) -> Bool { cv8_call_arg_bool(raw, Int32(i)) }

    /// The argument as a string (JS ToString), copied once into Swift storage.
    public func string(_ i: Int) -> String {
        // Short strings (headers, most bodies) in one pass, into a buffer
        // sized by the bound; long ones measured first, not over-allocated.
        let bound = cv8_call_arg_utf8_bound(raw, Int32(i))
        if bound == 0 { return "" }
        if bound <= 48 * 1024 {
            return String(unsafeUninitializedCapacity: bound) { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    cv8_call_arg_utf8(raw, Int32(i), $0.baseAddress, bound)
                }
            }
        }
        let length = cv8_call_arg_utf8_length(raw, Int32(i))
        if length == 0 { return "" }
        return String(unsafeUninitializedCapacity: length) { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                cv8_call_arg_utf8(raw, Int32(i), $0.baseAddress, length)
            }
        }
    }

    /// Borrows the bytes of an ArrayBuffer / view argument for the duration of `body`.
    public func withBytes<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        var data: UnsafePointer<UInt8>? = nil
        var length = 0
        guard cv8_call_arg_bytes(raw, Int32(i), &data, &length) else { return nil }
        return try body(UnsafeRawBufferPointer(start: data, count: length))
    }

    /// Takes argument `i`'s memory if it is a Uint8Array over all of its
    /// ArrayBuffer, of at least `minimumLength` bytes: no copy; the
    /// ArrayBuffer is detached (JS sees it empty) and the memory is the
    /// caller's, to give back with `freeTaken`. Nil (nothing taken) otherwise.
    public func takeBytes(_ i: Int, minimumLength: Int) -> UnsafeMutableRawBufferPointer? {
        var data: UnsafeMutablePointer<UInt8>? = nil
        var length = 0
        guard cv8_call_take_bytes(raw, Int32(i), minimumLength, &data, &length), let data else { return nil }
        return UnsafeMutableRawBufferPointer(start: data, count: length)
    }

    /// Gives back memory `takeBytes` took (any thread).
    public static let freeTaken: @convention(c) (UnsafeMutableRawPointer) -> Void = { cv8_taken_free($0) }

    /// The number the host attached to the running async continuation
    /// (`callThenRunMicrotasks(continuation:)`), if any (it survives `await`).
    public var continuationNumber: Double? {
        let n = cv8_call_continuation_number(raw)
        return n.isNaN ? nil : n
    }

    public func returnUndefined() { cv8_call_return_undefined(raw) }
    public func returnBool(_ v: Bool) { cv8_call_return_bool(raw, v) }
    public func returnNumber(_ v: Double) { cv8_call_return_number(raw, v) }
    public func returnString(_ s: String) {
        var s = s
        s.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                cv8_call_return_string(raw, $0.baseAddress, $0.count)
            }
        }
    }
    public func returnBytes(_ bytes: UnsafeRawBufferPointer) {
        cv8_call_return_bytes(raw, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
    }
}

/// The single C entry point for every op call; finds the isolate from the
/// userdata the shim stores and dispatches by index.
let opTrampoline: cv8_op_handler = { userdata, op, call in
    guard let userdata, let call else { return }
    let isolate = Unmanaged<Isolate>.fromOpaque(userdata).takeUnretainedValue()
    let table = isolate.opTable.ops
    let index = Int(op)
    guard index >= 0, index < table.count else { return }
    var opCall = OpCall(raw: call, isolate: isolate)
    do {
        try table[index].body(&opCall)
    } catch {
        let opError = error as? OpError ?? OpError(.error, String(describing: error))
        var message = opError.message
        message.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                cv8_call_throw(call, opError.type.rawValue, $0.baseAddress, $0.count)
            }
        }
    }
}
