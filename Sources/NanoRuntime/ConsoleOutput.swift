#if canImport(Glibc)
import Glibc
#endif

/// Where `console` writes. The standard one writes straight to file
/// descriptors 1 and 2 (unbuffered, so stdout and stderr keep their order).
public struct ConsoleOutput: Sendable {
    public enum Stream: Sendable { case stdout, stderr }
    public let write: @Sendable (String, Stream) -> Void

    public init(_ write: @escaping @Sendable (String, Stream) -> Void) {
        self.write = write
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
