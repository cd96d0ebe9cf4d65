import Foundation
import NanoEngine
import XCTest

final class SnapshotCacheTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nano-snap-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testSecondLoadComesFromTheCacheAndWorks() throws {
        let first = try Snapshot.loadOrBuild(scripts: TestSnapshot.scripts, ops: TestSnapshot.ops, cacheDirectory: directory)
        XCTAssertEqual(first.origin, .built)
        let second = try Snapshot.loadOrBuild(scripts: TestSnapshot.scripts, ops: TestSnapshot.ops, cacheDirectory: directory)
        XCTAssertEqual(second.origin, .cached)
        XCTAssertEqual(try Isolate(snapshot: second).runScript("fromSnapshot + ops.add(1, 1)"), "44")
    }

    func testChangedRuntimeScriptRebuilds() throws {
        _ = try Snapshot.loadOrBuild(scripts: TestSnapshot.scripts, ops: TestSnapshot.ops, cacheDirectory: directory)
        let changed = [RuntimeScript(name: "nano:test/setup.js", source: "(function (nano, global) { global.fromSnapshot = 43; });")]
        let rebuilt = try Snapshot.loadOrBuild(scripts: changed, ops: TestSnapshot.ops, cacheDirectory: directory)
        XCTAssertEqual(rebuilt.origin, .built)
        XCTAssertEqual(try Isolate(snapshot: rebuilt).runScript("fromSnapshot"), "43")
    }

    func testDamagedCacheFileIsRebuiltNotTrusted() throws {
        _ = try Snapshot.loadOrBuild(scripts: TestSnapshot.scripts, ops: TestSnapshot.ops, cacheDirectory: directory)
        let file = try XCTUnwrap(FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil).first)
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count - 100] ^= 0xFF
        try bytes.write(to: file)
        let again = try Snapshot.loadOrBuild(scripts: TestSnapshot.scripts, ops: TestSnapshot.ops, cacheDirectory: directory)
        XCTAssertEqual(again.origin, .built)
        XCTAssertEqual(try Isolate(snapshot: again).runScript("fromSnapshot"), "42")
    }

    /// Runtime sources are shared by every isolate of the process, not copied
    /// into each: a 2 MB script adds nothing to an isolate's heap, and its
    /// lazily compiled functions still work and show their source.
    func testRuntimeSourcesAreSharedNotCopiedIntoEachIsolate() throws {
        let padding = String(repeating: "// padding padding padding padding padding padding padding padding\n", count: 30_000)
        let big = RuntimeScript(name: "nano:test/big.js", source: """
            (function (nano, global) {
            \(padding)
              global.later = function later(x) { return "later:" + x; };
            });
            """)
        let small = RuntimeScript(name: "nano:test/small.js", source: """
            (function (nano, global) {
              global.later = function later(x) { return "later:" + x; };
            });
            """)
        let bigIsolate = try Isolate(snapshot: Snapshot.build(scripts: [big], ops: TestSnapshot.ops))
        let smallIsolate = try Isolate(snapshot: Snapshot.build(scripts: [small], ops: TestSnapshot.ops))
        XCTAssertGreaterThan(big.source.utf8.count, 2_000_000)
        XCTAssertLessThan(bigIsolate.heapStatistics().used, smallIsolate.heapStatistics().used + 200_000)
        XCTAssertEqual(try bigIsolate.runScript("later(1)"), "later:1")
        XCTAssertEqual(try bigIsolate.runScript("String(later)"), #"function later(x) { return "later:" + x; }"#)

        // From the cache, in this process, the same holds.
        _ = try Snapshot.loadOrBuild(scripts: [big], ops: TestSnapshot.ops, cacheDirectory: directory)
        let cached = try Snapshot.loadOrBuild(scripts: [big], ops: TestSnapshot.ops, cacheDirectory: directory)
        XCTAssertEqual(cached.origin, .cached)
        XCTAssertEqual(try Isolate(snapshot: cached).runScript("later(2)"), "later:2")
    }

    func testRuntimeScriptThatThrowsFailsTheBuildWithItsName() throws {
        let bad = [RuntimeScript(name: "nano:test/bad.js", source: "(function () { throw new Error('broken runtime') });")]
        XCTAssertThrowsError(try Snapshot.build(scripts: bad, ops: TestSnapshot.ops)) { error in
            XCTAssertTrue((error as! JSException).message.contains("broken runtime"), "\(error)")
        }
        let notAFunction = [RuntimeScript(name: "nano:test/value.js", source: "42")]
        XCTAssertThrowsError(try Snapshot.build(scripts: notAFunction, ops: TestSnapshot.ops)) { error in
            XCTAssertTrue((error as! JSException).message.contains("nano:test/value.js"), "\(error)")
        }
    }
}
