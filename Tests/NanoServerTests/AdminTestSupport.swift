import Foundation
import NanoServer
import XCTest

/// The admin API of a TestServer, called as an operator would (real
/// sockets, JSON bodies, a bearer token).
struct AdminClient: Sendable {
    static let token = "test-admin-token-0123456789"

    let port: Int
    var token: String? = AdminClient.token

    /// One admin call. `authorization` replaces the header (nil: none).
    func call(_ method: String, _ path: String, json: [String: Any]? = nil, raw: String? = nil,
              authorization: String?? = .none) throws -> RawHTTPConnection.Response {
        var body: [UInt8] = []
        if let json { body = Array(try JSONSerialization.data(withJSONObject: json)) }
        if let raw { body = Array(raw.utf8) }
        var headers: [(String, String)] = []
        let header: String? = authorization ?? token.map { "Bearer \($0)" }
        if let header { headers.append(("authorization", header)) }
        return try RawHTTPConnection.request(port: port, method, path, headers: headers, body: body)
    }

    /// PUT /admin/apps/{name} with one module answering `text`.
    func deploy(_ name: String, answering text: String, routes: [String], extra: [String: Any] = [:]) throws
        -> RawHTTPConnection.Response {
        try deploy(name, modules: ["index.js": "export default { fetch: () => new Response(\(quoted(text))) };"],
                   routes: routes, extra: extra)
    }

    func deploy(_ name: String, modules: [String: String], routes: [String], extra: [String: Any] = [:]) throws
        -> RawHTTPConnection.Response {
        // A debug build on a busy 2-core machine must not trip the 50 ms
        // default (tests about CPU limits set their own).
        var body: [String: Any] = ["modules": modules, "routes": routes, "limits": ["cpuMs": 10_000]]
        for (key, value) in extra { body[key] = value }
        return try call("PUT", "/admin/apps/\(name)", json: body)
    }

    func quoted(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
    }
}

/// Runs async server code from a synchronous test and waits for it. The
/// admin tests are synchronous so their blocking sockets never hold one of
/// Swift's cooperative threads, which the admin endpoints run on (a 2-core
/// machine has two).
func sync<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

/// Sendable: written once by the task before it signals, read after the wait.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}

/// Requests sent as fast as `threads` threads can, each on its own
/// connection, until `stop()`: what every one of them got back.
final class LoadGenerator: @unchecked Sendable {
    // Sendable: `outcomes` and `running` are only touched with `lock` held;
    // `port`, `paths` are immutable.
    struct Outcome {
        let path: String
        let status: Int  // 0: the request failed (connection refused, reset, no answer)
        let body: String
    }

    private let lock = NSLock()
    private var outcomes: [Outcome] = []
    private var running = true
    private let done = DispatchGroup()
    let port: Int
    let paths: [String]

    init(port: Int, paths: [String], threads: Int) {
        self.port = port
        self.paths = paths
        for index in 0..<threads {
            done.enter()
            let thread = Thread { [self] in
                var n = index
                while lock.withLock({ running }) {
                    let path = paths[n % paths.count]
                    n += 1
                    let outcome: Outcome
                    do {
                        let response = try RawHTTPConnection.request(port: port, "GET", path)
                        outcome = Outcome(path: path, status: response.status, body: response.text)
                    } catch {
                        outcome = Outcome(path: path, status: 0, body: "\(error)")
                    }
                    lock.withLock { outcomes.append(outcome) }
                }
                done.leave()
            }
            thread.start()
        }
    }

    /// How many requests have been answered so far.
    var count: Int { lock.withLock { outcomes.count } }

    /// Waits until at least `n` more requests have been answered.
    func waitFor(_ n: Int) {
        let target = count + n
        while count < target { usleep(2000) }
    }

    func stop() -> [Outcome] {
        lock.withLock { running = false }
        done.wait()
        return lock.withLock { outcomes }
    }
}

extension RawHTTPConnection.Response {
    var errorCode: String? { (json?["error"] as? [String: Any])?["code"] as? String }
}

/// A fresh, empty data folder for one test.
func temporaryDataDir(_ test: XCTestCase) -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nano-data-\(UUID().uuidString)")
    test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    return dir
}
