import NIOCore

/// Flushes written responses once per event-loop turn instead of once per
/// response. The loop serves every ready connection of a turn and only then
/// runs queued tasks, so the responses of a turn leave in one burst: the
/// first write wakes a sleeping client, the rest find it running — the
/// wake-ups, not the bytes, are most of a small response's kernel cost.
/// Loop-confined.
final class FlushBatch {
    private let eventLoop: any EventLoop
    private var channels: [ChannelHandlerContext] = []
    private var scheduled = false

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
        channels.reserveCapacity(64)
    }

    /// Flushes `context` at the end of this turn.
    func flushSoon(_ context: ChannelHandlerContext) {
        channels.append(context)
        guard !scheduled else { return }
        scheduled = true
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        eventLoop.execute { bound.value.flushAll() }
    }

    private func flushAll() {
        scheduled = false
        let pending = channels
        channels.removeAll(keepingCapacity: true)
        for context in pending { context.flush() }
    }
}
