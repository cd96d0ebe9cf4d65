import NanoEngine
import NIOCore

/// The native ops of the runtime JS (`nano.ops.*`). Their names are part of
/// the snapshot, so adding or renaming one rebuilds it.
extension OpCall {
    /// The Worker that owns the calling isolate. Only Workers set an
    /// isolate's host (Worker.init), so the cast cannot fail; it is the
    /// unchecked kind because it runs on every op call.
    var worker: Worker? {
        isolate.host.map { unsafeDowncast($0, to: Worker.self) }
    }
}

enum RuntimeOps {
    static let table = OpTable([
        NativeOp("print") { call in
            guard let worker = call.worker else { return }
            let stream: ConsoleOutput.Stream = call.number(1) == 2 ? .stderr : .stdout
            let tag = call.continuationNumber.flatMap { worker.requestTag?(Int($0)) }
            worker.output.write(call.string(0), stream, tag)
        },
        NativeOp("monotonicNow") { call in
            call.returnNumber(Double(NIODeadline.now().uptimeNanoseconds) / 1_000_000)
        },
        NativeOp("performanceNow") { call in
            guard let worker = call.worker else { return }
            let elapsed = NIODeadline.now().uptimeNanoseconds - worker.timeOrigin.uptimeNanoseconds
            call.returnNumber(Double(elapsed) / 1_000_000)
        },
        NativeOp("timeOrigin") { call in
            call.returnNumber(call.worker?.timeOriginEpochMilliseconds ?? 0)
        },
        NativeOp("hardwareConcurrency") { call in
            call.returnNumber(Double(System.coreCount))
        },
        NativeOp("reportUncaught") { call in
            guard let worker = call.worker else { return }
            let text = call.string(0)
            let message = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
            worker.reportUncaught(JSException(kind: .exception, message: message, stack: text))
        },
        NativeOp("timerStart") { call in
            guard let worker = call.worker else { return }
            let id = call.number(0)
            let delay = call.number(1)
            guard id.isFinite, delay.isFinite else {
                throw OpError(.typeError, "timerStart: id and delay must be finite numbers")
            }
            worker.startTimer(id: Int(id), delayMilliseconds: max(0, Int64(delay)),
                              request: call.continuationNumber.map { Int($0) })
        },
        NativeOp("timerCancel") { call in
            guard let worker = call.worker else { return }
            let id = call.number(0)
            if id.isFinite { worker.cancelTimer(id: Int(id)) }
        },
        NativeOp("respond") { call in
            guard let worker = call.worker, let serving = worker.serving else { return }
            let body: OutgoingResponse.Body
            switch call.kind(3) {
            case .string: body = .text(call.string(3))
            case .bytes:
                // A body only the response held (argument 4) and too large to
                // go with the head: its memory is taken, not copied.
                if call.bool(4), let taken = call.takeBytes(3, minimumLength: OutgoingResponse.inlineBodyBytes + 1) {
                    body = .taken(taken)
                } else {
                    body = call.withBytes(3) { OutgoingResponse.Body.copying($0) } ?? .empty
                }
            default: body = .empty
            }
            serving.respond(id: Int(call.number(0)), response: OutgoingResponse(
                status: Int(call.number(1)), headerLines: call.string(2), body: body))
        },
        // respondStart(id, status, headerLines): the head of a response
        // whose body follows with respondChunk / respondEnd / respondAbort.
        NativeOp("respondStart") { call in
            guard let worker = call.worker, let serving = worker.serving else { return }
            let stream = serving.respondStreaming(id: Int(call.number(0)), head: OutgoingResponse(
                status: Int(call.number(1)), headerLines: call.string(2), body: .empty))
            call.returnBool(stream != nil)
        },
        // respondChunk(id, bytes) -> whether the connection takes more now
        // (false: wait for nano.hooks.responseResume(id)).
        NativeOp("respondChunk") { call in
            guard let stream = call.worker?.serving?.responseBody(id: Int(call.number(0))) else {
                return call.returnBool(false)
            }
            let writable = call.withBytes(1) { bytes in stream.write?(UnsafeRawBufferPointer(bytes)) ?? false } ?? false
            call.returnBool(writable)
        },
        NativeOp("respondEnd") { call in
            guard let serving = call.worker?.serving else { return }
            let id = Int(call.number(0))
            serving.responseBody(id: id)?.end?()
            serving.responseBodyDone(id: id)
        },
        // respondAbort(id, message): the body stream failed; the client gets
        // a cut-off response (the connection closes).
        NativeOp("respondAbort") { call in
            guard let worker = call.worker, let serving = worker.serving else { return }
            let id = Int(call.number(0))
            worker.output.write("response body stream failed: \(call.string(1))\n", .stderr, nil)
            serving.responseBody(id: id)?.abort?()
            serving.responseBodyDone(id: id)
        },
        // requestBodyPull(id): request.body wants more (answered through
        // nano.hooks.requestBodyEvent(id, "chunk" | "end" | "error", ...)).
        NativeOp("requestBodyPull") { call in
            call.worker?.serving?.requestBodyPull(id: Int(call.number(0)))
        },
        // requestBodyPullWhole(id): request.body is read to its end at once
        // (answered with one requestBodyEvent(id, "whole", bytes), or "error").
        NativeOp("requestBodyPullWhole") { call in
            call.worker?.serving?.requestBodyPullWhole(id: Int(call.number(0)))
        },
        // copyBytes(view) -> a Uint8Array holding a copy of the view's bytes,
        // in a buffer that is not zeroed first (new Uint8Array(n) is).
        NativeOp("copyBytes") { call in
            _ = call.withBytes(0) { call.returnBytes($0) }
        },
        NativeOp("requestBodyCancel") { call in
            call.worker?.serving?.requestBodyCancel(id: Int(call.number(0)))
        },
        NativeOp("respondError") { call in
            guard let worker = call.worker, let serving = worker.serving else { return }
            let code = DispatchFailure.Code(rawValue: call.string(1)) ?? .uncaughtException
            serving.fail(id: Int(call.number(0)), failure: DispatchFailure(code: code, detail: call.string(2)))
        },
        NativeOp("waitUntilAdd") { call in
            (call.worker)?.serving?.waitUntilChanged(by: 1)
        },
        NativeOp("waitUntilDone") { call in
            (call.worker)?.serving?.waitUntilChanged(by: -1)
        },
    ] + CryptoOps.ops + FetchOps.ops + CompressionOps.ops)
}
