import NanoEngine
import NIOCore

/// Network buffers handed to JS as one Uint8Array: the shim copies each
/// straight into the ArrayBuffer (the only copy between the socket and JS).
struct BufferSegments: ByteSegments {
    let buffers: [ByteBuffer]

    init(_ buffers: [ByteBuffer]) {
        self.buffers = buffers
    }

    func withSegments<R>(_ body: ([UnsafeRawBufferPointer]) -> R) -> R {
        // Each buffer's storage is retained while its pointer is in use, as
        // NIO requires of a pointer kept past the closure that gave it.
        var parts: [UnsafeRawBufferPointer] = []
        var storages: [Unmanaged<AnyObject>] = []
        parts.reserveCapacity(buffers.count)
        storages.reserveCapacity(buffers.count)
        for buffer in buffers {
            buffer.withUnsafeReadableBytesWithStorageManagement { bytes, storage in
                parts.append(bytes)
                storages.append(storage.retain())
            }
        }
        defer { for storage in storages { storage.release() } }
        return body(parts)
    }
}
