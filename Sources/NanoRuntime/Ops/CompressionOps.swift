import CZlib
import NanoEngine

/// zlib streams for CompressionStream / DecompressionStream
/// (JS/streams/compression.js). Each stream is a handle of its worker.
enum CompressionOps {
    static let ops: [NativeOp] = [
        // zlibNew(format, decompress) -> handle. format: "deflate" (zlib
        // wrapper), "deflate-raw" or "gzip".
        NativeOp("zlibNew") { call in
            guard let worker = call.worker else { return }
            let bits: Int32
            switch call.string(0) {
            case "deflate": bits = 15
            case "deflate-raw": bits = -15
            case "gzip": bits = 15 + 16
            default: throw OpError(.typeError, "zlibNew: unsupported format")
            }
            let stream = try ZStream(windowBits: bits, decompress: call.kind(1) == .bool && call.number(1) != 0)
            worker.nextZStream += 1
            worker.zstreams[worker.nextZStream] = stream
            call.returnNumber(Double(worker.nextZStream))
        },
        // zlibWrite(handle, bytes) -> the output this input gives now.
        NativeOp("zlibWrite") { call in
            guard let stream = call.worker?.zstreams[Int(call.number(0))] else {
                throw OpError(.typeError, "zlibWrite: the stream is closed")
            }
            let output = try call.withBytes(1) { input in try stream.process(input, finish: false) } ?? []
            output.withUnsafeBytes { call.returnBytes($0) }
        },
        // zlibFinish(handle) -> the last output; the handle is closed.
        NativeOp("zlibFinish") { call in
            guard let worker = call.worker, let stream = worker.zstreams.removeValue(forKey: Int(call.number(0))) else {
                throw OpError(.typeError, "zlibFinish: the stream is closed")
            }
            let output = try stream.process(UnsafeRawBufferPointer(start: nil, count: 0), finish: true)
            output.withUnsafeBytes { call.returnBytes($0) }
        },
        // zlibFree(handle): the stream was cancelled or errored.
        NativeOp("zlibFree") { call in
            call.worker?.zstreams[Int(call.number(0))] = nil
        },
    ]
}

/// One zlib deflate or inflate stream.
final class ZStream {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let decompress: Bool
    private var ended = false  // inflate saw the end of the compressed data

    init(windowBits: Int32, decompress: Bool) throws(OpError) {
        self.decompress = decompress
        stream.initialize(to: z_stream())
        let status = decompress
            ? inflateInit2_(stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            : deflateInit2_(stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            throw OpError(.typeError, "zlib could not start a stream")
        }
    }

    deinit {
        if decompress { inflateEnd(stream) } else { deflateEnd(stream) }
        stream.deallocate()
    }

    /// Feeds `input` (and, with `finish`, ends the stream); returns what
    /// comes out. Invalid or truncated compressed data is a TypeError, as the
    /// Compression Standard says.
    func process(_ input: UnsafeRawBufferPointer, finish: Bool) throws(OpError) -> [UInt8] {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        if decompress && ended && input.count > 0 {
            throw OpError(.typeError, "DecompressionStream: there is data after the end of the compressed stream")
        }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.pointee.avail_in = UInt32(input.count)
        while true {
            let status: Int32 = chunk.withUnsafeMutableBufferPointer { out in
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = UInt32(out.count)
                return decompress ? inflate(stream, Z_NO_FLUSH) : deflate(stream, finish ? Z_FINISH : Z_NO_FLUSH)
            }
            let produced = chunk.count - Int(stream.pointee.avail_out)
            output.append(contentsOf: chunk[0..<produced])
            switch status {
            case Z_STREAM_END:
                if decompress {
                    ended = true
                    if stream.pointee.avail_in > 0 {
                        throw OpError(.typeError, "DecompressionStream: there is data after the end of the compressed stream")
                    }
                }
                return output
            case Z_OK:
                if stream.pointee.avail_out == 0 { continue }  // more output waiting
                if stream.pointee.avail_in == 0 && !finish { return output }
                if !decompress && finish { continue }
            case Z_BUF_ERROR:
                // No progress possible: all input used.
                if decompress && finish && !ended {
                    throw OpError(.typeError, "DecompressionStream: the compressed data ends too soon")
                }
                if !finish { return output }
                if !decompress { continue }
                return output
            default:
                throw OpError(.typeError, "DecompressionStream: the data is not valid compressed data")
            }
            if decompress && stream.pointee.avail_in == 0 {
                if finish && !ended {
                    throw OpError(.typeError, "DecompressionStream: the compressed data ends too soon")
                }
                return output
            }
        }
    }
}
