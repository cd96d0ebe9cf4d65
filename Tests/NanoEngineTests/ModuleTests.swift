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
