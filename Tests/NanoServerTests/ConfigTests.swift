import Foundation
import NanoServer
import XCTest

final class ConfigTests: XCTestCase {
    let base = URL(fileURLWithPath: "/srv/nano")

    func parse(_ json: String) throws -> ServerConfig {
        try ServerConfig.parse(Data(json.utf8), relativeTo: base, environment: [:])
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

    func testAdminSectionDefaultsAndTokenFromTheEnvironment() throws {
        let plain = try ServerConfig.parse(Data(#"{"apps": []}"#.utf8), relativeTo: base, environment: [:])
        XCTAssertEqual(plain.admin?.listen, ListenAddress(host: "127.0.0.1", port: 8081))
        XCTAssertNil(plain.admin?.token, "no token: the admin API stays off")
        XCTAssertEqual(plain.admin?.dataDir.path, "/srv/nano/.nano-data")

        let json = #"{"apps": [], "admin": {"listen": "127.0.0.1:9000", "token": "file-token-0123456789", "dataDir": "state"}}"#
        let file = try ServerConfig.parse(Data(json.utf8), relativeTo: base, environment: [:])
        XCTAssertEqual(file.admin?.listen, ListenAddress(host: "127.0.0.1", port: 9000))
        XCTAssertEqual(file.admin?.token, "file-token-0123456789")
        XCTAssertEqual(file.admin?.dataDir.path, "/srv/nano/state")
        let environment = try ServerConfig.parse(Data(json.utf8), relativeTo: base,
                                                 environment: ["NANO_ADMIN_TOKEN": "env-token-0123456789"])
        XCTAssertEqual(environment.admin?.token, "env-token-0123456789", "the environment wins over the file")
        let onlyEnvironment = try ServerConfig.parse(Data(#"{"apps": []}"#.utf8), relativeTo: base,
                                                     environment: ["NANO_ADMIN_TOKEN": "env-token-0123456789"])
        XCTAssertEqual(onlyEnvironment.admin?.token, "env-token-0123456789")
    }

    func testBadAdminSectionsSayWhatIsWrong() {
        let cases: [(String, [String: String], String)] = [
            (#"{"apps": [], "admin": {"tokn": "x"}}"#, [:], "unknown key \"tokn\""),
            (#"{"apps": [], "admin": {"listen": "nope"}}"#, [:], "expected HOST:PORT"),
            (#"{"apps": [], "admin": {"token": "short-secret"}}"#, [:], "admin.token is too short"),
            (#"{"apps": []}"#, ["NANO_ADMIN_TOKEN": "short-secret"], "NANO_ADMIN_TOKEN is too short"),
            (#"{"apps": [], "admin": {"token": "has a space in the token"}}"#, [:], "without spaces"),
            (#"{"apps": [], "admin": {"dataDir": ""}}"#, [:], "admin.dataDir must not be empty"),
            (#"{"apps": [], "admin": []}"#, [:], "admin must be a JSON object"),
        ]
        for (json, environment, expected) in cases {
            XCTAssertThrowsError(try ServerConfig.parse(Data(json.utf8), relativeTo: base, environment: environment), json) {
                XCTAssertTrue("\($0)".contains(expected), "\(json): \($0)")
                XCTAssertFalse("\($0)".contains("short-secret"), "a token is never quoted")
            }
        }
    }

    func testMissingFileIsNamed() {
        XCTAssertThrowsError(try ServerConfig.load(path: "/nonexistent/nano.json")) {
            XCTAssertTrue("\($0)".contains("/nonexistent/nano.json"), "\($0)")
        }
    }
}
