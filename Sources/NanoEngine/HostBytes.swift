import CV8

/// Bytes the host writes once (a request body, as it arrives) and then hands
/// to JS as a Uint8Array whose memory V8 takes over: no copy between the
/// network buffers it was written from and JS. The memory comes from where
/// the isolates' ArrayBuffers come from, so V8 frees it as its own.
///
/// Sendable for HookArgument's sake: a block is written and handed over by
/// the one event-loop thread that owns its connection and isolate, never
/// touched by two threads.
public final class HostBytes: @unchecked Sendable {
    public let capacity: Int
    public private(set) var count = 0
    private var block: UnsafeMutableRawPointer?

    public init(capacity: Int) {
        self.capacity = capacity
        block = cv8_block_alloc(capacity)
    }

    deinit {
        if let block { cv8_block_free(block, capacity) }
    }

    /// Every byte of the capacity is written.
    public var isComplete: Bool { count == capacity }

    /// Appends `bytes`; false (and nothing written) when they do not fit.
    @discardableResult
    public func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let block, count + bytes.count <= capacity else { return false }
        if let source = bytes.baseAddress, bytes.count > 0 {
            (block + count).copyMemory(from: source, byteCount: bytes.count)
        }
        count += bytes.count
        return true
    }

    /// Gives the block up (to a CV8_KIND_BLOCK argument), once.
    func take() -> UnsafeMutableRawPointer? {
        defer { block = nil }
        return block
    }

    /// The bytes written so far, while the block is still here.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        body(UnsafeRawBufferPointer(start: block, count: block == nil ? 0 : count))
    }
}
