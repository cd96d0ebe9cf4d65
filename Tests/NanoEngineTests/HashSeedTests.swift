import Foundation
import NanoEngine
import XCTest

/// Isolates made from a snapshot built in this process skip V8's rehash of
/// it (CV8/hash_seed.cc); ones made from a cached snapshot do not. Either
/// way, every hash table the snapshot holds must still find its keys: these
/// tests build tables of each kind into snapshots and look them up from
/// isolates made in every order that changes which seed the process has.
final class HashSeedTests: XCTestCase {
    /// Dictionary-mode objects, a string-keyed Map and Set, and
    /// internalized property names, all made while the snapshot is built.
    static let tables = RuntimeScript(name: "nano:test/tables.js", source: """
        (function (nano, global) {
          const dict = Object.create(null);
          for (let i = 0; i < 200; i++) dict["key" + i] = i;
          delete dict.key7;
          const map = new Map();
          const set = new Set();
          for (let i = 0; i < 200; i++) { map.set("m" + i, i); set.add("s" + i); }
          global.tables = { dict, map, set };
          global.lookUp = function () {
            const t = global.tables;
            let sum = 0;
            for (let i = 0; i < 200; i++) {
              const name = "key" + i;  // made now, hashed with the isolate's seed
              if (i === 7 ? name in t.dict : t.dict[name] !== i) return "dict missed " + name;
              if (t.map.get("m" + i) !== i) return "map missed m" + i;
              if (!t.set.has("s" + i)) return "set missed s" + i;
              sum += i;
            }
            return "ok " + sum;
          };
        });
        """)

    static let expected = "ok 19900"

    func snapshot(_ marker: Int) throws -> Snapshot {
        try Snapshot.build(scripts: [Self.tables, RuntimeScript(name: "nano:test/marker.js", source: """
            (function (nano, global) { global.marker = \(marker); });
            """)], ops: TestSnapshot.ops)
    }

    func lookUp(_ isolate: Isolate) throws -> String {
        try isolate.runScript("lookUp()")
    }

    func testIsolatesOfABuiltSnapshotFindEveryKey() throws {
        let snap = try snapshot(1)
        let a = try Isolate(snapshot: snap)
        let b = try Isolate(snapshot: snap)
        XCTAssertEqual(try lookUp(a), Self.expected)
        XCTAssertEqual(try lookUp(b), Self.expected)
    }

    /// No isolate alive: the next one sets up the shared heap (and its seed)
    /// again, from the snapshot.
    func testAnIsolateMadeAfterAllOthersAreGoneFindsEveryKey() throws {
        let snap = try snapshot(2)
        do { _ = try Isolate(snapshot: snap) }
        XCTAssertEqual(try lookUp(Isolate(snapshot: snap)), Self.expected)
    }

    /// Two snapshots built at different times, isolates of both alive
    /// together, made in alternation.
    func testIsolatesOfTwoSnapshotsAliveTogetherFindEveryKey() throws {
        let first = try snapshot(3)
        var keep = [try Isolate(snapshot: first)]
        let second = try snapshot(4)
        keep.append(try Isolate(snapshot: second))
        keep.append(try Isolate(snapshot: first))
        keep.append(try Isolate(snapshot: second))
        for isolate in keep { XCTAssertEqual(try lookUp(isolate), Self.expected) }
        XCTAssertEqual(try keep.map { try $0.runScript("marker") }, ["3", "4", "3", "4"])
    }

    /// A snapshot built while no isolate is alive, used after the one that
    /// was alive when an older snapshot was built is gone, and the reverse.
    func testSnapshotsBuiltWithAndWithoutLiveIsolatesFindEveryKey() throws {
        let lonely = try snapshot(5)
        var holder: Isolate? = try Isolate(snapshot: lonely)
        let crowded = try snapshot(6)
        holder = nil
        XCTAssertEqual(try lookUp(Isolate(snapshot: crowded)), Self.expected)
        let keep = try Isolate(snapshot: crowded)
        XCTAssertEqual(try lookUp(Isolate(snapshot: lonely)), Self.expected)
        XCTAssertEqual(try lookUp(keep), Self.expected)
        XCTAssertNil(holder)
    }

    /// A snapshot from the cache was hashed by another process (here:
    /// another build): its isolates are rehashed, alongside built ones.
    func testIsolatesOfACachedSnapshotFindEveryKey() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nano-seed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let scripts = [Self.tables]
        _ = try Snapshot.loadOrBuild(scripts: scripts, ops: TestSnapshot.ops, cacheDirectory: directory)
        let cached = try Snapshot.loadOrBuild(scripts: scripts, ops: TestSnapshot.ops, cacheDirectory: directory)
        XCTAssertEqual(cached.origin, .cached)
        let built = try snapshot(7)
        do {
            let a = try Isolate(snapshot: built)
            let b = try Isolate(snapshot: cached)
            let c = try Isolate(snapshot: built)
            for isolate in [a, b, c] { XCTAssertEqual(try lookUp(isolate), Self.expected) }
        }
        XCTAssertEqual(try lookUp(Isolate(snapshot: cached)), Self.expected)
        XCTAssertEqual(try lookUp(Isolate(snapshot: built)), Self.expected)
    }
}
