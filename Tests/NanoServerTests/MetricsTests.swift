import Foundation
import NanoServer
import XCTest

/// GET /metrics on the admin listener: Prometheus text an operator's
/// scraper reads — requests by app and status, latency, CPU, limit kills,
/// isolates, heap, in-flight requests, drains.
final class MetricsTests: XCTestCase {
    func start(configure: @escaping @Sendable (inout AppConfig) -> Void = { _ in }) throws -> (TestServer, AdminClient) {
        let admin = AdminConfig(listen: ListenAddress(host: "127.0.0.1", port: 0), token: AdminClient.token,
                                dataDir: temporaryDataDir(self))
        let apps = [
            (name: "hello", files: ["index.js": """
                export default { fetch(request) {
                  if (new URL(request.url).pathname === "/hello/boom") throw new Error("boom");
                  return new Response("hi");
                } };
                """], routes: ["*/hello/*"], env: [(String, String)]()),
            (name: "spin", files: ["index.js": "export default { fetch() { for (;;) {} } };"],
             routes: ["*/spin/*"], env: [(String, String)]()),
        ]
        let server = try sync { try await TestServer(apps: apps, admin: admin, configure: configure) }
        return (server, AdminClient(port: try XCTUnwrap(server.server.adminAddress).port))
    }

    /// The value of one series ("name{labels}") in the text, if it is there.
    func value(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    func testRequestsLatencyCPUKillsAndIsolatesAreCounted() throws {
        let (server, admin) = try start { config in
            if config.name == "spin" { config.cpuMs = 50 }
        }
        for _ in 0..<3 { XCTAssertEqual(try server.get("/hello/x").status, 200) }
        XCTAssertEqual(try server.get("/hello/boom").status, 500)
        XCTAssertEqual(try server.get("/spin/x").status, 503)
        XCTAssertEqual(try server.get("/nowhere").status, 404)

        let response = try admin.call("GET", "/metrics")
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertTrue(response.header("content-type")?.hasPrefix("text/plain") == true)
        let text = response.text
        XCTAssertEqual(value(text, #"nano_requests_total{app="hello",status="200"}"#), 3, text)
        XCTAssertEqual(value(text, #"nano_requests_total{app="hello",status="500"}"#), 1, text)
        XCTAssertEqual(value(text, #"nano_requests_total{app="spin",status="503"}"#), 1, text)
        XCTAssertEqual(value(text, #"nano_request_duration_seconds_count{app="hello"}"#), 4, text)
        XCTAssertGreaterThan(value(text, #"nano_cpu_seconds_total{app="hello"}"#) ?? 0, 0, text)
        XCTAssertGreaterThanOrEqual(value(text, #"nano_cpu_seconds_total{app="spin"}"#) ?? 0, 0.05, "the spin ran to its 50 ms")
        XCTAssertEqual(value(text, #"nano_limit_kills_total{kind="exceeded_cpu"}"#), 1, text)
        XCTAssertNotNil(value(text, #"nano_heap_bytes{app="hello"}"#), text)
        XCTAssertEqual(value(text, #"nano_in_flight_requests{app="hello"}"#), 0, text)
        XCTAssertNotNil(value(text, "nano_isolates"), text)
        XCTAssertEqual(value(text, "nano_drains_total"), 0, text)
        XCTAssertEqual(value(text, "nano_memory_reductions_total"), 0, "no isolate has been idle for long: \(text)")
        XCTAssertTrue(text.contains("# TYPE nano_request_duration_seconds histogram"), text)

        // Counters only go up, and a second read does not count twice.
        XCTAssertEqual(try server.get("/hello/x").status, 200)
        let again = try admin.call("GET", "/metrics").text
        XCTAssertEqual(value(again, #"nano_requests_total{app="hello",status="200"}"#), 4, again)

        // A deploy that replaces nothing drains nothing; a delete drains.
        XCTAssertEqual(try admin.deploy("extra", answering: "x", routes: ["*/extra/*"]).status, 201)
        XCTAssertEqual(try server.get("/extra/").status, 200)
        XCTAssertEqual(try admin.call("DELETE", "/admin/apps/extra").status, 200)
        let drained = try admin.call("GET", "/metrics").text
        XCTAssertEqual(value(drained, "nano_drains_total"), 1, drained)
        try sync { try await server.stop() }
    }

    func testMetricsNeedTheToken() throws {
        let (server, admin) = try start()
        XCTAssertEqual(try admin.call("GET", "/metrics", authorization: .some(nil)).status, 401)
        XCTAssertEqual(try admin.call("POST", "/metrics").status, 405)
        try sync { try await server.stop() }
    }
}
