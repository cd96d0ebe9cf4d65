import Foundation
import XCTest

/// Deployments through the admin API survive restarts — including a
/// SIGKILL in the middle of a deploy — with `nanod serve` as a real child
/// process.
final class AdminPersistenceTests: XCTestCase {
    static let token = "persistence-test-token-0123456789"

    /// `nanod serve --config` with the admin API on a free port.
    final class Nanod {
        let process = Process()
        let stdout = Pipe()
        let stderr = Pipe()
        let log = LogBuffer()
        var port = 0
        var adminPort = 0
        var banner = ""

        init(config: URL, token: String? = AdminPersistenceTests.token) throws {
            process.executableURL = RunCommandTests.nanod
            process.arguments = ["serve", "--config", config.path, "--threads", "2"]
            var environment = ProcessInfo.processInfo.environment
            environment["NANO_ADMIN_TOKEN"] = token
            process.environment = environment
            process.standardOutput = stdout
            process.standardError = stderr
            let log = self.log
            // Drain the log as it comes: a full pipe would block the server.
            stderr.fileHandleForReading.readabilityHandler = { handle in log.append(handle.availableData) }
            try process.run()
            let handle = stdout.fileHandleForReading
            // The banner comes in one write; with a token it names the admin API.
            while !(banner.hasSuffix("\n") && (token == nil || banner.contains("admin API: "))) {
                let data = handle.availableData
                if data.isEmpty { break }
                banner += String(decoding: data, as: UTF8.self)
            }
            func port(after marker: String) -> Int {
                guard let range = banner.range(of: marker + #"http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) else { return 0 }
                return Int(banner[range].split(separator: ":").last!) ?? 0
            }
            self.port = port(after: "on ")
            self.adminPort = port(after: "admin API: ")
        }

        func admin(_ method: String, _ path: String, json: [String: Any]? = nil) throws -> TinyHTTP.Response {
            try Self.admin(port: adminPort, method, path, json: json)
        }

        static func admin(port: Int, _ method: String, _ path: String, json: [String: Any]? = nil) throws -> TinyHTTP.Response {
            let body = try json.map { Array(try JSONSerialization.data(withJSONObject: $0)) } ?? []
            return try TinyHTTP.send(port: port, method, path, headers: ["authorization": "Bearer \(AdminPersistenceTests.token)"],
                                     body: body)
        }

        func get(_ path: String) throws -> TinyHTTP.Response { try TinyHTTP.send(port: port, "GET", path) }

        /// SIGTERM; waits for the exit.
        func stop() -> Int32 {
            process.terminate()
            process.waitUntilExit()
            return process.terminationStatus
        }

        /// SIGKILL: no drain, no cleanup, whatever it was doing.
        func kill() {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        deinit {
            if process.isRunning { kill() }
            stderr.fileHandleForReading.readabilityHandler = nil
        }
    }

    func makeConfig() throws -> (config: URL, dataDir: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nanod-admin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("cfg"), withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try Data("export default { fetch: () => new Response('cfg') };".utf8).write(to: dir.appendingPathComponent("cfg/index.js"))
        let config = dir.appendingPathComponent("nano.json")
        try Data(#"""
            { "listen": "127.0.0.1:0",
              "apps": [ { "name": "cfg", "module": "cfg/index.js", "routes": ["*/cfg/*"] } ],
              "admin": { "listen": "127.0.0.1:0" } }
            """#.utf8).write(to: config)
        return (config, dir.appendingPathComponent(".nano-data"))
    }

    func testARestartServesTheDeployedVersionAndSecretsStayOwnerOnly() throws {
        let (config, dataDir) = try makeConfig()
        let secret = "restart-secret-value-77"
        var nanod = try Nanod(config: config)
        XCTAssertGreaterThan(nanod.adminPort, 0, nanod.banner)
        for version in 1...2 {
            let response = try nanod.admin("PUT", "/admin/apps/hello", json: [
                "modules": ["index.js": "import { n } from './lib/n.js'; export default { fetch: (r, env) => new Response('hello v' + n + ' ' + (env.KEY === '\(secret)')) };",
                            "lib/n.js": "export const n = \(version);"],
                "routes": ["*/hello/*"], "secrets": ["KEY": secret], "limits": ["cpuMs": 10_000],
            ])
            XCTAssertEqual(response.status, version == 1 ? 201 : 200, response.body)
        }
        XCTAssertEqual(try nanod.get("/hello/").body, "hello v2 true")
        XCTAssertEqual(nanod.stop(), 0, nanod.log.text)
        XCTAssertFalse(nanod.log.text.contains(secret), "secrets never reach the log")

        // What is on disk: owner-only, the secret only in secrets.json.
        let version = dataDir.appendingPathComponent("apps/hello/v2")
        func mode(_ url: URL) throws -> Int { (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? -1 }
        XCTAssertEqual(try mode(version.appendingPathComponent("secrets.json")), 0o600)
        XCTAssertEqual(try mode(version), 0o700)
        XCTAssertEqual(try mode(dataDir), 0o700)
        XCTAssertFalse(try String(contentsOf: version.appendingPathComponent("deployment.json"), encoding: .utf8).contains(secret))

        nanod = try Nanod(config: config)
        XCTAssertTrue(nanod.banner.contains("hello: */hello/* (deployed, version 2)"), nanod.banner)
        XCTAssertEqual(try nanod.get("/hello/").body, "hello v2 true")
        XCTAssertEqual(try nanod.get("/cfg/").body, "cfg")
        let details = try nanod.admin("GET", "/admin/apps/hello")
        XCTAssertEqual(details.status, 200)
        XCTAssertTrue(details.body.contains(#""version":2"#), details.body)
        XCTAssertFalse(details.body.contains(secret))

        // A delete is permanent too.
        XCTAssertEqual(try nanod.admin("DELETE", "/admin/apps/hello").status, 200)
        XCTAssertEqual(nanod.stop(), 0)
        nanod = try Nanod(config: config)
        XCTAssertEqual(try nanod.get("/hello/").status, 404)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dataDir.appendingPathComponent("apps").path), [])
        XCTAssertEqual(nanod.stop(), 0)

        // Without a token: no admin API, but deployments are still served.
        nanod = try Nanod(config: config)
        XCTAssertEqual(try nanod.admin("PUT", "/admin/apps/kept", json: [
            "modules": ["index.js": "export default { fetch: () => new Response('kept') };"], "routes": ["*/kept/*"],
        ]).status, 201)
        XCTAssertEqual(nanod.stop(), 0)
        nanod = try Nanod(config: config, token: nil)
        XCTAssertFalse(nanod.banner.contains("admin API"), nanod.banner)
        XCTAssertEqual(try nanod.get("/kept/").body, "kept")
        XCTAssertEqual(nanod.stop(), 0)
    }

    func testAConfigAppNamedLikeADeploymentIsRefusedAtStart() throws {
        let (config, _) = try makeConfig()
        let nanod = try Nanod(config: config)
        XCTAssertEqual(try nanod.admin("PUT", "/admin/apps/other", json: [
            "modules": ["index.js": "export default { fetch: () => new Response('other') };"], "routes": ["*/other/*"],
        ]).status, 201)
        XCTAssertEqual(nanod.stop(), 0)
        try Data(#"""
            { "listen": "127.0.0.1:0",
              "apps": [ { "name": "other", "module": "cfg/index.js", "routes": ["*/cfg/*"] } ],
              "admin": { "listen": "127.0.0.1:0" } }
            """#.utf8).write(to: config)
        let refused = try runNanod(["serve", "--config", config.path], environment: ["NANO_ADMIN_TOKEN": Self.token])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("app \"other\" is in the config and also deployed"), refused.stderr)
    }

    /// Deploys run back to back to three apps — each version a module of
    /// about 1 MB and a dozen small ones — and the process is SIGKILLed at
    /// a different moment of a deploy in each of eight rounds (before,
    /// while and after its files are written). After each kill the data folder holds, for every
    /// app, one complete version, and the restarted server serves exactly
    /// that: the last acknowledged deploy, or the one in flight if it got
    /// far enough to be put in force — never a mix, never a partial file.
    func testSIGKILLDuringDeploysLeavesOneCompleteVersionPerApp() throws {
        let (config, dataDir) = try makeConfig()
        let apps = ["a", "b", "c"]
        let bigSize = 1 << 20
        let state = DeployState()
        var nanod = try Nanod(config: config)

        for round in 0..<8 {
            XCTAssertGreaterThan(nanod.adminPort, 0, nanod.banner)
            state.startRound()
            let adminPort = nanod.adminPort
            let deployer = Thread {
                var i = 0
                while !state.stopped {
                    let app = apps[i % apps.count]
                    i += 1
                    let k = state.begin(app)
                    let small = (0..<12).map { "lib/m\($0).js" }
                    var modules: [String: String] = ["big.js": "export const big = '\(String(repeating: "x", count: bigSize))';"]
                    for (n, path) in small.enumerated() { modules[path] = "export const n = \(n);" }
                    modules["index.js"] = small.map { "import { n as n\($0.dropFirst(5).dropLast(3)) } from './\($0)';" }.joined()
                        + "import { big } from './big.js';"
                        + "const sum = \(small.map { "n\($0.dropFirst(5).dropLast(3))" }.joined(separator: " + "));"
                        + "export default { fetch: () => new Response('\(app):\(k):' + big.length + ':' + sum) };"
                    guard let response = try? Nanod.admin(port: adminPort, "PUT", "/admin/apps/\(app)", json: [
                        "modules": modules, "routes": ["*/\(app)/*"], "limits": ["cpuMs": 10_000],
                    ]) else { break }
                    if response.status == 200 || response.status == 201 { state.acknowledge(app, k) }
                }
                state.finished()
            }
            deployer.start()
            // Let some deploys complete, then kill at a different moment of
            // the next ones each round.
            state.waitForAcknowledged(1 + round % 3)
            usleep(UInt32(round) * 35_000)
            nanod.kill()
            state.stop()

            // Straight after the kill: `current` names a complete version.
            for app in apps {
                let appDir = dataDir.appendingPathComponent("apps/\(app)")
                guard let pointer = try? String(contentsOf: appDir.appendingPathComponent("current"), encoding: .utf8) else { continue }
                let version = appDir.appendingPathComponent("v" + pointer.trimmingCharacters(in: .whitespacesAndNewlines))
                let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: version.appendingPathComponent("deployment.json"))) as? [String: Any]
                let files = manifest?["modules"] as? [String] ?? []
                XCTAssertEqual(files.count, 14, "round \(round), \(app)")
                for file in files {
                    XCTAssertTrue(FileManager.default.fileExists(atPath: version.appendingPathComponent("modules/" + file).path), file)
                }
                let big = try Data(contentsOf: version.appendingPathComponent("modules/big.js"))
                XCTAssertEqual(big.count, bigSize + "export const big = '';".utf8.count, "round \(round), \(app): big.js complete")
            }

            nanod = try Nanod(config: config)
            XCTAssertGreaterThan(nanod.port, 0, nanod.log.text)
            for app in apps {
                let response = try nanod.get("/\(app)/")
                let (acknowledged, inFlight) = state.versions(of: app)
                if response.status == 404 {
                    XCTAssertNil(acknowledged, "round \(round): \(app) was deployed (\(acknowledged ?? 0)) but is gone")
                    continue
                }
                XCTAssertEqual(response.status, 200, "round \(round), \(app): \(response.body)")
                let parts = response.body.split(separator: ":")
                XCTAssertEqual(parts.count, 4, response.body)
                guard parts.count == 4, let k = Int(parts[1]) else { continue }
                XCTAssertEqual(String(parts[0]), app)
                XCTAssertTrue(k == acknowledged || k == inFlight,
                              "round \(round), \(app): serves \(k); acknowledged \(acknowledged ?? 0), in flight \(inFlight ?? 0)")
                XCTAssertEqual(Int(parts[2]), bigSize)
                XCTAssertEqual(Int(parts[3]), 66)
                state.settle(app, k)
                // The restart cleaned up: the version in force and nothing else.
                let entries = try FileManager.default.contentsOfDirectory(atPath: dataDir.appendingPathComponent("apps/\(app)").path)
                XCTAssertEqual(entries.count, 2, "\(app): \(entries)")
                XCTAssertTrue(entries.contains("current"), "\(app): \(entries)")
            }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dataDir.appendingPathComponent("apps").path)
                .filter { !apps.contains($0) }
            XCTAssertEqual(leftovers, [], "interrupted deletes or temporary files")
        }
        XCTAssertEqual(nanod.stop(), 0)
        XCTAssertGreaterThan(state.totalAcknowledged, 5, "deploys did complete between the kills")
    }
}

/// What the deployer thread did, for the checks after a kill.
final class DeployState: @unchecked Sendable {
    // Sendable: every field is only touched with `lock` held.
    private let lock = NSLock()
    private var next = 0
    private var acknowledged: [String: Int] = [:]
    private var inFlight: [String: Int] = [:]
    private var acknowledgedThisRound = 0
    private var done = true
    private var stopping = false
    private var acknowledgedEver = 0

    var stopped: Bool { lock.withLock { stopping } }
    var totalAcknowledged: Int { lock.withLock { acknowledgedEver } }

    /// A new deploy of `app`: its number (in the module's answer).
    func begin(_ app: String) -> Int {
        lock.withLock {
            next += 1
            inFlight[app] = next
            return next
        }
    }

    func acknowledge(_ app: String, _ k: Int) {
        lock.withLock {
            acknowledged[app] = k
            inFlight[app] = nil
            acknowledgedThisRound += 1
            acknowledgedEver += 1
        }
    }

    func waitForAcknowledged(_ n: Int) {
        while lock.withLock({ acknowledgedThisRound < n && !done }) { usleep(5000) }
    }

    func finished() { lock.withLock { done = true } }

    /// Stops the deployer and waits for it (its request fails once the
    /// process is gone).
    func stop() {
        lock.withLock { stopping = true }
        while !lock.withLock({ done }) { usleep(5000) }
    }

    func versions(of app: String) -> (acknowledged: Int?, inFlight: Int?) {
        lock.withLock { (acknowledged[app], inFlight[app]) }
    }

    /// After a restart, `k` is what `app` serves: the base for the next round.
    func settle(_ app: String, _ k: Int) { lock.withLock { acknowledged[app] = k } }

    /// Before a round's deployer starts.
    func startRound() {
        lock.withLock {
            inFlight = [:]
            acknowledgedThisRound = 0
            stopping = false
            done = false
        }
    }
}

/// A tiny HTTP/1.1 client (one request per connection), enough for the
/// admin API and an app's answer.
enum TinyHTTP {
    struct Response {
        var status: Int
        var body: String
    }

    struct Failed: Error {}

    static func send(port: Int, _ method: String, _ path: String, headers: [String: String] = [:],
                     body: [UInt8] = []) throws -> Response {
        guard let fd = connectLoopback(port: port, timeoutSeconds: 60) else { throw Failed() }
        defer { close(fd) }
        var head = "\(method) \(path) HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\ncontent-length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let request = Array((head + "\r\n").utf8) + body
        var offset = 0
        while offset < request.count {
            let n = request[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failed() }
            offset += n
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 { throw Failed() }
            if n == 0 { break }
            received += chunk[0..<n]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { throw Failed() }
        let statusLine = text[..<end.lowerBound].split(separator: "\r\n").first ?? ""
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw Failed() }
        return Response(status: status, body: String(text[end.upperBound...]).trimmingCharacters(in: .newlines))
    }
}
