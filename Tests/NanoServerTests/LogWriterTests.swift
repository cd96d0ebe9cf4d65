import Foundation
import Logging
@testable import NanoServer
import XCTest

/// Log lines are gathered and written in batches (LogWriter): none may be
/// lost, cut or mixed with another, warnings go out before `log` returns,
/// and the text format stays swift-log's StreamLogHandler format.
final class LogWriterTests: XCTestCase {
    /// A pipe drained by a thread, as a log collector would.
    final class Drain {
        /// What arrived, appended from the pipe's reader thread.
        final class Received: @unchecked Sendable {
            // @unchecked: `data` is only touched with `lock` held.
            private let lock = NSLock()
            private var data = Data()
            func append(_ chunk: Data) { lock.withLock { data.append(chunk) } }
            var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
        }

        let pipe = Pipe()
        private let received = Received()
        init() {
            // The handler holds `received`, not the drain: no cycle, so the
            // drain's deinit runs and clears it.
            let received = self.received
            pipe.fileHandleForReading.readabilityHandler = { handle in received.append(handle.availableData) }
        }
        var text: String { received.text }
        func waitFor(_ predicate: (String) -> Bool, timeout: TimeInterval = 5) -> String {
            let end = Date().addingTimeInterval(timeout)
            while Date() < end {
                if predicate(text) { return text }
                Thread.sleep(forTimeInterval: 0.005)
            }
            return text
        }
        deinit { pipe.fileHandleForReading.readabilityHandler = nil }
    }

    func testLinesFromManyThreadsAllArriveWholeAndInOrderPerThread() {
        let drain = Drain()
        let writer = LogWriter(fd: drain.pipe.fileHandleForWriting.fileDescriptor)
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            for i in 0..<500 { writer.write("thread \(t) line \(i) \(String(repeating: "x", count: i % 50))\n", urgent: false) }
        }
        let text = drain.waitFor { $0.split(separator: "\n").count == 2000 }
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.count, 2000)
        for t in 0..<4 {
            let mine = lines.filter { $0.hasPrefix("thread \(t) ") }
            XCTAssertEqual(mine.count, 500)
            for (i, line) in mine.enumerated() {
                XCTAssertEqual(String(line), "thread \(t) line \(i) \(String(repeating: "x", count: i % 50))")
            }
        }
    }

    func testAnUrgentLineIsWrittenBeforeWriteReturnsAfterWhatGatheredBeforeIt() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        defer { close(fds[0]); close(fds[1]) }
        let writer = LogWriter(fd: fds[1])
        writer.write("first\n", urgent: false)
        writer.write("second, urgent\n", urgent: true)
        // Already in the pipe: a non-blocking read finds both, in order.
        _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = read(fds[0], &buffer, buffer.count)
        XCTAssertEqual(n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : "", "first\nsecond, urgent\n")
    }

    func testTextHandlerKeepsStreamLogHandlerFormat() {
        let drain = Drain()
        let writer = LogWriter(fd: drain.pipe.fileHandleForWriting.fileDescriptor)
        var logger = Logger(label: "nano.test") { label in TextLogHandler(label: label, writer: writer) }
        logger[metadataKey: "app"] = "hello"
        logger.info("GET / 200", metadata: ["status": "200", "bytes": .stringConvertible(13)])
        writer.flush()
        let line = drain.waitFor { $0.hasSuffix("\n") }
        // 2026-11-25T06:35:35+0000 info nano.test: app=hello bytes=13 status=200 [NanoServerTests] GET / 200
        let pattern = #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} info nano.test: app=hello bytes=13 status=200 \[NanoServerTests\] GET / 200\n$"#
        XCTAssertNotNil(line.range(of: pattern, options: .regularExpression), line)
    }
}

final class MillisecondsTextTests: XCTestCase {
    /// The access line's duration_ms / cpu_ms, as String(format: "%.3f").
    func testMatchesPrintfWithThreeDecimals() {
        for ns: Int64 in [0, 499, 500, 1_000, 5_432, 12_345_678, 999_999_499, 999_999_500, 3_000_000_000, 61_234_567_891] {
            XCTAssertEqual(millisecondsText(nanoseconds: ns), String(format: "%.3f", Double(ns) / 1e6), "\(ns)")
        }
    }
}
