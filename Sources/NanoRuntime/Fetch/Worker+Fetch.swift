import Foundation
import NanoEngine
import NIOCore

/// What limits an isolate's fetch() calls.
public struct FetchLimits: Sendable {
    /// fetch() calls one request may make (Workers' subrequest limit).
    public var subrequestsPerRequest: Int
    /// fetch() calls in flight at once per isolate; more wait their turn.
    public var concurrent: Int
    public var policy: OutboundPolicy

    public init(subrequestsPerRequest: Int = 50, concurrent: Int = 6, allowPrivateNetwork: Bool = false) {
        self.subrequestsPerRequest = subrequestsPerRequest
        self.concurrent = concurrent
        self.policy = OutboundPolicy(allowPrivateNetwork: allowPrivateNetwork)
    }
}

/// What a fetch in flight reports to its isolate's JS (nano.hooks.fetchEvent).
enum FetchEvent {
    case head(id: Int, status: Int, statusText: String, headers: String)
    /// The head with what arrived of the body alongside it, and whether that
    /// was all of it: one macrotask for a small response.
    case response(id: Int, status: Int, statusText: String, headers: String, body: [ByteBuffer], ended: Bool)
    /// `last`: the body ends with this chunk.
    case chunk(id: Int, body: [ByteBuffer], last: Bool)
    case end(id: Int)
    case error(id: Int, message: String)
    case writeReady(id: Int)
}

/// The fetch() calls of one worker. Loop-confined like the worker.
final class FetchState {
    var tasks: [Int: FetchTask] = [:]
    var active = 0
    var waiting: [FetchTask] = []
    var subrequests: [Int: Int] = [:]
    var hook: Hook?
}

extension Worker {
    /// Starts fetch `id` (or queues it behind the ones in flight).
    func startFetch(id: Int, spec: FetchTask.Spec, request: Int?) throws(OpError) {
        let state = fetchState
        if let request {
            let count = (state.subrequests[request] ?? 0) + 1
            if count > fetchLimits.subrequestsPerRequest {
                throw OpError(.typeError, "fetch: this request has already made \(fetchLimits.subrequestsPerRequest) subrequests, the limit (limits.subrequests)")
            }
            state.subrequests[request] = count
        }
        let task = FetchTask(id: id, request: request, spec: spec, worker: self)
        state.tasks[id] = task
        if state.active < fetchLimits.concurrent {
            state.active += 1
            task.start(policy: fetchLimits.policy)
        } else {
            state.waiting.append(task)
        }
    }

    func fetchTask(_ id: Int) -> FetchTask? { fetchState.tasks[id] }

    /// A request is over: its subrequests no longer count.
    public func forgetSubrequests(of request: Int) {
        // Most requests make no subrequest: no hashing for them.
        guard !fetchState.subrequests.isEmpty else { return }
        fetchState.subrequests[request] = nil
    }

    func fetchFinished(_ task: FetchTask) {
        let state = fetchState
        guard state.tasks.removeValue(forKey: task.id) != nil else { return }
        if let index = state.waiting.firstIndex(where: { $0 === task }) {
            state.waiting.remove(at: index)
            return
        }
        state.active -= 1
        while state.active < fetchLimits.concurrent, !state.waiting.isEmpty {
            let next = state.waiting.removeFirst()
            state.active += 1
            next.start(policy: fetchLimits.policy)
        }
    }

    /// Hands an event to JS as its own macrotask, charged to the request the
    /// fetch was made for.
    func fetchEvent(_ event: FetchEvent, chargedTo request: Int?) {
        let state = fetchState
        if state.hook == nil { state.hook = isolate.hook("fetchEvent") }
        guard let hook = state.hook else { return }
        let args: [HookArgument]
        switch event {
        case .head(let i, let status, let statusText, let headers):
            args = [.number(Double(i)), .string("head"), .number(Double(status)), .string(statusText), .string(headers)]
        case .response(let i, let status, let statusText, let headers, let body, let ended):
            args = [.number(Double(i)), .string("response"), .number(Double(status)), .string(statusText), .string(headers),
                    body.isEmpty ? .undefined : .segments(BufferSegments(body)), .bool(ended)]
        case .chunk(let i, let body, let last):
            args = [.number(Double(i)), .string("chunk"), .segments(BufferSegments(body)), .bool(last)]
        case .end(let i):
            args = [.number(Double(i)), .string("end")]
        case .error(let i, let message):
            args = [.number(Double(i)), .string("error"), .string(message)]
        case .writeReady(let i):
            args = [.number(Double(i)), .string("writeReady")]
        }
        runHookMacrotask(hook, args, chargedTo: request)
    }
}
