import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization
import XCTest

/// fetch() over plain HTTP against an upstream that answers with exact bytes:
/// the framings, interim responses and broken answers a real server may send,
/// each checked as the app sees it, and which connections are kept.
final class FetchUpstreamTests: XCTestCase {
    func testResponsesAsServersSendThem() async throws {
        let upstream = try await ScriptedUpstream.start()
        addTeardownBlock { try await upstream.stop() }
        let app = try await TestServer(module: """
            async function outcome(f) {
              try { return await f(); } catch (e) { return e.name + ": " + e.message; }
            }
            export default {
              async fetch(request) {
                const base = new URL(request.url).searchParams.get("base");
                const out = {};
                // Chunked, split across writes, with names in any case and set-cookie twice.
                const chunked = await fetch(base + "/chunked");
                out.chunked = [chunked.status, chunked.statusText, chunked.headers.get("x-case"),
                               chunked.headers.getSetCookie().join("|"), await chunked.text()];
                // No length, no chunks: the body runs until the server closes.
                const close = await fetch(base + "/close");
                out.close = await close.text();
                // 100 Continue and 103 Early Hints before the response.
                const interim = await fetch(base + "/interim");
                out.interim = [interim.status, await interim.text()];
                // HEAD: a Content-Length, no body.
                const head = await fetch(base + "/head", { method: "HEAD" });
                out.head = [head.status, head.headers.get("content-length"), await head.text()];
                // What the upstream received: Host with the port, Content-Length 0 for a bodiless POST.
                out.sent = await (await fetch(base + "/request", { method: "POST" })).text();
                out.bad = await outcome(() => fetch(base + "/bad"));
                out.cut = await outcome(async () => await (await fetch(base + "/cut")).text());
                // A kept-alive connection the server closes as the next request arrives: sent again.
                out.first = await (await fetch(base + "/second-closes")).text();
                out.second = await (await fetch(base + "/second-closes")).text();
                out.refused = await outcome(() => fetch(new URL(request.url).searchParams.get("closed")));
                return Response.json(out);
              },
            };
            """, configure: { $0.allowPrivateNetwork = true })
        addTeardownBlock { try await app.stop() }
        let closed = "http://127.0.0.1:\(try FetchTests.closedPort())/"
        let r = try app.get("/?base=http://127.0.0.1:\(upstream.port)&closed=\(closed)")
        XCTAssertEqual(r.status, 200, r.text)
        let out = try XCTUnwrap(r.json, r.text)
        func list(_ key: String) -> [String] { (out[key] as? [Any] ?? []).map { "\($0)" } }
        XCTAssertEqual(list("chunked"), ["200", "Fine", "A", "a=1|b=2", "hello world"])
        XCTAssertEqual(out["close"] as? String, "until the close")
        XCTAssertEqual(list("interim"), ["200", "final"])
        XCTAssertEqual(list("head"), ["200", "1000", ""])
        let sent = out["sent"] as? String ?? ""
        XCTAssertTrue(sent.hasPrefix("POST /request HTTP/1.1\r\n"), sent)
        XCTAssertTrue(sent.contains("host: 127.0.0.1:\(upstream.port)\r\n"), sent)
        XCTAssertTrue(sent.contains("content-length: 0\r\n"), sent)
        XCTAssertTrue((out["bad"] as? String ?? "").hasPrefix("TypeError: fetch: the server's response is not valid HTTP/1.1"),
                      "\(out["bad"] ?? "")")
        XCTAssertTrue((out["cut"] as? String ?? "").contains("closed the connection before the response was complete"),
                      "\(out["cut"] ?? "")")
        XCTAssertEqual(out["first"] as? String, "request 1 on its connection")
        XCTAssertEqual(out["second"] as? String, "request 1 on its connection")
        XCTAssertTrue((out["refused"] as? String ?? "").hasSuffix(": Connection refused"), "\(out["refused"] ?? "")")
    }

    func testAKeptAliveConnectionCarriesTheNextFetch() async throws {
        let upstream = try await ScriptedUpstream.start()
        addTeardownBlock { try await upstream.stop() }
        let app = try await TestServer(module: """
            export default {
              async fetch(request) {
                const base = new URL(request.url).searchParams.get("base");
                const texts = [];
                for (let i = 0; i < 5; i++) texts.push(await (await fetch(base + "/count")).text());
                // A response read only in part: its connection cannot carry another request.
                const partly = await fetch(base + "/big");
                const reader = partly.body.getReader();
                await reader.read();
                await reader.cancel();
                texts.push(await (await fetch(base + "/count")).text());
                // Bytes after a response that nobody asked for: that connection is not used again.
                texts.push(await (await fetch(base + "/extra")).text());
                texts.push(await (await fetch(base + "/count")).text());
                return new Response(texts.join(","));
              },
            };
            """, configure: { $0.allowPrivateNetwork = true })
        addTeardownBlock { try await app.stop() }
        let r = try app.get("/?base=http://127.0.0.1:\(upstream.port)")
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual(r.text, "1,2,3,4,5,1,ok,1")
    }

    /// Kept-alive connections are an app's own: another app on the same
    /// loop never gets one (a server may tie state to a connection).
    func testAppsDoNotShareConnections() async throws {
        let upstream = try await ScriptedUpstream.start()
        addTeardownBlock { try await upstream.stop() }
        let module = """
            export default {
              async fetch(request) {
                const base = new URL(request.url).searchParams.get("base");
                return new Response(await (await fetch(base + "/count")).text());
              },
            };
            """
        let server = try await TestServer(apps: [
            (name: "a", files: ["index.js": module], routes: ["a.test/*"], env: []),
            (name: "b", files: ["index.js": module], routes: ["b.test/*"], env: []),
        ], configure: { $0.allowPrivateNetwork = true })
        addTeardownBlock { try await server.stop() }
        let query = "/?base=http://127.0.0.1:\(upstream.port)"
        XCTAssertEqual(try server.get(query, host: "a.test").text, "1")
        XCTAssertEqual(try server.get(query, host: "b.test").text, "1", "b got a's connection")
        XCTAssertEqual(try server.get(query, host: "a.test").text, "2")
        XCTAssertEqual(try server.get(query, host: "b.test").text, "2")
    }
}

/// An upstream on a real loopback socket that answers each request head
/// with the bytes its path names, and counts the requests per connection;
/// over TLS when given a server context.
final class ScriptedUpstream: Sendable {
    let channel: any Channel
    let group: MultiThreadedEventLoopGroup
    var port: Int { channel.localAddress?.port ?? 0 }

    private init(channel: any Channel, group: MultiThreadedEventLoopGroup) {
        self.channel = channel
        self.group = group
    }

    static func start(tls: NIOSSLContext? = nil) async throws -> ScriptedUpstream {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.addHandler(Script())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return ScriptedUpstream(channel: channel, group: group)
    }

    func stop() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }

    private final class Script: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        var received = ""
        var requests = 0

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            if received.isEmpty, requests == 0, buffer.readableBytes > 0, buffer.getInteger(at: buffer.readerIndex) == UInt8(0x16) {
                // A TLS handshake on this plain port: as servers do, a 400 and the close.
                send("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n", context)
                return context.close(promise: nil)
            }
            received += buffer.readString(length: buffer.readableBytes) ?? ""
            while let end = received.range(of: "\r\n\r\n") {
                let head = String(received[..<end.upperBound])
                received.removeSubrange(..<end.upperBound)
                requests += 1
                answer(head, context: context)
            }
        }

        private func send(_ text: String, _ context: ChannelHandlerContext) {
            var buffer = context.channel.allocator.buffer(capacity: text.utf8.count)
            buffer.writeString(text)
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        }

        private func answer(_ head: String, context: ChannelHandlerContext) {
            let path = head.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
            switch path {
            case "/chunked":
                send("HTTP/1.1 200 Fine\r\nTransfer-Encoding: chunked\r\nX-Case: A\r\nSet-Cookie: a=1\r\n", context)
                send("set-cookie: b=2\r\n\r\n5\r\nhel", context)
                send("lo\r\n6\r\n world\r\n0\r\n\r\n", context)
            case "/close":
                send("HTTP/1.1 200 OK\r\n\r\nuntil the close", context)
                context.close(promise: nil)
            case "/interim":
                send("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\n", context)
                send("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nfinal", context)
            case "/head":
                send("HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n", context)
            case "/request":
                send("HTTP/1.1 200 OK\r\ncontent-length: \(head.utf8.count)\r\n\r\n\(head)", context)
            case "/bad":
                send("HTTP/1.1 abc\r\n\r\n", context)
            case "/cut":
                send("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npartial", context)
                context.close(promise: nil)
            case "/second-closes":
                if requests > 1 { return context.close(promise: nil) }
                send("HTTP/1.1 200 OK\r\ncontent-length: 27\r\n\r\nrequest 1 on its connection", context)
            case "/extra":
                send("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nokHTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nextra", context)
            case "/count":
                let text = String(requests)
                send("HTTP/1.1 200 OK\r\ncontent-length: \(text.utf8.count)\r\n\r\n\(text)", context)
            case "/big":
                let chunk = String(repeating: "x", count: 65536)
                send("HTTP/1.1 200 OK\r\ncontent-length: \(chunk.utf8.count * 8)\r\n\r\n", context)
                for _ in 0..<8 { send(chunk, context) }
            default:
                send("HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n", context)
            }
        }
    }
}
