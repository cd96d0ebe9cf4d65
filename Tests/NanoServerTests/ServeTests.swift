import Foundation
import NanoServer
import XCTest

/// Real HTTP requests to a real server on a random loopback port.
final class ServeTests: XCTestCase {
    func testModuleHandlerGetsAbsoluteURLEnvAndHeaders() async throws {
        let server = try await TestServer(module: """
            export default {
              async fetch(request, env, ctx) {
                return Response.json({
                  url: request.url,
                  method: request.method,
                  greeting: env.GREETING,
                  envProto: Object.getPrototypeOf(env),
                  envFrozen: Object.isFrozen(env),
                  agent: request.headers.get("x-test"),
                  ctx: typeof ctx.waitUntil,
                });
              },
            };
            """, env: [("GREETING", "hi")])
        addTeardownBlock { try await server.stop() }
        let r = try server.get("/path/x?q=1&r=2", host: "example.test:1234", headers: [("X-Test", "yes")])
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.header("content-type"), "application/json")
        let json = try XCTUnwrap(r.json)
        XCTAssertEqual(json["url"] as? String, "http://example.test:1234/path/x?q=1&r=2")
        XCTAssertEqual(json["method"] as? String, "GET")
        XCTAssertEqual(json["greeting"] as? String, "hi")
        XCTAssertTrue(json["envProto"] is NSNull)
        XCTAssertEqual(json["envFrozen"] as? Bool, true)
        XCTAssertEqual(json["agent"] as? String, "yes")
        XCTAssertEqual(json["ctx"] as? String, "function")
        XCTAssertNotNil(r.header("x-request-id"))
        XCTAssertNotNil(r.header("date"))
    }

    func testSyncHandlerAndServiceWorkerForm() async throws {
        let sync = try await TestServer(module: "export default { fetch() { return new Response('sync!') } };")
        XCTAssertEqual(try sync.get("/").text, "sync!")
        try await sync.stop()
        let sw = try await TestServer(module: """
            addEventListener("fetch", (event) => {
              event.respondWith(new Response("sw " + new URL(event.request.url).pathname, { status: 201 }));
            });
            """)
        let r = try sw.get("/hello")
        XCTAssertEqual(r.status, 201)
        XCTAssertEqual(r.text, "sw /hello")
        try await sw.stop()
    }

    func testRoutingAcrossAppsAndNoRoute() async throws {
        let app = { (name: String) in ["index.js": "export default { fetch: (r) => new Response('\(name) ' + new URL(r.url).pathname) };"] }
        let server = try await TestServer(apps: [
            ("exact", app("exact"), ["hello.example.com/*"], []),
            ("wild", app("wild"), ["*.example.org/*"], []),
            ("api", app("api"), ["*/api/*"], []),
        ])
        addTeardownBlock { try await server.stop() }
        XCTAssertEqual(try server.get("/api/x", host: "hello.example.com").text, "exact /api/x")
        XCTAssertEqual(try server.get("/", host: "a.example.org").text, "wild /")
        XCTAssertEqual(try server.get("/api/users", host: "other.net").text, "api /api/users")
        let missing = try server.get("/nothing", host: "other.net")
        XCTAssertEqual(missing.status, 404)
        let error = try XCTUnwrap(missing.json?["error"] as? [String: Any])
        XCTAssertEqual(error["code"] as? String, "no_route")
        XCTAssertEqual(error["requestId"] as? String, missing.header("x-request-id"))
    }

    func testAppsAreIsolatedFromEachOther() async throws {
        let server = try await TestServer(apps: [
            ("a", ["index.js": """
                globalThis.secret = "A's secret";
                Array.prototype.includes = () => "polluted";
                export default { fetch: (r, env) => new Response(env.SECRET + " " + globalThis.secret) };
                """], ["a.test/*"], [("SECRET", "env-a")]),
            ("b", ["index.js": """
                export default { fetch: (r, env) => new Response(
                  env.SECRET + " " + typeof globalThis.secret + " " + [1].includes(1)) };
                """], ["b.test/*"], [("SECRET", "env-b")]),
        ], threads: 2)
        addTeardownBlock { try await server.stop() }
        for _ in 0..<4 {  // both loops get both apps
            XCTAssertEqual(try server.get("/", host: "a.test").text, "env-a A's secret")
            XCTAssertEqual(try server.get("/", host: "b.test").text, "env-b undefined true")
        }
    }

    func testErrorsAreStructuredWithoutStacksOrEnv() async throws {
        let server = try await TestServer(apps: [
            ("throws", ["index.js": "export default { fetch(r, env) { throw new Error('boom ' + env.TOKEN) } };"], ["throws.test/*"], [("TOKEN", "s3cr3t")]),
            ("rejects", ["index.js": "export default { async fetch(r, env) { await null; throw new Error('async ' + env.TOKEN) } };"], ["rejects.test/*"], [("TOKEN", "s3cr3t")]),
            ("notresponse", ["index.js": "export default { fetch() { return { body: 'nope' } } };"], ["bad.test/*"], []),
            ("broken", ["index.js": "export default { fetch() { return new Response('x') } ;"], ["broken.test/*"], []),
            ("toplevel", ["index.js": "throw new Error('at load');\nexport default {};"], ["toplevel.test/*"], []),
            ("nohandler", ["index.js": "export default { hello() {} };"], ["nohandler.test/*"], []),
        ])
        addTeardownBlock { try await server.stop() }
        let cases: [(String, Int, String)] = [
            ("throws.test", 500, "uncaught_exception"),
            ("rejects.test", 500, "uncaught_exception"),
            ("bad.test", 502, "invalid_response"),
            ("broken.test", 500, "module_load_failed"),
            ("toplevel.test", 500, "module_load_failed"),
            ("nohandler.test", 500, "module_load_failed"),
        ]
        for (host, status, code) in cases {
            let r = try server.get("/", host: host)
            XCTAssertEqual(r.status, status, host)
            XCTAssertEqual(r.header("content-type"), "application/json", host)
            let error = try XCTUnwrap(r.json?["error"] as? [String: Any], host)
            XCTAssertEqual(error["code"] as? String, code, host)
            XCTAssertNotNil(error["message"] as? String, host)
            XCTAssertEqual(error["requestId"] as? String, r.header("x-request-id"), host)
            XCTAssertFalse(r.text.contains("s3cr3t"), host)
            XCTAssertFalse(r.text.contains("    at "), host)
            XCTAssertFalse(r.text.contains("boom"), host)
        }
    }

    func testValidIncomingRequestIDIsReusedAndInvalidReplaced() async throws {
        let server = try await TestServer(module: "export default { fetch: () => new Response('ok') };")
        addTeardownBlock { try await server.stop() }
        XCTAssertEqual(try server.get("/", headers: [("x-request-id", "abc-123.DEF")]).header("x-request-id"), "abc-123.DEF")
        let replaced = try server.get("/", headers: [("x-request-id", "bad id with spaces")]).header("x-request-id")
        XCTAssertNotNil(replaced)
        XCTAssertNotEqual(replaced, "bad id with spaces")
        let a = try server.get("/").header("x-request-id")
        let b = try server.get("/").header("x-request-id")
        XCTAssertNotEqual(a, b)
    }

    func testKeepAliveAndPipelining() async throws {
        let server = try await TestServer(module: """
            let n = 0;
            export default {
              async fetch(request) {
                const path = new URL(request.url).pathname;
                // Later requests finish first: the responses must still come back in order.
                await new Promise((r) => setTimeout(r, path === "/slow" ? 30 : 0));
                return new Response(path + " " + (++n));
              },
            };
            """)
        addTeardownBlock { try await server.stop() }
        let c = try RawHTTPConnection(port: server.port)
        try c.send("GET /slow HTTP/1.1\r\nhost: x\r\n\r\nGET /fast HTTP/1.1\r\nhost: x\r\n\r\nHEAD /head HTTP/1.1\r\nhost: x\r\n\r\nGET /last HTTP/1.1\r\nhost: x\r\n\r\n")
        XCTAssertEqual(try c.readResponse().text, "/slow 1")
        XCTAssertEqual(try c.readResponse().text, "/fast 2")
        let head = try c.readResponse(head: true)
        XCTAssertEqual(head.header("content-length"), "7")
        XCTAssertEqual(try c.readResponse().text, "/last 4")
        // Keep-alive: the same connection serves another request later.
        try c.send("GET /again HTTP/1.1\r\nhost: x\r\n\r\n")
        XCTAssertEqual(try c.readResponse().text, "/again 5")
        try c.send("GET /bye HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        let last = try c.readResponse()
        XCTAssertEqual(last.header("connection"), "close")
        XCTAssertTrue(c.isClosedByPeer())
    }

    func testHTTP10ClosesUnlessKeepAlive() async throws {
        let server = try await TestServer(module: "export default { fetch: () => new Response('ten') };")
        addTeardownBlock { try await server.stop() }
        let c = try RawHTTPConnection(port: server.port)
        try c.send("GET / HTTP/1.0\r\n\r\n")
        XCTAssertEqual(try c.readResponse().text, "ten")
        XCTAssertTrue(c.isClosedByPeer())
    }

    func testChunkedRequestAndTenMegabyteEcho() async throws {
        let server = try await TestServer(module: """
            export default {
              async fetch(request) {
                const body = new Uint8Array(await request.arrayBuffer());
                return new Response(body, { headers: { "x-length": String(body.length) } });
              },
            };
            """, configure: { $0.cpuMs = 60_000 })  // about bodies, not CPU: a debug build on a busy machine is slow
        addTeardownBlock { try await server.stop() }
        var payload = [UInt8](repeating: 0, count: 10 * 1024 * 1024)
        for i in payload.indices { payload[i] = UInt8(truncatingIfNeeded: i &* 31 &+ i >> 13) }
        let r = try RawHTTPConnection.request(port: server.port, "POST", "/echo", body: payload)
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.header("x-length"), String(payload.count))
        XCTAssertEqual(r.body.count, payload.count)
        XCTAssertTrue(r.body == payload, "echoed bytes differ")

        let c = try RawHTTPConnection(port: server.port)
        try c.send("POST /chunked HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
        let chunked = try c.readResponse()
        XCTAssertEqual(chunked.text, "hello world")

        // Bodies the server takes whole (64 KiB at most, their length known)
        // are written where JS reads them: two pipelined in one write each
        // get their own bytes.
        let whole = (0..<65536).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) }
        let small = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 3 &+ 1) }
        var both = Array("POST /a HTTP/1.1\r\nhost: x\r\ncontent-length: \(whole.count)\r\n\r\n".utf8) + whole
        both += Array("POST /b HTTP/1.1\r\nhost: x\r\ncontent-length: \(small.count)\r\n\r\n".utf8) + small
        try c.send(both)
        let first = try c.readResponse()
        let second = try c.readResponse()
        XCTAssertEqual(first.header("x-length"), "65536")
        XCTAssertTrue(first.body == whole, "the 64 KiB body's bytes differ")
        XCTAssertTrue(second.body == small, "the second body's bytes differ")
    }

    /// import() in a served app: a file named by a literal is loaded with
    /// the app (its isolates read it from memory), one module instance per
    /// isolate across requests; a computed specifier reaches what the app
    /// loaded, and anything else is a TypeError that says why.
    func testDynamicImportInAServedApp() async throws {
        let server = try await TestServer(module: """
            import "./lib/counter.js";
            // At the top level, before the app takes requests.
            const { prefix } = await import("./lib/prefix.js");
            export default {
              async fetch(request) {
                const name = new URL(request.url).pathname.slice(1);
                if (name === "route") return new Response(prefix + (await (await import("./routes/route.js")).default().text()));
                try {
                  const m = await import("./lib/" + name + ".js");
                  return new Response(String(m.next()));
                } catch (e) {
                  return new Response(e.name + ": " + e.message, { status: 404 });
                }
              },
            };
            """, files: [
                "routes/route.js": "import { next } from '../lib/counter.js'; export default () => new Response('route ' + next());",
                "lib/counter.js": "let n = 0; export function next() { return ++n; }",
                "lib/other.js": "export function next() { return -1; }",
                "lib/prefix.js": "await null; export const prefix = '> ';",
            ])
        addTeardownBlock { try await server.stop() }
        XCTAssertEqual(try server.get("/route").text, "> route 1")
        XCTAssertEqual(try server.get("/route").text, "> route 2")
        XCTAssertEqual(try server.get("/counter").text, "3", "the one counter module")
        let other = try server.get("/other")
        XCTAssertEqual(other.status, 404)
        XCTAssertTrue(other.text.hasPrefix("TypeError: import() of \"./lib/other.js\": "), other.text)
        XCTAssertTrue(other.text.hasSuffix("not one of the app's modules (an app is loaded with the files it imports statically or by import() of a string literal)"), other.text)
    }

    /// A Response made of bytes holds its own copy (the Fetch Standard's
    /// "extract a body"); a large one is sent from that copy's memory, which
    /// the server takes from JS instead of copying again. What the app does
    /// to its own array afterwards, or to the Response, changes nothing sent.
    func testALargeBytesBodyIsSentFromTheResponsesOwnCopy() async throws {
        let server = try await TestServer(module: """
            export default {
              fetch(request, env, ctx) {
                const size = Number(new URL(request.url).searchParams.get("size"));
                const bytes = new Uint8Array(size);
                for (let i = 0; i < size; i++) bytes[i] = (i * 7 + (i >> 8)) & 255;
                const response = new Response(size % 2 ? bytes : bytes.buffer);
                // After the response is sent: the app's own array and the Response.
                ctx.waitUntil(Promise.resolve().then(async () => {
                  bytes.fill(0);
                  try { await response.arrayBuffer(); } catch {}
                }));
                return response;
              },
            };
            """)
        addTeardownBlock { try await server.stop() }
        let c = try RawHTTPConnection(port: server.port)
        // Around the size that goes with the head (16 KiB), and well above.
        for size in [16384, 16385, 65536, 65537, 1 << 20, 1 << 20, 300_001] {
            try c.send("GET /?size=\(size) HTTP/1.1\r\nhost: x\r\n\r\n")
            let r = try c.readResponse()
            XCTAssertEqual(r.status, 200)
            XCTAssertEqual(r.body.count, size)
            let expected = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) }
            XCTAssertTrue(r.body == expected, "the \(size)-byte body differs")
        }
    }

    /// A body read whole gets every byte in order: through a clone (whose
    /// branches read it chunk by chunk), through a Response made of
    /// request.body, and (a small one, which the server takes whole before
    /// the app runs) while it trickles in in small pieces.
    func testARequestBodyReadWholeThroughACloneAndWhileItTricklesIn() async throws {
        let server = try await TestServer(module: """
            export default {
              async fetch(request) {
                const path = new URL(request.url).pathname;
                if (path === "/clone") {
                  const copy = request.clone();
                  const [a, b] = await Promise.all([request.arrayBuffer(), copy.arrayBuffer()]);
                  const x = new Uint8Array(a), y = new Uint8Array(b);
                  const same = x.length === y.length && x.every((v, i) => v === y[i]);
                  return new Response(a, { headers: { "x-same": String(same) } });
                }
                if (path === "/response") return new Response(await new Response(request.body).arrayBuffer());
                return new Response(await request.text());
              },
            };
            """, configure: { $0.cpuMs = 60_000 })
        addTeardownBlock { try await server.stop() }
        var payload = [UInt8](repeating: 0, count: 3 * 1024 * 1024)
        for i in payload.indices { payload[i] = UInt8(truncatingIfNeeded: i &* 7 &+ i >> 11) }
        let cloned = try RawHTTPConnection.request(port: server.port, "POST", "/clone", body: payload)
        XCTAssertEqual(cloned.status, 200)
        XCTAssertEqual(cloned.header("x-same"), "true")
        XCTAssertTrue(cloned.body == payload, "the clone's bytes differ")
        let viaResponse = try RawHTTPConnection.request(port: server.port, "POST", "/response", body: payload)
        XCTAssertEqual(viaResponse.status, 200)
        XCTAssertTrue(viaResponse.body == payload, "the bytes read through a Response differ")

        // Under 64 KB: taken whole by the server, over several reads.
        let text = (0..<5000).map { "line \($0)\n" }.joined()
        let bytes = Array(text.utf8)
        let c = try RawHTTPConnection(port: server.port)
        try c.send("POST /text HTTP/1.1\r\nhost: x\r\ncontent-length: \(bytes.count)\r\n\r\n")
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + 997, bytes.count)
            try c.send(Array(bytes[offset..<end]))
            offset = end
            usleep(1_000)
        }
        let trickled = try c.readResponse()
        XCTAssertEqual(trickled.status, 200)
        XCTAssertEqual(trickled.text, text)
    }

    /// request.body is a ReadableStream of the request's bytes; a Response
    /// made from a ReadableStream (here a TransformStream's readable side) is
    /// sent once it has been read to its end.
    func testStreamBodiesBothWays() async throws {
        let server = try await TestServer(module: """
            export default {
              async fetch(request) {
                const upper = new TransformStream({
                  transform(chunk, controller) {
                    controller.enqueue(chunk.map((b) => (b >= 97 && b <= 122 ? b - 32 : b)));
                  },
                });
                if (request.body === null) {
                  const words = ["stream", "ed ", "response"];
                  return new Response(new ReadableStream({
                    pull(controller) {
                      const word = words.shift();
                      if (word === undefined) controller.close();
                      else controller.enqueue(new TextEncoder().encode(word));
                    },
                  }).pipeThrough(upper), { headers: { "content-type": "text/plain" } });
                }
                return new Response(request.body.pipeThrough(upper));
              },
            };
            """)
        addTeardownBlock { try await server.stop() }
        let get = try server.get("/")
        XCTAssertEqual(get.status, 200)
        XCTAssertEqual(get.text, "STREAMED RESPONSE")
        XCTAssertEqual(get.header("content-type"), "text/plain")
        var payload = [UInt8](repeating: 0, count: 1024 * 1024)
        for i in payload.indices { payload[i] = UInt8(97 + i % 26) }
        let post = try RawHTTPConnection.request(port: server.port, "POST", "/upper", body: payload)
        XCTAssertEqual(post.status, 200)
        XCTAssertEqual(post.body.count, payload.count)
        XCTAssertTrue(post.body == payload.map { $0 - 32 }, "the body went through the stream")
    }

    func testMultipartAndURLEncodedBodiesParseThroughFormData() async throws {
        let server = try await TestServer(module: """
            export default {
              async fetch(request) {
                const form = await request.formData();
                const file = form.get("upload");
                const fileText = typeof file === "string" ? "-" : file.name + ":" + file.type + ":" + await file.text();
                return new Response(form.get("name") + "|" + fileText);
              },
            };
            """)
        addTeardownBlock { try await server.stop() }
        let boundary = "XyZ123"
        let multipart = "--\(boundary)\r\ncontent-disposition: form-data; name=\"name\"\r\n\r\nnano\r\n"
            + "--\(boundary)\r\ncontent-disposition: form-data; name=\"upload\"; filename=\"a.txt\"\r\ncontent-type: text/plain\r\n\r\nfile body\r\n"
            + "--\(boundary)--\r\n"
        let r = try RawHTTPConnection.request(port: server.port, "POST", "/", headers: [("content-type", "multipart/form-data; boundary=\(boundary)")],
                                              body: Array(multipart.utf8))
        XCTAssertEqual(r.text, "nano|a.txt:text/plain:file body")
        let form = try RawHTTPConnection.request(port: server.port, "POST", "/", headers: [("content-type", "application/x-www-form-urlencoded")],
                                                 body: Array("name=a%20b&upload=x".utf8))
        XCTAssertEqual(form.text, "a b|-")
    }

    func testExpectContinue() async throws {
        let server = try await TestServer(module: "export default { async fetch(r) { return new Response('got ' + await r.text()) } };")
        addTeardownBlock { try await server.stop() }
        let c = try RawHTTPConnection(port: server.port)
        try c.send("POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 4\r\nexpect: 100-continue\r\n\r\n")
        let interim = try c.readResponse()
        XCTAssertEqual(interim.status, 100)
        try c.send("data")
        XCTAssertEqual(try c.readResponse().text, "got data")
    }

    func testDuplicateHeadersAndSetCookieArePreserved() async throws {
        let server = try await TestServer(module: """
            export default {
              fetch(request) {
                const h = new Headers();
                h.append("set-cookie", "a=1; Path=/");
                h.append("set-cookie", "b=2; Path=/");
                h.append("x-multi", "one");
                h.append("x-multi", "two");
                return new Response(request.headers.get("x-dup"), { headers: h });
              },
            };
            """)
        addTeardownBlock { try await server.stop() }
        let r = try server.get("/", headers: [("X-Dup", "first"), ("X-Dup", "second")])
        XCTAssertEqual(r.text, "first, second")
        XCTAssertEqual(r.headers("set-cookie"), ["a=1; Path=/", "b=2; Path=/"])
        XCTAssertEqual(r.header("x-multi"), "one, two")
    }

    func testLimits413And414And431() async throws {
        var limits = HTTPLimits()
        limits.maxBodyBytes = 1024
        let server = try await TestServer(module: "export default { async fetch(r) { return new Response(String((await r.arrayBuffer()).byteLength)) } };",
                                          limits: limits)
        addTeardownBlock { try await server.stop() }
        XCTAssertEqual(try RawHTTPConnection.request(port: server.port, "POST", "/", body: [UInt8](repeating: 1, count: 1024)).text, "1024")
        let big = try RawHTTPConnection.request(port: server.port, "POST", "/", body: [UInt8](repeating: 1, count: 1025))
        XCTAssertEqual(big.status, 413)
        XCTAssertEqual((big.json?["error"] as? [String: Any])?["code"] as? String, "payload_too_large")

        let c = try RawHTTPConnection(port: server.port)
        try c.send("POST / HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n400\r\n" + String(repeating: "a", count: 1024) + "\r\n400\r\n" + String(repeating: "b", count: 1024) + "\r\n0\r\n\r\n")
        XCTAssertEqual(try c.readResponse().status, 413)

        let longURL = "/" + String(repeating: "u", count: 17 * 1024)
        XCTAssertEqual(try server.get(longURL).status, 414)
        let hugeHeader = try server.get("/", headers: (0..<5).map { ("x-h\($0)", String(repeating: "v", count: 30 * 1024)) })
        XCTAssertEqual(hugeHeader.status, 431)
        XCTAssertEqual(try server.get("/").status, 200, "the server keeps serving")
    }

    func testARefusedPipelinedRequestIsAnsweredInOrderAfterTheEarlierOnes() async throws {
        let server = try await TestServer(module: """
            export default {
              async fetch(request) {
                await new Promise((r) => setTimeout(r, 20));
                return new Response(new URL(request.url).pathname);
              },
            };
            """)
        addTeardownBlock { try await server.stop() }
        let c = try RawHTTPConnection(port: server.port)
        let longURL = "/" + String(repeating: "u", count: 17 * 1024)
        try c.send("GET /first HTTP/1.1\r\nhost: x\r\n\r\nGET /second HTTP/1.1\r\nhost: x\r\n\r\nGET \(longURL) HTTP/1.1\r\nhost: x\r\n\r\n")
        let first = try c.readResponse()
        XCTAssertEqual(first.text, "/first")
        XCTAssertNil(first.header("connection"), "an earlier response must not announce the close")
        XCTAssertEqual(try c.readResponse().text, "/second")
        let refused = try c.readResponse()
        XCTAssertEqual(refused.status, 414)
        XCTAssertEqual(refused.header("connection"), "close")
        XCTAssertTrue(c.isClosedByPeer())
    }

    func testMalformedRequestGets400() async throws {
        let server = try await TestServer(module: "export default { fetch: () => new Response('ok') };")
        addTeardownBlock { try await server.stop() }
        let c = try RawHTTPConnection(port: server.port)
        try c.send("GARBAGE\r\n\r\n")
        XCTAssertEqual(try c.readResponse().status, 400)
        XCTAssertEqual(try server.get("/").text, "ok")
    }

    func testFiveHundredConcurrentRequestsAreAllAnswered() async throws {
        let server = try await TestServer(module: """
            export default {
              async fetch(request) {
                await new Promise((r) => setTimeout(r, 5));
                return new Response(new URL(request.url).searchParams.get("i"));
              },
            };
            """, threads: 2)
        addTeardownBlock { try await server.stop() }
        var connections: [RawHTTPConnection] = []
        for i in 0..<500 {
            let c = try RawHTTPConnection(port: server.port)
            try c.send("GET /?i=\(i) HTTP/1.1\r\nhost: x\r\n\r\n")
            connections.append(c)
        }
        for (i, c) in connections.enumerated() {
            let r = try c.readResponse()
            XCTAssertEqual(r.status, 200)
            XCTAssertEqual(r.text, String(i))
        }
    }

    func testWaitUntilWorkFinishesAfterTheResponse() async throws {
        let server = try await TestServer(module: """
            let log = [];
            export default {
              async fetch(request, env, ctx) {
                if (new URL(request.url).pathname === "/log") return new Response(log.join(","));
                ctx.waitUntil(new Promise((r) => setTimeout(r, 50)).then(() => log.push("background done")));
                log.push("responded");
                return new Response("fast");
              },
            };
            """)
        addTeardownBlock { try await server.stop() }
        XCTAssertEqual(try server.get("/work").text, "fast")
        XCTAssertEqual(try server.get("/log").text, "responded")
        try await Task.sleep(for: .milliseconds(300))
        XCTAssertEqual(try server.get("/log").text, "responded,background done")
    }

    func testRequestSignalReadAfterTheDisconnectIsAlreadyAborted() async throws {
        let server = try await TestServer(module: """
            let seen = "nothing yet";
            export default {
              async fetch(request) {
                if (new URL(request.url).pathname === "/status") return new Response(seen);
                await new Promise((r) => setTimeout(r, 300));
                seen = String(request.signal.aborted) + " " + request.signal.reason?.name;
                return new Response("too late");
              },
            };
            """)
        addTeardownBlock { try await server.stop() }
        do {
            let c = try RawHTTPConnection(port: server.port)
            try c.send("GET /slow HTTP/1.1\r\nhost: x\r\n\r\n")
            try await Task.sleep(for: .milliseconds(100))
        }
        try await Task.sleep(for: .milliseconds(500))
        XCTAssertEqual(try server.get("/status").text, "true AbortError")
    }

    func testRequestSignalAbortsWhenTheClientDisconnects() async throws {
        let server = try await TestServer(module: """
            let aborted = "no";
            export default {
              async fetch(request) {
                if (new URL(request.url).pathname === "/status") return new Response(aborted);
                request.signal.addEventListener("abort", () => { aborted = "yes: " + request.signal.reason.name; });
                await new Promise((r) => setTimeout(r, 1000));
                return new Response("too late");
              },
            };
            """)
        addTeardownBlock { try await server.stop() }
        do {
            let c = try RawHTTPConnection(port: server.port)
            try c.send("GET /slow HTTP/1.1\r\nhost: x\r\n\r\n")
            try await Task.sleep(for: .milliseconds(100))
        }  // the connection closes here
        try await Task.sleep(for: .milliseconds(200))
        XCTAssertEqual(try server.get("/status").text, "yes: AbortError")
    }
}
