import Foundation
import NanoServer
import XCTest

final class ConfigTests: XCTestCase {
    let base = URL(fileURLWithPath: "/srv/nano")

    func parse(_ json: String) throws -> ServerConfig {
        try ServerConfig.parse(Data(json.utf8), relativeTo: base)
    }

    func testTheDocumentedExampleParses() throws {
        let config = try parse("""
            { "listen": "127.0.0.1:8080",
              "apps": [ { "name": "hello", "module": "hello/index.js",
                          "routes": ["hello.example.com/*", "*.example.org/*", "*/api/*"],
                          "env": { "GREETING": "hi" },
                          "limits": { "memoryMB": 128, "cpuMs": 50, "waitUntilMs": 5000 } } ] }
            """)
        XCTAssertEqual(config.listen, ListenAddress(host: "127.0.0.1", port: 8080))
        XCTAssertEqual(config.apps.count, 1)
        let app = config.apps[0]
        XCTAssertEqual(app.name, "hello")
        XCTAssertEqual(app.module.path, "/srv/nano/hello/index.js")
        XCTAssertEqual(app.routes.map(\.description), ["hello.example.com/*", "*.example.org/*", "*/api/*"])
        XCTAssertEqual(app.env.map(\.name), ["GREETING"])
        XCTAssertEqual(app.env.map(\.value), ["hi"])
        XCTAssertEqual(app.memoryMB, 128)
        XCTAssertEqual(app.cpuMs, 50)
        XCTAssertEqual(app.waitUntilMs, 5000)
        XCTAssertEqual(config.http.maxBodyBytes, 100 * 1024 * 1024)
    }

    func testUnknownKeysAreNamed() {
        XCTAssertThrowsError(try parse(#"{"apps": [], "listn": "x"}"#)) { XCTAssertTrue("\($0)".contains("\"listn\""), "\($0)") }
        XCTAssertThrowsError(try parse(#"{"apps": [{"name": "a", "module": "a.js", "rotes": []}]}"#)) {
            XCTAssertTrue("\($0)".contains("apps[0]: unknown key \"rotes\""), "\($0)")
        }
        XCTAssertThrowsError(try parse(#"{"apps": [{"name": "a", "module": "a.js", "limits": {"memoryMb": 1}}]}"#)) {
            XCTAssertTrue("\($0)".contains("\"memoryMb\""), "\($0)")
        }
    }

    func testBadValuesSayWhatIsWrong() {
        let cases: [(String, String)] = [
            (#"{"apps": "x"}"#, "apps must be a list"),
            ("{", "invalid JSON"),
            (#"{"listen": "nope", "apps": []}"#, "expected HOST:PORT"),
            (#"{"listen": "1.2.3.4:99999", "apps": []}"#, "port from 0 to 65535"),
            (#"{"apps": [{"module": "a.js"}]}"#, "apps[0].name is required"),
            (#"{"apps": [{"name": "a"}]}"#, "\"module\" is required"),
            (#"{"apps": [{"name": "a", "module": "a.js"}, {"name": "a", "module": "b.js"}]}"#, "used twice"),
            (#"{"apps": [{"name": "a", "module": "a.js", "routes": ["*/*"]}, {"name": "b", "module": "b.js", "routes": ["*/*"]}]}"#,
             "already routed to app \"a\""),
            (#"{"apps": [{"name": "a", "module": "a.js", "env": {"N": 1}}]}"#, "env.N must be a string"),
            (#"{"apps": [{"name": "a", "module": "a.js", "limits": {"memoryMB": true}}]}"#, "memoryMB must be a whole number"),
            (#"{"apps": [{"name": "a", "module": "a.js", "routes": ["nopath"]}]}"#, "expected HOST/PATH"),
            (#"{"apps": [{"name": "a", "module": "a.js", "limits": {"waitUntilMs": 0}}]}"#, "waitUntilMs"),
            (#"{"apps": [{"name": "a b", "module": "a.js"}]}"#, "apps[0].name is required"),
        ]
        for (json, expected) in cases {
            XCTAssertThrowsError(try parse(json), json) { XCTAssertTrue("\($0)".contains(expected), "\(json): \($0)") }
        }
    }

    func testEnvAndSecretsAreLimitedAndNeverQuoted() throws {
        let many = (0..<65).map { "\"V\($0)\": \"x\"" }.joined(separator: ", ")
        XCTAssertThrowsError(try parse(#"{"apps": [{"name": "a", "module": "a.js", "env": {\#(many)}}]}"#)) {
            XCTAssertTrue("\($0)".contains("65 env vars and secrets, more than the 64"), "\($0)")
        }
        let big = String(repeating: "s", count: 6000)
        XCTAssertThrowsError(try parse(#"{"apps": [{"name": "a", "module": "a.js", "secrets": {"KEY": "\#(big)"}}]}"#)) {
            XCTAssertTrue("\($0)".contains("secrets.KEY is 6000 bytes, more than the 5 KB"), "\($0)")
            XCTAssertFalse("\($0)".contains("sss"), "a value is never quoted")
        }
        XCTAssertThrowsError(try parse(#"{"apps": [{"name": "a", "module": "a.js", "env": {"K": "1"}, "secrets": {"K": "2"}}]}"#)) {
            XCTAssertTrue("\($0)".contains("\"K\" is in both env and secrets"), "\($0)")
        }
        XCTAssertThrowsError(try parse(#"{"apps": [{"name": "a", "module": "a.js", "allowEval": "yes"}]}"#)) {
            XCTAssertTrue("\($0)".contains("allowEval must be true or false"), "\($0)")
        }
        let config = try parse(#"""
            {"limits": {"maxEnvVars": 2, "maxEnvVarKB": 8},
             "apps": [{"name": "a", "module": "a.js", "env": {"A": "1"}, "secrets": {"S": "\#(big)"},
                       "allowEval": true, "allowWasm": true}]}
            """#)
        XCTAssertEqual(config.apps[0].secrets.map(\.name), ["S"])
        XCTAssertTrue(config.apps[0].allowEval)
        XCTAssertTrue(config.apps[0].limits.allowWasm)
    }

    func testMissingFileIsNamed() {
        XCTAssertThrowsError(try ServerConfig.load(path: "/nonexistent/nano.json")) {
            XCTAssertTrue("\($0)".contains("/nonexistent/nano.json"), "\($0)")
        }
    }
}
