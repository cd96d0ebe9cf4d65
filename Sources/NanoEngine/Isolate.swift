import CV8

/// A V8 isolate with its one context, created from a snapshot.
///
/// Not Sendable: an isolate belongs to the thread that created it, and every
/// method must be called on that thread. The only cross-thread operation is
/// `terminator`.
public final class Isolate {
    public struct Options: Sendable, Equatable {
        /// Heap cap (old + young generation) in bytes; nil = V8's default.
        public var heapLimitBytes: Int?
        /// Cap on the ArrayBuffer bytes alive at once (outside the heap); nil = none.
        public var arrayBufferLimitBytes: Int?
        /// eval() and new Function() (changeable later with `allowEval(_:)`).
        public var allowEval: Bool
        /// WebAssembly compiled from bytes.
        public var allowWasm: Bool
        public init(heapLimitBytes: Int? = nil, arrayBufferLimitBytes: Int? = nil,
                    allowEval: Bool = true, allowWasm: Bool = true) {
            self.heapLimitBytes = heapLimitBytes
            self.arrayBufferLimitBytes = arrayBufferLimitBytes
            self.allowEval = allowEval
            self.allowWasm = allowWasm
        }
    }

    let raw: OpaquePointer
    public let snapshot: Snapshot
    let opTable: OpTable
    /// The runtime layer's per-isolate state, reachable from op bodies.
    /// The object that owns this isolate, for the ops it calls. Not a strong
    /// reference (the host owns the isolate, not the other way round) nor a
    /// weak one (that slows down every retain of the host): the host sets it
    /// and must clear it before it goes away.
    public unowned(unsafe) var host: AnyObject?
    private var hookCache: [String: Int32] = [:]

    public init(snapshot: Snapshot, options: Options = Options()) throws(JSException) {
        V8Platform.start()
        self.snapshot = snapshot
        self.opTable = snapshot.opTable
        var e = cv8_exception()
        var created: OpaquePointer? = nil
        // The isolate's userdata is this object; it is set before any JS can run
        // (the snapshot's scripts already ran), and the shim never calls an op
        // after cv8_isolate_dispose in deinit.
        let placeholder = UnsafeMutableRawPointer(bitPattern: 1)!
        var cOptions = cv8_isolate_options(
            snapshot: UnsafePointer(snapshot.blob.baseAddress!.assumingMemoryBound(to: UInt8.self)),
            snapshot_length: snapshot.blob.count,
            heap_max_bytes: options.heapLimitBytes ?? 0,
            userdata: placeholder,
            array_buffer_max_bytes: options.arrayBufferLimitBytes ?? 0,
            allow_eval: options.allowEval,
            allow_wasm: options.allowWasm,
            snapshot_hash_seed: snapshot.hashSeed)
        created = cv8_isolate_new(&cOptions, &e)
        guard let created else {
            throw JSException(status: Int32(CV8_ERR_INTERNAL.rawValue), taking: &e)
        }
        self.raw = created
        cv8_isolate_set_userdata(created, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        cv8_isolate_dispose(raw)  // no notification after this
        taskWaker?.release()
    }

    /// The closure given to `onPlatformTask`, kept alive while registered.
    private var taskWaker: Unmanaged<TaskWaker>?

    /// Tells `notify` (on any thread) when V8 posts a task for this isolate's
    /// thread; the host then calls `pumpPlatformTasks()` there, after
    /// `delay` seconds (0: now).
    public func onPlatformTask(_ notify: @escaping @Sendable (_ delay: Double) -> Void) {
        let box = Unmanaged.passRetained(TaskWaker(notify))
        cv8_isolate_set_task_notifier(raw, { ctx, delay in
            Unmanaged<TaskWaker>.fromOpaque(ctx!).takeUnretainedValue().notify(delay)
        }, box.toOpaque())
        taskWaker?.release()  // the shim no longer calls the previous one
        taskWaker = box
    }

    /// A handle another thread may use to stop this isolate's JavaScript.
    public var terminator: Terminator { Terminator(raw: raw) }

    /// True once V8 reported the heap near its limit, or ArrayBuffers went
    /// over theirs (JS was terminated).
    public var heapLimitReached: Bool { cv8_isolate_heap_limit_reached(raw) }

    /// Bytes held by the isolate's ArrayBuffers now.
    public var arrayBufferBytes: Int { cv8_isolate_array_buffer_bytes(raw) }

    /// Allows or refuses eval() / new Function() from now on.
    public func allowEval(_ allow: Bool) { cv8_isolate_allow_eval(raw, allow) }

    public struct HeapStatistics: Sendable {
        public var used: Int
        public var total: Int
        public var limit: Int
        public var external: Int
        public var malloced: Int
    }

    public func heapStatistics() -> HeapStatistics {
        var s = cv8_heap_stats()
        cv8_isolate_heap_stats(raw, &s)
        return HeapStatistics(used: s.used_heap_size, total: s.total_heap_size, limit: s.heap_size_limit,
                              external: s.external_memory, malloced: s.malloced_memory)
    }

    /// Collects garbage and gives back what the heap grew into while it was
    /// busy (one full collection: ~2 ms for a small app). For an isolate
    /// that has gone idle; never while its JS runs.
    public func reduceMemory() {
        _ = cv8_isolate_reduce_memory(raw)
    }

    /// Runs a classic script and returns String(completion value).
    @discardableResult
    public func runScript(_ source: String, name: String = "nano:script") throws(JSException) -> String {
        var e = cv8_exception()
        var result: UnsafeMutablePointer<CChar>? = nil
        var length = 0
        var name = name
        var source = source
        let status = name.withUTF8 { n in
            source.withUTF8 { s in
                n.withMemoryRebound(to: CChar.self) { n in
                    s.withMemoryRebound(to: CChar.self) { s in
                        cv8_script_run(raw, n.baseAddress, n.count, s.baseAddress, s.count, &result, &length, &e)
                    }
                }
            }
        }
        try check(status, &e)
        defer { cv8_free(result) }
        guard let result else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: result, count: length), as: UTF8.self)
    }

    /// Runs every pending microtask, then reports rejections nothing handled.
    /// Returns the unhandled rejections (empty when none); throws only when
    /// execution was terminated.
    public func performMicrotaskCheckpoint() throws(JSException) -> [JSException] {
        var rejections: [JSException] = []
        while true {
            var e = cv8_exception()
            let status = cv8_run_microtasks(raw, &e)
            if status == Int32(CV8_OK.rawValue) { return rejections }
            let error = JSException(status: status, taking: &e)
            if error.kind != .unhandledRejection { throw error }
            rejections.append(error)
        }
    }

    /// Runs V8's own pending foreground tasks for this isolate (GC and
    /// compiler follow-ups) without waiting.
    @discardableResult
    public func pumpPlatformTasks() -> Bool {
        cv8_pump_platform(raw)
    }

    /// A function the runtime JS registered as `nano.hooks[name]`.
    public func hook(_ name: String) -> Hook? {
        if let index = hookCache[name] { return Hook(index: index) }
        let index = cv8_hook_index(raw, name)
        guard index >= 0 else { return nil }
        hookCache[name] = index
        return Hook(index: index)
    }

    /// Calls a hook. Returns its result when it is a number or boolean (else nil).
    @discardableResult
    public func call(_ hook: Hook, _ args: [HookArgument] = []) throws(JSException) -> Double? {
        var e = cv8_exception()
        var result = Double.nan
        let status = HookArgument.withCArguments(args) { cArgs in
            cv8_hook_call(raw, hook.index, cArgs.baseAddress, cArgs.count, &result, &e)
        }
        try check(status, &e)
        return result.isNaN ? nil : result
    }
}

extension Isolate {
    /// Calls a hook and runs the microtask checkpoint in the same V8 entry.
    /// Rejections nothing handled stay queued: check
    /// `hasPendingRejections` and drain them with `performMicrotaskCheckpoint`.
    /// `continuation`: what an op's `continuationNumber` reads while the
    /// hook runs and in every callback it schedules (a request id).
    public func callThenRunMicrotasks(_ hook: Hook, _ args: [HookArgument], continuation: Double? = nil) throws(JSException) {
        var e = cv8_exception()
        let status = HookArgument.withCArguments(args) { cArgs in
            cv8_hook_call_then_microtasks(raw, hook.index, cArgs.baseAddress, cArgs.count, continuation ?? .nan, &e)
        }
        try check(status, &e)
    }

    public var hasPendingRejections: Bool { cv8_has_pending_rejections(raw) }
}

/// A registered runtime hook (see `Isolate.hook(_:)`).
public struct Hook: Sendable, Hashable {
    let index: Int32
}

/// A value passed from Swift into a hook; copied into V8 during the call.
public enum HookArgument: Sendable {
    case undefined
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case bytes([UInt8])
    /// One Uint8Array of bytes the host holds in pieces, joined as they are
    /// copied in (no joined copy on the Swift side first).
    case segments(any ByteSegments)
    /// One Uint8Array over the block's memory, which V8 takes over (when
    /// the block is complete; otherwise a copy of what was written).
    case block(HostBytes)
    /// The namespace object of an instantiated module.
    case moduleNamespace(ModuleID)

    /// Pins every argument's bytes (no copy for native Swift strings and
    /// arrays) and calls `body` with the C view of them; V8 copies them in.
    static func withCArguments<R>(_ args: [HookArgument], _ body: (UnsafeBufferPointer<cv8_arg>) -> R) -> R {
        // On the stack: this runs for every request.
        withUnsafeTemporaryAllocation(of: cv8_arg.self, capacity: max(args.count, 1)) { cArgs in
            pin(args, from: 0, into: cArgs, body)
        }
    }

    private static func pin<R>(_ args: [HookArgument], from index: Int, into cArgs: UnsafeMutableBufferPointer<cv8_arg>,
                               _ body: (UnsafeBufferPointer<cv8_arg>) -> R) -> R {
        if index == args.count { return body(UnsafeBufferPointer(rebasing: cArgs[0..<args.count])) }
        func set(_ kind: cv8_kind, number: Double = 0) {
            cArgs[index] = cv8_arg(kind: Int32(kind.rawValue), number: number, data: nil, length: 0)
        }
        switch args[index] {
        case .undefined: set(CV8_KIND_UNDEFINED)
        case .null: set(CV8_KIND_NULL)
        case .bool(let b): set(CV8_KIND_BOOL, number: b ? 1 : 0)
        case .number(let n): set(CV8_KIND_NUMBER, number: n)
        case .moduleNamespace(let m): set(CV8_KIND_MODULE_NAMESPACE, number: Double(m.raw))
        case .string(var s):
            return s.withUTF8 { utf8 in
                cArgs[index] = cv8_arg(kind: Int32(CV8_KIND_STRING.rawValue), number: 0,
                                       data: UnsafeRawPointer(utf8.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                       length: utf8.count)
                return pin(args, from: index + 1, into: cArgs, body)
            }
        case .bytes(let bytes):
            return bytes.withUnsafeBytes { raw in
                cArgs[index] = cv8_arg(kind: Int32(CV8_KIND_BYTES.rawValue), number: 0,
                                       data: raw.baseAddress?.assumingMemoryBound(to: CChar.self), length: raw.count)
                return pin(args, from: index + 1, into: cArgs, body)
            }
        case .block(let bytes):
            if bytes.isComplete, let block = bytes.take() {
                cArgs[index] = cv8_arg(kind: Int32(CV8_KIND_BLOCK.rawValue), number: 0,
                                       data: UnsafeRawPointer(block).assumingMemoryBound(to: CChar.self),
                                       length: bytes.capacity)
            } else {
                return bytes.withBytes { raw in
                    cArgs[index] = cv8_arg(kind: Int32(CV8_KIND_BYTES.rawValue), number: 0,
                                           data: raw.baseAddress?.assumingMemoryBound(to: CChar.self), length: raw.count)
                    return pin(args, from: index + 1, into: cArgs, body)
                }
            }
        case .segments(let segments):
            return segments.withSegments { parts in
                withUnsafeTemporaryAllocation(of: cv8_segment.self, capacity: max(parts.count, 1)) { cParts in
                    for (i, part) in parts.enumerated() {
                        cParts[i] = cv8_segment(data: part.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                                length: part.count)
                    }
                    cArgs[index] = cv8_arg(kind: Int32(CV8_KIND_SEGMENTS.rawValue), number: 0,
                                           data: UnsafeRawPointer(cParts.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                           length: parts.count)
                    return pin(args, from: index + 1, into: cArgs, body)
                }
            }
        }
        return pin(args, from: index + 1, into: cArgs, body)
    }
}

/// Bytes in pieces (a request body's network buffers) that a hook argument
/// copies into one Uint8Array.
public protocol ByteSegments: Sendable {
    /// Calls `body` with every piece, in order, readable for the call.
    func withSegments<R>(_ body: ([UnsafeRawBufferPointer]) -> R) -> R
}

/// Stops an isolate's running JavaScript from any thread.
///
/// Sendable: it only calls cv8_isolate_terminate, which V8 documents as
/// thread safe. Whoever holds it must not use it after the isolate is gone
/// (the owner of the Isolate guarantees that, e.g. by joining the watchdog).
final class TaskWaker: Sendable {
    let notify: @Sendable (Double) -> Void
    init(_ notify: @escaping @Sendable (Double) -> Void) { self.notify = notify }
}

public struct Terminator: @unchecked Sendable {
    let raw: OpaquePointer
    public func terminate() {
        cv8_isolate_terminate(raw)
    }
}
