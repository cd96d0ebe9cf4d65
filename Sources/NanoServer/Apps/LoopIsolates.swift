import Logging
import NanoEngine
import NanoRuntime
import NIOCore

/// The app isolates of one event loop: one per app, created on the app's
/// first request on this loop. Used only on that loop (isolate affinity).
final class LoopIsolates {
    let eventLoop: any EventLoop
    let snapshot: Snapshot
    let appLogger: Logger
    private var instances: [String: AppIsolate] = [:]

    init(eventLoop: any EventLoop, snapshot: Snapshot, appLogger: Logger) {
        self.eventLoop = eventLoop
        self.snapshot = snapshot
        self.appLogger = appLogger
    }

    func isolate(for spec: AppSpec) -> AppIsolate {
        if let existing = instances[spec.name] { return existing }
        let instance = AppIsolate(spec: spec, snapshot: snapshot, eventLoop: eventLoop,
                                  output: Self.consoleOutput(app: spec.name, logger: appLogger))
        instances[spec.name] = instance
        return instance
    }

    var count: Int { instances.count }

    /// Disposes every isolate (on this loop, where they belong).
    func removeAll() {
        instances.removeAll()
    }

    /// console.* of an app goes to the log, tagged with the app and request.
    static func consoleOutput(app: String, logger: Logger) -> ConsoleOutput {
        ConsoleOutput(tagged: { text, stream, requestID in
            var metadata: Logger.Metadata = ["app": .string(app)]
            if let requestID { metadata["request_id"] = .string(requestID) }
            let line = text.hasSuffix("\n") ? String(text.dropLast()) : text
            logger.log(level: stream == .stdout ? .info : .error, "\(line)", metadata: metadata)
        })
    }
}
