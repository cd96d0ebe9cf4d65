#if canImport(Glibc)
import Glibc
#endif

/// Where `console` writes. The standard one writes straight to file
/// descriptors 1 and 2 (unbuffered, so stdout and stderr keep their order).
public struct ConsoleOutput: Sendable {
    public enum Stream: Sendable { case stdout, stderr }
    /// Text, stream, and the id of the request the call belongs to (nil
    /// outside a request).
    public let write: @Sendable (String, Stream, String?) -> Void

    public init(_ write: @escaping @Sendable (String, Stream) -> Void) {
        self.write = { text, stream, _ in write(text, stream) }
    }

    public init(tagged write: @escaping @Sendable (String, Stream, String?) -> Void) {
        self.write = write
    }

    public func write(_ text: String, _ stream: Stream) {
        write(text, stream, nil)
    }

    public static let standard = ConsoleOutput { text, stream in
        writeAll(text, fd: stream == .stdout ? 1 : 2)
    }

    static func writeAll(_ text: String, fd: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }
}
