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
        return local.withLock { cached in
            if cached.second != now {
                var seconds = now
                var parts = tm()
                localtime_r(&seconds, &parts)
                var buffer = [CChar](repeating: 0, count: 64)
                strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
                cached = Cached(second: now, text: String(cString: buffer))
            }
            return cached.text
        }
    }

    /// RFC 3339 UTC with milliseconds: 2026-11-25T06:35:35.123Z.
    static func utcMilliseconds() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let second = now.tv_sec
        var text = utc.withLock { cached in
            if cached.second != second {
                var seconds = second
                var parts = tm()
                gmtime_r(&seconds, &parts)
                var buffer = [CChar](repeating: 0, count: 64)
                strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S.", &parts)
                cached = Cached(second: second, text: String(cString: buffer))
            }
            return cached.text
        }
        let millis = Int(now.tv_nsec / 1_000_000)
        text += millis < 10 ? "00" : millis < 100 ? "0" : ""
        text += String(millis)
        text += "Z"
        return text
    }
}
