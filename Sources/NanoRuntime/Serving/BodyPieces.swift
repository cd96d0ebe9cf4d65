import NIOCore

/// Bytes of a request body kept on the server's side, copied out of the
/// network buffers into buffers of their own: a network buffer held on to
/// (even by a small slice of it) cannot be read into again, so each read
/// would cost NIO a new one -- of 64 KB, each an mmap, page faults and an
/// munmap. Pieces stay below malloc's mmap threshold and are reused from
/// its heap.
public struct BodyPieces {
    public private(set) var buffers: [ByteBuffer] = []
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    public mutating func append(_ chunk: ByteBuffer) {
        var rest = chunk
        count += rest.readableBytes
        while rest.readableBytes > 0 {
            if buffers.isEmpty || buffers[buffers.count - 1].writableBytes == 0 {
                buffers.append(ByteBufferAllocator().buffer(capacity: Self.pieceBytes))
            }
            let length = min(rest.readableBytes, buffers[buffers.count - 1].writableBytes)
            var piece = rest.readSlice(length: length)!
            buffers[buffers.count - 1].writeBuffer(&piece)
        }
    }

    static let pieceBytes = 32 * 1024
}
