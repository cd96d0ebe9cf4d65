import Foundation
import XCTest

/// Hot reload of `nanod serve --config` as an operator meets it: the real
/// binary as a child process, its config and module files edited on disk,
/// SIGHUP sent with kill(2), and real requests over sockets. Nothing here
/// asserts how fast anything happens: every wait polls for what a user would
/// see, with a generous upper bound so a bug fails the test instead of
/// hanging it.
final class ConfigReloadTests: XCTestCase {
    struct App {
        var name: String
        var module: String
        var route: String
    }

    /// A fresh folder for one test, removed after it.
    func makeDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nanod-reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    /// Writes `text` to `path` under `dir` atomically — a temp file, then
    /// rename(2) — so the server's poller never reads half a file.
    /// `modified` sets the file's modification time.
    func put(_ dir: URL, _ path: String, _ text: String, modified: Date? = nil) throws {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temp = dir.appendingPathComponent(".tmp-\(UUID().uuidString)")
        try Data(text.utf8).write(to: temp)
        if let modified { try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: temp.path) }
        guard rename(temp.path, url.path) == 0 else { throw RawHTTPError("rename to \(url.path) failed") }
    }

    /// A nano.json listening on a free port. `extra` goes into the first
    /// app's object verbatim (for a key the server must refuse).
    static func config(_ apps: [App], extra: String = "") -> String {
        let list = apps.enumerated().map { index, app in
            #"{ "name": "\#(app.name)", "module": "\#(app.module)", "routes": ["\#(app.route)"]\#(index == 0 ? extra : "") }"#
        }
        return #"{ "listen": "127.0.0.1:0", "apps": [ \#(list.joined(separator: ", ")) ] }"#
    }

    /// A module answering `text` to every request.
    static func answering(_ text: String) -> String {
        "export default { fetch() { return new Response(\"\(text)\"); } };\n"
    }

    static let a = App(name: "a", module: "a/index.js", route: "a.test/*")
    static let b = App(name: "b", module: "b/index.js", route: "b.test/*")
    static let c = App(name: "c", module: "c/index.js", route: "c.test/*")

    /// `nanod serve --config DIR/nano.json` on two event loops, stopped
    /// after the test whatever happens.
    func serve(_ dir: URL) throws -> Served {
        let served = try Served(["serve", "--config", dir.appendingPathComponent("nano.json").path, "--threads", "2"])
        addTeardownBlock { served.shutdown() }
        guard served.port > 0 else {
            served.shutdown()
            XCTFail("nanod did not start: \(served.banner) \(served.log.text)")
            throw RawHTTPError("nanod did not start")
        }
        return served
    }

    /// What a client sees, in one string: "200 a1", "503 app_draining" (the
    /// code of a JSON error body), or "error: ..." for a connection error.
    static func describe(_ result: Result<RawHTTPResponse, RawHTTPError>) -> String {
        switch result {
        case .success(let response):
            if response.status == 200 { return "200 \(response.body)" }
            return "\(response.status) \(response.errorCode ?? response.body)"
        case .failure(let error):
            return "error: \(error)"
        }
    }

    func answer(_ served: Served, _ host: String, _ path: String = "/") -> String {
        Self.describe(served.request(path, host: host))
    }

    /// Polls `condition` until it holds, for at most `timeout` seconds.
    func eventually(timeout: TimeInterval = 20, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if condition() { return true }
            usleep(50_000)
        } while Date() < deadline
        return false
    }

    // MARK: - 1. Adding, changing and removing apps under load

    /// Every answer each load client got, in order.
    final class LoadLog: @unchecked Sendable {
        // Sendable: everything is touched with `lock` held.
        private let lock = NSLock()
        private var answers: [[(host: String, answer: String)]]
        private var stopped = false
        init(clients: Int) { answers = Array(repeating: [], count: clients) }
        func add(_ client: Int, _ host: String, _ answer: String) { lock.withLock { answers[client].append((host, answer)) } }
        func count(_ client: Int) -> Int { lock.withLock { answers[client].count } }
        var all: [[(host: String, answer: String)]] { lock.withLock { answers } }
        func stop() { lock.withLock { stopped = true } }
        var isStopped: Bool { lock.withLock { stopped } }
    }

    /// Clients request A and B in turn, without pause, while the config
    /// drops B, adds C and A's module changes: no request to A fails, B
    /// answers until the reload and then only app_draining or no_route — no
    /// connection error, no 500 — and C answers once the reload is in.
    func testAddChangeAndRemoveAppsUnderLoadFailsNoRequest() throws {
        let dir = try makeDir()
        try put(dir, "a/index.js", Self.answering("a1"))
        try put(dir, "b/index.js", Self.answering("b1"))
        try put(dir, "nano.json", Self.config([Self.a, Self.b]))
        let served = try serve(dir)
        XCTAssertEqual(answer(served, "a.test"), "200 a1")
        XCTAssertEqual(answer(served, "b.test"), "200 b1")

        // Even clients keep one connection alive; odd ones open one per request.
        let clients = 4
        let load = LoadLog(clients: clients)
        let finished = DispatchGroup()
        let port = served.port
        for client in 0..<clients {
            finished.enter()
            Thread {
                defer { finished.leave() }
                let keepAlive = client % 2 == 0
                var connection: RawHTTPConnection?
                var n = 0
                let deadline = Date().addingTimeInterval(90)  // bounded, whatever the test does
                while !load.isStopped && Date() < deadline {
                    let host = n % 2 == 0 ? "a.test" : "b.test"
                    n += 1
                    if connection?.isOpen != true { connection = RawHTTPConnection(port: port) }
                    guard let open = connection else {
                        load.add(client, host, "error: cannot connect")
                        continue
                    }
                    load.add(client, host, Self.describe(open.get("/", host: host, close: !keepAlive)))
                    if !keepAlive { connection = nil }
                }
            }.start()
        }
        defer {
            load.stop()
            _ = finished.wait(timeout: .now() + 30)
        }
        XCTAssertTrue(eventually { (0..<clients).allSatisfy { load.count($0) >= 20 } }, "the load runs")

        let offset = served.log.count
        try put(dir, "c/index.js", Self.answering("c1"))
        try put(dir, "a/index.js", Self.answering("a2"))
        try put(dir, "nano.json", Self.config([Self.a, Self.c]))
        XCTAssertTrue(eventually { answer(served, "a.test") == "200 a2" && answer(served, "c.test") == "200 c1" },
                      "A's new module and C are served: \(served.log.text)")
        // The reload that removes B has reached every event loop once it is logged.
        XCTAssertNotNil(served.waitForLogLine(after: offset) { $0.contains("nanod: reloaded") && $0.contains("removed [b]") },
                        served.log.text)
        let counts = (0..<clients).map { load.count($0) }
        XCTAssertTrue(eventually { (0..<clients).allSatisfy { load.count($0) >= counts[$0] + 10 } },
                      "the load goes on after the reload")
        load.stop()
        XCTAssertEqual(finished.wait(timeout: .now() + 30), .success, "the load clients finish")

        for (client, answers) in load.all.enumerated() {
            let keepAlive = client % 2 == 0
            let a = answers.filter { $0.host == "a.test" }.map(\.answer)
            let b = answers.filter { $0.host == "b.test" }.map(\.answer)
            let badA = a.filter { $0 != "200 a1" && $0 != "200 a2" }
            XCTAssertEqual(badA, [], "client \(client): every request to A is answered by A")
            let badB = b.filter { !["200 b1", "503 app_draining", "404 no_route"].contains($0) }
            XCTAssertEqual(badB, [], "client \(client): B answers, or says it is draining or gone")
            XCTAssertTrue(b.contains("200 b1"), "client \(client) ran before the reload")
            XCTAssertEqual(a.last, "200 a2", "client \(client) ran after the reload")
            XCTAssertNotEqual(b.last, "200 b1", "client \(client) ran after the reload")
            if keepAlive {
                // One connection stays on one event loop: it never goes back
                // to an older config (a1 after a2, b1 after B left).
                if let firstA2 = a.firstIndex(of: "200 a2") {
                    XCTAssertFalse(a[firstA2...].contains("200 a1"), "client \(client): \(a)")
                }
                if let firstGone = b.firstIndex(where: { $0 != "200 b1" }) {
                    XCTAssertFalse(b[firstGone...].contains("200 b1"), "client \(client): \(b)")
                }
                if let first404 = b.firstIndex(of: "404 no_route") {
                    XCTAssertFalse(b[first404...].contains("503 app_draining"), "client \(client): \(b)")
                }
            }
        }
        // Once B's isolates are gone, its routes are too.
        XCTAssertTrue(eventually { answer(served, "b.test") == "404 no_route" }, answer(served, "b.test"))
        XCTAssertEqual(answer(served, "c.test"), "200 c1")
        XCTAssertFalse(served.log.text.contains("reload refused"), served.log.text)
    }

    // MARK: - 2. An invalid edit keeps the running config

    /// Bad JSON, an unknown key, a missing module and a syntax error are
    /// each refused with their reason in the log, and the apps go on
    /// answering as before; a valid config after them applies.
    func testInvalidEditIsRefusedAndTheRunningConfigStays() throws {
        let dir = try makeDir()
        try put(dir, "a/index.js", Self.answering("a1"))
        try put(dir, "b/index.js", Self.answering("b1"))
        let valid = Self.config([Self.a, Self.b])
        try put(dir, "nano.json", valid)
        let served = try serve(dir)
        XCTAssertEqual(answer(served, "a.test"), "200 a1")
        XCTAssertEqual(answer(served, "b.test"), "200 b1")

        let missing = dir.appendingPathComponent("gone/index.js").path
        let cases: [(what: String, files: [(String, String)], reason: String)] = [
            ("bad JSON", [("nano.json", #"{ "listen": "127.0.0.1:0", "apps": [ { "name": "a", "#)], "invalid JSON"),
            ("an unknown key", [("nano.json", Self.config([Self.a, Self.b], extra: #", "routs": ["x.test/*"]"#))],
             #"unknown key "routs""#),
            ("a missing module",
             [("nano.json", Self.config([Self.a, Self.b, App(name: "gone", module: "gone/index.js", route: "gone.test/*")]))],
             missing),
            // A's own module broken, under the valid config.
            ("a syntax error", [("a/index.js", "export default { fetch() { return new Response(\"a1\"; } };\n"),
                                ("nano.json", valid)], "SyntaxError"),
        ]
        for (what, files, reason) in cases {
            let offset = served.log.count
            for (path, text) in files { try put(dir, path, text) }
            kill(served.pid, SIGHUP)
            let refused = served.waitForLogLine(after: offset) { $0.contains("reload refused") && $0.contains(reason) }
            XCTAssertNotNil(refused, "\(what): refused naming \(reason): \(served.log.text(from: offset))")
            XCTAssertEqual(answer(served, "a.test"), "200 a1", what)
            XCTAssertEqual(answer(served, "b.test"), "200 b1", what)
            XCTAssertEqual(answer(served, "gone.test"), "404 no_route", what)
        }

        let offset = served.log.count
        try put(dir, "a/index.js", Self.answering("a2"))
        try put(dir, "c/index.js", Self.answering("c1"))
        try put(dir, "nano.json", Self.config([Self.a, Self.b, Self.c]))
        kill(served.pid, SIGHUP)
        XCTAssertNotNil(served.waitForLogLine(after: offset) { $0.contains("nanod: reloaded") && $0.contains("added [c]") },
                        served.log.text(from: offset))
        XCTAssertEqual(answer(served, "a.test"), "200 a2")
        XCTAssertEqual(answer(served, "b.test"), "200 b1")
        XCTAssertEqual(answer(served, "c.test"), "200 c1")
    }

    // MARK: - 3. SIGHUP

    /// A module edit the poller cannot see — same size, modification time
    /// put back — applies on SIGHUP: the signal reloads by itself, without
    /// the poll.
    func testSIGHUPReloadsAtOnce() throws {
        let dir = try makeDir()
        let stamp = Date(timeIntervalSince1970: 1_700_000_000)
        try put(dir, "a/index.js", Self.answering("a1"), modified: stamp)
        try put(dir, "nano.json", Self.config([Self.a]))
        let served = try serve(dir)
        XCTAssertEqual(answer(served, "a.test"), "200 a1")

        let offset = served.log.count
        try put(dir, "a/index.js", Self.answering("a2"), modified: stamp)
        kill(served.pid, SIGHUP)
        let reloaded = served.waitForLogLine(after: offset) { $0.contains("nanod: reloaded") }
        XCTAssertNotNil(reloaded, served.log.text)
        XCTAssertTrue(reloaded?.contains("(SIGHUP)") == true, reloaded ?? "")
        XCTAssertTrue(reloaded?.contains("changed [a]") == true, reloaded ?? "")
        XCTAssertEqual(answer(served, "a.test"), "200 a2")
    }

    // MARK: - 4. The drain

    /// A slow request in flight on an app that a reload removes still gets
    /// its answer; meanwhile new requests to the app get app_draining, and
    /// once it is done, no_route.
    func testSlowRequestOnARemovedAppCompletes() throws {
        let dir = try makeDir()
        try put(dir, "a/index.js", Self.answering("a1"))
        // 3 s: long enough that the reload lands while it waits, on a busy machine.
        try put(dir, "slow/index.js", """
            export default {
              async fetch() {
                console.log("slow request started");
                await new Promise((r) => setTimeout(r, 3000));
                return new Response("slow done");
              },
            };
            """)
        let slowApp = App(name: "slow", module: "slow/index.js", route: "slow.test/*")
        try put(dir, "nano.json", Self.config([Self.a, slowApp]))
        let served = try serve(dir)

        let slow = try XCTUnwrap(RawHTTPConnection(port: served.port))
        XCTAssertTrue(slow.send("/", host: "slow.test", close: true))
        XCTAssertNotNil(served.waitForLogLine(after: 0) { $0.contains("slow request started") }, served.log.text)

        let offset = served.log.count
        try put(dir, "nano.json", Self.config([Self.a]))
        kill(served.pid, SIGHUP)
        XCTAssertNotNil(served.waitForLogLine(after: offset) { $0.contains("nanod: reloaded") && $0.contains("removed [slow]") },
                        served.log.text)
        XCTAssertEqual(answer(served, "slow.test"), "503 app_draining")
        XCTAssertEqual(answer(served, "a.test"), "200 a1")

        XCTAssertEqual(Self.describe(slow.readResponse()), "200 slow done")
        XCTAssertTrue(eventually { answer(served, "slow.test") == "404 no_route" }, answer(served, "slow.test"))
        XCTAssertEqual(answer(served, "a.test"), "200 a1")
    }
}
