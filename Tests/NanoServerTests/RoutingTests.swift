import NanoServer
import XCTest

final class RoutingTests: XCTestCase {
    func router(_ routes: [(String, String)]) throws -> Router<String> {
        Router(try routes.map { (try RoutePattern(parsing: $0.0), $0.1) })
    }

    func testExactHostBeatsWildcardBeatsAnyHost() throws {
        let r = try router([("*/*", "any"), ("*.example.org/*", "wild"), ("www.example.org/*", "exact")])
        XCTAssertEqual(r.route(host: "www.example.org", path: "/x"), "exact")
        XCTAssertEqual(r.route(host: "api.example.org", path: "/x"), "wild")
        XCTAssertEqual(r.route(host: "a.b.example.org", path: "/x"), "wild")
        XCTAssertEqual(r.route(host: "example.org", path: "/x"), "any", "*.domain matches subdomains only")
        XCTAssertEqual(r.route(host: "other.net", path: "/"), "any")
    }

    func testLongerPathBeatsShorterAndExactBeatsPrefix() throws {
        let r = try router([("*/*", "root"), ("*/api/*", "api"), ("*/api/v2/*", "v2"), ("*/api/v2/health", "health")])
        XCTAssertEqual(r.route(host: "h", path: "/api/v2/health"), "health")
        XCTAssertEqual(r.route(host: "h", path: "/api/v2/users"), "v2")
        XCTAssertEqual(r.route(host: "h", path: "/api/x"), "api")
        XCTAssertEqual(r.route(host: "h", path: "/api"), "root", "the prefix /api/ does not match /api")
        XCTAssertEqual(r.route(host: "h", path: "/"), "root")
    }

    func testHostIsMoreSpecificThanPath() throws {
        let r = try router([("*/api/long/path/*", "path"), ("hello.example.com/*", "host")])
        XCTAssertEqual(r.route(host: "hello.example.com", path: "/api/long/path/x"), "host")
        XCTAssertEqual(r.route(host: "other.example.com", path: "/api/long/path/x"), "path")
    }

    func testNoMatch() throws {
        let r = try router([("hello.example.com/*", "a"), ("*/exact", "b")])
        XCTAssertNil(r.route(host: "nope.example.com", path: "/exactly"))
        XCTAssertEqual(r.route(host: "nope.example.com", path: "/exact"), "b")
    }

    func testHostHeaderNormalisation() {
        XCTAssertEqual(Router<String>.normalizeHost("Example.COM:8080"), "example.com")
        XCTAssertEqual(Router<String>.normalizeHost("[::1]:8080"), "[::1]")
        XCTAssertEqual(Router<String>.normalizeHost("localhost"), "localhost")
    }

    func testBadRoutesAreRejectedWithTheReason() {
        for (route, reason) in [("example.com", "expected HOST/PATH"), ("*/a*b", "may only end the path"),
                                ("/x", "the host must be"), ("ex ample.com/*", "the host must be"), ("*.bad host/*", "not a host name")] {
            XCTAssertThrowsError(try RoutePattern(parsing: route), route) { error in
                XCTAssertTrue("\(error)".contains(reason), "\(route): \(error)")
                XCTAssertTrue("\(error)".contains(route), "\(route): \(error)")
            }
        }
    }
}
