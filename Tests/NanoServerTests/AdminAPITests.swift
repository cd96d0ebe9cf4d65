import Foundation
import NanoRuntime
import NanoServer
import XCTest

/// The admin API on a real in-process server: deploy, update and delete
/// apps over HTTP while the server serves, and what a failed or refused
/// call leaves behind (nothing).
final class AdminAPITests: XCTestCase {
    /// A server with one config app ("cfg" on */cfg/*) and the admin API.
    func start(threads: Int = 1, maxBodyBytes: Int? = nil) throws -> (TestServer, AdminClient, URL) {
        let dataDir = temporaryDataDir(self)
        var admin = AdminConfig(listen: ListenAddress(host: "127.0.0.1", port: 0), token: AdminClient.token,
                                dataDir: dataDir)
        if let maxBodyBytes { admin.maxBodyBytes = maxBodyBytes }
        let config = admin
        let server = try sync {
            try await TestServer(
                apps: [(name: "cfg", files: ["index.js": "export default { fetch: () => new Response('cfg') };"],
                        routes: ["*/cfg/*"], env: [])],
                threads: threads, admin: config)
        }
        let address = try XCTUnwrap(server.server.adminAddress)
        return (server, AdminClient(port: address.port), dataDir)
    }

    func testMissingOrWrongTokenIsRefusedAndChangesNothing() throws {
        let (server, admin, dataDir) = try start()
        for authorization in [nil, "Bearer wrong-token-0123456789", "Basic \(AdminClient.token)",
                              "Bearer \(AdminClient.token)x", "Bearer \(AdminClient.token.dropLast())", "Bearer "] {
            for (method, path) in [("GET", "/admin/apps"), ("GET", "/healthz"), ("DELETE", "/admin/apps/cfg")] {
                let response = try admin.call(method, path, authorization: .some(authorization))
                XCTAssertEqual(response.status, 401, "\(method) \(path) with \(authorization ?? "no header")")
                XCTAssertEqual(response.errorCode, "unauthorized", response.text)
                XCTAssertEqual(response.header("content-type"), "application/json")
                XCTAssertEqual(response.header("www-authenticate"), "Bearer")
            }
            let put = try admin.call("PUT", "/admin/apps/sneaky",
                                     json: ["modules": ["index.js": "export default {fetch(){}}"], "routes": ["*/sneaky/*"]],
                                     authorization: .some(authorization))
            XCTAssertEqual(put.status, 401)
        }
        XCTAssertEqual(try server.get("/sneaky/").status, 404)
        let entries = try FileManager.default.contentsOfDirectory(atPath: dataDir.appendingPathComponent("apps").path)
        XCTAssertEqual(entries, [])
        // The right token gets through.
        let list = try admin.call("GET", "/admin/apps")
        XCTAssertEqual(list.status, 200, list.text)
        try sync { try await server.stop() }
    }

    func testDeployUpdateAndDelete() throws {
        let (server, admin, dataDir) = try start(threads: 2)
        XCTAssertEqual(try server.get("/hello/x").errorCode, "no_route")

        let created = try admin.deploy("hello", modules: [
            "index.js": "import { greet } from './lib/greet.js'; export default { fetch: (r, env) => new Response(greet(env.WHO)) };",
            "lib/greet.js": "export const greet = (who) => 'v1 hello ' + who;",
        ], routes: ["*/hello/*"], extra: ["env": ["WHO": "world"]])
        XCTAssertEqual(created.status, 201, created.text)
        XCTAssertEqual(created.json?["version"] as? Int, 1)
        XCTAssertEqual(created.json?["state"] as? String, "serving")
        XCTAssertEqual(created.json?["source"] as? String, "deployment")
        // Answered on every loop at once: the deploy is in force when it returns.
        for _ in 0..<4 { XCTAssertEqual(try server.get("/hello/x").text, "v1 hello world") }

        let updated = try admin.deploy("hello", modules: [
            "src/main.js": "import { v } from '../lib/v.js'; export default { fetch: () => new Response(v) };",
            "lib/v.js": "export const v = 'v2';",
        ], routes: ["*/hello/*"], extra: ["main": "src/main.js"])
        XCTAssertEqual(updated.status, 200, updated.text)
        XCTAssertEqual(updated.json?["version"] as? Int, 2)
        XCTAssertEqual(updated.json?["main"] as? String, "src/main.js")
        for _ in 0..<4 { XCTAssertEqual(try server.get("/hello/x").text, "v2") }

        let list = try admin.call("GET", "/admin/apps")
        let apps = try XCTUnwrap(list.json?["apps"] as? [[String: Any]])
        XCTAssertEqual(apps.map { $0["name"] as? String }, ["cfg", "hello"])
        XCTAssertEqual(apps[0]["source"] as? String, "config")
        XCTAssertEqual(apps[1]["version"] as? Int, 2)
        XCTAssertEqual(apps[1]["routes"] as? [String], ["*/hello/*"])
        // Only the version in force is kept.
        let appDir = dataDir.appendingPathComponent("apps/hello")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: appDir.path).sorted(), ["current", "v2"])

        let deleted = try admin.call("DELETE", "/admin/apps/hello")
        XCTAssertEqual(deleted.status, 200, deleted.text)
        XCTAssertEqual(try server.get("/hello/x").errorCode, "no_route")
        XCTAssertEqual(try admin.call("GET", "/admin/apps/hello").errorCode, "app_not_found")
        XCTAssertEqual(try admin.call("DELETE", "/admin/apps/hello").status, 404)
        XCTAssertFalse(FileManager.default.fileExists(atPath: appDir.path))
        XCTAssertEqual(try server.get("/cfg/").text, "cfg")

        // The name can be used again.
        let again = try admin.deploy("hello", answering: "again", routes: ["*/hello/*"])
        XCTAssertEqual(again.status, 201, again.text)
        XCTAssertEqual(try server.get("/hello/").text, "again")
        try sync { try await server.stop() }
    }

    /// A deployed app's modules are all importable, by a computed specifier
    /// too (as on Workers): the deployment holds exactly what was uploaded.
    func testEveryDeployedModuleCanBeImported() throws {
        let (server, admin, _) = try start()
        let created = try admin.deploy("pages", modules: [
            "index.js": """
                export default {
                  async fetch(request) {
                    const page = new URL(request.url).pathname.split("/").pop();
                    try { return new Response((await import("./pages/" + page + ".js")).text); }
                    catch (e) { return new Response(e.name + ": " + e.message, { status: 404 }); }
                  },
                };
                """,
            "pages/a.js": "export const text = 'page a';",
            "pages/b.js": "import { text as a } from './a.js'; export const text = 'page b after ' + a;",
        ], routes: ["*/pages/*"])
        XCTAssertEqual(created.status, 201, created.text)
        XCTAssertEqual(try server.get("/pages/a").text, "page a")
        XCTAssertEqual(try server.get("/pages/b").text, "page b after page a")
        let missing = try server.get("/pages/c")
        XCTAssertEqual(missing.status, 404)
        XCTAssertTrue(missing.text.hasPrefix("TypeError: import() of \"./pages/c.js\": "), missing.text)
        try sync { try await server.stop() }
    }

    func testFailedDeploysLeaveTheOldVersionServing() throws {
        let (server, admin, dataDir) = try start()
        XCTAssertEqual(try admin.deploy("app", answering: "v1", routes: ["*/app/*"]).status, 201)
        let handler = "export default { fetch: () => new Response('bad') };"
        let refused: [(modules: [String: String], extra: [String: Any], status: Int, code: String, says: String)] = [
            (["index.js": "export default { fetch( };"], [:], 422, "load_failed", "index.js:1:"),
            (["index.js": "throw new Error('top-level boom'); " + handler], [:], 422, "load_failed", "top-level boom"),
            (["index.js": "import './missing.js'; " + handler], [:], 422, "load_failed", "missing.js"),
            (["index.js": "import x from 'npm:left-pad'; " + handler], [:], 422, "load_failed", "npm:left-pad"),
            (["index.js": "export const nothing = 1;"], [:], 422, "load_failed", "no handler"),
            (["index.js": "await new Promise(() => {}); " + handler], ["limits": ["requestMs": 300, "cpuMs": 10_000]],
             422, "load_failed", "did not finish"),
            (["index.js": "while (true) {} " + handler], ["limits": ["startupCpuMs": 50, "cpuMs": 10_000]],
             422, "load_failed", "50 ms of CPU"),
            (["../escape.js": handler], ["main": "../escape.js"], 400, "invalid_module_path", "\"..\""),
            (["/etc/passwd.js": handler], [:], 400, "invalid_module_path", "absolute"),
            (["a//b.js": handler], [:], 400, "invalid_module_path", "empty segment"),
            (["a\u{0}.js": handler], [:], 400, "invalid_module_path", "NUL"),
            (["lib": handler, "lib/x.js": handler, "index.js": handler], [:], 400, "invalid_module_path", "both a module and a folder"),
            (["main.js": handler], [:], 400, "invalid_deployment", "\"main\" is \"index.js\""),
            (["index.js": handler], ["routs": ["*/x"]], 400, "invalid_deployment", "unknown key \"routs\""),
            (["index.js": handler], ["routes": ["no-path"]], 400, "invalid_deployment", "expected HOST/PATH"),
            (["index.js": handler], ["env": ["N": 1]], 400, "invalid_deployment", "env.N must be a string"),
            (["index.js": handler], ["env": Dictionary(uniqueKeysWithValues: (0..<65).map { ("V\($0)", "x") })],
             400, "invalid_deployment", "more than the 64"),
            (["index.js": handler], ["limits": ["memoryMB": 1]], 400, "invalid_deployment", "memoryMB"),
        ]
        for (modules, extra, status, code, says) in refused {
            let response = try admin.deploy("app", modules: modules, routes: ["*/app/*"], extra: extra)
            XCTAssertEqual(response.status, status, "\(modules.keys) \(extra): \(response.text)")
            XCTAssertEqual(response.errorCode, code, response.text)
            let message = ((response.json?["error"] as? [String: Any])?["message"] as? String) ?? ""
            XCTAssertTrue(message.contains(says), "\(says) not in: \(message)")
            XCTAssertFalse(message.contains(dataDir.path), "no server paths in: \(message)")
            XCTAssertEqual(try server.get("/app/").text, "v1", "after \(modules.keys) \(extra)")
        }
        for raw in ["{", "[]", "\"x\"", ""] {
            let response = try admin.call("PUT", "/admin/apps/app", raw: raw)
            XCTAssertEqual(response.status, 400, "\(raw): \(response.text)")
        }
        let badName = try admin.deploy("bad.name", answering: "x", routes: [])
        XCTAssertEqual(badName.errorCode, "invalid_name", badName.text)
        // A failed first deploy leaves no trace either.
        let failedNew = try admin.deploy("fresh", modules: ["index.js": "syntax error("], routes: ["*/fresh/*"])
        XCTAssertEqual(failedNew.status, 422)

        let app = try admin.call("GET", "/admin/apps/app")
        XCTAssertEqual(app.json?["version"] as? Int, 1)
        XCTAssertEqual(app.json?["state"] as? String, "serving")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dataDir.appendingPathComponent("apps").path), ["app"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dataDir.appendingPathComponent("apps/app").path).sorted(),
                       ["current", "v1"])
        try sync { try await server.stop() }
    }

    func testConfigAppsAndTheirRoutesCannotBeTakenOver() throws {
        let (server, admin, _) = try start()
        let sameName = try admin.deploy("cfg", answering: "mine", routes: ["*/other/*"])
        XCTAssertEqual(sameName.status, 409)
        XCTAssertEqual(sameName.errorCode, "name_conflict")
        let sameRoute = try admin.deploy("thief", answering: "mine", routes: ["*/cfg/*"])
        XCTAssertEqual(sameRoute.status, 409)
        XCTAssertEqual(sameRoute.errorCode, "route_conflict", sameRoute.text)
        XCTAssertEqual(try admin.call("DELETE", "/admin/apps/cfg").status, 409)
        XCTAssertEqual(try server.get("/cfg/").text, "cfg")
        // Between deployed apps too.
        XCTAssertEqual(try admin.deploy("a", answering: "a", routes: ["*/shared/*"]).status, 201)
        XCTAssertEqual(try admin.deploy("b", answering: "b", routes: ["*/shared/*"]).errorCode,
                       "route_conflict")
        // A deployed app may move its own routes.
        XCTAssertEqual(try admin.deploy("a", answering: "a2", routes: ["*/shared/*", "*/more/*"]).status, 200)
        XCTAssertEqual(try server.get("/more/").text, "a2")
        try sync { try await server.stop() }
    }

    func testAppDetailsHaveStatsAndNeverSecretValues() throws {
        let (server, admin, dataDir) = try start()
        let secret = "very-secret-value-42"
        let deployed = try admin.deploy("app", modules: ["index.js": """
            export default {
              fetch(request, env) {
                if (new URL(request.url).pathname === '/app/throw') throw new Error('no ' + env.API_KEY);
                return new Response(env.API_KEY === '\(secret)' ? 'has the secret' : 'no secret');
              },
            };
            """], routes: ["*/app/*"], extra: ["env": ["MODE": "test"], "secrets": ["API_KEY": secret]])
        XCTAssertEqual(deployed.status, 201)
        XCTAssertFalse(deployed.text.contains(secret))
        for _ in 0..<3 { XCTAssertEqual(try server.get("/app/ok").text, "has the secret") }
        XCTAssertEqual(try server.get("/app/throw").status, 500)

        let details = try admin.call("GET", "/admin/apps/app")
        XCTAssertEqual(details.status, 200)
        XCTAssertFalse(details.text.contains(secret), details.text)
        XCTAssertEqual(details.json?["secrets"] as? [String], ["API_KEY"])
        XCTAssertEqual(details.json?["env"] as? [String: String], ["MODE": "test"])
        let stats = try XCTUnwrap(details.json?["stats"] as? [String: Any])
        XCTAssertEqual(stats["requests"] as? Int, 4)
        XCTAssertEqual(stats["errors"] as? Int, 1)
        XCTAssertEqual(stats["isolates"] as? Int, 1)
        XCTAssertGreaterThan(stats["heapUsedBytes"] as? Int ?? 0, 0)
        XCTAssertNotNil(stats["cpuMs"] as? Double)
        let list = try admin.call("GET", "/admin/apps")
        XCTAssertFalse(list.text.contains(secret))
        XCTAssertEqual(try admin.call("GET", "/admin/apps/nope").status, 404)

        // On disk: the secret only in the owner-only secrets file.
        let version = dataDir.appendingPathComponent("apps/app/v1")
        let manifest = try String(contentsOf: version.appendingPathComponent("deployment.json"), encoding: .utf8)
        XCTAssertFalse(manifest.contains(secret))
        let secrets = version.appendingPathComponent("secrets.json").path
        XCTAssertTrue(try String(contentsOfFile: secrets, encoding: .utf8).contains(secret))
        let mode = (try FileManager.default.attributesOfItem(atPath: secrets)[.posixPermissions] as? Int) ?? -1
        XCTAssertEqual(mode, 0o600)
        try sync { try await server.stop() }
    }

    func testEndpointsMethodsAndSizes() throws {
        let (server, admin, _) = try start(maxBodyBytes: 64 * 1024)
        let health = try admin.call("GET", "/healthz")
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(health.json?["status"] as? String, "ok")
        XCTAssertEqual(try admin.call("GET", "/readyz").status, 200)
        let wrongMethod = try admin.call("POST", "/admin/apps")
        XCTAssertEqual(wrongMethod.status, 405)
        XCTAssertEqual(wrongMethod.header("allow"), "GET")
        XCTAssertEqual(try admin.call("PATCH", "/admin/apps/x").errorCode, "method_not_allowed")
        XCTAssertEqual(try admin.call("GET", "/admin/nothing").errorCode, "not_found")
        XCTAssertEqual(try admin.call("GET", "/admin/apps/a/b").errorCode, "not_found")
        let big = String(repeating: "x", count: 70 * 1024)
        let tooLarge = try admin.deploy("big", answering: big, routes: ["*/big/*"])
        XCTAssertEqual(tooLarge.status, 413)
        XCTAssertEqual(tooLarge.errorCode, "payload_too_large")
        XCTAssertEqual(try server.get("/big/").status, 404)

        // Shutting down: not ready, no more changes, still alive.
        _ = try sync { await server.server.drain(timeout: .seconds(5)) }
        let ready = try admin.call("GET", "/readyz")
        XCTAssertEqual(ready.status, 503)
        XCTAssertEqual(ready.errorCode, "not_ready")
        XCTAssertEqual(try admin.call("GET", "/healthz").status, 200)
        let late = try admin.deploy("late", answering: "x", routes: ["*/late/*"])
        XCTAssertEqual(late.status, 503)
        XCTAssertEqual(late.errorCode, "shutting_down")
        try sync { try await server.stop() }
        // Stopped with the server: nothing listens any more.
        XCTAssertThrowsError(try admin.call("GET", "/healthz"))
    }

    /// Config reloads and deployments go through the same path: a reload
    /// keeps deployed apps, and cannot take their names.
    func testAConfigReloadKeepsDeployedApps() throws {
        let (server, admin, dataDir) = try start()
        XCTAssertEqual(try admin.deploy("dep", answering: "dep v1", routes: ["*/dep/*"]).status, 201)
        let listen = ListenAddress(host: "127.0.0.1", port: 0)
        let adminConfig = AdminConfig(listen: listen, token: AdminClient.token, dataDir: dataDir)
        let module = server.folder.appendingPathComponent("cfg/index.js")
        var renamed = ServerConfig(listen: listen, apps: [
            AppConfig(name: "cfg2", module: module, routes: [try RoutePattern(parsing: "*/cfg2/*")]),
        ])
        renamed.admin = adminConfig
        let first = renamed
        let summary = try sync { try await server.server.reload(first) }
        XCTAssertEqual(summary.added, ["cfg2"])
        XCTAssertEqual(summary.removed, ["cfg"])
        XCTAssertEqual(summary.changed, [])
        XCTAssertEqual(try server.get("/cfg2/").text, "cfg")
        XCTAssertEqual(try server.get("/dep/").text, "dep v1")

        var clash = renamed
        clash.apps.append(AppConfig(name: "dep", module: module, routes: [try RoutePattern(parsing: "*/mine/*")]))
        let sameName = clash
        XCTAssertThrowsError(try sync { try await server.server.reload(sameName) }) {
            XCTAssertTrue("\($0)".contains("app \"dep\" is in the config and also deployed"), "\($0)")
        }
        var routeClash = renamed
        routeClash.apps.append(AppConfig(name: "x", module: module, routes: [try RoutePattern(parsing: "*/dep/*")]))
        let sameRoute = routeClash
        XCTAssertThrowsError(try sync { try await server.server.reload(sameRoute) }) {
            XCTAssertTrue("\($0)".contains("already routed to app \"x\"") || "\($0)".contains("already routed to app \"dep\""), "\($0)")
        }
        XCTAssertEqual(try server.get("/dep/").text, "dep v1")
        XCTAssertEqual(try admin.deploy("dep", answering: "dep v2", routes: ["*/dep/*"]).status, 200)
        XCTAssertEqual(try server.get("/dep/").text, "dep v2")
        XCTAssertEqual(try server.get("/cfg2/").text, "cfg")
        try sync { try await server.stop() }
    }

    /// A config app whose folder holds the data folder cannot import
    /// from it (other apps' code and secrets live there).
    func testConfigAppsCannotLoadFromTheDataFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nano-fence-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let module = folder.appendingPathComponent("index.js")
        try Data("export default { fetch: () => new Response('plain') };".utf8).write(to: module)
        let dataDir = folder.appendingPathComponent(".nano-data")
        let listen = ListenAddress(host: "127.0.0.1", port: 0)
        var config = ServerConfig(listen: listen, apps: [AppConfig(name: "cfg", module: module,
                                                                   routes: [try RoutePattern(parsing: "*/cfg/*")])])
        config.admin = AdminConfig(listen: listen, token: AdminClient.token, dataDir: dataDir)
        let initial = config
        let server = try sync {
            try await HTTPServer.start(config: initial, snapshot: try RuntimeSnapshot.shared(), options: .init(threads: 1, logLevel: .critical))
        }
        let admin = AdminClient(port: try XCTUnwrap(server.adminAddress).port)
        XCTAssertEqual(try admin.deploy("dep", answering: "dep", routes: ["*/dep/*"], extra: ["secrets": ["KEY": "fenced-secret"]]).status, 201)
        try Data("import s from './.nano-data/apps/dep/v1/secrets.json'; export default { fetch: () => new Response(JSON.stringify(s)) };".utf8)
            .write(to: module)
        let snooping = config
        XCTAssertThrowsError(try sync { try await server.reload(snooping) }) {
            XCTAssertTrue("\($0)".contains("which apps may not load from"), "\($0)")
        }
        XCTAssertEqual(try RawHTTPConnection.request(port: server.address.port, "GET", "/cfg/").text, "plain")
        try sync { try await server.stop() }
    }

    func testWithoutATokenTheAdminAPIDoesNotStart() throws {
        let dataDir = temporaryDataDir(self)
        let admin = AdminConfig(listen: ListenAddress(host: "127.0.0.1", port: 0), token: nil, dataDir: dataDir)
        let server = try sync { try await TestServer(module: "export default { fetch: () => new Response('ok') };", admin: admin) }
        XCTAssertNil(server.server.adminAddress)
        XCTAssertEqual(try server.get("/").text, "ok")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dataDir.path), "no data folder is made for nothing")
        try sync { try await server.stop() }
    }

    /// Deploy, update twice and delete an app while requests keep coming to
    /// it and to another app: no request fails; each gets a whole version
    /// (or, once deleted, app_draining / no_route), and the other app never
    /// notices.
    func testDeployUpdateAndDeleteUnderLoad() throws {
        let (server, admin, _) = try start(threads: 2)
        let load = LoadGenerator(port: server.port, paths: ["/cfg/", "/live/"], threads: 6)
        load.waitFor(50)
        for version in 1...3 {
            let response = try admin.deploy("live", modules: [
                "index.js": "import { v } from './v.js'; export default { async fetch() { await new Promise((r) => setTimeout(r, 5)); return new Response('live ' + v); } };",
                "v.js": "export const v = \(version);",
            ], routes: ["*/live/*"])
            XCTAssertEqual(response.status, version == 1 ? 201 : 200, response.text)
            // In force on every loop once answered.
            for _ in 0..<4 { XCTAssertEqual(try server.get("/live/").text, "live \(version)") }
            load.waitFor(100)
        }
        XCTAssertEqual(try admin.call("DELETE", "/admin/apps/live").status, 200)
        XCTAssertEqual(try server.get("/live/").errorCode, "no_route")
        load.waitFor(50)
        let outcomes = load.stop()

        let failed = outcomes.filter { $0.status == 0 }
        XCTAssertEqual(failed.count, 0, "failed requests: \(failed.prefix(3).map(\.body))")
        let other = outcomes.filter { $0.path == "/cfg/" }
        XCTAssertGreaterThan(other.count, 100)
        XCTAssertTrue(other.allSatisfy { $0.status == 200 && $0.body == "cfg" },
                      "\(other.first { $0.body != "cfg" }.map { "\($0.status) \($0.body)" } ?? "")")
        var seen: Set<String> = []
        for outcome in outcomes where outcome.path == "/live/" {
            switch outcome.status {
            case 200:
                XCTAssertTrue(["live 1", "live 2", "live 3"].contains(outcome.body), outcome.body)
                seen.insert(outcome.body)
            case 404: XCTAssertTrue(outcome.body.contains("no_route"), outcome.body)
            case 503: XCTAssertTrue(outcome.body.contains("app_draining"), outcome.body)
            default: XCTFail("\(outcome.status) \(outcome.body)")
            }
        }
        XCTAssertEqual(seen, ["live 1", "live 2", "live 3"])
        try sync { try await server.stop() }
    }
}
