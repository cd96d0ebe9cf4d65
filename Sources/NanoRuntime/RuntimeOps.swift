import NanoEngine
import NIOCore

/// The native ops of the runtime JS (`nano.ops.*`). Their names are part of
/// the snapshot, so adding or renaming one rebuilds it.
enum RuntimeOps {
    static let table = OpTable([
        NativeOp("print") { call in
            guard let worker = call.isolate.host as? Worker else { return }
            let stream: ConsoleOutput.Stream = call.number(1) == 2 ? .stderr : .stdout
            worker.output.write(call.string(0), stream)
        },
        NativeOp("monotonicNow") { call in
            call.returnNumber(Double(NIODeadline.now().uptimeNanoseconds) / 1_000_000)
        },
        NativeOp("timerStart") { call in
            guard let worker = call.isolate.host as? Worker else { return }
            let id = call.number(0)
            let delay = call.number(1)
            guard id.isFinite, delay.isFinite else {
                throw OpError(.typeError, "timerStart: id and delay must be finite numbers")
            }
            worker.startTimer(id: Int(id), delayMilliseconds: max(0, Int64(delay)))
        },
        NativeOp("timerCancel") { call in
            guard let worker = call.isolate.host as? Worker else { return }
            let id = call.number(0)
            if id.isFinite { worker.cancelTimer(id: Int(id)) }
        },
    ])
}
