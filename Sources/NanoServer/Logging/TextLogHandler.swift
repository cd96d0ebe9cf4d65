import Foundation
import Logging

/// Log lines as text, in swift-log's StreamLogHandler format
/// (`2026-11-25T06:35:35+0000 info nano.http: app=hello … [NanoServer] GET / 200`),
/// written through a LogWriter: the timestamp is formatted once a second and
/// lines go out in batches, not one write(2) each.
public struct TextLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let writer: LogWriter

    public init(label: String, writer: LogWriter) {
        self.label = label
        self.writer = writer
    }

    public static func standardError(label: String) -> TextLogHandler {
        TextLogHandler(label: label, writer: .standardError)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        log(level: event.level, message: event.message, metadata: event.metadata, source: event.source,
            file: event.file, function: event.function, line: event.line)
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?,
                    source: String, file: String, function: String, line: UInt) {
        var out = LogTimestamp.local()
        out += " "
        out += level.rawValue
        if !label.isEmpty {
            out += " "
            out += label
        }
        out += ":"
        var merged = metadata
        if let explicit, !explicit.isEmpty {
            if merged.isEmpty { merged = explicit } else { merged.merge(explicit) { _, new in new } }
        }
        for key in merged.keys.sorted() {
            out += " "
            out += key
            out += "="
            out += merged[key]!.description
        }
        out += " ["
        out += source
        out += "] "
        out += message.description
        out += "\n"
        writer.write(out, urgent: level >= .warning)
    }
}
