import Foundation
import XCTest

final class ModuleLoadingTests: XCTestCase {
    func testModuleGraphOfSeveralFilesWithJSONImport() throws {
        let r = try runModule([
            "main.js": """
                import { greet } from "./lib/greet.js";
                import config from "./config.json" assert { type: "json" };
                import plain from "./data/plain.json";
                console.log(greet(config.name), plain.length);
                """,
            "lib/greet.js": """
                import { punctuation } from "../util/punct.js";
                export function greet(name) { return "hello " + name + punctuation; }
                """,
            "util/punct.js": "export const punctuation = '!';",
            "config.json": #"{ "name": "nano" }"#,
            "data/plain.json": "[1, 2, 3]",
        ])
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, "hello nano! 3\n")
        XCTAssertEqual(r.status, 0)
    }

    func testImportCyclesWorkAsTheSpecSays() throws {
        let r = try runModule([
            "main.js": "import { a, callB } from './a.js'; console.log(a, callB());",
            "a.js": "import { b } from './b.js'; export const a = 'A'; export function callB() { return b(); }",
            "b.js": "import { a } from './a.js'; export function b() { return 'B sees ' + a; }",
        ])
        XCTAssertEqual(r.stdout, "A B sees A\n")
        XCTAssertEqual(r.status, 0)
    }

    /// import(): the module's namespace once evaluated (top-level await
    /// included); the same instance as a static import's; JSON with its
    /// assertion; its evaluation error as it was thrown; a TypeError naming
    /// the specifier and the reason for what cannot be loaded.
    func testDynamicImport() throws {
        let r = try runModule([
            "main.js": """
                import { x as staticX, counter } from "./x.js";
                async function attempt(s, o) {
                  try { const m = await import(s, o); return Object.keys(m).sort().join(","); }
                  catch (e) { return e.name + ": " + e.message; }
                }
                const a = await import("./x.js");
                console.log("same instance", a.x === staticX, a.counter === counter, counter());
                const name = "./sub/" + "y.js";
                console.log((await import(name)).y);
                console.log((await import("./data.json", { assert: { type: "json" } })).default.a);
                console.log((await import("./tla.js")).slow);
                console.log(await attempt("./bad.js"));
                console.log(await attempt("./syntax.js"));
                console.log(await attempt("./missing.js"));
                console.log(await attempt("../outside.js"));
                console.log(await attempt("lodash"));
                """,
            "x.js": "let n = 0; export const x = 42; export function counter() { return ++n; }",
            "sub/y.js": "import { x } from '../x.js'; export const y = 'y sees ' + x;",
            "data.json": #"{ "a": 1 }"#,
            "tla.js": "await new Promise((r) => setTimeout(r, 5)); export const slow = 'after a timer';",
            "bad.js": "throw new RangeError('thrown at the top level');",
            "syntax.js": "const = 1;",
        ])
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.status, 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.prefix(5)), [
            "same instance true true 1", "y sees 42", "1", "after a timer", "RangeError: thrown at the top level",
        ])
        XCTAssertEqual(lines.count, 9, r.stdout)
        guard lines.count == 9 else { return }
        XCTAssertTrue(lines[5].hasPrefix("TypeError: import() of \"./syntax.js\": ") && lines[5].hasSuffix("syntax.js:1:7: SyntaxError: Unexpected token '='"), lines[5])
        XCTAssertTrue(lines[6].hasPrefix("TypeError: import() of \"./missing.js\": ") && lines[6].hasSuffix("cannot read module: no such file"), lines[6])
        XCTAssertTrue(lines[7].hasPrefix("TypeError: import() of \"../outside.js\": ") && lines[7].contains("outside the app's folder"), lines[7])
        XCTAssertTrue(lines[8].hasPrefix("TypeError: import() of \"lodash\": ") && lines[8].contains("only relative"), lines[8])
    }

    func testImportMetaURLIsTheModulesFileURL() throws {
        let app = try AppFolder(["main.js": "console.log(import.meta.url)"])
        let r = try runFile(app.path("main.js"))
        XCTAssertEqual(r.stdout, URL(fileURLWithPath: app.path("main.js")).absoluteString + "\n")
    }

    func testSyntaxErrorNamesFileLineAndColumn() throws {
        let app = try AppFolder([
            "main.js": "import './broken.js';",
            "broken.js": "const ok = 1;\nfunction f( {\n",
        ])
        let r = try runFile(app.path("main.js"))
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.hasPrefix("error: \(app.path("broken.js")):3:1: SyntaxError:"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one line: \(r.stderr)")
    }

    func testThrownErrorStackNamesTheRightFileAndLine() throws {
        let app = try AppFolder([
            "main.js": "import { explode } from './lib.js';\nexplode();\n",
            "lib.js": "export function explode() {\n  const x = 1;\n  throw new TypeError('kaboom ' + x);\n}\n",
        ])
        let r = try runFile(app.path("main.js"))
        XCTAssertEqual(r.status, 1)
        let lib = URL(fileURLWithPath: app.path("lib.js")).absoluteString
        let main = URL(fileURLWithPath: app.path("main.js")).absoluteString
        XCTAssertTrue(r.stderr.hasPrefix("error: Uncaught TypeError: kaboom 1\n"), r.stderr)
        XCTAssertTrue(r.stderr.contains("at explode (\(lib):3:9)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("at \(main):2:1"), r.stderr)
    }

    func testTopLevelAwaitRejectionIsAnErrorWithExit1() throws {
        let r = try runModule(["main.js": "await Promise.resolve();\nthrow new Error('after await');"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("error: Uncaught Error: after await\n"), r.stderr)
    }

    func testTopLevelAwaitThatNeverResolvesIsReported() throws {
        let r = try runModule(["main.js": "await new Promise(() => {});\nconsole.log('unreachable');"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "error: Top-level await promise never resolved\n")
    }

    // MARK: - Bad input: one line naming the file and the reason, exit 1

    func testMissingEntryFile() throws {
        let app = try AppFolder([:])
        try FileManager.default.createDirectory(at: app.url, withIntermediateDirectories: true)
        let r = try runFile(app.path("nope.js"))
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "error: \(app.path("nope.js")): cannot read module: no such file\n")
    }

    func testMissingImportNamesTheImporter() throws {
        let app = try AppFolder(["main.js": "import './gone.js';"])
        let r = try runFile(app.path("main.js"))
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "error: \(app.path("gone.js")) (imported from \(app.path("main.js"))): cannot read module: no such file\n")
    }

    func testUnreadableModuleNamesTheReason() throws {
        let app = try AppFolder(["main.js": "import './dir.js';", "dir.js/inner.txt": "x"])
        let r = try runFile(app.path("main.js"))
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "error: \(app.path("dir.js")) (imported from \(app.path("main.js"))): cannot read module: is a directory\n")
    }

    func testUnreadableModuleWithoutPermission() throws {
        try XCTSkipIf(getuid() == 0, "root reads every file; permission errors cannot be produced")
        let app = try AppFolder(["main.js": "import './secret.js';", "secret.js": "export {}"])
        chmod(app.path("secret.js"), 0)
        let r = try runFile(app.path("main.js"))
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("permission denied"), r.stderr)
    }

    func testImportOutsideTheAppFolderIsRefused() throws {
        let outside = try AppFolder(["secret.js": "export const s = 'leaked';"])
        let app = try AppFolder([
            "main.js": "import { s } from '../\(outside.url.lastPathComponent)/secret.js'; console.log(s);",
        ])
        let r = try runFile(app.path("main.js"))
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "error: \(outside.path("secret.js")): imported from \(app.path("main.js")) but outside the app's folder \(app.url.path)\n")
    }

    func testSymlinkOutOfTheAppFolderIsRefused() throws {
        let outside = try AppFolder(["secret.js": "export const s = 'leaked';"])
        let app = try AppFolder(["main.js": "import { s } from './link.js'; console.log(s);"])
        try FileManager.default.createSymbolicLink(atPath: app.path("link.js"), withDestinationPath: outside.path("secret.js"))
        let r = try runFile(app.path("main.js"))
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("outside the app's folder"), r.stderr)
    }

    func testBareSpecifierIsRefusedWithTheReason() throws {
        let app = try AppFolder(["main.js": "import _ from 'lodash';"])
        let r = try runFile(app.path("main.js"))
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "error: \(app.path("main.js")): cannot import \"lodash\": only relative (./, ../) or absolute file paths inside the app's folder can be imported\n")
    }

    func testInvalidJSONModuleNamesTheFile() throws {
        let app = try AppFolder(["main.js": "import d from './d.json';", "d.json": "{ nope }"])
        let r = try runFile(app.path("main.js"))
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("error: \(app.path("d.json")):1:3: SyntaxError: Unexpected token n in JSON"), r.stderr)
    }

    func testModuleThrowingAtTopLevelExits1WithStack() throws {
        let r = try runModule(["main.js": "const a = 1;\nthrow new RangeError('top ' + a);\n"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("error: Uncaught RangeError: top 1\n    at "), r.stderr)
        XCTAssertTrue(r.stderr.contains("main.js:2:7"), r.stderr)
    }

    func testThrowingANonErrorValue() throws {
        let r = try runModule(["main.js": "throw { toString() { throw new Error('hostile') } };"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("error: Uncaught "), r.stderr)
    }
}
