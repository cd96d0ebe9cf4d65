import XCTest

final class EventLoopTests: XCTestCase {
    func testTimersWithTheSameDelayFireInInsertionOrder() throws {
        let r = try runModule(["main.js": """
            const out = [];
            for (let i = 0; i < 20; i++) setTimeout(() => out.push(i), 5);
            setTimeout(() => console.log(out.join(",")), 6);
            """])
        XCTAssertEqual(r.stdout, (0..<20).map(String.init).joined(separator: ",") + "\n")
        XCTAssertEqual(r.status, 0)
    }

    func testShorterDelaysFireFirstAndMicrotasksRunAfterEachMacrotask() throws {
        let r = try runModule(["main.js": """
            const log = (s) => console.log(s);
            setTimeout(() => { log("t20"); }, 20);
            setTimeout(() => { log("t0-a"); Promise.resolve().then(() => log("micro after t0-a")); }, 0);
            setTimeout(() => log("t0-b"), 0);
            setTimeout(() => log("t10"), 10);
            queueMicrotask(() => log("microtask"));
            Promise.resolve().then(() => log("promise"));
            log("sync");
            """])
        XCTAssertEqual(r.stdout, "sync\nmicrotask\npromise\nt0-a\nmicro after t0-a\nt0-b\nt10\nt20\n")
        XCTAssertEqual(r.status, 0)
    }

    func testNestedTimersAreClampedToFourMillisecondsAfterFiveLevels() throws {
        // HTML: once the nesting level exceeds 5, a timeout below 4 ms becomes 4 ms.
        let r = try runModule(["main.js": """
            const gaps = [];
            let last = performanceNow();
            function performanceNow() { return Date.now(); }
            let level = 0;
            const t0 = Date.now();
            function tick() {
              level++;
              if (level <= 105) setTimeout(tick, 0);
              else console.log(Date.now() - t0 >= 4 * 95 ? "clamped" : "not clamped: " + (Date.now() - t0));
            }
            setTimeout(tick, 0);
            """])
        XCTAssertEqual(r.stdout, "clamped\n")
    }

    func testIntervalRepeatsUntilCleared() throws {
        let r = try runModule(["main.js": """
            let n = 0;
            const id = setInterval((a, b) => {
              n++;
              console.log("tick", n, a + b);
              if (n === 3) clearInterval(id);
            }, 1, 2, 3);
            """])
        XCTAssertEqual(r.stdout, "tick 1 5\ntick 2 5\ntick 3 5\n")
        XCTAssertEqual(r.status, 0)
    }

    func testClearTimeoutPreventsTheCallbackAndIdsAreDistinct() throws {
        let r = try runModule(["main.js": """
            const a = setTimeout(() => console.log("a"), 1);
            const b = setTimeout(() => console.log("b"), 1);
            clearTimeout(a);
            clearTimeout(12345);
            clearTimeout(undefined);
            console.log(typeof a, a !== b, a > 0);
            """])
        XCTAssertEqual(r.stdout, "number true true\nb\n")
    }

    func testTimerClearedByAnEarlierTimerInTheSameTurnDoesNotFire() throws {
        let r = try runModule(["main.js": """
            let second;
            setTimeout(() => { console.log("first"); clearTimeout(second); }, 2);
            second = setTimeout(() => console.log("second"), 2);
            """])
        XCTAssertEqual(r.stdout, "first\n")
    }

    func testStringHandlerIsCompiledAsAScript() throws {
        let r = try runModule(["main.js": "globalThis.x = 41; setTimeout('console.log(x + 1)', 0);"])
        XCTAssertEqual(r.stdout, "42\n")
    }

    func testQueueMicrotaskRequiresAFunction() throws {
        let r = try runModule(["main.js": "try { queueMicrotask(1) } catch (e) { console.log(e.constructor.name) }"])
        XCTAssertEqual(r.stdout, "TypeError\n")
    }

    func testUnhandledRejectionExits1() throws {
        let r = try runModule(["main.js": """
            console.log("before");
            Promise.reject(new Error("nobody listens"));
            setTimeout(() => console.log("never"), 50);
            """])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "before\n")
        XCTAssertTrue(r.stderr.hasPrefix("error: Uncaught (in promise) Error: nobody listens\n"), r.stderr)
    }

    func testRejectionHandledInALaterMicrotaskIsNotReported() throws {
        let r = try runModule(["main.js": """
            const p = Promise.reject(new Error("late"));
            queueMicrotask(() => p.catch((e) => console.log("caught", e.message)));
            """])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "caught late\n")
    }

    func testErrorThrownInATimerExits1() throws {
        let r = try runModule(["main.js": "setTimeout(() => { throw new Error('in timer') }, 1);"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("error: Uncaught Error: in timer\n"), r.stderr)
    }

    func testAwaitingATimerAtTopLevel() throws {
        let r = try runModule(["main.js": """
            const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
            await sleep(5);
            console.log("slept");
            """])
        XCTAssertEqual(r.stdout, "slept\n")
        XCTAssertEqual(r.status, 0)
    }
}

final class ErrorReportingTests: XCTestCase {
    func testAnErrorListenerThatCancelsKeepsTheProgramRunning() throws {
        let r = try runModule(["main.js": """
            addEventListener("error", (event) => {
              console.log("caught", event.error.message, event instanceof ErrorEvent);
              event.preventDefault();
            });
            setTimeout(() => { throw new Error("from a timer"); }, 1);
            queueMicrotask(() => { throw new Error("from a microtask"); });
            setTimeout(() => console.log("still running"), 5);
            """])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "caught from a microtask true\ncaught from a timer true\nstill running\n")
    }

    func testOnerrorReturningTrueCancels() throws {
        let r = try runModule(["main.js": """
            globalThis.onerror = (message, source, line, column, error) => { console.log("onerror", error.message); return true; };
            reportError(new TypeError("reported"));
            console.log("after");
            """])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "onerror reported\nafter\n")
    }

    func testUncanceledErrorsAreUncaught() throws {
        let micro = try runModule(["main.js": "queueMicrotask(() => { throw new Error('in a microtask'); });"])
        XCTAssertEqual(micro.status, 1)
        XCTAssertTrue(micro.stderr.hasPrefix("error: Uncaught Error: in a microtask\n    at "), micro.stderr)
        let reported = try runModule(["main.js": "reportError(new Error('reported'));"])
        XCTAssertEqual(reported.status, 1)
        XCTAssertTrue(reported.stderr.hasPrefix("error: Uncaught Error: reported\n"), reported.stderr)
    }

    func testUnhandledRejectionEventCanHandleARejection() throws {
        let r = try runModule(["main.js": """
            addEventListener("unhandledrejection", (event) => {
              console.log("unhandled", event.reason.message, event.promise instanceof Promise);
              event.preventDefault();
            });
            Promise.reject(new Error("nobody"));
            setTimeout(() => console.log("still running"), 1);
            """])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "unhandled nobody true\nstill running\n")
    }
}
