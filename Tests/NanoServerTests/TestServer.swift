import Foundation
import Logging
import NanoRuntime
import NanoServer
import XCTest

/// A real NANO server on a random loopback port, serving apps written to a
/// temporary folder.
final class TestServer: Sendable {
    let server: HTTPServer
    let folder: URL
    var port: Int { server.address.port }

    /// `apps`: name → (files, routes, env). Each app's entry is "index.js".
    /// `configure` may change each app's config (limits, secrets...);
    /// `log` receives every log line when given.
    init(apps: [(name: String, files: [String: String], routes: [String], env: [(String, String)])],
         threads: Int = 1, limits: HTTPLimits = HTTPLimits(), isolates: IsolateLimits = IsolateLimits(),
         admin: AdminConfig? = nil, configure: (inout AppConfig) -> Void = { _ in }, log: CapturedLog? = nil) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("nano-server-\(UUID().uuidString)")
        var configs: [AppConfig] = []
        for app in apps {
            let dir = folder.appendingPathComponent(app.name)
            for (path, text) in app.files {
                let url = dir.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            var config = AppConfig(name: app.name, module: dir.appendingPathComponent("index.js"),
                                   routes: try app.routes.map(RoutePattern.init(parsing:)),
                                   env: app.env.map { (name: $0.0, value: $0.1) })
            // Tests not about CPU limits must not trip them on a slow machine
            // (debug build, 2 busy cores); LimitsTests set theirs.
            config.cpuMs = 10_000
            configure(&config)
            configs.append(config)
        }
        var config = ServerConfig(listen: ListenAddress(host: "127.0.0.1", port: 0), http: limits, isolates: isolates,
                                  apps: configs)
        config.admin = admin
        var options = HTTPServer.Options(threads: threads, logLevel: .critical)
        if let log {
            options.logLevel = .info
            options.logHandler = { _ in log.handler }
        }
        server = try await HTTPServer.start(config: config, snapshot: try RuntimeSnapshot.shared(), options: options)
    }

    /// One app for every host and path.
    convenience init(module: String, env: [(String, String)] = [], files: [String: String] = [:], threads: Int = 1,
                     limits: HTTPLimits = HTTPLimits(), isolates: IsolateLimits = IsolateLimits(), admin: AdminConfig? = nil,
                     configure: (inout AppConfig) -> Void = { _ in }, log: CapturedLog? = nil) async throws {
        var all = files
        all["index.js"] = module
        try await self.init(apps: [(name: "app", files: all, routes: ["*/*"], env: env)], threads: threads, limits: limits,
                            isolates: isolates, admin: admin, configure: configure, log: log)
    }

    func stop() async throws {
        try await server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    func get(_ path: String, host: String = "localhost", headers: [(String, String)] = []) throws -> RawHTTPConnection.Response {
        try RawHTTPConnection.request(port: port, "GET", path, host: host, headers: headers)
    }
}

/// Every log line the server writes, as "level message key=value...".
final class CapturedLog: @unchecked Sendable {
    // Sendable: `lines` is only touched with `lock` held.
    private let lock = NSLock()
    private var lines: [String] = []

    var text: String { lock.withLock { lines.joined(separator: "\n") } }

    var handler: any LogHandler { Handler(log: self) }

    fileprivate func append(_ line: String) { lock.withLock { lines.append(line) } }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            let all = self.metadata.merging(metadata ?? [:]) { $1 }
            let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            log.append("\(level) \(message) \(fields)")
        }
    }
}
