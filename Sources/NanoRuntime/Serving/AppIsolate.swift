import NanoEngine
import NIOCore

/// One app running in one isolate on one event loop: loads the app's modules
/// from memory, evaluates them, and hands requests to its fetch handler.
///
/// Confined to its event loop like the Worker it owns. Requests that arrive
/// while the module is still evaluating (top-level await) wait for it.
public final class AppIsolate: ServingDelegate {
    /// The outcome, and the CPU time (ns) of the JS charged to the request.
    public typealias Responder = (DispatchOutcome, _ cpuNanoseconds: Int64) -> Void

    /// A Responder as a RequestResponder (for callers that have no object
    /// of their own to answer through).
    private final class ClosureResponder: RequestResponder {
        let respond: Responder
        init(_ respond: @escaping Responder) { self.respond = respond }
        func respond(_ outcome: DispatchOutcome, cpuNanoseconds: Int64) { respond(outcome, cpuNanoseconds) }
    }

    public let spec: AppSpec
    let worker: Worker?
    private var state: State
    private var inFlight: [Int: InFlight] = [:]
    private var nextID = 1
    private var dispatchHook: Hook?
    private var abortHook: Hook?
    private var module: ModuleID?
    /// Promises handed to ctx.waitUntil that have not settled yet.
    public private(set) var pendingWaitUntil = 0
    /// Set once JS was stopped for a limit: the isolate takes no new
    /// requests and retires when the ones in flight are done.
    public private(set) var condemned: DispatchFailure.Code?
    /// Called (once, on this loop, outside any JS) when a condemned or
    /// draining isolate has nothing in flight any more; the owner drops it
    /// then. Whatever finishes a request must check for it (retireIfDone).
    private var onRetire: (() -> Void)?
    /// Set when a newer version replaced this one, or the app was removed:
    /// no new requests; retired once in-flight requests and waitUntil work
    /// are done (the same retirement as a condemned isolate).
    public private(set) var draining = false
    /// The limit that stopped the module's top-level evaluation, if one did.
    private var startupStoppedBy: DispatchFailure.Code?
    private let eventLoop: any EventLoop
    private var timeoutSweep: RepeatedTask?
    /// Responses whose body JS is still streaming.
    private var streams: [Int: ResponseBodyStream] = [:]
    private var resumeHook: Hook?
    private var bodyHook: Hook?
    /// Request bodies still arriving.
    private var feeds: [Int: RequestBodyFeed] = [:]
    private var cancelHook: Hook?
    /// How callbacks that may outlive this isolate reach it (nil once gone).
    private lazy var ref = ClearedRef(self)
    /// Waiting for the module's top level to finish (whenStarted).
    private var startWaiters: [(DispatchFailure?) -> Void] = []

    private enum State {
        case starting(queued: [(IncomingRequest, String, any RequestResponder)])
        case ready
        case failed(DispatchFailure)
    }

    private struct InFlight {
        let requestID: String
        let responder: any RequestResponder
        /// When the request is answered with request_timeout if it has no response.
        let deadline: NIODeadline
        /// CPU (ns) of the macrotasks charged to this request so far.
        var cpuUsed: Int64 = 0

        func finish(_ outcome: DispatchOutcome) { responder.respond(outcome, cpuNanoseconds: cpuUsed) }
    }

    /// Starts the app; a failure (module error, no handler) is kept and given
    /// to every request as module_load_failed.
    public init(spec: AppSpec, snapshot: Snapshot, eventLoop: any EventLoop, output: ConsoleOutput,
                pool: IsolatePool? = nil) {
        self.spec = spec
        self.state = .starting(queued: [])
        self.eventLoop = eventLoop
        let worker: Worker
        let redact = spec.redactor
        let redacted = ConsoleOutput(tagged: { text, stream, tag in output.write(redact(text), stream, tag) })
        do {
            // eval is allowed while the module's top level runs (libraries
            // that build functions at import time), refused at request time.
            let isolateOptions = Isolate.Options(
                heapLimitBytes: spec.limits.memoryBytes, arrayBufferLimitBytes: spec.limits.memoryBytes,
                allowEval: true, allowWasm: spec.limits.allowWasm)
            worker = try Worker(snapshot: snapshot, eventLoop: eventLoop,
                                options: .init(isolate: isolateOptions, output: redacted, fetch: spec.limits.fetch),
                                isolate: pool?.take(isolateOptions))
        } catch {
            self.worker = nil
            self.state = .failed(DispatchFailure(code: .moduleLoadFailed, detail: "cannot create an isolate: \(error.message)"))
            return
        }
        self.worker = worker
        worker.serving = self
        worker.requestTag = { [unowned self] id in self.inFlight[id]?.requestID }
        worker.onUncaught = { uncaught in
            switch uncaught {
            case .exception(let e): redacted.write("Uncaught \(e.stackOrMessage)\n", .stderr, nil)
            case .unhandledRejection(let e): redacted.write("Uncaught (in promise) \(e.stackOrMessage)\n", .stderr, nil)
            case .terminated: break  // a limit stopped it; limitExceeded says which
            }
        }
        let cpu = Int64(spec.limits.cpuMilliseconds) * 1_000_000
        let startupCPU = Int64(spec.limits.startupCPUMilliseconds) * 1_000_000
        worker.cpuBudget = { [unowned self] request in
            if case .starting = self.state { return startupCPU }
            if let request, let pending = self.inFlight[request] { return cpu - pending.cpuUsed }
            return cpu
        }
        worker.onCPU = { [unowned self] request, used, overBudget in
            self.onCPUCharged?(used)
            // Not `inFlight[request]?.cpuUsed += used`: that modify accessor
            // allocates its coroutine frame, on every request, even when the
            // request was already answered (the common case).
            if let request, var pending = self.inFlight[request] {
                pending.cpuUsed += used
                self.inFlight[request] = pending
            }
            if overBudget { self.limitExceeded(.exceededCPU, request: request) }
        }
        worker.onMemoryLimit = { [unowned self] request in
            self.limitExceeded(.exceededMemory, request: request)
        }
        load(worker)
    }

    deinit {
        ref.target = nil
        worker?.serving = nil
        // Off its loop (released after the loop shut down) a cancel would
        // only log an error: the task, if it ever runs, finds its target gone.
        if eventLoop.inEventLoop { timeoutSweep?.cancel() }
    }

    public var isFailed: Bool {
        if case .failed = state { return true }
        return false
    }

    /// Requests handed to JS that have no response yet.
    public var inFlightCount: Int { inFlight.count }

    /// Every charge of this isolate's JS (requests, timers, start-up), in
    /// nanoseconds: the app's CPU total (for metrics).
    public var onCPUCharged: ((Int64) -> Void)?

    /// When the last request was handed to this isolate (or when it was made).
    public private(set) var lastRequestAt = NIODeadline.now()

    /// Nothing in flight, streaming, queued or kept alive by waitUntil: the
    /// isolate may be evicted without anyone noticing but its globals.
    public var isIdle: Bool {
        if case .starting(let queued) = state, !queued.isEmpty { return false }
        return inFlight.isEmpty && streams.isEmpty && pendingWaitUntil == 0
    }

    /// Its heap was given back (reduceMemory) and no request came since.
    public private(set) var memoryReduced = false

    /// An idle isolate's heap shrinks back to what it holds (see
    /// Isolate.reduceMemory); the next request grows it again as needed.
    /// Returns whether anything was done.
    @discardableResult
    public func reduceMemory() -> Bool {
        guard !memoryReduced, case .ready = state, isIdle, let worker else { return false }
        worker.isolate.reduceMemory()
        memoryReduced = true
        return true
    }

    private func load(_ worker: Worker) {
        let isolate = worker.isolate
        var loader = ModuleLoader(root: spec.modules.root)
        var source = spec.modules
        let module: ModuleID
        do {
            module = try loader.load(entry: spec.modules.entry, into: isolate, from: &source)
            try isolate.instantiate(module)
        } catch let error as JSException {
            return failStart(ModuleLoader.describe(error, file: spec.modules.entry))
        } catch {
            return failStart("\(error)")
        }
        self.module = module
        // import() loads from the app's modules in memory, through the same
        // loader: a module already loaded is the same instance.
        worker.importer = { request in loader.loadImport(request, into: isolate, from: &source) }
        dispatchHook = isolate.hook("dispatch")
        abortHook = isolate.hook("abortRequest")
        resumeHook = isolate.hook("responseResume")
        bodyHook = isolate.hook("requestBodyEvent")
        cancelHook = isolate.hook("responseCancel")
        worker.afterMacrotask = { [unowned self] in self.checkStarted() }
        worker.runMacrotask { () throws(JSException) in
            try isolate.evaluate(module)
        }
    }

    /// After each macrotask while starting: has the module finished evaluating?
    private func checkStarted() {
        guard case .starting(let queued) = state, let worker, let module else { return }
        switch worker.isolate.state(of: module) {
        case .pending:
            return
        case .errored(let e):
            switch startupStoppedBy {
            case .exceededCPU?:
                failStart("the module's top-level code used more than \(spec.limits.startupCPUMilliseconds) ms of CPU")
            case .exceededMemory?:
                failStart("the module's top-level code used more than \(spec.limits.memoryBytes >> 20) MB of memory")
            default:
                failStart("Uncaught \(e.stackOrMessage)")
            }
        case .evaluated:
            do {
                guard let setApp = worker.isolate.hook("setApp") else {
                    return failStart("the runtime has no serving support (nano.hooks.setApp missing)")
                }
                try worker.isolate.call(setApp, [.moduleNamespace(module), .string(spec.envJSON),
                                                 .number(Double(spec.limits.waitUntilMilliseconds))])
            } catch {
                return failStart(error.stackOrMessage)
            }
            state = .ready
            worker.afterMacrotask = nil
            if !spec.limits.allowEval { worker.isolate.allowEval(false) }
            for (request, requestID, responder) in queued {
                dispatch(request, requestID: requestID, responder: responder)
            }
            notifyStarted(nil)
            retireIfDone()
        }
    }

    private func failStart(_ detail: String) {
        let failure = DispatchFailure(code: .moduleLoadFailed, detail: spec.redactor("\(spec.modules.entry.path): \(detail)"))
        let queued: [(IncomingRequest, String, any RequestResponder)]
        if case .starting(let q) = state { queued = q } else { queued = [] }
        state = .failed(failure)
        worker?.afterMacrotask = nil
        worker?.stop()
        for (_, _, responder) in queued { responder.respond(.failure(failure), cpuNanoseconds: 0) }
        notifyStarted(failure)
    }

    /// Calls `done` on this loop once the module's top level has run and the
    /// app has a fetch handler (nil), or with why it cannot serve — what its
    /// requests would get as module_load_failed. Lets a deploy be checked
    /// before it takes traffic.
    public func whenStarted(_ done: @escaping (DispatchFailure?) -> Void) {
        switch state {
        case .ready: done(nil)
        case .failed(let failure): done(failure)
        case .starting: startWaiters.append(done)
        }
    }

    private func notifyStarted(_ failure: DispatchFailure?) {
        let waiters = startWaiters
        startWaiters = []
        for done in waiters { done(failure) }
    }

    /// Hands a request to the app. `respond` is called exactly once, on this
    /// event loop. Returns a token for `clientDisconnected`.
    @discardableResult
    public func dispatch(_ request: IncomingRequest, requestID: String, respond: @escaping Responder) -> Int {
        dispatch(request, requestID: requestID, responder: ClosureResponder(respond))
    }

    /// Hands a request to the app; `responder` gets the outcome exactly once,
    /// on this event loop. Returns a token for `clientDisconnected`.
    @discardableResult
    public func dispatch(_ request: consuming IncomingRequest, requestID: String, responder: any RequestResponder) -> Int {
        switch state {
        case .failed(let failure):
            responder.respond(.failure(failure), cpuNanoseconds: 0)
            return 0
        case .starting(var queued):
            queued.append((request, requestID, responder))
            state = .starting(queued: queued)
            return 0
        case .ready:
            break
        }
        guard let worker, let dispatchHook else { return 0 }
        let id = nextID
        nextID += 1
        let now = NIODeadline.now()
        lastRequestAt = now
        memoryReduced = false
        inFlight[id] = InFlight(requestID: requestID, responder: responder,
                                deadline: now + .milliseconds(Int64(spec.limits.requestMilliseconds)))
        if timeoutSweep == nil { startTimeoutSweep() }
        var args: [HookArgument] = [.number(Double(id)), .string(request.method), .string(request.url), .string(request.headers)]
        if let feed = request.bodyFeed {
            args.append(.bool(true))
            attach(feed, to: id)
        } else if let body = request.body {
            args.append(.bytes(body))
        } else if let block = request.bodyBlock {
            args.append(.block(block))
        } else if let pieces = request.bodyPieces, !pieces.isEmpty {
            args.append(.segments(BufferSegments(pieces.buffers)))
        }
        // The request id follows the handler's async work (console tags,
        // subrequest counts): set by the shim around the call.
        let thrown = worker.runHookMacrotask(dispatchHook, args, chargedTo: id, continuation: Double(id))
        // The dispatch hook catches what a handler throws; what still escapes
        // it (termination) must answer the client all the same.
        if let thrown, let pending = takeInFlight(id) {
            pending.finish(.failure(DispatchFailure(code: .uncaughtException, detail: spec.redactor(thrown.stackOrMessage))))
        }
        return id
    }

    /// JS was stopped for going over a limit while working for `request`:
    /// that request gets the limit's error, and the isolate is condemned (its
    /// state may be half-updated); the ones in flight may still finish.
    private func limitExceeded(_ code: DispatchFailure.Code, request: Int?) {
        if case .starting = state {
            startupStoppedBy = code
            return
        }
        if condemned == nil { condemned = code }
        let what = code == .exceededCPU ? "\(spec.limits.cpuMilliseconds) ms of CPU" : "\(spec.limits.memoryBytes >> 20) MB of memory"
        if let request, let pending = takeInFlight(request) {
            pending.finish(.failure(DispatchFailure(code: code, detail: "stopped: the request used more than \(what)")))
        } else {
            worker?.output.write("stopped: the app used more than \(what) outside a request\n", .stderr, nil)
        }
        retireIfDone()
    }

    /// While requests are in flight, a sweep answers those past their
    /// wall-clock cap with request_timeout and aborts their request.signal
    /// (the JS may go on; what it sends later is dropped). One repeating
    /// task per busy isolate, not one timer per request.
    private func startTimeoutSweep() {
        let period = TimeAmount.milliseconds(Int64(min(1000, max(10, spec.limits.requestMilliseconds / 4))))
        let bound = NIOLoopBound(ref, eventLoop: eventLoop)
        timeoutSweep = eventLoop.scheduleRepeatedTask(initialDelay: period, delay: period) { task in
            guard let app = bound.value.target else { return task.cancel() }
            app.expireOverdueRequests()
        }
    }

    private func expireOverdueRequests() {
        guard !inFlight.isEmpty else {
            timeoutSweep?.cancel()
            timeoutSweep = nil
            return
        }
        let now = NIODeadline.now()
        let overdue = inFlight.filter { $0.value.deadline <= now }.map(\.key)
        for id in overdue {
            guard let pending = takeInFlight(id) else { continue }
            pending.finish(.failure(DispatchFailure(
                code: .requestTimeout, detail: "no response within \(spec.limits.requestMilliseconds) ms")))
            if let worker, let abortHook {
                let isolate = worker.isolate
                worker.runMacrotask(chargedTo: nil) { () throws(JSException) in
                    try isolate.call(abortHook, [.number(Double(id)), .string("TimeoutError")])
                }
            }
        }
        retireIfDone()
    }

    /// Stops taking requests; `retired` is called once nothing is in flight
    /// and no waitUntil work is pending.
    public func drain(whenDone retired: @escaping () -> Void) {
        draining = true
        whenRetired(retired)
    }

    /// Calls `retired` once this condemned isolate has nothing in flight
    /// (right away if that is already so): stop using it, then drop it.
    public func whenRetired(_ retired: @escaping () -> Void) {
        onRetire = retired
        retireIfDone()
    }

    private func retireIfDone() {
        guard condemned != nil || draining, inFlight.isEmpty, streams.isEmpty, let onRetire else { return }
        // Requests that came while the module was starting are not in
        // flight yet: they are once it has started.
        if case .starting(let queued) = state, !queued.isEmpty { return }
        if draining && condemned == nil && pendingWaitUntil > 0 { return }
        self.onRetire = nil
        // Not from inside JS (this may run in an op): on the next loop turn.
        let bound = NIOLoopBound((worker, onRetire), eventLoop: eventLoop)
        eventLoop.execute {
            bound.value.0?.stop()
            bound.value.1()
        }
    }

    /// The client went away before its response: abort request.signal.
    public func clientDisconnected(token: Int) {
        guard token > 0, inFlight[token] != nil, let worker, let abortHook else { return }
        inFlight[token] = nil
        let isolate = worker.isolate
        worker.runMacrotask(chargedTo: token) { () throws(JSException) in
            try isolate.call(abortHook, [.number(Double(token))])
        }
        retireIfDone()
    }

    // MARK: - ServingDelegate (called from ops, on this loop)

    public func respond(id: Int, response: OutgoingResponse) {
        takeInFlight(id)?.finish(.response(response))
        if condemned != nil || draining { retireIfDone() }
    }

    public func fail(id: Int, failure: DispatchFailure) {
        var failure = failure
        failure.detail = spec.redactor(failure.detail)
        takeInFlight(id)?.finish(.failure(failure))
        if condemned != nil || draining { retireIfDone() }
    }

    /// Removes a request from those in flight (its subrequests no longer count).
    private func takeInFlight(_ id: Int) -> InFlight? {
        worker?.forgetSubrequests(of: id)
        guard var pending = inFlight.removeValue(forKey: id) else { return nil }
        // Answered from inside a macrotask charged to it: that part too.
        pending.cpuUsed += worker?.chargedSoFar(to: id) ?? 0
        return pending
    }

    /// The request's body arrives through `feed` into JS
    /// (nano.hooks.requestBodyEvent), each delivery its own macrotask.
    private func attach(_ feed: RequestBodyFeed, to id: Int) {
        feeds[id] = feed
        let ref = self.ref
        feed.onDone = { ref.target?.feeds[id] = nil }
        feed.deliver = { delivery in
            guard let self = ref.target, let worker = self.worker, let hook = self.bodyHook else { return }
            let args: [HookArgument]
            switch delivery {
            case .chunk(let buffers): args = [.number(Double(id)), .string("chunk"), .segments(BufferSegments(buffers))]
            case .whole(let buffers): args = [.number(Double(id)), .string("whole"), .segments(BufferSegments(buffers))]
            case .end:
                args = [.number(Double(id)), .string("end")]
            case .dropped:
                args = [.number(Double(id)), .string("dropped")]
            case .error(let message):
                args = [.number(Double(id)), .string("error"), .string(message)]
            }
            // Never inside the op that asked: a macrotask of its own.
            let bound = NIOLoopBound(worker, eventLoop: self.eventLoop)
            self.eventLoop.execute {
                bound.value.runHookMacrotask(hook, args, chargedTo: id)
            }
        }
    }

    /// The app asked for more of request `id`'s body.
    public func requestBodyPull(id: Int) { feeds[id]?.pull() }

    /// The app reads request `id`'s whole body at once.
    public func requestBodyPullWhole(id: Int) { feeds[id]?.pullWhole() }

    /// The app cancelled request `id`'s body stream.
    public func requestBodyCancel(id: Int) {
        feeds.removeValue(forKey: id)?.cancel()
    }

    /// The server answers request `token` itself (its body broke a limit):
    /// whatever the app sends later is dropped.
    public func failRequest(token: Int, _ failure: DispatchFailure) {
        feeds.removeValue(forKey: token)?.cancel()
        takeInFlight(token)?.finish(.failure(failure))
        retireIfDone()
    }

    public func respondStreaming(id: Int, head: OutgoingResponse) -> ResponseBodyStream? {
        guard let pending = takeInFlight(id), let worker else { return nil }
        let stream = ResponseBodyStream()
        let isolate = worker.isolate
        let ref = self.ref
        stream.resume = {
            guard let self = ref.target, let hook = self.resumeHook else { return }
            self.worker?.runMacrotask(chargedTo: id) { () throws(JSException) in
                try isolate.call(hook, [.number(Double(id))])
            }
        }
        stream.cancel = {
            guard let self = ref.target, let hook = self.cancelHook else { return }
            self.streams[id] = nil
            self.worker?.runMacrotask(chargedTo: id) { () throws(JSException) in
                try isolate.call(hook, [.number(Double(id))])
            }
            self.retireIfDone()
        }
        streams[id] = stream
        pending.finish(.streaming(head, stream))
        return stream
    }

    public func responseBody(id: Int) -> ResponseBodyStream? { streams[id] }

    public func responseBodyDone(id: Int) {
        streams[id] = nil
        if condemned != nil || draining { retireIfDone() }
    }

    /// Heap and ArrayBuffer use of this isolate now.
    public var memory: (heap: Isolate.HeapStatistics, arrayBuffers: Int)? {
        guard let worker else { return nil }
        return (worker.isolate.heapStatistics(), worker.isolate.arrayBufferBytes)
    }

    public func waitUntilChanged(by delta: Int) {
        pendingWaitUntil += delta
        if draining && pendingWaitUntil == 0 { retireIfDone() }
    }
}
