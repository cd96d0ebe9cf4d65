import NIOCore

/// A request body on its way from the socket into the app's
/// `request.body` stream, read from the socket only as the app reads it.
///
/// The connection pushes what it receives; the app pulls. Bytes received
/// wait here until the app asks (one delivery per pull, everything waiting
/// at once); while more than `pauseBytes` wait, the connection stops
/// reading the socket. Both ends live on the same event loop.
///
/// An app that reads the whole body at once (`await request.arrayBuffer()`
/// and the like) asks for it whole: the feed then keeps everything until the
/// end and delivers it in one piece, without pausing the socket (the
/// connection's body-size limit bounds it, as it bounds a buffered body).
/// One crossing into JS instead of one per network read.
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
        /// What arrived since the last delivery, in the buffers it came in.
        case chunk([ByteBuffer])
        /// The whole body (asked for with `pullWhole`); nothing follows.
        case whole([ByteBuffer])
        /// The body asked for whole will not come (the request was answered
        /// first): JS lets go of the read.
        case dropped
        case end
        case error(String)
    }

    private var waiting: [ByteBuffer] = []
    private var waitingBytes = 0
    private var whole = false
    /// What arrived since the body was asked for whole (after `waiting`).
    private var kept = BodyPieces()
    private var ended = false
    private var failure: String?
    private var wanted = false
    private var done = false
    private let pauseBytes: Int

    /// How much may wait for the app before reads pause (and so, the
    /// largest body the connection takes whole before the app runs).
    public static let defaultPauseBytes = 64 * 1024

    public init(pauseBytes: Int = RequestBodyFeed.defaultPauseBytes) {
        self.pauseBytes = pauseBytes
    }

    // MARK: - From the connection

    public func push(_ buffer: ByteBuffer) {
        guard !done else { return }
        waitingBytes += buffer.readableBytes
        if whole {
            kept.append(buffer)
            return flush()
        }
        waiting.append(buffer)
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

    /// The app wants the whole body at once (one delivery, `.whole`, at the
    /// end).
    func pullWhole() {
        guard !done else { return }
        whole = true
        wanted = true
        onReadable?(true)
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
        kept = BodyPieces()
        waitingBytes = 0
        if whole { deliver?(.dropped) }
        onDone?()
    }

    private func flush() {
        guard wanted, let deliver else { return }
        if whole, failure == nil {
            guard ended else { return }
            done = true
            let buffers = waiting + kept.buffers
            waiting = []
            kept = BodyPieces()
            waitingBytes = 0
            deliver(.whole(buffers))
            onDone?()
        } else if !waiting.isEmpty, !whole {
            wanted = false
            let buffers = waiting
            waiting = []
            waitingBytes = 0
            onReadable?(true)
            deliver(.chunk(buffers))
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
