import Foundation
import XCTest

/// `nanod run` as a user runs it: a real child process, its exit status and
/// its two output streams.
final class RunCommandTests: XCTestCase {
    /// nanod is built next to the test bundle.
    static var nanod: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return exe.deletingLastPathComponent().appendingPathComponent("nanod")
    }

    func nanod(_ arguments: [String], environment: [String: String] = [:]) throws -> NanodOutcome {
        try runNanod(arguments, environment: environment)
    }

    func write(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nanod-\(UUID().uuidString)")
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    func testRunPrintsAndExitsZero() throws {
        let dir = try write([
            "main.js": "import { v } from './v.js';\nconsole.log('value', v);\nconsole.error('to stderr');\nsetTimeout(() => console.info('later'), 1);",
            "v.js": "export const v = { n: [1, 'two'] };",
        ])
        let r = try nanod(["run", dir.appendingPathComponent("main.js").path])
        XCTAssertEqual(r.reason, .exit)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "value { n: [ 1, 'two' ] }\nlater\n")
        XCTAssertEqual(r.stderr, "to stderr\n")
    }

    func testRelativePathFromTheWorkingDirectory() throws {
        let dir = try write(["app/main.js": "console.log('ok')"])
        let process = Process()
        process.executableURL = Self.nanod
        process.arguments = ["run", "app/main.js"]
        process.currentDirectoryURL = dir
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "ok\n")
    }

    func testBadInputsGiveOneLineAndExitOneNeverACrash() throws {
        let dir = try write([
            "syntax.js": "const a = 1;\nconst = 2;",
            "throws.js": "throw new Error('top level');",
            "rejects.js": "Promise.reject(new Error('unhandled'));",
            "outside.js": "import '../../etc/passwd.js';",
            "missing-import.js": "import './nope.js';",
        ])
        let cases: [(String, String)] = [
            ("missing.js", "cannot read module: no such file"),
            ("syntax.js", "syntax.js:2:7: SyntaxError: Unexpected token '='"),
            ("throws.js", "Uncaught Error: top level"),
            ("rejects.js", "Uncaught (in promise) Error: unhandled"),
            ("outside.js", "outside the app's folder"),
            ("missing-import.js", "nope.js (imported from "),
        ]
        for (file, expected) in cases {
            let r = try nanod(["run", dir.appendingPathComponent(file).path])
            XCTAssertEqual(r.reason, .exit, "\(file) crashed: \(r.stderr)")
            XCTAssertEqual(r.status, 1, file)
            XCTAssertTrue(r.stderr.hasPrefix("error: "), "\(file): \(r.stderr)")
            XCTAssertTrue(r.stderr.split(separator: "\n").first!.contains(expected), "\(file): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("Fatal"), "\(file): \(r.stderr)")
        }
    }

    func testExtraTrustedCertificatesThatCannotBeLoadedStopTheStart() throws {
        let dir = try write(["main.js": "console.log('ran')", "bad.pem": "not a certificate\n"])
        let main = dir.appendingPathComponent("main.js").path
        let missing = dir.appendingPathComponent("missing.pem").path
        for (file, reason) in [(missing, "cannot load the certificates"), (dir.appendingPathComponent("bad.pem").path, "")] {
            let r = try nanod(["run", main], environment: ["NANO_EXTRA_CA_CERTS": file])
            XCTAssertEqual(r.reason, .exit, r.stderr)
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertEqual(r.stdout, "", "the module ran")
            XCTAssertTrue(r.stderr.hasPrefix("error: NANO_EXTRA_CA_CERTS (\(file)): \(reason)"), r.stderr)
        }
    }

    func testMissingArgumentIsAUsageError() throws {
        let r = try nanod(["run"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("Missing expected argument"), r.stderr)
    }

    func testSnapshotCacheIsBuiltOnceThenReused() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("nanod-cache-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: cache) }
        let dir = try write(["main.js": "console.log(typeof setTimeout, typeof console.table)"])
        let first = try nanod(["run", dir.appendingPathComponent("main.js").path], environment: ["NANO_CACHE_DIR": cache.path])
        XCTAssertEqual(first.stdout, "function function\n")
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix("snapshot-") }
        XCTAssertEqual(files.count, 1)
        let modified = try FileManager.default.attributesOfItem(atPath: cache.appendingPathComponent(files[0]).path)[.modificationDate] as? Date
        let second = try nanod(["run", dir.appendingPathComponent("main.js").path], environment: ["NANO_CACHE_DIR": cache.path])
        XCTAssertEqual(second.stdout, "function function\n")
        let after = try FileManager.default.attributesOfItem(atPath: cache.appendingPathComponent(files[0]).path)[.modificationDate] as? Date
        XCTAssertEqual(modified, after, "the cached snapshot was rewritten")
    }
}

/// What a finished nanod process did.
struct NanodOutcome {
    var status: Int32
    var reason: Process.TerminationReason
    var stdout: String
    var stderr: String
}

func runNanod(_ arguments: [String], environment: [String: String] = [:]) throws -> NanodOutcome {
    let process = Process()
    process.executableURL = RunCommandTests.nanod
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "LD_LIBRARY_PATH")  // libnode must come from the rpath
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return NanodOutcome(status: process.terminationStatus, reason: process.terminationReason,
                   stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
}

