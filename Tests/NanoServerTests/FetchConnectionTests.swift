import Foundation
import NIOCore
import NIOPosix
import Synchronization
import XCTest

/// fetch() keeps its connections to an upstream open and reuses them: an app
/// under concurrent load must not open a TCP connection per fetch (each one
/// left in TIME-WAIT, until the machine runs out of ports).
final class FetchConnectionTests: XCTestCase {
    func testConcurrentFetchesReuseTheirConnections() async throws {
        let upstream = try await CountingUpstream.start()
        addTeardownBlock { try await upstream.stop() }
        let app = try await TestServer(module: """
            export default {
              async fetch(request) {
                const target = new URL(request.url).searchParams.get("to");
                const texts = await Promise.all(Array.from({ length: 6 }, async () => (await fetch(target)).text()));
                return new Response(texts.join(","));
              },
            };
            """, threads: 2, configure: { $0.allowPrivateNetwork = true })
        addTeardownBlock { try await app.stop() }
        let target = "http://127.0.0.1:\(upstream.port)/"
        // 8 clients at once, 5 requests each: 240 fetches, at most 6 at a
        // time per isolate, over 2 event loops.
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<5 {
                do {
                    let r = try app.get("/?to=\(target)")
                    if r.status != 200 || r.text != Array(repeating: "ok", count: 6).joined(separator: ",") {
                        failures.withLock { $0.append("\(r.status) \(r.text)") }
                    }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        XCTAssertEqual(failures.withLock { $0 }, [])
        XCTAssertEqual(upstream.requests, 240)
        // Two isolates with 6 fetches in flight each need 12 connections; a
        // few more may open while one is being handed back.
        XCTAssertLessThanOrEqual(upstream.connections, 24, "\(upstream.connections) connections for 240 fetches")
    }
}

/// An HTTP upstream on a real loopback socket that answers "ok" to every
/// request and counts the connections it accepted.
private final class CountingUpstream: Sendable {
    let channel: any Channel
    let group: MultiThreadedEventLoopGroup
    private let counts = Mutex((connections: 0, requests: 0))
    var port: Int { channel.localAddress?.port ?? 0 }
    var connections: Int { counts.withLock { $0.connections } }
    var requests: Int { counts.withLock { $0.requests } }

    private init(channel: any Channel, group: MultiThreadedEventLoopGroup) {
        self.channel = channel
        self.group = group
    }

    static func start() async throws -> CountingUpstream {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let counter = Counter()
        let channel = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                counter.connected()
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Responder(counter: counter))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let upstream = CountingUpstream(channel: channel, group: group)
        counter.upstream.withLock { $0 = upstream }
        return upstream
    }

    func stop() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }

    fileprivate func count(connection: Bool) {
        counts.withLock { if connection { $0.connections += 1 } else { $0.requests += 1 } }
    }

    private final class Counter: Sendable {
        let upstream = Mutex<CountingUpstream?>(nil)
        func connected() { upstream.withLock { $0?.count(connection: true) } }
        func requested() { upstream.withLock { $0?.count(connection: false) } }
    }

    /// Answers each request once its head has arrived (the fetches here
    /// send no body), however the bytes were split.
    private final class Responder: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let counter: Counter
        var received = ""
        init(counter: Counter) { self.counter = counter }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            received += buffer.readString(length: buffer.readableBytes) ?? ""
            while let end = received.range(of: "\r\n\r\n") {
                received.removeSubrange(..<end.upperBound)
                counter.requested()
                var response = context.channel.allocator.buffer(capacity: 64)
                response.writeString("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok")
                context.writeAndFlush(wrapOutboundOut(response), promise: nil)
            }
        }
    }
}
