import NIOCore

/// A request body on its way from the socket into the app's
/// `request.body` stream, read from the socket only as the app reads it.
///
/// The connection pushes what it receives; the app pulls. Bytes received
/// wait here until the app asks (one delivery per pull, everything waiting
/// at once); while more than `pauseBytes` wait, the connection stops
/// reading the socket. Both ends live on the same event loop.
public final class RequestBodyFeed {
    /// Reads from the socket may go on (false: pause them).
    public var onReadable: ((Bool) -> Void)?
    /// The app no longer wants the body (cancelled its stream, or finished
    /// without reading it all): drop the rest.
    public var onCancel: (() -> Void)?
    /// Set by the isolate: delivers to JS; told when the feed is over.
    var deliver: ((Delivery) -> Void)?
    var onDone: (() -> Void)?

    enum Delivery {
        case chunk([UInt8])
        case end
        case error(String)
    }

    private var waiting: [ByteBuffer] = []
    private var waitingBytes = 0
    private var ended = false
    private var failure: String?
    private var wanted = false
    private var done = false
    private let pauseBytes: Int

    public init(pauseBytes: Int = 64 * 1024) {
        self.pauseBytes = pauseBytes
    }

    // MARK: - From the connection

    public func push(_ buffer: ByteBuffer) {
        guard !done else { return }
        waiting.append(buffer)
        waitingBytes += buffer.readableBytes
        if waitingBytes >= pauseBytes { onReadable?(false) }
        flush()
    }

    public func finish() {
        guard !done else { return }
        ended = true
        flush()
    }

    public func fail(_ message: String) {
        guard !done else { return }
        failure = message
        flush()
    }

    // MARK: - From the app

    func pull() {
        guard !done else { return }
        wanted = true
        flush()
    }

    func cancel() {
        guard !done else { return }
        close()
        onCancel?()
    }

    /// The connection drops the rest (the request was answered): nothing
    /// more is delivered.
    public func close() {
        guard !done else { return }
        done = true
        waiting.removeAll()
        waitingBytes = 0
        onDone?()
    }

    private func flush() {
        guard wanted, let deliver else { return }
        if !waiting.isEmpty {
            wanted = false
            var bytes: [UInt8] = []
            bytes.reserveCapacity(waitingBytes)
            for buffer in waiting { bytes.append(contentsOf: buffer.readableBytesView) }
            waiting.removeAll(keepingCapacity: true)
            waitingBytes = 0
            onReadable?(true)
            deliver(.chunk(bytes))
        } else if let failure {
            done = true
            deliver(.error(failure))
            onDone?()
        } else if ended {
            done = true
            deliver(.end)
            onDone?()
        }
    }
}
