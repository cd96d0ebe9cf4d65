import NIOCore

extension ByteBuffer {
    /// A body piece that waits for the app (queued in a request's body)
    /// keeps alive the whole buffer it was read into, and reads grow to
    /// 128 KiB: a client that sends a few bytes at a time could make each
    /// few bytes hold a large buffer, past what the body's limits count. A
    /// piece using under a quarter of its buffer gets a buffer of its own
    /// (what is held stays within 4× what is counted; a copy of at most a
    /// quarter of a read).
    func keptBodyPiece(allocator: ByteBufferAllocator) -> ByteBuffer {
        guard storageCapacity > 4 * readableBytes else { return self }
        var own = allocator.buffer(capacity: readableBytes)
        own.writeImmutableBuffer(self)
        return own
    }
}
