import CoreMetrics
import Prometheus
import Synchronization

/// The server's metrics for operators, in Prometheus' text format
/// (`GET /metrics` on the admin listener), made through swift-metrics on a
/// swift-prometheus registry:
///
/// - `nano_requests_total{app,status}` — responses by app and status
/// - `nano_request_duration_seconds{app}` — latency histogram (head to response)
/// - `nano_cpu_seconds_total{app}` — CPU time of the app's JavaScript
/// - `nano_limit_kills_total{kind}` — requests stopped for a limit
/// - `nano_isolates`, `nano_isolates_retiring` — live and draining isolates
/// - `nano_heap_bytes{app}` — heap used plus ArrayBuffers of the app's isolates
/// - `nano_in_flight_requests{app}` — requests handed to JS, not answered yet
/// - `nano_drains_total`, `nano_evictions_total` — isolates drained (replaced
///   or removed) and evicted (idle, over a cap)
/// - `nano_memory_reductions_total` — idle isolates that gave back the heap
///   they grew while busy
///
/// The request path stays free of locks and atomics except for the latency
/// histogram: counts are plain integers on each event loop (AppCounters),
/// summed when the metrics are read, and the registry's counters advance by
/// what changed since the last read.
public final class ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let factory: PrometheusMetricsFactory
    /// What the registry's counters have been advanced to, by series.
    private let published = Mutex<[String: Double]>([:])

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        // Small requests take well under a millisecond: finer low buckets.
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30),
        ]
        self.factory = factory
    }

    /// The latency histogram of one app (one per app and event loop; they
    /// share the series).
    func latency(app: String) -> RequestLatency {
        RequestLatency(timer: CoreMetrics.Timer(label: "nano_request_duration_seconds", dimensions: [("app", app)],
                                                preferredDisplayUnit: .seconds, factory: factory))
    }

    /// Brings the registry up to date with what the loops counted, then
    /// renders it.
    func render(_ loops: [LoopMetrics]) -> String {
        var requests: [[String]: Int] = [:]
        var cpu: [String: Int64] = [:]
        var kills: [String: Int] = [:]
        var heap: [String: Int] = [:]
        var inFlight: [String: Int] = [:]
        var live = 0, retiring = 0, drains = 0, evictions = 0, reductions = 0
        for loop in loops {
            live += loop.liveIsolates
            retiring += loop.retiringIsolates
            drains += loop.drains
            evictions += loop.evictions
            reductions += loop.memoryReductions
            for app in loop.apps {
                for (status, n) in app.byStatus { requests[[app.name, String(status)], default: 0] += n }
                cpu[app.name, default: 0] += app.cpuNanoseconds
                for (kind, n) in app.limitKills { kills[kind, default: 0] += n }
                heap[app.name, default: 0] += app.heapBytes
                inFlight[app.name, default: 0] += app.inFlight
            }
        }
        for (key, n) in requests {
            advance("nano_requests_total", [("app", key[0]), ("status", key[1])], to: Double(n))
        }
        for (app, ns) in cpu { advance("nano_cpu_seconds_total", [("app", app)], to: Double(ns) / 1e9) }
        for (kind, n) in kills { advance("nano_limit_kills_total", [("kind", kind)], to: Double(n)) }
        advance("nano_drains_total", [], to: Double(drains))
        advance("nano_evictions_total", [], to: Double(evictions))
        advance("nano_memory_reductions_total", [], to: Double(reductions))
        Gauge(label: "nano_isolates", factory: factory).record(live)
        Gauge(label: "nano_isolates_retiring", factory: factory).record(retiring)
        for (app, bytes) in heap { Gauge(label: "nano_heap_bytes", dimensions: [("app", app)], factory: factory).record(bytes) }
        for (app, n) in inFlight {
            Gauge(label: "nano_in_flight_requests", dimensions: [("app", app)], factory: factory).record(n)
        }
        return registry.emitToString()
    }

    /// Counters only go up: each is advanced by what its total grew since
    /// the last read (an app whose counts were dropped with it keeps its
    /// series where it was).
    private func advance(_ label: String, _ dimensions: [(String, String)], to total: Double) {
        let key = label + "|" + dimensions.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
        let delta = published.withLock { published -> Double in
            let before = published[key] ?? 0
            guard total > before else { return 0 }
            published[key] = total
            return total - before
        }
        // Made even when nothing changed, so every series shows from the start.
        if label.hasSuffix("_seconds_total") {
            FloatingPointCounter(label: label, dimensions: dimensions, factory: factory).increment(by: delta)
        } else {
            Counter(label: label, dimensions: dimensions, factory: factory).increment(by: Int64(delta))
        }
    }
}

/// One app's latency histogram, fed once per response.
struct RequestLatency {
    let timer: CoreMetrics.Timer
    func record(_ elapsed: Duration) {
        let (seconds, attoseconds) = elapsed.components
        timer.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

/// What one event loop counted, read on that loop.
struct LoopMetrics: Sendable {
    struct App: Sendable {
        var name: String
        var byStatus: [Int: Int]
        var cpuNanoseconds: Int64
        var limitKills: [String: Int]
        var heapBytes: Int
        var inFlight: Int
    }
    var apps: [App] = []
    var liveIsolates = 0
    var retiringIsolates = 0
    var drains = 0
    var evictions = 0
    var memoryReductions = 0
}
