// The ceiling for NANO's HTTP front: SwiftNIO with the parser NANO uses
// (llhttp, driven straight on the bytes read, as NanoServer's RequestParser
// does) and one handler that answers every request with canned bytes — no
// JavaScript, no routing. `make bench` runs it beside NANO so "NANO vs the
// bare front" is measured, not guessed.
//
//   nio-ceiling PORT [THREADS]
import CLLHTTP
import NIOCore
import NIOPosix

final class CannedResponder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let response: ByteBuffer
    private let parser = UnsafeMutablePointer<nano_llhttp_t>.allocate(capacity: 1)
    private let settings = UnsafeMutablePointer<nano_llhttp_settings_t>.allocate(capacity: 1)
    private var completed = 0

    init(response: ByteBuffer) {
        self.response = response
        nano_llhttp_settings_init(settings)
        settings.pointee.on_message_complete = { p in
            Unmanaged<CannedResponder>.fromOpaque(p!.pointee.data).takeUnretainedValue().completed += 1
            return 0
        }
        nano_llhttp_init(parser, CLLHTTP.HTTP_REQUEST, settings)
        parser.pointee.data = Unmanaged.passUnretained(self).toOpaque()
    }

    deinit {
        parser.deallocate()
        settings.deallocate()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let status = buffer.withUnsafeReadableBytes { nano_llhttp_execute_bytes(parser, $0.baseAddress!, $0.count) }
        guard status == CLLHTTP.HPE_OK else { return context.close(promise: nil) }
        while completed > 0 {
            completed -= 1
            context.write(wrapOutboundOut(response), promise: nil)
        }
    }

    // One flush per batch of reads, as NANO flushes once per loop turn.
    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }
}

let arguments = CommandLine.arguments
let port = arguments.count > 1 ? Int(arguments[1]) ?? 8080 : 8080
let threads = arguments.count > 2 ? Int(arguments[2]) ?? 1 : 1
let body = "Hello, World!"
let canned = ByteBuffer(string: "HTTP/1.1 200 OK\r\ncontent-type: text/plain;charset=UTF-8\r\ncontent-length: \(body.utf8.count)\r\n\r\n\(body)")
let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
let channel = try ServerBootstrap(group: group)
    .serverChannelOption(.backlog, value: 1024)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(CannedResponder(response: canned))
        }
    }
    .bind(host: "127.0.0.1", port: port).wait()
print("nio-ceiling: serving on 127.0.0.1:\(channel.localAddress?.port ?? port) with \(threads) thread(s)")
try channel.closeFuture.wait()
