import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// `nanod serve` as a child process: its banner read for the port, its log
/// (stderr) drained as it comes — a full pipe would block the server.
final class Served: @unchecked Sendable {
    // Sendable: the reader thread only touches `log` (locked); the rest is
    // used from the test's thread.
    let process = Process()
    let stdout = Pipe()
    let stderr = Pipe()
    let log = LogBuffer()
    var port = 0
    var banner = ""

    /// A test that forgot to stop its child must not leak the pipe's reader
    /// (the handler keeps the dispatch source, and the log, alive).
    deinit { stderr.fileHandleForReading.readabilityHandler = nil }

    init(_ arguments: [String]) throws {
        process.executableURL = RunCommandTests.nanod
        process.arguments = arguments
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // The banner's first line names the address: "... on http://127.0.0.1:PORT with ..."
        var text = ""
        let handle = stdout.fileHandleForReading
        while !text.contains("\n") {
            let data = handle.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        banner = text
        // Drain the log as it comes: a full pipe would block the server.
        let log = self.log
        stderr.fileHandleForReading.readabilityHandler = { handle in log.append(handle.availableData) }
        if let range = text.range(of: #"http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
            port = Int(text[range].split(separator: ":").last!) ?? 0
        }
    }

    var pid: pid_t { process.processIdentifier }

    func get(_ path: String, host: String = "localhost") throws -> (Int, String, [String: String]) {
        let url = URL(string: "http://127.0.0.1:\(port)\(path)")!
        var request = URLRequest(url: url)
        request.setValue(host, forHTTPHeaderField: "Host")
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Int, String, [String: String]) = (0, "", [:])
        URLSession.shared.dataTask(with: request) { data, response, _ in
            let http = response as? HTTPURLResponse
            var headers: [String: String] = [:]
            for (k, v) in http?.allHeaderFields ?? [:] { headers["\(k)".lowercased()] = "\(v)" }
            result = (http?.statusCode ?? 0, String(decoding: data ?? Data(), as: UTF8.self), headers)
            done.signal()
        }.resume()
        done.wait()
        return result
    }

    /// SIGTERM, then everything it logged.
    func stop() -> (status: Int32, log: String) {
        process.terminate()
        process.waitUntilExit()
        return (process.terminationStatus, collectedLog())
    }

    /// Everything the server logged so far (all of it once it exited).
    func collectedLog() -> String {
        stderr.fileHandleForReading.readabilityHandler = nil
        log.append(stderr.fileHandleForReading.readDataToEndOfFile())
        return log.text
    }

    /// For a teardown block: stops the child whatever state the test left it
    /// in — SIGTERM, and SIGKILL if it has not exited 15 s later (a drain
    /// stuck on a bug must not hang the suite). Safe to call more than once.
    func shutdown() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(15)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(pid, SIGKILL) }
            process.waitUntilExit()
        }
        // Also when the child had already exited (a test killed it): the
        // handler would keep the pipe's dispatch source, and the log, alive.
        stderr.fileHandleForReading.readabilityHandler = nil
    }

    /// Waits (polling, at most `timeout` seconds) for a log line after byte
    /// `offset` (a `log.count` taken earlier) that satisfies `matches`, and
    /// returns it, or nil if none came in time.
    func waitForLogLine(after offset: Int, timeout: TimeInterval = 20,
                        _ matches: (Substring) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let text = log.text(from: offset)
            if let line = text.split(separator: "\n").first(where: matches) { return String(line) }
            usleep(20_000)
        } while Date() < deadline
        return nil
    }

    /// One request on a connection of its own (`connection: close`).
    func request(_ path: String = "/", host: String) -> Result<RawHTTPResponse, RawHTTPError> {
        guard let connection = RawHTTPConnection(port: port) else { return .failure(RawHTTPError("cannot connect")) }
        return connection.get(path, host: host, close: true)
    }
}

/// A child's log, appended from its pipe's reader thread.
final class LogBuffer: @unchecked Sendable {
    // Sendable: `bytes` is only touched with `lock` held. Plain bytes, not a
    // growing Data: LeakSanitizer reported that Data's storage leaking here.
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    func append(_ more: Data) {
        let chunk = [UInt8](more)
        lock.withLock { bytes.append(contentsOf: chunk) }
    }
    var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }
    /// Bytes logged so far: an offset for `text(from:)`.
    var count: Int { lock.withLock { bytes.count } }
    func text(from offset: Int) -> String {
        lock.withLock { String(decoding: bytes[min(offset, bytes.count)...], as: UTF8.self) }
    }
}

struct RawHTTPResponse {
    var status: Int
    var headers: [String: String]
    var body: String
    /// The server closes the connection after this response.
    var closes: Bool { headers["connection"]?.lowercased() == "close" }
    /// The `code` of a NANO JSON error body, if the body is one.
    var errorCode: String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
              let error = object["error"] as? [String: Any] else { return nil }
        return error["code"] as? String
    }
}

struct RawHTTPError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One HTTP/1.1 client connection over a plain socket, kept alive across
/// requests: what a load test needs to see every connection error as one
/// (no client library retrying behind its back). Every read gives up after
/// 20 s, so a server that hangs fails the test instead of hanging it.
final class RawHTTPConnection {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private(set) var isOpen = true
    /// Why the last read got nothing: the server closed, reset, or timed out.
    private var readFailure = ""

    init?(port: Int, timeoutSeconds: Int = 20) {
        guard let fd = connectLoopback(port: port, timeoutSeconds: timeoutSeconds) else { return nil }
        self.fd = fd
    }

    deinit { close() }

    func close() {
        if isOpen { Glibc.close(fd) }
        isOpen = false
    }

    /// Sends the request only (for a request whose answer is read later).
    func send(_ path: String, host: String, close: Bool = false) -> Bool {
        guard isOpen else { return false }
        let request = Array("GET \(path) HTTP/1.1\r\nhost: \(host)\r\n\(close ? "connection: close\r\n" : "")\r\n".utf8)
        var sent = 0
        while sent < request.count {
            let n = request.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, request.count - sent, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    func get(_ path: String, host: String, close: Bool = false) -> Result<RawHTTPResponse, RawHTTPError> {
        guard send(path, host: host, close: close) else {
            let reason = String(cString: strerror(errno))
            self.close()
            return .failure(RawHTTPError("send failed: \(reason)"))
        }
        return readResponse()
    }

    /// Reads one response (Content-Length or chunked framing).
    func readResponse() -> Result<RawHTTPResponse, RawHTTPError> {
        let result = parseResponse()
        if case .success(let response) = result, !response.closes { return result }
        close()
        return result
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 4096, 0) }
        if n <= 0 {
            let code = errno
            readFailure = n == 0 ? "closed by the server"
                : code == EAGAIN || code == EWOULDBLOCK ? "no answer in time" : String(cString: strerror(code))
            return false
        }
        buffer += chunk[0..<n]
        return true
    }

    private func readLine() -> String? {
        while true {
            if let i = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<i], as: UTF8.self)
                buffer.removeFirst(i + 1)
                return line.hasSuffix("\r") ? String(line.dropLast()) : line
            }
            if !fill() { return nil }
        }
    }

    private func readBytes(_ count: Int) -> [UInt8]? {
        while buffer.count < count { if !fill() { return nil } }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    private func parseResponse() -> Result<RawHTTPResponse, RawHTTPError> {
        func failed(_ what: String) -> Result<RawHTTPResponse, RawHTTPError> {
            .failure(RawHTTPError("\(what): \(readFailure)"))
        }
        guard let statusLine = readLine() else { return failed("no status line") }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            return .failure(RawHTTPError("bad status line: \(statusLine)"))
        }
        var headers: [String: String] = [:]
        while true {
            guard let line = readLine() else { return failed("headers cut short") }
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { return .failure(RawHTTPError("bad header: \(line)")) }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body: [UInt8] = []
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            while true {
                guard let sizeLine = readLine(), let size = Int(sizeLine.split(separator: ";")[0], radix: 16) else {
                    return failed("chunk size cut short")
                }
                if size == 0 {
                    _ = readLine()
                    break
                }
                guard let chunk = readBytes(size), readLine() != nil else { return failed("chunk cut short") }
                body += chunk
            }
        } else if let length = headers["content-length"].flatMap({ Int($0) }) {
            guard let bytes = readBytes(length) else { return failed("body cut short") }
            body = bytes
        } else {
            while fill() {}
            body = buffer
            buffer = []
        }
        return .success(RawHTTPResponse(status: status, headers: headers, body: String(decoding: body, as: UTF8.self)))
    }
}

/// A TCP socket connected to 127.0.0.1:`port` whose reads (and writes) give
/// up after `timeoutSeconds` — a test that waits forever tells nothing —
/// or nil if it cannot connect.
func connectLoopback(port: Int, timeoutSeconds: Int) -> Int32? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    } == 0
    if !connected {
        close(fd)
        return nil
    }
    return fd
}
