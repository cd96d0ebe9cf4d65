import Foundation
import Synchronization

/// Log timestamps, formatted once per second rather than once per line.
/// (swift-log's StreamLogHandler calls localtime(3), which looks up
/// /etc/localtime in the file system for every line.)
enum LogTimestamp {
    private struct Cached {
        var second = -1
        var text = ""
    }

    private static let local = Mutex(Cached())
    private static let utc = Mutex(Cached())
    private static let zoneSet: Void = tzset()

    /// Local time as StreamLogHandler writes it: 2026-11-25T06:35:35+0000.
    static func local(now: Int = time(nil)) -> String {
        _ = zoneSet
        return format(now, "%Y-%m-%dT%H:%M:%S%z", cache: local, localtime_r)
    }

    /// RFC 3339 UTC with milliseconds: 2026-11-25T06:35:35.123Z.
    static func utcMilliseconds() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var text = format(now.tv_sec, "%Y-%m-%dT%H:%M:%S.", cache: utc, gmtime_r)
        let millis = Int(now.tv_nsec / 1_000_000)
        text += millis < 10 ? "00" : millis < 100 ? "0" : ""
        text += String(millis)
        text += "Z"
        return text
    }

    /// `second` through `strftime(format)`, formatted again only when the
    /// second changes.
    private static func format(_ second: Int, _ format: String, cache: borrowing Mutex<Cached>,
                               _ split: (UnsafePointer<time_t>, UnsafeMutablePointer<tm>) -> UnsafeMutablePointer<tm>?) -> String {
        cache.withLock { cached in
            if cached.second != second {
                var seconds = second
                var parts = tm()
                _ = split(&seconds, &parts)
                var buffer = [CChar](repeating: 0, count: 64)
                let length = strftime(&buffer, buffer.count, format, &parts)
                cached = Cached(second: second, text: String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            return cached.text
        }
    }
}
