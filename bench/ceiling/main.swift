// The ceiling for NANO's HTTP front: SwiftNIO with the same decoder NANO
// uses (llhttp through HTTPRequestDecoder) and one handler that answers
// every request with canned bytes — no JavaScript, no routing. `make bench`
// runs it beside NANO so "NANO vs the bare front" is measured, not guessed.
//
//   nio-ceiling PORT [THREADS]
import NIOCore
import NIOHTTP1
import NIOPosix

final class CannedResponder: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = ByteBuffer

    private let response: ByteBuffer
    private var pendingFlush = false

    init(response: ByteBuffer) { self.response = response }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) {
            context.write(wrapOutboundOut(response), promise: nil)
            pendingFlush = true
        }
    }

    // One flush per batch of reads, as NANO flushes once per loop turn.
    func channelReadComplete(context: ChannelHandlerContext) {
        if pendingFlush {
            pendingFlush = false
            context.flush()
        }
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
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
            try channel.pipeline.syncOperations.addHandler(CannedResponder(response: canned))
        }
    }
    .bind(host: "127.0.0.1", port: port).wait()
print("nio-ceiling: serving on 127.0.0.1:\(channel.localAddress?.port ?? port) with \(threads) thread(s)")
try channel.closeFuture.wait()
