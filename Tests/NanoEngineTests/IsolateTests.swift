import Foundation
import NanoEngine
import XCTest

final class IsolateTests: XCTestCase {
    func testIsolateFromSnapshotSeesRuntimeGlobals() throws {
        let isolate = try Isolate(snapshot: TestSnapshot.shared)
        XCTAssertEqual(try isolate.runScript("fromSnapshot"), "42")
        XCTAssertEqual(try isolate.runScript("typeof ops.echo"), "function")
    }

    func testTwoIsolatesDoNotSeeEachOthersGlobals() throws {
        let a = try Isolate(snapshot: TestSnapshot.shared)
        let b = try Isolate(snapshot: TestSnapshot.shared)
        try a.runScript("globalThis.secret = 'A'; Array.prototype.polluted = 1; fromSnapshot = 7")
        XCTAssertEqual(try b.runScript("typeof globalThis.secret"), "undefined")
        XCTAssertEqual(try b.runScript("typeof [].polluted"), "undefined")
        XCTAssertEqual(try b.runScript("fromSnapshot"), "42")
        XCTAssertEqual(try a.runScript("secret + fromSnapshot"), "A7")
    }

    func testOpsRoundTripValuesAndErrors() throws {
        let isolate = try Isolate(snapshot: TestSnapshot.shared)
        XCTAssertEqual(try isolate.runScript("ops.echo('héllo ✓ \\u{1F600}')"), "héllo ✓ 😀")
        XCTAssertEqual(try isolate.runScript("ops.add(2, 3.5)"), "5.5")
        XCTAssertEqual(try isolate.runScript("ops.byteCount(new Uint8Array(new ArrayBuffer(16), 4, 8))"), "8")
        XCTAssertEqual(
            try isolate.runScript("try { ops.fail() } catch (e) { e instanceof TypeError && e.message }"),
            "fail was called")
        XCTAssertThrowsError(try isolate.runScript("new ops.echo()")) { error in
            XCTAssertTrue((error as! JSException).message.contains("TypeError"), "\(error)")
        }
    }

    func testHooksAreCalledWithArguments() throws {
        let isolate = try Isolate(snapshot: TestSnapshot.shared)
        let double = try XCTUnwrap(isolate.hook("double"))
        XCTAssertEqual(try isolate.call(double, [.number(21)]), 42)
        let record = try XCTUnwrap(isolate.hook("record"))
        try isolate.call(record, [.string("naïve")])
        XCTAssertEqual(try isolate.runScript("recorded"), "naïve")
        XCTAssertNil(isolate.hook("noSuchHook"))
    }

    func testThrownErrorReportsMessageStackAndLocation() throws {
        let isolate = try Isolate(snapshot: TestSnapshot.shared)
        XCTAssertThrowsError(try isolate.runScript("\n\nfunction f() { throw new RangeError('bad') }\nf()", name: "file:///app/x.js")) { error in
            let e = error as! JSException
            XCTAssertEqual(e.kind, .exception)
            XCTAssertEqual(e.message, "RangeError: bad")
            XCTAssertEqual(e.resource, "file:///app/x.js")
            XCTAssertEqual(e.line, 3)
            XCTAssertTrue(e.stack?.contains("at f (file:///app/x.js:3:22)") == true, e.stack ?? "no stack")
        }
    }

    func testSyntaxErrorInScriptIsACompileError() throws {
        let isolate = try Isolate(snapshot: TestSnapshot.shared)
        XCTAssertThrowsError(try isolate.runScript("let x = ;", name: "bad.js")) { error in
            let e = error as! JSException
            XCTAssertEqual(e.kind, .compile)
            XCTAssertTrue(e.message.hasPrefix("SyntaxError"), e.message)
            XCTAssertEqual(e.location, "bad.js:1:9")
        }
    }

    func testRunawayLoopIsTerminatedFromAnotherThreadAndIsolateStaysUsable() throws {
        let isolate = try Isolate(snapshot: TestSnapshot.shared)
        let terminator = isolate.terminator
        let started = expectation(description: "terminated")
        let thread = Thread {
            Thread.sleep(forTimeInterval: 0.2)
            terminator.terminate()
            started.fulfill()
        }
        thread.start()
        XCTAssertThrowsError(try isolate.runScript("let i = 0; while (true) { i++ }")) { error in
            XCTAssertEqual((error as! JSException).kind, .terminated)
        }
        wait(for: [started], timeout: 10)
        XCTAssertEqual(try isolate.runScript("[1, 2, 3].map(x => x * 2).join()"), "2,4,6")
        XCTAssertEqual(try isolate.runScript("fromSnapshot"), "42")
    }

    func testMicrotaskCheckpointReportsUnhandledRejectionsOnly() throws {
        let isolate = try Isolate(snapshot: TestSnapshot.shared)
        try isolate.runScript("""
            Promise.reject(new Error('nobody caught me'));
            const handledLater = Promise.reject(new Error('handled'));
            Promise.resolve().then(() => handledLater.catch(() => {}));
            """)
        let rejections = try isolate.performMicrotaskCheckpoint()
        XCTAssertEqual(rejections.map(\.message), ["Error: nobody caught me"])
        XCTAssertEqual(try isolate.performMicrotaskCheckpoint().count, 0)
    }

    func testHeapStatisticsAreReported() throws {
        let isolate = try Isolate(snapshot: TestSnapshot.shared, options: .init(heapLimitBytes: 64 << 20))
        let stats = isolate.heapStatistics()
        XCTAssertGreaterThan(stats.used, 0)
        XCTAssertGreaterThanOrEqual(stats.total, stats.used)
        XCTAssertGreaterThan(stats.limit, 0)
        XCTAssertLessThanOrEqual(stats.limit, 96 << 20)
    }

    func testHeapExhaustionTerminatesInsteadOfAbortingTheProcess() throws {
        let isolate = try Isolate(snapshot: TestSnapshot.shared, options: .init(heapLimitBytes: 32 << 20))
        XCTAssertThrowsError(try isolate.runScript("const a = []; while (true) a.push({ x: [1, 2, 3], y: 'z'.repeat(10) })")) { error in
            XCTAssertEqual((error as! JSException).kind, .terminated)
        }
        XCTAssertTrue(isolate.heapLimitReached)
    }
}
