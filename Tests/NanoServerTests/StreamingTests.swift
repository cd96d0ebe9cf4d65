import Foundation
import NanoServer
import XCTest

/// Response bodies streamed to the socket as the app produces them, with the
/// client's reading pace as backpressure.
final class StreamingTests: XCTestCase {
    static let app = """
        let cancelled = "no";
        export default {
          fetch(request) {
            const path = new URL(request.url).pathname;
            if (path === "/cancelled") return new Response(cancelled);
            if (path === "/big") {
              // 800 MB in 64 KB chunks, made only when the stream is pulled.
              let left = 12800;
              return new Response(new ReadableStream({
                pull(c) { if (left-- === 0) c.close(); else c.enqueue(new Uint8Array(65536).fill(left & 0xFF)); },
              }));
            }
            if (path === "/endless") {
              return new Response(new ReadableStream({
                pull(c) { c.enqueue(new Uint8Array(65536)); },
                cancel(reason) { cancelled = reason && reason.name; },
              }));
            }
            if (path === "/broken") {
              let n = 0;
              return new Response(new ReadableStream({
                pull(c) { if (n++ === 2) c.error(new Error("gave up")); else c.enqueue(new TextEncoder().encode("part" + n + ";")); },
              }));
            }
            return new Response("?");
          },
        };
        """

    /// AddressSanitizer keeps freed memory in quarantine: RSS bounds mean
    /// nothing under it (`make test-asan` sets ASAN_OPTIONS).
    static let underASan = ProcessInfo.processInfo.environment["ASAN_OPTIONS"] != nil

    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return (fields.count > 1 ? Int(fields[1]) ?? 0 : 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The stated bound: while an 800 MB response is read slowly, the
    /// server's RSS (here, the test process, debug build) grows by less than
    /// 256 MB in all and less than 160 MB over the last 400 MB — chunks
    /// waiting for V8's GC (at most the app's memoryMB), its heap, memory the
    /// allocator keeps after frees — because the app produces a chunk only
    /// when the socket can take it. Without that backpressure it would grow
    /// by the body's size.
    func testALargeResponseReadSlowlyKeepsMemoryBounded() async throws {
        // memoryMB 32: dead chunks wait for V8's GC only up to that much.
        let server = try await TestServer(module: Self.app, configure: {
            $0.requestMs = 600_000; $0.cpuMs = 600_000; $0.memoryMB = 32
        })
        addTeardownBlock { try await server.stop() }
        let connection = try RawHTTPConnection(port: server.port)
        try connection.send("GET /big HTTP/1.1\r\nhost: x\r\n\r\n")
        let baseline = Self.residentBytes()
        var peak = baseline
        var received = 0
        var reads = 0
        var buffer = [UInt8](repeating: 0, count: 65536)
        var tail: [UInt8] = []
        var halfway = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, 65536, 0) }
            if n <= 0 { break }
            received += n
            reads += 1
            tail = Array((tail + buffer[0..<n]).suffix(5))
            if tail == Array("0\r\n\r\n".utf8) { break }
            if reads % 16 == 0 {
                usleep(2000)  // a slow reader
                peak = max(peak, Self.residentBytes())
                if halfway == 0 && received > 400 << 20 { halfway = peak }
            }
        }
        XCTAssertGreaterThan(received, 800 * 1024 * 1024, "all of the body (plus chunk framing) arrived")
        if Self.underASan { return }
        XCTAssertLessThan(peak - baseline, 256 << 20, "RSS grew by \((peak - baseline) >> 20) MB")
        XCTAssertLessThan(peak - halfway, 160 << 20,
                          "RSS grew by \((peak - halfway) >> 20) MB over the last 400 MB (\((peak - baseline) >> 20) MB in all)")
    }

    /// The bound stated for request bodies: the server takes a 64 MB body
    /// only as fast as the app reads it (pausing the socket when 64 KB wait),
    /// so the process grows by less than 48 MB while the app reads slowly.
    func testARequestBodyReadSlowlyIsNotBufferedWhole() async throws {
        let server = try await TestServer(module: """
            export default {
              async fetch(request) {
                let total = 0;
                for await (const chunk of request.body) {
                  total += chunk.length;
                  // A slow consumer: about 64 MB/s, whatever the chunk size.
                  await new Promise((r) => setTimeout(r, Math.ceil(chunk.length / 65536)));
                }
                return new Response(String(total));
              },
            };
            """, configure: { $0.requestMs = 600_000; $0.cpuMs = 600_000; $0.memoryMB = 16 })
        addTeardownBlock { try await server.stop() }
        let size = 64 << 20
        let payload = [UInt8](repeating: 7, count: size)
        let connection = try RawHTTPConnection(port: server.port)
        let baseline = Self.residentBytes()
        let fd = connection.fd
        let head = Array("POST /slow HTTP/1.1\r\nhost: x\r\ncontent-length: \(size)\r\n\r\n".utf8)
        let sender = Thread {
            for part in [head, payload] {
                var offset = 0
                while offset < part.count {
                    let n = part.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, part.count - offset, 0) }
                    if n <= 0 { return }
                    offset += n
                }
            }
        }
        sender.start()
        let peak = PeakRSS(baseline)
        let sampler = Thread {
            while !peak.stopped {
                peak.sample(Self.residentBytes())
                usleep(20_000)
            }
        }
        sampler.start()
        let response = try connection.readResponse()
        peak.stop()
        XCTAssertEqual(response.text, String(size))
        if Self.underASan { return }
        XCTAssertLessThan(peak.value - baseline, 48 << 20, "RSS grew by \((peak.value - baseline) >> 20) MB")
    }

    /// The seed's streams memory test: a source that can produce without
    /// end, piped into a sink that takes 5 ms per chunk. pipeTo's
    /// backpressure keeps the source to the sink's pace (pulls stay within a
    /// few of the writes, where without it they would run to millions), and
    /// the process's RSS grows by less than 16 MB over the second.
    func testAFastSourcePipedIntoASlowSinkStaysBounded() async throws {
        let server = try await TestServer(module: """
            export default {
              async fetch() {
                let pulls = 0, writes = 0;
                const source = new ReadableStream({ pull(c) { pulls++; c.enqueue(new Uint8Array(1024)); } });
                const sink = new WritableStream({ write() { writes++; return new Promise((r) => setTimeout(r, 5)); } });
                const stop = new AbortController();
                const piped = source.pipeTo(sink, { signal: stop.signal }).catch(() => {});
                await new Promise((r) => setTimeout(r, 1000));
                stop.abort();
                await piped;
                return Response.json({ pulls, writes });
              },
            };
            """, configure: { $0.cpuMs = 10_000 })
        addTeardownBlock { try await server.stop() }
        let before = Self.residentBytes()
        let r = try server.get("/")
        let after = Self.residentBytes()
        let counts = try XCTUnwrap(r.json as? [String: Int], r.text)
        let pulls = try XCTUnwrap(counts["pulls"]), writes = try XCTUnwrap(counts["writes"])
        XCTAssertGreaterThan(writes, 10)
        XCTAssertLessThanOrEqual(pulls, writes + 4, "the source ran ahead of the sink")
        if Self.underASan { return }
        XCTAssertLessThan(after - before, 16 << 20, "RSS grew by \((after - before) >> 20) MB")
    }

    func testAClientThatLeavesCancelsTheStream() async throws {
        let server = try await TestServer(module: Self.app)
        addTeardownBlock { try await server.stop() }
        do {
            let connection = try RawHTTPConnection(port: server.port)
            try connection.send("GET /endless HTTP/1.1\r\nhost: x\r\n\r\n")
            var buffer = [UInt8](repeating: 0, count: 65536)
            _ = buffer.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, 65536, 0) }
        }  // closed here
        var outcome = "no"
        for _ in 0..<100 where outcome == "no" {
            try await Task.sleep(for: .milliseconds(20))
            outcome = try server.get("/cancelled").text
        }
        XCTAssertEqual(outcome, "AbortError")
    }

    func testAStreamThatFailsCutsTheResponseShort() async throws {
        let server = try await TestServer(module: Self.app)
        addTeardownBlock { try await server.stop() }
        let connection = try RawHTTPConnection(port: server.port)
        try connection.send("GET /broken HTTP/1.1\r\nhost: x\r\n\r\n")
        var all: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, 4096, 0) }
            if n <= 0 { break }
            all += buffer[0..<n]
        }
        let text = String(decoding: all, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("HTTP/1.1 200 OK\r\n"), text)
        XCTAssertTrue(text.contains("transfer-encoding: chunked"), text)
        XCTAssertTrue(text.contains("part1;") && text.contains("part2;"), text)
        XCTAssertFalse(text.hasSuffix("0\r\n\r\n"), "no final chunk: the client can tell the body is incomplete")
        XCTAssertEqual(try server.get("/").text, "?", "the server goes on serving")
    }
}

/// The highest RSS a sampling thread saw.
final class PeakRSS: @unchecked Sendable {
    // Sendable: every field is read and written with `lock` held.
    private let lock = NSLock()
    private var peak: Int
    private var done = false
    init(_ start: Int) { peak = start }
    func sample(_ rss: Int) { lock.withLock { peak = max(peak, rss) } }
    func stop() { lock.withLock { done = true } }
    var stopped: Bool { lock.withLock { done } }
    var value: Int { lock.withLock { peak } }
}
