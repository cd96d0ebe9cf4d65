import Foundation
import XCTest

/// The runtime's web APIs, run inside NANO against conformance modules (each
/// prints `not ok` lines and a final `N passed, M failed`), and the
/// web-platform-tests' own vectors from ../shared/testdata/wpt.
final class ConformanceTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let wpt = repository.deletingLastPathComponent().appendingPathComponent("shared/testdata/wpt")

    /// Runs Fixtures/<name> with `extra` files (name → source URL) beside it;
    /// returns (passed, output).
    func runConformance(_ name: String, extra: [String: URL] = [:], file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let fixture = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        var files = ["main.js": try String(contentsOf: fixture, encoding: .utf8)]
        for (target, source) in extra {
            files[target] = try String(contentsOf: source, encoding: .utf8)
        }
        let r = try runModule(files)
        let lines = r.stdout.split(separator: "\n")
        let summary = try XCTUnwrap(lines.last, "no output: \(r.stderr)", file: file, line: line)
        let failures = lines.filter { $0.hasPrefix("not ok") }.prefix(20).joined(separator: "\n")
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        XCTAssertTrue(summary.hasSuffix(", 0 failed"), "\(name): \(summary)\n\(failures)\n\(r.stderr)", file: file, line: line)
        return Int(summary.split(separator: " ").first ?? "") ?? 0
    }

    func testURLAgainstWPTVectors() throws {
        let dir = Self.wpt.appendingPathComponent("url")
        var extra: [String: URL] = [:]
        for json in ["urltestdata.json", "setters_tests.json", "toascii.json", "percent-encoding.json", "IdnaTestV2.json"] {
            extra[json] = dir.appendingPathComponent(json)
        }
        XCTAssertGreaterThan(try runConformance("url-conformance.js", extra: extra), 4000)
    }

    func testForgivingBase64AgainstWPTVectors() throws {
        let vectors = Self.wpt.appendingPathComponent("fetch-data-urls/base64.json")
        XCTAssertGreaterThan(try runConformance("base64-wpt.js", extra: ["base64.json": vectors]), 70)
    }

    func testDataURLsThroughFetchAgainstWPTVectors() throws {
        let vectors = Self.wpt.appendingPathComponent("fetch-data-urls/data-urls.json")
        XCTAssertGreaterThan(try runConformance("data-url-wpt.js", extra: ["data-urls.json": vectors]), 70)
    }

    func testEventsAbortEncodingBase64() throws {
        XCTAssertGreaterThan(try runConformance("web-events-conformance.js"), 100)
    }

    func testCryptoRandomAndDigest() throws {
        XCTAssertGreaterThan(try runConformance("crypto-conformance.js"), 250)
    }

    func testBlobFileFormData() throws {
        XCTAssertGreaterThan(try runConformance("file-conformance.js"), 20)
    }

    func testSubtleCrypto() throws {
        XCTAssertGreaterThan(try runConformance("subtle-conformance.js"), 350)
    }

    func testStreams() throws {
        XCTAssertGreaterThan(try runConformance("streams-conformance.js"), 470)
    }

    func testCompressionStreams() throws {
        XCTAssertGreaterThan(try runConformance("compression-conformance.js"), 15)
    }

    func testHeadersRequestResponse() throws {
        XCTAssertGreaterThan(try runConformance("fetch-conformance.js"), 100)
    }
}
