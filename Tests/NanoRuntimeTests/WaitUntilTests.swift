import Foundation
import NanoEngine
import NanoRuntime
import NIOCore
import NIOPosix
import XCTest

/// ctx.waitUntil work as the host sees it: counted until it settles, and let
/// go (with a log line) once it outlives the app's wall-clock cap.
final class WaitUntilTests: XCTestCase {
    final class Lines: @unchecked Sendable {
        // Guarded by `lock`: console writes come from the event loop, reads from the test.
        private let lock = NSLock()
        private var text = ""
        func append(_ s: String) { lock.withLock { text += s } }
        var all: String { lock.withLock { text } }
    }

    func serve(_ source: String, capMilliseconds: Int, on loop: any EventLoop, output: Lines) throws -> EventLoopFuture<AppIsolate> {
        let snapshot = try RuntimeSnapshot.shared()
        let root = URL(fileURLWithPath: "/nano-test-app")
        let entry = root.appendingPathComponent("index.js")
        let spec = AppSpec(name: "app", modules: ModuleSet(root: root, entry: entry, files: [entry.path: source]),
                           env: [], limits: AppLimits(waitUntilMilliseconds: capMilliseconds))
        let console = ConsoleOutput { text, _ in output.append(text) }
        return loop.submit { AppIsolate(spec: spec, snapshot: snapshot, eventLoop: loop, output: console) }
    }

    func request(_ app: AppIsolate, on loop: any EventLoop) throws -> DispatchOutcome {
        let promise = loop.makePromise(of: DispatchOutcome.self)
        loop.execute {
            app.dispatch(IncomingRequest(method: "GET", url: "http://app.test/", headers: "", body: nil), requestID: "r1") {
                outcome, _ in promise.succeed(outcome)
            }
        }
        return try promise.futureResult.wait()
    }

    func pending(_ app: AppIsolate, on loop: any EventLoop) throws -> Int {
        try loop.submit { app.pendingWaitUntil }.wait()
    }

    func testWorkIsCountedUntilItSettlesAndLetGoAtTheCap() throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let loop = group.next()
        let output = Lines()
        let app = try serve("""
            export default {
              fetch(request, env, ctx) {
                ctx.waitUntil(new Promise((resolve) => setTimeout(resolve, 50)));  // settles
                ctx.waitUntil(new Promise(() => {}));                               // never settles
                return new Response("ok");
              },
            };
            """, capMilliseconds: 400, on: loop, output: output).wait()
        guard case .response(let response) = try request(app, on: loop) else { return XCTFail("no response") }
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(try pending(app, on: loop), 2)
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertEqual(try pending(app, on: loop), 1, "the settled promise is no longer counted")
        XCTAssertFalse(output.all.contains("did not settle"))
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertEqual(try pending(app, on: loop), 0, "the cap lets the never-settling promise go")
        XCTAssertTrue(output.all.contains("waitUntil: a promise did not settle within 400 ms"), output.all)
    }
}
