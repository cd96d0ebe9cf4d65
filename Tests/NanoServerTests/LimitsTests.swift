import Foundation
import NanoServer
import XCTest

/// Untrusted apps under their limits, each served for real over HTTP: one app
/// stopped for CPU or memory never costs another app (or its own next
/// request) anything.
final class LimitsTests: XCTestCase {
    func errorCode(_ r: RawHTTPConnection.Response) -> String? {
        (r.json?["error"] as? [String: Any])?["code"] as? String
    }

    /// Counts requests per isolate: a fresh isolate starts again at 1.
    static let counter = """
        let served = 0;
        export default {
          async fetch(request) {
            const path = new URL(request.url).pathname;
            served++;
            if (path === "/spin") { while (true) {} }
            if (path === "/spin-later") { await new Promise((r) => setTimeout(r, 10)); while (true) {} }
            if (path === "/heap") { const keep = []; while (true) keep.push({ a: [1, 2, 3], b: "x".repeat(64) + served }); }
            if (path === "/buffers") { const keep = []; while (true) keep.push(new Uint8Array(16 << 20)); }
            if (path === "/churn") { let sum = 0; for (let i = 0; i < 100; i++) { const a = new Uint8Array(8 << 20); a[1] = i; sum += a[1]; } return new Response(String(sum)); }
            if (path === "/nap") { await new Promise((r) => setTimeout(r, 200)); return new Response("rested"); }
            return new Response(String(served));
          },
        };
        """

    func testRunawayLoopIsStoppedForCPUAndTheNextRequestGetsAFreshIsolate() async throws {
        let server = try await TestServer(apps: [
            ("spinner", ["index.js": Self.counter], ["spinner.test/*"], []),
            ("other", ["index.js": Self.counter], ["other.test/*"], []),
        ], threads: 2, configure: { $0.cpuMs = 50 })
        addTeardownBlock { try await server.stop() }
        XCTAssertEqual(try server.get("/", host: "spinner.test").text, "1")
        // Another app is answered while the spinner spins.
        async let spun = Task.detached { try server.get("/spin", host: "spinner.test") }.value
        try await Task.sleep(for: .milliseconds(10))
        XCTAssertEqual(try server.get("/", host: "other.test").status, 200)
        let r = try await spun
        XCTAssertEqual(r.status, 503)
        XCTAssertEqual(errorCode(r), "exceeded_cpu")
        XCTAssertFalse(r.text.contains("while"))
        // CPU spent after an await counts as the same request's.
        let later = try server.get("/spin-later", host: "spinner.test")
        XCTAssertEqual(errorCode(later), "exceeded_cpu")
        // Each request on spinner.test's loops now starts from a fresh isolate
        // or the one that served "/"; none of them is the stopped one.
        for _ in 0..<4 { XCTAssertEqual(try server.get("/", host: "spinner.test").status, 200) }
        let stats = await server.server.isolateStatistics()
        XCTAssertEqual(stats.retiring, 0, "stopped isolates are disposed once nothing is in flight")
    }

    /// The CPU the watchdog let a runaway loop use, from the access log.
    func testRunawayLoopGetsNoMoreThanItsCPULimitPlusAMargin() async throws {
        let log = CapturedLog()
        let server = try await TestServer(module: Self.counter, configure: { $0.cpuMs = 50 }, log: log)
        addTeardownBlock { try await server.stop() }
        let r = try server.get("/spin")
        XCTAssertEqual(errorCode(r), "exceeded_cpu")
        let line = try XCTUnwrap(log.text.split(separator: "\n").first { $0.contains("GET /spin 503") }, log.text)
        let cpu = try XCTUnwrap(line.split(separator: " ").first { $0.hasPrefix("cpu_ms=") }.flatMap { Double($0.dropFirst(7)) })
        XCTAssertGreaterThanOrEqual(cpu, 50)
        XCTAssertLessThanOrEqual(cpu, 70, "stopped within cpuMs + 20 ms of CPU")
    }

    func testCPUBombsInterleavedWithAHealthyAppNeverCrashTheProcess() async throws {
        let server = try await TestServer(apps: [
            ("bomb", ["index.js": Self.counter], ["bomb.test/*"], []),
            ("healthy", ["index.js": Self.counter], ["healthy.test/*"], []),
        ], threads: 2, configure: { $0.cpuMs = 10 })
        addTeardownBlock { try await server.stop() }
        var healthy = 0
        for _ in 0..<100 {
            XCTAssertEqual(errorCode(try server.get("/spin", host: "bomb.test")), "exceeded_cpu")
            let r = try server.get("/", host: "healthy.test")
            XCTAssertEqual(r.status, 200)
            healthy = Int(r.text) ?? 0
        }
        XCTAssertGreaterThanOrEqual(healthy, 50, "the healthy app kept its isolates")
    }

    func testARequestWithoutAResponseIsAnsweredAtItsWallClockLimit() async throws {
        let server = try await TestServer(module: """
            let reason = "none";
            export default {
              async fetch(request) {
                if (new URL(request.url).pathname === "/reason") return new Response(reason);
                request.signal.addEventListener("abort", () => { reason = request.signal.reason.name; });
                await new Promise(() => {});
              },
            };
            """, configure: { $0.requestMs = 200 })
        addTeardownBlock { try await server.stop() }
        let r = try server.get("/hang")
        XCTAssertEqual(r.status, 504)
        XCTAssertEqual(errorCode(r), "request_timeout")
        XCTAssertEqual(try server.get("/reason").text, "TimeoutError")
    }

    func testAwaitingATimerCostsNoCPU() async throws {
        let server = try await TestServer(module: Self.counter, configure: { $0.cpuMs = 10 })
        addTeardownBlock { try await server.stop() }
        let r = try server.get("/nap")
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.text, "rested")
    }

    func testHeapBombIsStoppedAndTheNextRequestGetsAFreshIsolate() async throws {
        // A generous CPU limit: filling the heap takes GC work, and this is
        // about memory.
        let server = try await TestServer(module: Self.counter, configure: { $0.memoryMB = 32; $0.cpuMs = 10_000 })
        addTeardownBlock { try await server.stop() }
        XCTAssertEqual(try server.get("/").text, "1")
        let r = try server.get("/heap")
        XCTAssertEqual(r.status, 503)
        XCTAssertEqual(errorCode(r), "exceeded_memory")
        XCTAssertEqual(try server.get("/").text, "1", "a fresh isolate")
    }

    func testArrayBufferBombIsStoppedTheSameWay() async throws {
        let server = try await TestServer(module: Self.counter, configure: { $0.memoryMB = 64; $0.cpuMs = 10_000 })
        addTeardownBlock { try await server.stop() }
        XCTAssertEqual(try server.get("/").text, "1")
        let r = try server.get("/buffers")
        XCTAssertEqual(r.status, 503)
        XCTAssertEqual(errorCode(r), "exceeded_memory")
        XCTAssertEqual(try server.get("/").text, "1", "a fresh isolate")
        let stats = await server.server.isolateStatistics()
        XCTAssertEqual(stats.live.count, 1)
        XCTAssertLessThan(stats.live[0].arrayBuffers, 1 << 20)
        // 800 MB of buffers that die young is not 800 MB alive: a refusal
        // waits for V8's GC before it counts.
        XCTAssertEqual(try server.get("/churn").text, String((0..<100).reduce(0, +)))
    }

    /// A decompression bomb: 64 MB of zeros gzipped to a few KB, inflated by
    /// an app allowed 16 MB. One input chunk inflates to more than the app
    /// may hold: the app is stopped (503), the process is not.
    func testADecompressionBombIsStoppedForMemory() async throws {
        let server = try await TestServer(apps: [
            ("maker", ["index.js": """
                export default {
                  fetch() {
                    let left = 1024;
                    const zeros = new ReadableStream({
                      pull(c) { if (left-- === 0) c.close(); else c.enqueue(new Uint8Array(65536)); },
                    });
                    return new Response(zeros.pipeThrough(new CompressionStream("gzip")));
                  },
                };
                """], ["maker.test/*"], []),
            ("victim", ["index.js": """
                export default {
                  async fetch(request) {
                    const inflated = request.body.pipeThrough(new DecompressionStream("gzip"));
                    return new Response(String((await new Response(inflated).arrayBuffer()).byteLength));
                  },
                };
                """], ["victim.test/*"], []),
        ], configure: { config in
            config.cpuMs = 60_000
            config.memoryMB = config.name == "victim" ? 16 : 256
        })
        addTeardownBlock { try await server.stop() }
        let bomb = try server.get("/", host: "maker.test")
        XCTAssertEqual(bomb.status, 200)
        XCTAssertLessThan(bomb.body.count, 1 << 20)
        let r = try RawHTTPConnection.request(port: server.port, "POST", "/", host: "victim.test", body: bomb.body)
        XCTAssertEqual(r.status, 503, r.text)
        XCTAssertEqual(errorCode(r), "exceeded_memory")
        XCTAssertEqual(try server.get("/", host: "maker.test").status, 200, "the server goes on")
    }

    func testTopLevelCodeHasItsOwnCPULimit() async throws {
        let server = try await TestServer(module: "while (true) {}\nexport default { fetch() { return new Response('never') } };")
        addTeardownBlock { try await server.stop() }
        let r = try server.get("/")
        XCTAssertEqual(r.status, 500)
        XCTAssertEqual(errorCode(r), "module_load_failed")
    }

    func testCodeGenerationAndSharedMemoryAreRefused() async throws {
        let module = """
            const atLoad = eval("1 + 1");  // allowed while the module loads
            async function outcome(f) {
              try { return String(await f()); } catch (e) { return e.name; }
            }
            // The smallest valid WebAssembly module: magic and version.
            const wasm = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
            export default {
              async fetch() {
                return Response.json({
                  atLoad,
                  sab: typeof SharedArrayBuffer,
                  sharedMemory: (() => { try { return Object.prototype.toString.call(new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer); } catch (e) { return e.name; } })(),
                  eval: await outcome(() => eval("2 + 2")),
                  newFunction: await outcome(() => new Function("return 3")()),
                  wasmModule: await outcome(() => new WebAssembly.Module(wasm) && "compiled"),
                  atomicsWait: await outcome(() => Atomics.wait(new Int32Array(4), 0, 0, 1)),
                });
              },
            };
            """
        let strict = try await TestServer(module: module)
        addTeardownBlock { try await strict.stop() }
        let refused = try XCTUnwrap(strict.get("/").json)
        XCTAssertEqual(refused["atLoad"] as? Int, 2)
        XCTAssertEqual(refused["sab"] as? String, "undefined")
        XCTAssertEqual(refused["sharedMemory"] as? String, "[object ArrayBuffer]")
        XCTAssertEqual(refused["eval"] as? String, "EvalError")
        XCTAssertEqual(refused["newFunction"] as? String, "EvalError")
        XCTAssertEqual(refused["wasmModule"] as? String, "CompileError")
        XCTAssertEqual(refused["atomicsWait"] as? String, "TypeError")

        let trusting = try await TestServer(module: module, configure: { $0.allowEval = true; $0.allowWasm = true })
        addTeardownBlock { try await trusting.stop() }
        let allowed = try XCTUnwrap(trusting.get("/").json)
        XCTAssertEqual(allowed["eval"] as? String, "4")
        XCTAssertEqual(allowed["newFunction"] as? String, "3")
        XCTAssertEqual(allowed["wasmModule"] as? String, "compiled")
        XCTAssertEqual(allowed["sab"] as? String, "undefined")
    }

    /// An async WebAssembly compile finishes on a V8 thread, which posts the
    /// result to the isolate's thread: the response must not wait for some
    /// other request or timer to come along.
    func testAsyncWebAssemblyCompileSettlesWithoutOtherTraffic() async throws {
        let module = """
            const wasm = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
            export default {
              async fetch() {
                try { await WebAssembly.compile(wasm); return new Response("compiled"); }
                catch (e) { return new Response(e.name); }
              },
            };
            """
        let allowed = try await TestServer(module: module, configure: { $0.allowWasm = true })
        addTeardownBlock { try await allowed.stop() }
        XCTAssertEqual(try allowed.get("/").text, "compiled")
        let refused = try await TestServer(module: module)
        addTeardownBlock { try await refused.stop() }
        XCTAssertEqual(try refused.get("/").text, "CompileError")
    }

    func testSameEnvKeyInTwoAppsAndSecretsNeverReachTheLog() async throws {
        let log = CapturedLog()
        let app = """
            export default {
              fetch(request, env) {
                if (new URL(request.url).pathname === "/throw") throw new Error("token is " + env.TOKEN);
                console.log("logging the secret " + env.TOKEN);
                return new Response(env.TOKEN + "/" + env.PLAIN);
              },
            };
            """
        let server = try await TestServer(apps: [
            ("a", ["index.js": app], ["a.test/*"], [("PLAIN", "plain-a")]),
            ("b", ["index.js": app], ["b.test/*"], [("PLAIN", "plain-b")]),
        ], configure: { $0.secrets = [("TOKEN", "tok-\($0.name)-8c1f")] }, log: log)
        addTeardownBlock { try await server.stop() }
        XCTAssertEqual(try server.get("/", host: "a.test").text, "tok-a-8c1f/plain-a")
        XCTAssertEqual(try server.get("/", host: "b.test").text, "tok-b-8c1f/plain-b")
        let thrown = try server.get("/throw", host: "a.test")
        XCTAssertEqual(errorCode(thrown), "uncaught_exception")
        let text = log.text
        XCTAssertTrue(text.contains("token is [REDACTED]"), text)
        XCTAssertTrue(text.contains("logging the secret [REDACTED]"), text)
        XCTAssertFalse(text.contains("tok-a-8c1f"), text)
        XCTAssertFalse(text.contains("tok-b-8c1f"), text)
    }

    func testHeapStatisticsPerIsolate() async throws {
        let server = try await TestServer(module: Self.counter, configure: { $0.memoryMB = 64 })
        addTeardownBlock { try await server.stop() }
        _ = try server.get("/")
        let stats = await server.server.isolateStatistics()
        XCTAssertEqual(stats.live.map(\.app), ["app"])
        XCTAssertGreaterThan(stats.live[0].heapUsed, 100_000)
        XCTAssertGreaterThanOrEqual(stats.live[0].heapLimit, 64 << 20)
        XCTAssertLessThan(stats.live[0].heapLimit, 96 << 20)
    }
}
