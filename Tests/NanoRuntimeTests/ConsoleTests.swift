import Foundation
import XCTest

/// console output must match what Node prints, byte for byte. The fixture's
/// expected strings were produced by running each case under Node 20.
final class ConsoleTests: XCTestCase {
    struct Case: Decodable {
        let name: String
        let code: String
        let stdout: String
        let stderr: String
    }

    func testFormattingMatchesNodeForEveryFixtureCase() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/console-cases", withExtension: "json"))
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
        XCTAssertGreaterThan(cases.count, 50)
        for c in cases {
            let r = try runModule(["main.js": c.code])
            XCTAssertEqual(r.status, 0, "\(c.name): \(r.stderr)")
            XCTAssertEqual(r.stdout, c.stdout, c.name)
            XCTAssertEqual(r.stderr, c.stderr, c.name)
        }
    }

    func testTimeAndTimeEndPrintTheLabelAndMilliseconds() throws {
        let r = try runModule(["main.js": """
            console.time("work");
            await new Promise((r) => setTimeout(r, 5));
            console.timeLog("work", "halfway");
            console.timeEnd("work");
            console.timeEnd("work");
            """])
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2, r.stdout)
        XCTAssertNotNil(lines[0].range(of: #"^work: \d+(\.\d+)?m?s halfway$"#, options: .regularExpression), lines[0])
        XCTAssertNotNil(lines[1].range(of: #"^work: \d+(\.\d+)?m?s$"#, options: .regularExpression), lines[1])
        XCTAssertTrue(r.stderr.contains("No such label 'work'"), r.stderr)
    }

    func testTraceGoesToStderrWithTheCallersStack() throws {
        let app = try AppFolder(["main.js": "function where() {\n  console.trace('here %d', 1);\n}\nwhere();\n"])
        let r = try runFile(app.path("main.js"))
        XCTAssertEqual(r.stdout, "")
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines.first, "Trace: here 1")
        XCTAssertTrue(lines.dropFirst().first?.contains("at where (\(URL(fileURLWithPath: app.path("main.js")).absoluteString):2:11)") == true, r.stderr)
    }

    func testErrorsPrintTheirStack() throws {
        let app = try AppFolder(["main.js": "const e = new Error('shown');\nconsole.error(e);\n"])
        let r = try runFile(app.path("main.js"))
        XCTAssertTrue(r.stderr.hasPrefix("Error: shown\n    at \(URL(fileURLWithPath: app.path("main.js")).absoluteString):1:11"), r.stderr)
    }

    func testConsoleSurvivesAnAppOverwritingBuiltins() throws {
        let r = try runModule(["main.js": """
            Object.keys = () => { throw new Error("hijacked") };
            Array.prototype.join = () => "hijacked";
            JSON.stringify = () => "hijacked";
            console.log("%j", { b: 1 }, { a: [1, 2] });
            """])
        XCTAssertEqual(r.stdout, "{\"b\":1} { a: [ 1, 2 ] }\n")
    }
}
