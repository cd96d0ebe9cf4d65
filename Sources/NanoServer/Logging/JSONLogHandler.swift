import Foundation
import Logging

/// Log lines as JSON, one object per line, for log pipelines:
/// `{"ts":"2026-11-25T03:55:00.123Z","level":"info","logger":"nano.http",
/// "msg":"GET / 200","app":"hello","request_id":"…", …}` — the metadata's
/// keys at the top level beside the fixed ones (a metadata key that clashes
/// with one of them gets a `meta_` prefix).
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let sink: @Sendable (_ line: String, _ level: Logger.Level) -> Void

    /// `sink` gets each line, newline included, and its level (it must be
    /// thread-safe).
    public init(label: String, sink: @escaping @Sendable (_ line: String, _ level: Logger.Level) -> Void) {
        self.label = label
        self.sink = sink
    }

    /// Lines to standard error, through a LogWriter (batched; warnings and
    /// worse at once).
    public static func standardError(label: String) -> JSONLogHandler {
        let writer = LogWriter.standardError
        return JSONLogHandler(label: label) { line, level in writer.write(line, urgent: level >= .warning) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    private static let fixedKeys: Set<String> = ["ts", "level", "logger", "msg"]

    public func log(event: LogEvent) {
        log(level: event.level, message: event.message, metadata: event.metadata, source: event.source,
            file: event.file, function: event.function, line: event.line)
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?,
                    source: String, file: String, function: String, line: UInt) {
        var out = "{\"ts\":\""
        out += Self.timestamp()
        out += "\",\"level\":\""
        out += level.rawValue
        out += "\",\"logger\":"
        Self.appendQuoted(label, to: &out)
        out += ",\"msg\":"
        Self.appendQuoted(message.description, to: &out)
        var merged = metadata
        if let explicit { merged.merge(explicit) { _, new in new } }
        for key in merged.keys.sorted() {
            out += ","
            Self.appendQuoted(Self.fixedKeys.contains(key) ? "meta_" + key : key, to: &out)
            out += ":"
            Self.append(merged[key]!, to: &out)
        }
        out += "}\n"
        sink(out, level)
    }

    private static func append(_ value: Logger.Metadata.Value, to out: inout String) {
        switch value {
        case .string(let s): appendQuoted(s, to: &out)
        case .stringConvertible(let c):
            // Numbers stay numbers, everything else is text.
            if c is any BinaryInteger || c is Double || c is Float { out += c.description } else { appendQuoted(c.description, to: &out) }
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                append(item, to: &out)
            }
            out += "]"
        case .dictionary(let dict):
            out += "{"
            for (i, key) in dict.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                appendQuoted(key, to: &out)
                out += ":"
                append(dict[key]!, to: &out)
            }
            out += "}"
        }
    }

    /// A JSON string literal (RFC 8259): quotes, backslashes and control
    /// characters escaped; everything else as it is (UTF-8).
    static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        var plainStart = s.unicodeScalars.startIndex
        var index = plainStart
        let scalars = s.unicodeScalars
        while index < scalars.endIndex {
            let c = scalars[index]
            let escape: String?
            switch c {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case _ where c.value < 0x20 || c.value == 0x2028 || c.value == 0x2029:
                let hex = String(c.value, radix: 16)
                escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escape = nil
            }
            if let escape {
                out.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
                out += escape
                plainStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        out.unicodeScalars.append(contentsOf: scalars[plainStart..<scalars.endIndex])
        out += "\""
    }

    /// RFC 3339 UTC with milliseconds.
    static func timestamp() -> String { LogTimestamp.utcMilliseconds() }
}
