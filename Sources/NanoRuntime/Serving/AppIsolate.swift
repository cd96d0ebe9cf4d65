import NanoEngine
import NIOCore

/// One app running in one isolate on one event loop: loads the app's modules
/// from memory, evaluates them, and hands requests to its fetch handler.
///
/// Confined to its event loop like the Worker it owns. Requests that arrive
/// while the module is still evaluating (top-level await) wait for it.
public final class AppIsolate: ServingDelegate {
    public typealias Responder = (DispatchOutcome) -> Void

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

    private enum State {
        case starting(queued: [(IncomingRequest, String, Responder)])
        case ready
        case failed(DispatchFailure)
    }

    private struct InFlight {
        let requestID: String
        let respond: Responder
    }

    /// Starts the app; a failure (module error, no handler) is kept and given
    /// to every request as module_load_failed.
    public init(spec: AppSpec, snapshot: Snapshot, eventLoop: any EventLoop, output: ConsoleOutput) {
        self.spec = spec
        self.state = .starting(queued: [])
        let worker: Worker
        do {
            worker = try Worker(snapshot: snapshot, eventLoop: eventLoop,
                                options: .init(heapLimitBytes: spec.heapLimitBytes, output: output))
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
            case .exception(let e): output.write("Uncaught \(e.stackOrMessage)\n", .stderr, nil)
            case .unhandledRejection(let e): output.write("Uncaught (in promise) \(e.stackOrMessage)\n", .stderr, nil)
            case .terminated(let e): output.write("\(e.message)\n", .stderr, nil)
            }
        }
        load(worker)
    }

    public var isFailed: Bool {
        if case .failed = state { return true }
        return false
    }

    /// Requests handed to JS that have no response yet.
    public var inFlightCount: Int { inFlight.count }

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
        dispatchHook = isolate.hook("dispatch")
        abortHook = isolate.hook("abortRequest")
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
            failStart("Uncaught \(e.stackOrMessage)")
        case .evaluated:
            do {
                guard let setApp = worker.isolate.hook("setApp") else {
                    return failStart("the runtime has no serving support (nano.hooks.setApp missing)")
                }
                try worker.isolate.call(setApp, [.moduleNamespace(module), .string(spec.envJSON),
                                                 .number(Double(spec.waitUntilMilliseconds))])
            } catch {
                return failStart(error.stackOrMessage)
            }
            state = .ready
            worker.afterMacrotask = nil
            for (request, requestID, respond) in queued {
                dispatch(request, requestID: requestID, respond: respond)
            }
        }
    }

    private func failStart(_ detail: String) {
        let failure = DispatchFailure(code: .moduleLoadFailed, detail: "\(spec.modules.entry.path): \(detail)")
        let queued: [(IncomingRequest, String, Responder)]
        if case .starting(let q) = state { queued = q } else { queued = [] }
        state = .failed(failure)
        worker?.afterMacrotask = nil
        worker?.stop()
        for (_, _, respond) in queued { respond(.failure(failure)) }
    }

    /// Hands a request to the app. `respond` is called exactly once, on this
    /// event loop. Returns a token for `clientDisconnected`.
    @discardableResult
    public func dispatch(_ request: IncomingRequest, requestID: String, respond: @escaping Responder) -> Int {
        switch state {
        case .failed(let failure):
            respond(.failure(failure))
            return 0
        case .starting(var queued):
            queued.append((request, requestID, respond))
            state = .starting(queued: queued)
            return 0
        case .ready:
            break
        }
        guard let worker, let dispatchHook else { return 0 }
        let id = nextID
        nextID += 1
        inFlight[id] = InFlight(requestID: requestID, respond: respond)
        var args: [HookArgument] = [.number(Double(id)), .string(request.method), .string(request.url), .string(request.headers)]
        if let body = request.body { args.append(.bytes(body)) }
        let thrown = worker.runHookMacrotask(dispatchHook, args)
        // The dispatch hook catches what a handler throws; what still escapes
        // it (termination) must answer the client all the same.
        if let thrown, let pending = inFlight.removeValue(forKey: id) {
            pending.respond(.failure(DispatchFailure(code: .uncaughtException, detail: thrown.stackOrMessage)))
        }
        return id
    }

    /// The client went away before its response: abort request.signal.
    public func clientDisconnected(token: Int) {
        guard token > 0, inFlight[token] != nil, let worker, let abortHook else { return }
        inFlight[token] = nil
        let isolate = worker.isolate
        worker.runMacrotask { () throws(JSException) in
            try isolate.call(abortHook, [.number(Double(token))])
        }
    }

    // MARK: - ServingDelegate (called from ops, on this loop)

    public func respond(id: Int, response: OutgoingResponse) {
        inFlight.removeValue(forKey: id)?.respond(.response(response))
    }

    public func fail(id: Int, failure: DispatchFailure) {
        inFlight.removeValue(forKey: id)?.respond(.failure(failure))
    }

    public func waitUntilChanged(by delta: Int) {
        pendingWaitUntil += delta
    }
}
