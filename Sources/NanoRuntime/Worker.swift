import Foundation
import Synchronization
import NanoEngine
import NIOCore

/// One isolate with its event loop: the macrotask runner that gives every
/// callback into JavaScript a microtask checkpoint afterwards, and the timers.
///
/// A worker lives on one NIO event loop thread for its whole life (isolate
/// affinity): it is created there and every method runs there.
public final class Worker {
    public struct Options: Sendable {
        public var isolate: Isolate.Options
        public var output: ConsoleOutput
        public var fetch: FetchLimits
        public init(isolate: Isolate.Options = .init(), output: ConsoleOutput = .standard,
                    fetch: FetchLimits = FetchLimits()) {
            self.isolate = isolate
            self.output = output
            self.fetch = fetch
        }
    }

    /// Why a worker reports an error nothing in JS caught.
    public enum Uncaught: Sendable {
        case exception(JSException)
        case unhandledRejection(JSException)
        case terminated(JSException)
    }

    public let isolate: Isolate
    public let eventLoop: any EventLoop
    /// performance.timeOrigin: when this isolate started, on the monotonic
    /// clock and as Unix time in milliseconds.
    let timeOrigin = NIODeadline.now()
    let timeOriginEpochMilliseconds = (Date().timeIntervalSince1970 * 1000).rounded(.down)
    let output: ConsoleOutput
    let fetchLimits: FetchLimits
    let fetchState = FetchState()
    /// CompressionStream / DecompressionStream zlib streams, by handle.
    var zstreams: [Int: ZStream] = [:]
    var nextZStream = 0
    private var timers = TimerQueue()
    private var armed: (deadline: NIODeadline, task: Scheduled<Void>)?
    private let fireTimer: Hook?
    /// Told about every error JS did not handle.
    public var onUncaught: ((Uncaught) -> Void)?
    /// Called after each macrotask and its microtask checkpoint.
    public var afterMacrotask: (() -> Void)?
    /// Receives what the serving runtime JS sends back (responses, errors).
    /// Not weak (see ClearedRef): the delegate clears it before it goes away.
    public unowned(unsafe) var serving: (any ServingDelegate)?
    /// How callbacks that may outlive this worker reach it (nil once gone).
    public private(set) lazy var ref = ClearedRef(self)
    /// Names the request a console call belongs to, from the dispatch id the
    /// runtime attached to the async continuation.
    public var requestTag: ((Int) -> String?)?
    /// Loads what an `import()` names: the module (linked and instantiated)
    /// or why it cannot be loaded. Without one, import() rejects.
    public var importer: ((DynamicImportRequest) -> Result<ModuleID, ModuleLoadError>)?
    private var importsScheduled = false
    /// CPU budget (nanoseconds) of a macrotask charged to a request (its
    /// dispatch id; nil when no request is known). nil: no limit.
    public var cpuBudget: ((Int?) -> Int64?)?
    /// After each limited macrotask: the request it was charged to, the CPU
    /// it used (ns), and whether the watchdog stopped it for going over.
    public var onCPU: ((Int?, Int64, Bool) -> Void)?
    /// After a macrotask during which the heap or ArrayBuffer limit was hit.
    public var onMemoryLimit: ((Int?) -> Void)?
    private var stopped = false
    /// Made on first use, on this worker's thread (whose CPU clock it reads).
    private lazy var cpuSlot = CPUWatchdog.shared.slotForCurrentThread()
    private var hasCPUSlot = false
    /// The request each pending timer was started for.
    private var timerRequests: [Int: Int] = [:]
    private var memoryLimitReported = false

    /// `pooled`: an isolate made ahead of need with `options.isolate`
    /// (IsolatePool); nil makes a new one.
    /// Keeps this worker's kept-alive fetch() connections its own: another
    /// app's isolate never gets a connection this one used (a server may tie
    /// state, such as NTLM authentication, to a connection). Never reused,
    /// unlike the worker's address.
    let fetchPartition = Worker.partitions.add(1, ordering: .relaxed).newValue
    private static let partitions = Atomic<UInt64>(0)

    public init(snapshot: Snapshot, eventLoop: any EventLoop, options: Options = Options(),
                isolate pooled: Isolate? = nil) throws(JSException) {
        eventLoop.preconditionInEventLoop()
        self.eventLoop = eventLoop
        self.output = options.output
        self.fetchLimits = options.fetch
        if let pooled {
            self.isolate = pooled
        } else {
            self.isolate = try Isolate(snapshot: snapshot, options: options.isolate)
        }
        self.fireTimer = isolate.hook("fireTimer")
        isolate.host = self
        wakeForPlatformTasks()
    }

    /// V8 posts tasks for this thread from its own threads too (the end of
    /// an async WebAssembly compile, GC finalization): each is run as a
    /// macrotask on this loop, so a promise it settles is not left waiting
    /// for the next request. Posts are coalesced into one pump.
    private func wakeForPlatformTasks() {
        let weak = NIOLoopBound(ref, eventLoop: eventLoop)
        let pending = PendingPump()
        let loop = eventLoop
        isolate.onPlatformTask { delay in
            if delay > 0 {
                loop.scheduleTask(in: .nanoseconds(Int64(delay * 1e9))) { weak.value.target?.runPlatformTasks() }
            } else if pending.claim() {
                loop.execute {
                    pending.release()
                    weak.value.target?.runPlatformTasks()
                }
            }
        }
    }

    private func runPlatformTasks() {
        runMacrotask { () throws(JSException) in isolate.pumpPlatformTasks() }
    }

    deinit {
        ref.target = nil
        isolate.host = nil
        armed?.task.cancel()
        if hasCPUSlot { CPUWatchdog.shared.remove(cpuSlot) }
    }

    /// Runs `body` under the CPU budget of `request` (when there is one) and
    /// reports what it used and whether a limit stopped it.
    private func charged<T>(to request: Int?, _ body: () -> T) -> T {
        defer { if !importsScheduled, isolate.hasPendingImports { scheduleImports() } }
        guard let budget = cpuBudget?(request) else { return body() }
        hasCPUSlot = true
        let start = cpuSlot.begin(budgetNanoseconds: max(budget, 0), terminator: isolate.terminator)
        let outer = running
        running = (request, start)
        let result = body()
        running = outer
        let (used, overBudget) = cpuSlot.end(start)
        onCPU?(request, used, overBudget)
        if !memoryLimitReported, isolate.heapLimitReached {
            memoryLimitReported = true
            onMemoryLimit?(request)
        }
        return result
    }

    /// The macrotask running now under a CPU budget: the request it is
    /// charged to and when it began.
    private var running: (request: Int?, start: CPUWatchdog.Slot.Start)?

    /// CPU the running macrotask has used so far if it is charged to
    /// `request` (a response sent from inside it is charged for it), else 0.
    public func chargedSoFar(to request: Int) -> Int64 {
        guard let running, running.request == request else { return 0 }
        return cpuSlot.chargedSoFar(running.start)
    }

    /// Timers not yet fired or cleared.
    public var pendingTimers: Int { timers.count }

    /// Something will still call into JS: a timer or a fetch in flight.
    public var hasPendingWork: Bool {
        timers.count > 0 || !fetchState.tasks.isEmpty || importsScheduled || isolate.hasPendingImports
    }

    /// Runs one macrotask: `body`, then a microtask checkpoint and the V8
    /// platform's foreground tasks. Errors JS did not handle go to `onUncaught`.
    public func runMacrotask(chargedTo request: Int? = nil, _ body: () throws(JSException) -> Void) {
        guard !stopped else { return }
        charged(to: request) {
            do throws(JSException) {
                try body()
            } catch {
                report(error)
            }
            checkpoint()
        }
        afterMacrotask?()
    }

    /// A macrotask that is one hook call: the call and its microtask
    /// checkpoint share one V8 entry (the per-request path). Returns what the
    /// call threw, after reporting it.
    @discardableResult
    public func runHookMacrotask(_ hook: Hook, _ args: [HookArgument], chargedTo request: Int? = nil,
                                 continuation: Double? = nil) -> JSException? {
        guard !stopped else { return nil }
        let thrown: JSException? = charged(to: request) {
            var thrown: JSException?
            do throws(JSException) {
                try isolate.callThenRunMicrotasks(hook, args, continuation: continuation)
            } catch {
                thrown = error
                report(error)
            }
            // V8's foreground tasks need no pump here: posting one wakes
            // this loop (wakeForPlatformTasks).
            if thrown != nil || isolate.hasPendingRejections { checkpoint() }
            return thrown
        }
        afterMacrotask?()
        return thrown
    }

    /// The `import()` calls JS made are loaded on a turn of their own (not
    /// inside the JS that made them); each settles in a macrotask.
    private func scheduleImports() {
        importsScheduled = true
        let bound = NIOLoopBound(ref, eventLoop: eventLoop)
        eventLoop.execute {
            guard let worker = bound.value.target else { return }
            // Still scheduled while this runs: an import() made by the JS
            // these macrotasks run is taken by this loop, not scheduled again.
            var settled = false
            defer {
                worker.importsScheduled = false
                // What waits on "nothing pending" looks again now.
                if settled { worker.afterMacrotask?() }
            }
            while !worker.stopped, let request = worker.isolate.nextImport() {
                settled = true
                let loaded = worker.importer?(request)
                    ?? .failure(ModuleLoadError("import() of \"\(request.specifier)\": modules cannot be imported here"))
                worker.runMacrotask { () throws(JSException) in
                    switch loaded {
                    case .success(let module): try worker.isolate.resolveImport(request.id, with: module)
                    case .failure(let error):
                        try worker.isolate.rejectImport(request.id, message: "import() of \"\(request.specifier)\": \(error)")
                    }
                }
            }
        }
    }

    /// Stops firing timers; the worker does nothing more.
    public func stop() {
        stopped = true
        for task in Array(fetchState.tasks.values) { task.abort() }
        timers.removeAll()
        timerRequests.removeAll()
        armed?.task.cancel()
        armed = nil
    }

    private func checkpoint() {
        do {
            for rejection in try isolate.performMicrotaskCheckpoint() {
                onUncaught?(.unhandledRejection(rejection))
            }
        } catch {
            report(error)
        }
        isolate.pumpPlatformTasks()
    }

    /// An error the runtime JS reported and no `error` listener canceled.
    func reportUncaught(_ error: JSException) {
        onUncaught?(.exception(error))
    }

    private func report(_ error: JSException) {
        onUncaught?(error.kind == .terminated ? .terminated(error) : .exception(error))
    }

    // MARK: - Timers

    /// `request`: the dispatch id the timer was started under, if any (its
    /// callback is charged to that request).
    func startTimer(id: Int, delayMilliseconds: Int64, request: Int?) {
        guard !stopped else { return }
        timers.add(id: id, deadline: .now() + .milliseconds(delayMilliseconds))
        if let request { timerRequests[id] = request }
        arm()
    }

    func cancelTimer(id: Int) {
        timers.cancel(id: id)
        timerRequests[id] = nil
        if timers.isEmpty {
            armed?.task.cancel()
            armed = nil
        }
    }

    /// Keeps one NIO scheduled task, for the earliest deadline.
    private func arm() {
        guard let deadline = timers.nextDeadline() else { return }
        if let armed, armed.deadline <= deadline { return }
        armed?.task.cancel()
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        let task = eventLoop.scheduleTask(deadline: deadline) {
            bound.value.fireDueTimers()
        }
        armed = (deadline, task)
    }

    /// Fires every timer due now, each as its own macrotask. Timers started
    /// by these callbacks wait for the next turn, so a zero-delay chain
    /// cannot starve the event loop.
    private func fireDueTimers() {
        armed = nil
        let now = NIODeadline.now()
        while !stopped, let id = timers.popDue(now: now) {
            let request = timerRequests.removeValue(forKey: id)
            runMacrotask(chargedTo: request) { () throws(JSException) in
                if let fireTimer { try isolate.call(fireTimer, [.number(Double(id))]) }
            }
        }
        arm()
    }
}

/// At most one pump scheduled at a time, whatever the number of posts.
private final class PendingPump: Sendable {
    private let scheduled = Atomic<Bool>(false)
    /// True for the caller that must schedule the pump.
    func claim() -> Bool { !scheduled.exchange(true, ordering: .acquiringAndReleasing) }
    func release() { scheduled.store(false, ordering: .releasing) }
}
