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
    init(apps: [(name: String, files: [String: String], routes: [String], env: [(String, String)])],
         threads: Int = 1, limits: HTTPLimits = HTTPLimits()) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("nano-server-\(UUID().uuidString)")
        var configs: [AppConfig] = []
        for app in apps {
            let dir = folder.appendingPathComponent(app.name)
            for (path, text) in app.files {
                let url = dir.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            configs.append(AppConfig(name: app.name, module: dir.appendingPathComponent("index.js"),
                                     routes: try app.routes.map(RoutePattern.init(parsing:)),
                                     env: app.env.map { (name: $0.0, value: $0.1) }))
        }
        let config = ServerConfig(listen: ListenAddress(host: "127.0.0.1", port: 0), http: limits, apps: configs)
        server = try await HTTPServer.start(config: config, snapshot: try RuntimeSnapshot.shared(),
                                            options: .init(threads: threads, logLevel: .critical))
    }

    /// One app for every host and path.
    convenience init(module: String, env: [(String, String)] = [], files: [String: String] = [:], threads: Int = 1,
                     limits: HTTPLimits = HTTPLimits()) async throws {
        var all = files
        all["index.js"] = module
        try await self.init(apps: [(name: "app", files: all, routes: ["*/*"], env: env)], threads: threads, limits: limits)
    }

    func stop() async throws {
        try await server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    func get(_ path: String, host: String = "localhost", headers: [(String, String)] = []) throws -> RawHTTPConnection.Response {
        try RawHTTPConnection.request(port: port, "GET", path, host: host, headers: headers)
    }
}
