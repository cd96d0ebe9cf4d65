import Foundation

/// Log lines to a file descriptor, gathered. A line costs its writer a lock
/// and a copy; a thread of this writer's own writes what has gathered with one
/// write(2), at most `gatherSeconds` after the first line of a batch.
/// With a write(2) per line, one access line cost more than serving the
/// request it describes (34 µs of a 55 µs hello-world request, measured
/// under wrk). Lines at warning level and above are written before `write`
/// returns, after whatever gathered before them, so nothing is reordered and
/// an error just before a crash is not lost; `flush` does the same at exit.
public final class LogWriter: @unchecked Sendable {
    // @unchecked: `pending`, `spare` and `started` are only read or written
    // with `condition` locked; `fd` never changes.
    public static let standardError = LogWriter(fd: 2)

    private static let gatherSeconds = 0.002
    /// A batch this large is written at once rather than left to grow.
    private static let flushBytes = 256 * 1024

    private let fd: Int32
    private let condition = NSCondition()
    private var pending: [UInt8] = []
    private var spare: [UInt8] = []
    private var started = false

    public init(fd: Int32) {
        self.fd = fd
    }

    public func write(_ line: String, urgent: Bool) {
        condition.lock()
        defer { condition.unlock() }
        let wasEmpty = pending.isEmpty
        var line = line
        line.withUTF8 { pending.append(contentsOf: $0) }
        if urgent || pending.count >= Self.flushBytes {
            writePendingLocked()
            return
        }
        if !started {
            started = true
            let thread = Thread { [self] in run() }
            thread.name = "nano log writer"
            thread.start()
        }
        if wasEmpty { condition.signal() }
    }

    /// Writes everything gathered so far before returning.
    public func flush() {
        condition.lock()
        writePendingLocked()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while pending.isEmpty { condition.wait() }
            condition.unlock()
            Thread.sleep(forTimeInterval: Self.gatherSeconds)
            flush()
        }
    }

    /// Under the lock, so that batches and urgent lines go out in order.
    private func writePendingLocked() {
        guard !pending.isEmpty else { return }
        swap(&pending, &spare)
        spare.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }  // nowhere to log to: drop rather than stall the server
                offset += n
            }
        }
        spare.removeAll(keepingCapacity: true)
    }
}
