import ArgumentParser
import Dispatch
import Foundation
import Logging
import Metrics
import NanoServer
import Synchronization

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve apps over HTTP: one module for every host and path, or many from a config file.")

    @Argument(help: "A module to serve for every host and path (its folder is the app's folder).")
    var module: String?

    @Option(help: "A nano.json config listing the apps to serve.")
    var config: String?

    @Option(help: "Address to listen on (with APP.js).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (with APP.js; 0 picks a free one).")
    var port = 8080

    @Option(name: .customLong("env"), help: "A var for the app's env, KEY=VALUE (repeatable; with APP.js).")
    var env: [String] = []

    @Option(help: "Event loop threads (each runs its own isolate per app).")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    @Option(help: "Log lines as text, or as JSON objects (one per line: ts, level, logger, msg, app, request_id, ...).")
    var logFormat = "text"

    @Flag(help: "Let the app's fetch() reach loopback, private and link-local addresses (with APP.js).")
    var allowPrivateNetwork = false

    @Option(help: "Seconds in-flight requests and waitUntil work get to finish after SIGTERM/SIGINT.")
    var drainTimeout = 30.0

    func validate() throws {
        if (module == nil) == (config == nil) {
            throw ValidationError("give either APP.js or --config nano.json")
        }
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level \(logLevel): unknown level") }
        if logFormat != "text" && logFormat != "json" { throw ValidationError("--log-format \(logFormat): expected text or json") }
    }

    func serverConfig() throws -> ServerConfig {
        if let config { return try ServerConfig.load(path: config) }
        var vars: [(name: String, value: String)] = []
        for pair in env {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                throw ValidationError("--env \(pair): expected KEY=VALUE")
            }
            vars.append((String(pair[..<eq]), String(pair[pair.index(after: eq)...])))
        }
        let file = URL(fileURLWithPath: module!).standardizedFileURL
        let name = file.deletingPathExtension().lastPathComponent.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return ServerConfig(
            listen: ListenAddress(host: host, port: port),
            apps: [AppConfig(name: name.isEmpty ? "app" : String(name.prefix(63)), module: file,
                             routes: [try RoutePattern(parsing: "*/*")], env: vars,
                             allowPrivateNetwork: allowPrivateNetwork)])
    }

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        if logFormat == "json" {
            LoggingSystem.bootstrap(JSONLogHandler.standardError)
        } else {
            LoggingSystem.bootstrap(TextLogHandler.standardError)
        }
        // Log lines are written in batches (LogWriter): whatever gathered
        // goes out however the process exits normally.
        atexit { LogWriter.standardError.flush() }
        let config: ServerConfig
        do {
            config = try serverConfig()
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        try checkFetchTrust()
        // Caught from here on: a signal while the apps load, or just after
        // the banner, drains like any other instead of killing the process.
        let shutdown = ShutdownSignals([SIGINT, SIGTERM], again: {
            FileHandle.standardError.write(Data("nanod: second signal, exiting now\n".utf8))
            _exit(1)  // at once: no exit handlers, no isolate teardown
        })
        let snapshot = try runtimeSnapshot()
        // One registry for NANO's own metrics and whatever else reports
        // through swift-metrics; read at GET /metrics on the admin listener.
        let metrics = ServerMetrics()
        MetricsSystem.bootstrap(metrics.factory)
        let server: HTTPServer
        do {
            server = try await HTTPServer.start(config: config, snapshot: snapshot,
                                                options: .init(threads: threads, logLevel: Logger.Level(rawValue: logLevel)!,
                                                               drainTimeout: .milliseconds(Int64(drainTimeout * 1000)),
                                                               metrics: metrics))
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let base = "http://\(server.address)"
        let apps = server.apps
        var banner = "nanod: serving \(apps.count) app\(apps.count == 1 ? "" : "s") on \(base) with \(threads) thread\(threads == 1 ? "" : "s")\n"
        for app in apps {
            let deployed = app.version.map { " (deployed, version \($0))" } ?? ""
            banner += "  \(app.name): \(app.routes.joined(separator: ", "))\(deployed)\n"
        }
        if let admin = server.adminAddress {
            banner += "  admin API: http://\(admin)\n"
        }
        FileHandle.standardOutput.write(Data(banner.utf8))
        var watcher: Task<Void, Never>?
        if let path = self.config {
            watcher = ConfigWatcher.start(path: path, server: server,
                                          drainTimeout: .milliseconds(Int64(drainTimeout * 1000)))
        }
        // The first SIGTERM/SIGINT drains (no new connections, in-flight
        // requests and waitUntil work finish, up to --drain-timeout); a
        // second one exits at once.
        await shutdown.wait()
        watcher?.cancel()  // the config watcher stops first
        FileHandle.standardError.write(Data("nanod: draining (up to \(drainTimeout) s)\n".utf8))
        let finished = await server.drain(timeout: .milliseconds(Int64(drainTimeout * 1000)))
        if !finished {
            FileHandle.standardError.write(Data("nanod: drain timeout reached; stopping what is left\n".utf8))
        }
        try await server.stop()
    }
}

/// The first of `signals` ends `wait()`; `again` runs (on the signal
/// queue) for every later one. Nothing runs inside a signal handler: a
/// Dispatch signal source (signalfd-like) reports on a queue. The sources
/// are installed at once and stay for the life of the process.
final class ShutdownSignals: Sendable {
    private let first: AsyncStream<Void>

    init(_ signals: [Int32], again: @escaping @Sendable () -> Void = {}) {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        first = stream
        let queue = DispatchQueue(label: "nanod.signals")
        let fired = FiredOnce()
        for sig in signals {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler {
                if fired.claim() {
                    continuation.yield()
                    continuation.finish()
                } else {
                    again()
                }
            }
            source.resume()
            SignalSources.keep(source)
        }
    }

    /// Returns once the first signal has arrived (at once if it already has).
    func wait() async {
        for await _ in first { return }
    }
}

/// Keeps the signal sources alive (a cancelled or freed source would let
/// the default action — termination — back in).
final class SignalSources: @unchecked Sendable {
    // Sendable: `sources` is only touched with `lock` held, and a source is
    // never used through it (only kept).
    private static let shared = SignalSources()
    private let lock = NSLock()
    private var sources: [DispatchSourceSignal] = []
    static func keep(_ source: DispatchSourceSignal) { shared.lock.withLock { shared.sources.append(source) } }
}

/// Lets a continuation be resumed once when several signals arrive together.
final class FiredOnce: Sendable {
    private let fired = Mutex(false)
    func claim() -> Bool {
        fired.withLock { fired in
            defer { fired = true }
            return !fired
        }
    }
}
