import NanoEngine
import XCTest

final class ModuleTests: XCTestCase {
    func testModulesLinkAsTheHostSaysAndEvaluate() throws {
        let isolate = try Isolate(snapshot: TestSnapshot.shared)
        let main = try isolate.compileModule(url: "file:///app/main.js", source: """
            import { b } from "./b.js";
            import data from "./data.json" assert { type: "json" };
            globalThis.result = b + ":" + data.n + ":" + import.meta.url;
            """)
        XCTAssertEqual(isolate.requests(of: main), [
            ModuleRequest(specifier: "./b.js", assertsJSON: false),
            ModuleRequest(specifier: "./data.json", assertsJSON: true),
        ])
        let b = try isolate.compileModule(url: "file:///app/b.js", source: "export const b = 'B';")
        let data = try isolate.compileJSONModule(url: "file:///app/data.json", json: #"{"n": 7}"#)
        isolate.link(main, request: 0, to: b)
        isolate.link(main, request: 1, to: data)
        try isolate.instantiate(main)
        try isolate.evaluate(main)
        _ = try isolate.performMicrotaskCheckpoint()
        guard case .evaluated = isolate.state(of: main) else { return XCTFail("not evaluated") }
        XCTAssertEqual(try isolate.runScript("result"), "B:7:file:///app/main.js")
    }

    /// import() waits for the host: claimed once each, settled with a
    /// module's namespace or a TypeError; an isolate that goes away with
    /// imports still waiting lets go of them cleanly.
    func testDynamicImportIsSettledByTheHost() throws {
        let isolate = try Isolate(snapshot: TestSnapshot.shared)
        let main = try isolate.compileModule(url: "file:///app/main.js", source: """
            globalThis.log = [];
            import("./x.js").then((m) => log.push("x " + m.x), (e) => log.push("x failed"));
            import("./gone.js", { assert: { type: "json" } }).then(() => log.push("gone?"), (e) => log.push(e.name + " " + e.message));
            """)
        try isolate.instantiate(main)
        try isolate.evaluate(main)
        _ = try isolate.performMicrotaskCheckpoint()
        XCTAssertTrue(isolate.hasPendingImports)
        let first = try XCTUnwrap(isolate.nextImport())
        let second = try XCTUnwrap(isolate.nextImport())
        XCTAssertNil(isolate.nextImport())
        XCTAssertFalse(isolate.hasPendingImports)
        XCTAssertEqual([first.referrer, first.specifier, "\(first.assertsJSON)"], ["file:///app/main.js", "./x.js", "false"])
        XCTAssertEqual([second.specifier, "\(second.assertsJSON)"], ["./gone.js", "true"])
        let x = try isolate.compileModule(url: "file:///app/x.js", source: "export const x = 42;")
        try isolate.instantiate(x)
        try isolate.resolveImport(first.id, with: x)
        try isolate.rejectImport(second.id, message: "no such module")
        _ = try isolate.performMicrotaskCheckpoint()
        XCTAssertEqual(try isolate.runScript("log.sort().join(',')"), "TypeError no such module,x 42")

        // Waiting imports when the isolate goes: nothing dangles.
        let other = try Isolate(snapshot: TestSnapshot.shared)
        let waiting = try other.compileModule(url: "file:///app/w.js", source: "import('./a.js'); import('./b.js');")
        try other.instantiate(waiting)
        try other.evaluate(waiting)
        XCTAssertTrue(other.hasPendingImports)
    }

    func testSyntaxErrorNamesFileLineAndColumn() throws {
        let isolate = try Isolate(snapshot: TestSnapshot.shared)
        XCTAssertThrowsError(try isolate.compileModule(url: "file:///app/bad.js", source: "export const a = 1;\nconst = 2;\n")) { error in
            let e = error as! JSException
            XCTAssertEqual(e.kind, .compile)
            XCTAssertTrue(e.message.hasPrefix("SyntaxError:"), e.message)
            XCTAssertEqual(e.location, "file:///app/bad.js:2:7")
        }
    }

    func testInvalidJSONModuleIsAnError() throws {
        let isolate = try Isolate(snapshot: TestSnapshot.shared)
        XCTAssertThrowsError(try isolate.compileJSONModule(url: "file:///app/x.json", json: "{oops}")) { error in
            XCTAssertTrue((error as! JSException).message.contains("SyntaxError"), "\(error)")
        }
    }

    func testTopLevelThrowAndRejectionAreReportedAsErrorsNotUnhandledRejections() throws {
        let isolate = try Isolate(snapshot: TestSnapshot.shared)
        let m = try isolate.compileModule(url: "file:///app/t.js", source: "\nthrow new Error('top');")
        try isolate.instantiate(m)
        try? isolate.evaluate(m)
        XCTAssertEqual(try isolate.performMicrotaskCheckpoint().count, 0)
        guard case .errored(let e) = isolate.state(of: m) else { return XCTFail("expected an error") }
        XCTAssertEqual(e.message, "Error: top")
        XCTAssertTrue(e.stack?.contains("file:///app/t.js:2:7") == true, e.stack ?? "")
    }

    func testUnlinkedImportFailsInstantiationWithAClearError() throws {
        let isolate = try Isolate(snapshot: TestSnapshot.shared)
        let m = try isolate.compileModule(url: "file:///app/m.js", source: "import './missing.js';")
        XCTAssertThrowsError(try isolate.instantiate(m)) { error in
            XCTAssertTrue((error as! JSException).message.contains("./missing.js"), "\(error)")
        }
    }
}
