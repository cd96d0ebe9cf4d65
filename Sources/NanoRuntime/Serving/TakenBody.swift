#if canImport(Glibc)
import Glibc
#endif
import NanoEngine
@_spi(CustomByteBufferAllocator) import NIOCore

extension OutgoingResponse.Body {
    /// A body whose memory was JS's (an ArrayBuffer the response owned, taken
    /// with `OpCall.takeBytes`): sent from where it is, no copy, and given
    /// back once NIO has written it.
    public static func taken(_ bytes: UnsafeMutableRawBufferPointer) -> Self {
        .buffers([ByteBuffer(takingOwnershipOf: bytes, allocator: takenAllocator)])
    }

    /// Frees through the shim (which returns the block to where ArrayBuffer
    /// memory comes from); NIO only allocates with it if something were to
    /// write into a taken buffer, which nothing does.
    private static let takenAllocator = ByteBufferAllocator(
        allocate: { malloc($0) },
        reallocate: { pointer, _, size in realloc(pointer, size) },
        deallocate: OpCall.freeTaken,
        copy: { destination, source, count in _ = memcpy(destination, source, count) })
}

extension OutgoingResponse {
    /// Bodies up to this size are written into the head's buffer (one
    /// write); larger ones follow as buffers of their own, where one taken
    /// from JS goes as it is.
    public static let inlineBodyBytes = 16 * 1024
}
