import NanoEngine

/// The native ops of fetch() (JS/fetch/fetch.js). Results come back through
/// nano.hooks.fetchEvent(id, kind, ...), each as its own macrotask.
enum FetchOps {
    static let ops: [NativeOp] = [
        // fetchStart(id, method, url, headers "n\0v\0...", body): body is
        // undefined (none), bytes, or true (streamed: fetchWrite /
        // fetchWriteEnd follow once "writeReady" arrives). url is an
        // absolute http: or https: URL (fetch.js refuses every other scheme).
        NativeOp("fetchStart") { call in
            guard let worker = call.worker else { return }
            let id = Int(call.number(0))
            let urlText = call.string(2)
            guard let target = FetchTarget(urlText) else {
                throw OpError(.typeError, "fetch: \(urlText) is not an http: or https: URL")
            }
            let body: FetchTask.Spec.Body
            switch call.kind(4) {
            case .bytes: body = .bytes(call.withBytes(4) { Array($0.bindMemory(to: UInt8.self)) } ?? [])
            case .bool: body = .streamed
            default: body = .none
            }
            let spec = FetchTask.Spec(method: call.string(1), target: target, headerBlock: call.string(3), body: body)
            try worker.startFetch(id: id, spec: spec, request: call.continuationNumber.map { Int($0) })
        },
        // fetchPull(id): JS wants the next part of the response body.
        NativeOp("fetchPull") { call in
            call.worker?.fetchTask(Int(call.number(0)))?.pull()
        },
        // fetchWrite(id, bytes): the next chunk of a streamed request body.
        NativeOp("fetchWrite") { call in
            guard let task = call.worker?.fetchTask(Int(call.number(0))) else { return }
            task.write(call.withBytes(1) { Array($0.bindMemory(to: UInt8.self)) } ?? [])
        },
        // fetchWriteEnd(id, error?): the streamed request body is complete
        // (or failed with `error`, a message).
        NativeOp("fetchWriteEnd") { call in
            guard let task = call.worker?.fetchTask(Int(call.number(0))) else { return }
            task.endBody(error: call.kind(1) == .string ? call.string(1) : nil)
        },
        // fetchAbort(id): the fetch's signal aborted.
        NativeOp("fetchAbort") { call in
            call.worker?.fetchTask(Int(call.number(0)))?.abort()
        },
    ]
}
