import Foundation
import NanoEngine
import NIOCore
import NIOPosix

/// `nanod run FILE.js`: evaluates a module and runs its event loop until
/// nothing is pending. Exit status 0, or 1 with the error on stderr.
public enum ScriptRunner {
    public static func run(file: String, snapshot: Snapshot, output: ConsoleOutput = .standard,
                           fetch: FetchLimits = FetchLimits()) -> Int32 {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer {
            try? FetchClient.detach(from: group).wait()
            try? group.syncShutdownGracefully()
        }
        let loop = group.next()
        let done = loop.makePromise(of: Int32.self)
        let entry = URL(fileURLWithPath: file).standardizedFileURL
        loop.execute {
            let run = ScriptRun(entry: entry, snapshot: snapshot, output: output, fetch: fetch, loop: loop, done: done)
            run.start()
        }
        return (try? done.futureResult.wait()) ?? 1
    }
}

/// The state of one `run`: lives on its event loop, kept alive by the worker's
/// callbacks until `done` is fulfilled.
private final class ScriptRun {
    let entry: URL
    let snapshot: Snapshot
    let output: ConsoleOutput
    let fetch: FetchLimits
    let loop: any EventLoop
    let done: EventLoopPromise<Int32>
    var worker: Worker?
    var module: ModuleID?
    var finished = false

    init(entry: URL, snapshot: Snapshot, output: ConsoleOutput, fetch: FetchLimits, loop: any EventLoop,
         done: EventLoopPromise<Int32>) {
        self.entry = entry
        self.snapshot = snapshot
        self.output = output
        self.fetch = fetch
        self.loop = loop
        self.done = done
    }

    func start() {
        let worker: Worker
        do {
            worker = try Worker(snapshot: snapshot, eventLoop: loop, options: .init(output: output, fetch: fetch))
        } catch {
            return fail("error: cannot create an isolate: \(error.message)")
        }
        self.worker = worker
        worker.onUncaught = { [unowned self] uncaught in
            switch uncaught {
            case .exception(let e): fail("error: Uncaught \(e.stackOrMessage)")
            case .unhandledRejection(let e): fail("error: Uncaught (in promise) \(e.stackOrMessage)")
            case .terminated(let e): fail("error: \(e.message)")
            }
        }
        // The worker (and this run, through its closures) stays alive until finish.
        worker.afterMacrotask = { [self] in self.checkDone() }

        var loader = ModuleLoader(root: entry.deletingLastPathComponent())
        var disk = DiskModuleSource()
        let module: ModuleID
        do {
            module = try loader.load(entry: entry, into: worker.isolate, from: &disk)
            try worker.isolate.instantiate(module)
        } catch let error as ModuleLoadError {
            return fail("error: \(error)")
        } catch let error as JSException {
            return fail("error: \(ModuleLoader.describe(error, file: entry))")
        } catch {
            return fail("error: \(error)")
        }
        self.module = module
        // import() reads from the disk, as the static imports did.
        let isolate = worker.isolate
        worker.importer = { request in loader.loadImport(request, into: isolate, from: &disk) }
        worker.runMacrotask { () throws(JSException) in
            try worker.isolate.evaluate(module)
        }
    }

    private func checkDone() {
        guard !finished, let worker, let module else { return }
        switch worker.isolate.state(of: module) {
        case .errored(let e):
            fail("error: Uncaught \(e.stackOrMessage)")
        case .pending:
            if !worker.hasPendingWork {
                fail("error: Top-level await promise never resolved")
            }
        case .evaluated:
            if !worker.hasPendingWork { finish(0) }
        }
    }

    private func fail(_ message: String) {
        guard !finished else { return }
        output.write(message.hasSuffix("\n") ? message : message + "\n", .stderr)
        finish(1)
    }

    private func finish(_ code: Int32) {
        guard !finished else { return }
        finished = true
        worker?.stop()
        worker?.afterMacrotask = nil
        worker?.onUncaught = nil
        // Dispose the isolate on its own thread before reporting.
        worker = nil
        done.succeed(code)
    }
}
