import Foundation
import NanoServer
import XCTest

/// The front parses requests itself (llhttp, straight on the bytes read):
/// what a client sends, however it is split or packed, reaches the app as
/// it was meant, and what is not HTTP/1.1 is refused without harming the
/// server. Real sockets, a real server.
final class RequestParsingTests: XCTestCase {
    /// Answers with what the app saw of the request.
    static let mirror = """
        export default {
          async fetch(request) {
            const headers = [...request.headers].map(([n, v]) => n + "=" + v).join("|");
            const body = await request.text();
            return Response.json({ method: request.method, url: request.url, headers, body });
          },
        };
        """

    private func mirrored(_ response: RawHTTPConnection.Response) throws -> [String: String] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String], response.text)
    }

    func testARequestSentOneByteAtATimeArrivesWhole() async throws {
        let server = try await TestServer(module: Self.mirror)
        addTeardownBlock { try await server.stop() }
        let c = try RawHTTPConnection(port: server.port)
        let request = "POST /split/path?q=1 HTTP/1.1\r\nHost: split.test:8080\r\nX-Trailing-Space: kept   \r\n"
            + "X-Empty:\r\nX-Dup: one\r\nx-dup: two\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n"
        for byte in request.utf8 { try c.send([byte]) }
        let r = try c.readResponse()
        XCTAssertEqual(r.status, 200, r.text)
        let seen = try mirrored(r)
        XCTAssertEqual(seen["method"], "POST")
        XCTAssertEqual(seen["url"], "http://split.test:8080/split/path?q=1")
        XCTAssertEqual(seen["body"], "abcdefg")
        // Names lowercased, duplicates combined, trailing whitespace gone,
        // an empty value kept.
        XCTAssertEqual(seen["headers"], "host=split.test:8080|transfer-encoding=chunked|x-dup=one, two|x-empty=|x-trailing-space=kept")
    }

    func testPipelinedRequestsInOneWriteAreAnsweredInOrder() async throws {
        let server = try await TestServer(module: Self.mirror)
        addTeardownBlock { try await server.stop() }
        let c = try RawHTTPConnection(port: server.port)
        try c.send("GET /1 HTTP/1.1\r\nhost: a\r\n\r\n"
            + "POST /2 HTTP/1.1\r\nhost: a\r\ncontent-length: 5\r\n\r\nhello"
            + "HEAD /3 HTTP/1.1\r\nhost: a\r\n\r\n"
            + "DELETE /4 HTTP/1.1\r\nhost: a\r\nconnection: close\r\n\r\n")
        let first = try mirrored(c.readResponse())
        XCTAssertEqual(first["url"], "http://a/1")
        let second = try mirrored(c.readResponse())
        XCTAssertEqual([second["method"], second["url"], second["body"]], ["POST", "http://a/2", "hello"])
        let head = try c.readResponse(head: true)
        XCTAssertEqual(head.status, 200)
        XCTAssertTrue(head.body.isEmpty)
        let last = try c.readResponse()
        XCTAssertEqual(try mirrored(last)["method"], "DELETE")
        XCTAssertEqual(last.header("connection"), "close")
        XCTAssertTrue(c.isClosedByPeer())
    }

    func testRequestIDAndHostAreFoundWhateverTheirCase() async throws {
        let server = try await TestServer(module: Self.mirror)
        addTeardownBlock { try await server.stop() }
        let c = try RawHTTPConnection(port: server.port)
        try c.send("GET /id HTTP/1.1\r\nHOST: Case.Test\r\nX-REQUEST-ID: client-chosen-id-42\r\n\r\n")
        let r = try c.readResponse()
        XCTAssertEqual(r.header("x-request-id"), "client-chosen-id-42")
        XCTAssertEqual(try mirrored(r)["url"], "http://case.test/id")
    }

    /// NANO speaks HTTP/1.1 only: a request to switch protocols is answered
    /// as a plain request, then the connection closes (what follows would
    /// be the other protocol's bytes).
    func testUpgradeAndConnectAreAnsweredThenClosed() async throws {
        let server = try await TestServer(module: Self.mirror)
        addTeardownBlock { try await server.stop() }
        let ws = try RawHTTPConnection(port: server.port)
        try ws.send("GET /chat HTTP/1.1\r\nhost: a\r\nconnection: Upgrade\r\nupgrade: websocket\r\n"
            + "sec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n\u{81}\u{85}garbage")
        let upgraded = try ws.readResponse()
        XCTAssertEqual(upgraded.status, 200)
        XCTAssertEqual(try mirrored(upgraded)["url"], "http://a/chat")
        XCTAssertEqual(upgraded.header("connection"), "close")
        XCTAssertTrue(ws.isClosedByPeer())

        let tunnel = try RawHTTPConnection(port: server.port)
        try tunnel.send("CONNECT example.com:443 HTTP/1.1\r\nhost: example.com:443\r\n\r\n\u{16}\u{03}\u{01}tls bytes")
        let connect = try tunnel.readResponse()
        XCTAssertEqual(connect.header("connection"), "close")
        XCTAssertTrue(tunnel.isClosedByPeer())
        XCTAssertEqual(try server.get("/after").status, 200)
    }

    /// Each is refused with 400 and a closed connection; the server goes on.
    func testWhatIsNotHTTP11IsRefused() async throws {
        let server = try await TestServer(module: Self.mirror)
        addTeardownBlock { try await server.stop() }
        let refused = [
            "HTTP/2 preface": "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
            "both lengths (smuggling)": "POST / HTTP/1.1\r\nhost: a\r\ncontent-length: 4\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n",
            "two content lengths": "POST / HTTP/1.1\r\nhost: a\r\ncontent-length: 4\r\ncontent-length: 5\r\n\r\nabcd",
            "space before colon": "GET / HTTP/1.1\r\nhost : a\r\n\r\n",
            "control byte in a name": "GET / HTTP/1.1\r\nx-a\u{01}b: c\r\n\r\n",
            "bad chunk size": "POST / HTTP/1.1\r\nhost: a\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n",
            "HTTP/3.0": "GET / HTTP/3.0\r\nhost: a\r\n\r\n",
        ]
        for (what, bytes) in refused.sorted(by: { $0.key < $1.key }) {
            let c = try RawHTTPConnection(port: server.port)
            try c.send(bytes)
            let r = try c.readResponse()
            XCTAssertEqual(r.status, 400, "\(what): \(r.text)")
            XCTAssertTrue(r.text.contains("\"code\":\"bad_request\""), "\(what): \(r.text)")
            XCTAssertTrue(c.isClosedByPeer(), what)
        }
        // A request before the bad bytes on the same connection is answered.
        let c = try RawHTTPConnection(port: server.port)
        try c.send("GET /good HTTP/1.1\r\nhost: a\r\n\r\nGET / HTTP/1.1\r\nhost : a\r\n\r\n")
        XCTAssertEqual(try mirrored(c.readResponse())["url"], "http://a/good")
        XCTAssertEqual(try c.readResponse().status, 400)
        XCTAssertEqual(try server.get("/").status, 200)
    }

    /// The limits hold however the head is split: a URL or a header block
    /// over its limit is refused as it arrives, not buffered.
    func testLimitsHoldAcrossReads() async throws {
        var limits = HTTPLimits()
        limits.maxURLBytes = 1024
        limits.maxHeaderBytes = 2048
        let server = try await TestServer(module: Self.mirror, limits: limits)
        addTeardownBlock { try await server.stop() }
        let long = try RawHTTPConnection(port: server.port)
        try long.send("GET /")
        for _ in 0..<20 { try long.send(String(repeating: "u", count: 100)) }
        XCTAssertEqual(try long.readResponse().status, 414)
        XCTAssertTrue(long.isClosedByPeer())

        let many = try RawHTTPConnection(port: server.port)
        try many.send("GET / HTTP/1.1\r\nhost: a\r\n")
        for i in 0..<40 { try many.send("x-filler-\(i): " + String(repeating: "v", count: 60) + "\r\n") }
        XCTAssertEqual(try many.readResponse().status, 431)
        XCTAssertTrue(many.isClosedByPeer())

        // Just under both limits is fine.
        let fits = try RawHTTPConnection(port: server.port)
        try fits.send("GET /" + String(repeating: "u", count: 900) + " HTTP/1.1\r\nhost: a\r\nx-big: "
            + String(repeating: "v", count: 1900) + "\r\n\r\n")
        XCTAssertEqual(try fits.readResponse().status, 200)
    }
}
