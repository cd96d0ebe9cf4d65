import XCTest

/// performance (HR-Time, coarsened to whole milliseconds) and navigator.
final class PerformanceNavigatorTests: XCTestCase {
    func testPerformanceNowIsMonotonicCoarseAndRelativeToTheIsolatesStart() throws {
        let r = try runModule(["main.js": """
            const t0 = performance.now();
            await new Promise((r) => setTimeout(r, 20));
            const t1 = performance.now();
            console.log(t0 >= 0, t1 - t0 >= 19, Number.isInteger(t0), Number.isInteger(t1));
            console.log(Math.abs(performance.timeOrigin + t1 - Date.now()) < 1000);
            console.log(JSON.stringify(performance.toJSON()) === JSON.stringify({ timeOrigin: performance.timeOrigin }));
            """])
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, "true true true true\ntrue\ntrue\n")
    }

    func testInterfacesFollowWebIDL() throws {
        let r = try runModule(["main.js": """
            const out = [];
            out.push(Object.prototype.toString.call(performance), performance instanceof EventTarget);
            try { new Performance(); } catch (e) { out.push(e.constructor.name); }
            try { Performance.prototype.now.call({}); } catch (e) { out.push(e.constructor.name); }
            out.push(Object.keys(Performance.prototype).join("/"));
            out.push(navigator.userAgent, Object.prototype.toString.call(navigator));
            try { new Navigator(); } catch (e) { out.push(e.constructor.name); }
            out.push(Number.isInteger(navigator.hardwareConcurrency) && navigator.hardwareConcurrency > 0);
            globalThis.performance = 1;
            out.push(performance);
            console.log(out.join(" "));
            """])
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, "[object Performance] true TypeError TypeError now/timeOrigin/toJSON NANO/0.1.0 [object Navigator] TypeError true 1\n")
    }

    func testEachIsolateHasItsOwnTimeOrigin() throws {
        let first = try runModule(["main.js": "console.log(performance.timeOrigin)"])
        Thread.sleep(forTimeInterval: 0.02)
        let second = try runModule(["main.js": "console.log(performance.timeOrigin)"])
        let a = Double(first.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let b = Double(second.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        XCTAssertGreaterThan(b, a, "the time origin is the isolate's start, not the snapshot's")
    }
}
