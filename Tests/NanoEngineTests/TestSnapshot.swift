import NanoEngine
import XCTest

/// A small snapshot made for the engine's own tests: one script that sets a
/// global and registers a hook, and a few ops.
enum TestSnapshot {
    static let ops = OpTable([
        NativeOp("echo") { call in call.returnString(call.string(0)) },
        NativeOp("add") { call in call.returnNumber(call.number(0) + call.number(1)) },
        NativeOp("fail") { _ in throw OpError(.typeError, "fail was called") },
        NativeOp("byteCount") { call in
            call.returnNumber(Double(call.withBytes(0) { $0.count } ?? -1))
        },
    ])

    static let scripts = [
        RuntimeScript(name: "nano:test/setup.js", source: """
            (function (nano, global) {
              global.fromSnapshot = 42;
              global.ops = nano.ops;
              nano.hooks.double = (x) => x * 2;
              nano.hooks.record = (s) => { global.recorded = s; };
            });
            """),
    ]

    static let shared: Snapshot = try! Snapshot.build(scripts: scripts, ops: ops)
}
