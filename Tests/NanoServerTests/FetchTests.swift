import Foundation
import NanoServer
import XCTest

/// fetch() from an app, against another NANO server on loopback as the
/// upstream: real sockets both ways.
final class FetchTests: XCTestCase {
    static let upstreamApp = """
        export default {
          async fetch(request) {
            const url = new URL(request.url);
            const path = url.pathname;
            if (path === "/hello") return new Response("hello", { headers: { "x-empty": "", "x-upstream": "yes" } });
            if (path === "/echo") {
              const body = new Uint8Array(await request.arrayBuffer());
              return new Response(body, { headers: { "x-method": request.method, "x-length": String(body.length),
                "x-chunked": String(request.headers.get("transfer-encoding") === "chunked") } });
            }
            if (path.startsWith("/redirect/")) {
              const n = Number(path.slice(10));
              if (n === 0) return new Response("arrived " + request.method + " " + (request.headers.get("authorization") ?? "-"));
              return new Response(null, { status: Number(url.searchParams.get("status") ?? 302),
                headers: { location: "/redirect/" + (n - 1) + url.search } });
            }
            if (path === "/slow") { await new Promise((r) => setTimeout(r, 3000)); return new Response("slow"); }
            if (path === "/big") {
              let sent = 0;
              return new Response(new ReadableStream({
                pull(c) { if (sent >= 64) return c.close(); sent++; c.enqueue(new Uint8Array(16384).fill(sent)); },
              }));
            }
            return new Response("not here", { status: 404 });
          },
        };
        """

    func testFetchAgainstALocalServer() async throws {
        let upstream = try await TestServer(module: Self.upstreamApp, configure: { $0.cpuMs = 60_000 })
        addTeardownBlock { try await upstream.stop() }
        let base = "http://127.0.0.1:\(upstream.port)"
        let closedPort = try Self.closedPort()
        let client = try await TestServer(module: """
            async function outcome(f) {
              try { return await f(); } catch (e) { return e.name + ": " + e.message; }
            }
            export default {
              async fetch(request) {
                const base = "\(base)";
                const results = {};
                const hello = await fetch(base + "/hello");
                results.hello = [hello.status, hello.headers.get("x-upstream"), await hello.text(), hello.url,
                  JSON.stringify(hello.headers.get("x-empty"))];
                const notFound = await fetch(base + "/nothing");
                results.notFound = [notFound.status, notFound.ok, await notFound.text()];
                const post = await fetch(base + "/echo", { method: "POST", body: "posted body" });
                results.post = [post.headers.get("x-method"), post.headers.get("x-length"), await post.text()];
                let chunks = ["a", "bb", "ccc"];
                const streamed = await fetch(base + "/echo", {
                  method: "PUT", duplex: "half",
                  body: new ReadableStream({ pull(c) { const s = chunks.shift(); if (s === undefined) c.close(); else c.enqueue(new TextEncoder().encode(s)); } }),
                });
                results.streamed = [streamed.headers.get("x-method"), streamed.headers.get("x-chunked"), await streamed.text()];
                const redirected = await fetch(base + "/redirect/3", { headers: { authorization: "Bearer t" } });
                results.redirected = [redirected.status, redirected.redirected, redirected.url.endsWith("/redirect/0"), await redirected.text()];
                const seeOther = await fetch(base + "/redirect/1?status=303", { method: "POST", body: "x" });
                results.seeOther = await seeOther.text();
                const manual = await fetch(base + "/redirect/1", { redirect: "manual" });
                results.manual = [manual.status, manual.headers.get("location")];
                results.error = await outcome(() => fetch(base + "/redirect/1", { redirect: "error" }));
                results.tooMany = await outcome(() => fetch(base + "/redirect/25"));
                const big = await fetch(base + "/big");
                let total = 0;
                for await (const chunk of big.body) total += chunk.length;
                results.big = total;
                const controller = new AbortController();
                setTimeout(() => controller.abort(), 50);
                results.aborted = await outcome(() => fetch(base + "/slow", { signal: controller.signal }));
                results.timedOut = await outcome(() => fetch(base + "/slow", { signal: AbortSignal.timeout(100) }));
                results.refused = await outcome(() => fetch("http://127.0.0.1:\(closedPort)/"));
                results.file = await outcome(() => fetch("file:///etc/passwd"));
                results.data = await (await fetch("data:text/plain,hi%20there")).text();
                results.badPort = await outcome(() => fetch("http://127.0.0.1:6000/"));
                return Response.json(results);
              },
            };
            """, configure: { $0.allowPrivateNetwork = true; $0.requestMs = 20_000; $0.cpuMs = 60_000 })
        addTeardownBlock { try await client.stop() }
        let r = try client.get("/")
        XCTAssertEqual(r.status, 200, r.text)
        let results = try XCTUnwrap(r.json, r.text)
        func list(_ key: String) -> [String] { (results[key] as? [Any] ?? []).map { "\($0)" } }
        // An empty header value survives the host's "name\0value\0…" block.
        XCTAssertEqual(list("hello"), ["200", "yes", "hello", "\(base)/hello", "\"\""])
        XCTAssertEqual(list("notFound"), ["404", "0", "not here"])
        XCTAssertEqual(list("post"), ["POST", "11", "posted body"])
        XCTAssertEqual(list("streamed"), ["PUT", "true", "abbccc"])
        XCTAssertEqual(list("redirected"), ["200", "1", "1", "arrived GET Bearer t"])
        XCTAssertEqual(results["seeOther"] as? String, "arrived GET -")
        XCTAssertEqual(list("manual"), ["302", "/redirect/0"])
        XCTAssertTrue((results["error"] as? String ?? "").hasPrefix("TypeError"), "\(results["error"] ?? "")")
        XCTAssertEqual(results["tooMany"] as? String, "TypeError: fetch: more than 20 redirects")
        XCTAssertEqual(results["big"] as? Int, 64 * 16384)
        XCTAssertTrue((results["aborted"] as? String ?? "").hasPrefix("AbortError"), "\(results["aborted"] ?? "")")
        XCTAssertTrue((results["timedOut"] as? String ?? "").hasPrefix("TimeoutError"), "\(results["timedOut"] ?? "")")
        XCTAssertTrue((results["refused"] as? String ?? "").hasPrefix("TypeError: fetch:"), "\(results["refused"] ?? "")")
        XCTAssertTrue((results["file"] as? String ?? "").contains("'file:' scheme is not supported"), "\(results["file"] ?? "")")
        XCTAssertEqual(results["data"] as? String, "hi there")
        XCTAssertTrue((results["badPort"] as? String ?? "").contains("port 6000 is blocked"), "\(results["badPort"] ?? "")")
    }

    func testPrivateAddressesAreRefusedUnlessAllowedAndSubrequestsAreLimited() async throws {
        let upstream = try await TestServer(module: Self.upstreamApp)
        addTeardownBlock { try await upstream.stop() }
        let app = """
            export default {
              async fetch(request) {
                const target = new URL(request.url).searchParams.get("to");
                const out = [];
                for (let i = 0; i < 4; i++) {
                  try { const r = await fetch(target); out.push(String(r.status)); await r.text(); }
                  catch (e) { out.push(e.name + ": " + e.message); }
                }
                return Response.json(out);
              },
            };
            """
        let refusing = try await TestServer(module: app)
        addTeardownBlock { try await refusing.stop() }
        let target = "http://127.0.0.1:\(upstream.port)/hello"
        let refused = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(refusing.get("/?to=\(target)").body)) as? [String])
        XCTAssertTrue(refused[0].contains("127.0.0.1 is a loopback address"), refused[0])
        let named = try JSONSerialization.jsonObject(with: Data(refusing.get("/?to=http://localhost:\(upstream.port)/hello").body)) as? [String]
        XCTAssertTrue(named?[0].contains("loopback") == true, "a name that resolves to loopback is refused too: \(named ?? [])")

        let limited = try await TestServer(module: app, configure: { $0.allowPrivateNetwork = true; $0.subrequests = 3 })
        addTeardownBlock { try await limited.stop() }
        let counted = try JSONSerialization.jsonObject(with: Data(limited.get("/?to=\(target)").body)) as? [String]
        XCTAssertEqual(Array(counted?.prefix(3) ?? []), ["200", "200", "200"])
        XCTAssertTrue(counted?.last?.contains("already made 3 subrequests") == true, "\(counted ?? [])")
    }

    /// A loopback port nothing listens on.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
