import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// `nanod serve` as an operator runs it: a child process on a free port,
/// real requests, SIGTERM to stop, and its log on stderr.
final class ServeCommandTests: XCTestCase {
    func write(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nanod-serve-\(UUID().uuidString)")
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    func testServeOneModuleWithEnvAndLogs() throws {
        let dir = try write(["app.js": """
            export default {
              async fetch(request, env) {
                console.log("handling", new URL(request.url).pathname);
                await null;
                console.error("after await");
                return new Response(env.GREETING + " " + env.WHO);
              },
            };
            """])
        let served = try Served(["serve", dir.appendingPathComponent("app.js").path, "--port", "0",
                                 "--env", "GREETING=hi", "--env", "WHO=there"])
        XCTAssertGreaterThan(served.port, 0, served.banner)
        let (status, body, headers) = try served.get("/some/path")
        XCTAssertEqual(status, 200)
        XCTAssertEqual(body, "hi there")
        let requestID = try XCTUnwrap(headers["x-request-id"])
        let (exit, log) = served.stop()
        XCTAssertEqual(exit, 0, log)
        let lines = log.split(separator: "\n").map(String.init)
        let access = lines.filter { $0.contains("GET /some/path 200") }
        XCTAssertEqual(access.count, 1, log)
        XCTAssertTrue(access[0].contains("request_id=\(requestID)"), access[0])
        XCTAssertTrue(access[0].contains("app=app"), access[0])
        XCTAssertTrue(access[0].contains("bytes=8"), access[0])
        XCTAssertTrue(access[0].contains("duration_ms="), access[0])
        let console = lines.filter { $0.contains("handling /some/path") }
        XCTAssertEqual(console.count, 1, log)
        XCTAssertTrue(console[0].contains("request_id=\(requestID)"), console[0])
        let afterAwait = lines.filter { $0.contains("after await") }
        XCTAssertTrue(afterAwait.first?.contains("request_id=\(requestID)") == true, "the request id follows the await: \(log)")
        XCTAssertTrue(afterAwait.first?.contains("error") == true, log)
    }

    /// `--log-format json`: every line is a JSON object with the fixed
    /// fields, the access line and the app's console line carry the app and
    /// the request id, and a message with quotes and newlines survives.
    func testJSONLogLines() throws {
        let dir = try write(["app.js": """
            export default {
              fetch(request) {
                console.log('said "hi"\\nand more');
                return new Response("ok");
              },
            };
            """])
        let served = try Served(["serve", dir.appendingPathComponent("app.js").path, "--port", "0", "--log-format", "json"])
        let (status, _, headers) = try served.get("/json")
        XCTAssertEqual(status, 200)
        let requestID = try XCTUnwrap(headers["x-request-id"])
        let (exit, log) = served.stop()
        XCTAssertEqual(exit, 0, log)
        var objects: [[String: Any]] = []
        for line in log.split(separator: "\n") where line.hasPrefix("{") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let parsed = try XCTUnwrap(object, String(line))
            for key in ["ts", "level", "logger", "msg"] { XCTAssertNotNil(parsed[key], "\(key) in \(line)") }
            objects.append(parsed)
        }
        let access = objects.filter { ($0["msg"] as? String) == "GET /json 200" }
        XCTAssertEqual(access.count, 1, log)
        XCTAssertEqual(access.first?["request_id"] as? String, requestID)
        XCTAssertEqual(access.first?["app"] as? String, "app")
        XCTAssertEqual(access.first?["status"] as? Int, 200)
        let console = objects.filter { ($0["msg"] as? String)?.hasPrefix("said") == true }
        XCTAssertEqual(console.first?["msg"] as? String, "said \"hi\"\nand more", log)
        XCTAssertEqual(console.first?["request_id"] as? String, requestID)
        XCTAssertEqual(console.first?["level"] as? String, "info")
    }

    func testUnknownLogFormatIsRefused() throws {
        let process = Process()
        process.executableURL = RunCommandTests.nanod
        process.arguments = ["serve", "app.js", "--log-format", "xml"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        XCTAssertNotEqual(process.terminationStatus, 0)
        XCTAssertTrue(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("--log-format xml"))
    }

    /// One request over its own socket: the response's status line and body.
    static func rawRequest(port: Int, _ path: String, host: String = "x") -> (fd: Int32, send: () -> Bool, read: () -> String) {
        let socket = connectLoopback(port: port, timeoutSeconds: 20)
        let fd = socket ?? -1
        let connected = socket != nil
        let request = Array("GET \(path) HTTP/1.1\r\nhost: \(host)\r\nconnection: close\r\n\r\n".utf8)
        return (fd, {
            connected && request.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, request.count, 0) } == request.count
        }, {
            var all: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 4096, 0) }
                if n <= 0 { break }
                all += buffer[0..<n]
            }
            close(fd)
            return String(decoding: all, as: UTF8.self)
        })
    }

    /// SIGTERM while 100 slow requests are in flight: every one is answered
    /// (with `connection: close`), then the process exits 0.
    func testSIGTERMDrainsInFlightRequestsThenExitsZero() throws {
        let dir = try write(["app.js": """
            export default {
              async fetch() {
                await new Promise((r) => setTimeout(r, 1000));
                return new Response("finished");
              },
            };
            """])
        let served = try Served(["serve", dir.appendingPathComponent("app.js").path, "--port", "0", "--threads", "2"])
        XCTAssertGreaterThan(served.port, 0, served.banner)
        let requests = (0..<100).map { _ in Self.rawRequest(port: served.port, "/slow") }
        for r in requests { XCTAssertTrue(r.send()) }
        usleep(300_000)
        served.process.terminate()  // SIGTERM, requests still in flight
        let answers = requests.map { $0.read() }
        served.process.waitUntilExit()
        let log = served.collectedLog()
        XCTAssertEqual(served.process.terminationStatus, 0, log)
        XCTAssertEqual(answers.filter { $0.hasPrefix("HTTP/1.1 200") && $0.hasSuffix("finished") }.count, 100,
                       answers.first { !$0.hasSuffix("finished") } ?? "")
        XCTAssertTrue(answers.allSatisfy { $0.contains("connection: close") })
        XCTAssertTrue(log.contains("draining"), log)
    }

    func testASecondSignalExitsAtOnce() throws {
        let dir = try write(["app.js": """
            export default { async fetch() { await new Promise((r) => setTimeout(r, 60000)); return new Response("late"); } };
            """])
        let served = try Served(["serve", dir.appendingPathComponent("app.js").path, "--port", "0"])
        let request = Self.rawRequest(port: served.port, "/")
        XCTAssertTrue(request.send())
        usleep(200_000)
        served.process.terminate()
        usleep(200_000)
        XCTAssertTrue(served.process.isRunning, "still draining the 60 s request")
        served.process.terminate()
        served.process.waitUntilExit()
        XCTAssertEqual(served.process.terminationStatus, 1)
        close(request.fd)
    }

    func testUncaughtErrorStackGoesToTheLogNotTheClient() throws {
        let dir = try write(["app.js": "export default { fetch() { throw new TypeError('kaputt') } };\n"])
        let served = try Served(["serve", dir.appendingPathComponent("app.js").path, "--port", "0"])
        let (status, body, _) = try served.get("/")
        XCTAssertEqual(status, 500)
        XCTAssertFalse(body.contains("kaputt"))
        let (_, log) = served.stop()
        XCTAssertTrue(log.contains("TypeError: kaputt"), log)
        XCTAssertTrue(log.contains("app.js:1:"), log)
    }

    func testServeWithConfigFile() throws {
        let dir = try write([
            "nano.json": #"{ "listen": "127.0.0.1:0", "apps": [ { "name": "one", "module": "one/index.js", "routes": ["*/*"], "env": {"N": "1"} } ] }"#,
            "one/index.js": "export default { fetch: (r, env) => new Response('one ' + env.N) };",
        ])
        let served = try Served(["serve", "--config", dir.appendingPathComponent("nano.json").path])
        XCTAssertTrue(served.banner.contains("one: */*"), served.banner)
        XCTAssertEqual(try served.get("/").1, "one 1")
        XCTAssertEqual(served.stop().status, 0)
    }

    func testBadConfigIsOneLineAndExitOne() throws {
        let dir = try write(["nano.json": #"{ "apps": [ { "name": "x", "module": "x.js", "routs": [] } ] }"#])
        let r = try runNanod(["serve", "--config", dir.appendingPathComponent("nano.json").path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("error: "), r.stderr)
        XCTAssertTrue(r.stderr.contains("unknown key \"routs\""), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
    }
}

