import NIOCore
import XCTest
@testable import NanoServer

/// A body piece queued for the app must not keep a large read buffer alive
/// for a few bytes (reads grow to 128 KiB).
final class KeptBodyPieceTests: XCTestCase {
    let allocator = ByteBufferAllocator()

    func read(_ size: Int, capacity: Int) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: capacity)
        buffer.writeBytes((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        return buffer
    }

    func testAFewBytesOfALargeReadGetABufferOfTheirOwn() {
        let whole = read(300, capacity: 128 * 1024)
        let piece = whole.getSlice(at: 100, length: 150)!
        let kept = piece.keptBodyPiece(allocator: allocator)
        XCTAssertEqual(kept.readableBytesView.elementsEqual(piece.readableBytesView), true)
        XCTAssertLessThan(kept.storageCapacity, 4 * 1024, "not the 128 KiB read buffer")
    }

    func testAPieceThatFillsMostOfItsReadIsKeptAsItIs() {
        let whole = read(100 * 1024, capacity: 128 * 1024)
        let piece = whole.getSlice(at: 10, length: 90 * 1024)!
        let kept = piece.keptBodyPiece(allocator: allocator)
        XCTAssertEqual(kept.storageCapacity, whole.storageCapacity, "no copy")
        XCTAssertEqual(kept, piece)
    }
}
