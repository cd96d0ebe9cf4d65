import NanoServer
import XCTest

/// Isolates do not live forever: an idle one is disposed, and past the
/// process's cap the least recently used idle one makes room. An evicted app
/// is not lost: its next request starts it again, with fresh globals — which
/// is how these tests see an eviction (a module-level counter restarts).
final class IsolateEvictionTests: XCTestCase {
    static let counter = """
        let count = 0;
        export default { fetch() { count += 1; return new Response(String(count)); } };
        """

    func body(_ server: TestServer, host: String) throws -> String {
        let response = try server.get("/", host: host)
        XCTAssertEqual(response.status, 200, response.text)
        return response.text
    }

    func testAnIdleIsolateIsEvictedAndTheAppStartsAgainOnItsNextRequest() async throws {
        var limits = IsolateLimits()
        limits.idleSeconds = 1
        let server = try await TestServer(module: Self.counter, isolates: limits)
        XCTAssertEqual(try body(server, host: "a"), "1")
        XCTAssertEqual(try body(server, host: "a"), "2", "the same isolate while it is in use")
        var live = await server.server.isolateStatistics().live.count
        XCTAssertEqual(live, 1)
        // Idle for over a second: the sweep (every 0.25 s here) disposes it.
        let deadline = Date().addingTimeInterval(20)
        while live > 0 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(200))
            live = await server.server.isolateStatistics().live.count
        }
        XCTAssertEqual(live, 0, "the idle isolate was evicted")
        XCTAssertEqual(try body(server, host: "a"), "1", "a fresh isolate")
        try await server.stop()
    }

    /// An isolate idle for a quarter of the idle time (here 1 of 4 s) gives
    /// back the heap it grew while busy, and stays: the app keeps its state.
    func testAnIdleIsolateGivesBackItsGrownHeapAndKeepsItsState() async throws {
        var limits = IsolateLimits()
        limits.idleSeconds = 4
        let churn = """
            let count = 0;
            export default { fetch() {
              count += 1;
              // Short-lived garbage: the young generation grows to hold it.
              let keep = 0;
              for (let i = 0; i < 300; i++) keep += new Array(2000).fill(i).length;
              return new Response(String(count));
            } };
            """
        let server = try await TestServer(module: churn, isolates: limits)
        addTeardownBlock { try await server.stop() }
        for n in 1...5 { XCTAssertEqual(try body(server, host: "a"), String(n)) }
        let before = await server.server.isolateStatistics().live.first
        let grown = try XCTUnwrap(before).heapTotal
        var now = grown
        let deadline = Date().addingTimeInterval(3.5)  // before it would be evicted
        while now > grown * 3 / 4 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            let live = await server.server.isolateStatistics().live.first
            now = try XCTUnwrap(live, "evicted before it shrank").heapTotal
        }
        XCTAssertLessThanOrEqual(now, grown * 3 / 4, "the heap it grew (\(grown) bytes) was given back (now \(now))")
        XCTAssertEqual(try body(server, host: "a"), "6", "the same isolate, its state kept")
    }

    func testPastTheCapTheLeastRecentlyUsedIsolateMakesRoom() async throws {
        var limits = IsolateLimits()
        limits.maxLive = 2
        let apps = ["a", "b", "c"].map { (name: $0, files: ["index.js": Self.counter], routes: ["\($0).test/*"], env: [(String, String)]()) }
        let server = try await TestServer(apps: apps, isolates: limits)
        XCTAssertEqual(try body(server, host: "a.test"), "1")
        XCTAssertEqual(try body(server, host: "b.test"), "1")
        XCTAssertEqual(try body(server, host: "a.test"), "2", "a is now the most recently used")
        XCTAssertEqual(try body(server, host: "c.test"), "1", "c takes b's place (b was used least recently)")
        let live = await server.server.isolateStatistics().live.map(\.app).sorted()
        XCTAssertEqual(live, ["a", "c"])
        XCTAssertEqual(try body(server, host: "a.test"), "3", "a kept its isolate")
        XCTAssertEqual(try body(server, host: "b.test"), "1", "b starts again (and c, least recent now, goes)")
        let after = await server.server.isolateStatistics().live.map(\.app).sorted()
        XCTAssertEqual(after, ["a", "b"])
        try await server.stop()
    }

    /// An isolate with a request in flight is never evicted: the cap is
    /// exceeded until it is done.
    func testABusyIsolateIsNotEvicted() async throws {
        var limits = IsolateLimits()
        limits.maxLive = 1
        let slow = """
            export default { async fetch() { await new Promise((r) => setTimeout(r, 700)); return new Response("slow done"); } };
            """
        let apps = [(name: "slow", files: ["index.js": slow], routes: ["slow.test/*"], env: [(String, String)]()),
                    (name: "fast", files: ["index.js": Self.counter], routes: ["fast.test/*"], env: [(String, String)]())]
        let server = try await TestServer(apps: apps, isolates: limits)
        let port = server.port
        let slowAnswer = Task.detached { try RawHTTPConnection.request(port: port, "GET", "/", host: "slow.test") }
        try await Task.sleep(for: .milliseconds(200))
        XCTAssertEqual(try body(server, host: "fast.test"), "1")
        let answer = try await slowAnswer.value
        XCTAssertEqual(answer.status, 200)
        XCTAssertEqual(answer.text, "slow done")
        try await server.stop()
    }

    /// Over the memory cap (heap and ArrayBuffers of every isolate), the
    /// least recently used idle isolates go until the rest fit.
    func testOverTheMemoryCapTheLeastRecentlyUsedIsolateGoes() async throws {
        var limits = IsolateLimits()
        limits.maxMemoryBytes = 16 * 1024 * 1024
        limits.idleSeconds = 2  // the sweep runs every 0.5 s
        let big = """
            const kept = new Uint8Array(10 * 1024 * 1024).fill(1);
            let count = 0;
            export default { fetch() { count += 1; return new Response(String(count + kept[0] - 1)); } };
            """
        let apps = ["a", "b"].map { (name: $0, files: ["index.js": big], routes: ["\($0).test/*"], env: [(String, String)]()) }
        let server = try await TestServer(apps: apps, isolates: limits)
        XCTAssertEqual(try body(server, host: "a.test"), "1")
        XCTAssertEqual(try body(server, host: "b.test"), "1")
        var live = await server.server.isolateStatistics().live.map(\.app)
        let deadline = Date().addingTimeInterval(20)
        while live.count > 1 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            live = await server.server.isolateStatistics().live.map(\.app)
        }
        XCTAssertEqual(live, ["b"], "a, the least recently used, went to bring 20 MB under 16 MB")
        XCTAssertEqual(try body(server, host: "b.test"), "2")
        try await server.stop()
    }

    func testIsolateLimitsInTheConfig() throws {
        let json = """
            { "limits": { "idleIsolateSeconds": 60, "maxIsolates": 500, "maxIsolatesMemoryMB": 1024 }, "apps": [] }
            """
        let config = try ServerConfig.parse(Data(json.utf8), relativeTo: URL(fileURLWithPath: "/tmp"))
        XCTAssertEqual(config.isolates.idleSeconds, 60)
        XCTAssertEqual(config.isolates.maxLive, 500)
        XCTAssertEqual(config.isolates.maxMemoryBytes, 1024 * 1024 * 1024)
        for bad in [#"{"limits": {"maxIsolates": 0}, "apps": []}"#, #"{"limits": {"idleIsolateSeconds": "x"}, "apps": []}"#] {
            XCTAssertThrowsError(try ServerConfig.parse(Data(bad.utf8), relativeTo: URL(fileURLWithPath: "/tmp"))) { error in
                XCTAssertTrue("\(error)".contains("maxIsolates") || "\(error)".contains("idleIsolateSeconds"), "\(error)")
            }
        }
    }
}
